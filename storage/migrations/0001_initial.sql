-- Clients: one row per person per channel. Minimal client base: name, phone, birth date.
CREATE TABLE clients (
    id              INTEGER PRIMARY KEY,
    channel         TEXT    NOT NULL,              -- telegram | whatsapp
    external_id     TEXT    NOT NULL,              -- the channel's user id
    chat_id         TEXT    NOT NULL,              -- where messages to the client go
    name            TEXT,
    username        TEXT,
    language        TEXT    NOT NULL,
    phone           TEXT,                          -- E.164
    birth_date      TEXT,                          -- YYYY-MM-DD
    contact_time    TEXT,                          -- morning | afternoon | evening | any
    timezone        TEXT,
    topic_id        INTEGER,                       -- forum topic in the manager group
    card_message_id INTEGER,
    consent_at      TEXT,
    unreachable_at  TEXT,                          -- set while the client has blocked the bot
    created_at      TEXT    NOT NULL,
    UNIQUE (channel, external_id)
);
CREATE UNIQUE INDEX clients_topic ON clients (topic_id) WHERE topic_id IS NOT NULL;

-- A car search request (the deal).
CREATE TABLE requests (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    car           TEXT    NOT NULL,
    year_from     INTEGER NOT NULL,
    year_to       INTEGER NOT NULL,
    budget        INTEGER NOT NULL,
    must_haves    TEXT,
    deal_breakers TEXT,
    city          TEXT    NOT NULL,
    deadline      TEXT    NOT NULL,
    stage         TEXT    NOT NULL DEFAULT 'new',
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX requests_client ON requests (client_id, id);
CREATE INDEX requests_stage ON requests (stage);

-- Where a client is inside a guided flow (intake, feedback); survives restarts.
CREATE TABLE conversations (
    client_id  INTEGER PRIMARY KEY REFERENCES clients (id),
    flow       TEXT NOT NULL,
    step       TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);

-- Client message <-> manager group message, so replies and edits route both ways.
CREATE TABLE message_links (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id),
    client_message_id INTEGER NOT NULL,
    group_message_id  INTEGER NOT NULL,
    direction         TEXT    NOT NULL,            -- in: client -> group, out: group -> client
    created_at        TEXT    NOT NULL,
    UNIQUE (client_id, client_message_id),
    UNIQUE (group_message_id)
);

-- Conversation log (times and kinds only, no texts): response times and promises.
CREATE TABLE messages (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    author     TEXT    NOT NULL,                   -- client | manager | bot
    manager_id INTEGER,
    kind       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX messages_client_time ON messages (client_id, created_at);

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    author_id  INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);

-- Wishes and critique, kept apart from chat so none is lost.
CREATE TABLE feedback (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    request_id INTEGER REFERENCES requests (id),
    text       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);

-- Every outbound message, persisted before it is sent.
CREATE TABLE outbox (
    id                INTEGER PRIMARY KEY,
    channel           TEXT    NOT NULL,
    recipient         TEXT    NOT NULL,            -- ordering key: one chat
    kind              TEXT    NOT NULL,
    payload           TEXT    NOT NULL,            -- JSON
    client_id         INTEGER REFERENCES clients (id),
    dedup_key         TEXT    UNIQUE,
    status            TEXT    NOT NULL DEFAULT 'pending', -- pending | sending | sent | failed
    attempts          INTEGER NOT NULL DEFAULT 0,
    not_before        TEXT    NOT NULL,
    created_at        TEXT    NOT NULL,
    sent_at           TEXT,
    result_message_id INTEGER,
    error             TEXT
);
CREATE INDEX outbox_pending ON outbox (status, recipient, id);

-- Telegram update ids already handled, so a redelivered update is handled once.
CREATE TABLE processed_updates (
    update_id    INTEGER PRIMARY KEY,
    processed_at TEXT NOT NULL
);
