-- Topics (issue 26): closing a client's conversation, and new clients' topics held back
-- from spam waves.

-- /close in a client's topic: the topic is closed in Telegram and marked in its title; the
-- client's next message reopens it (or, once closed longer than CLOSED_TOPIC_REOPEN_WITHIN,
-- opens a new topic). NULL: open (or no topic yet).
ALTER TABLE clients ADD COLUMN topic_closed_at TEXT;
ALTER TABLE clients ADD COLUMN topic_closed_by INTEGER;

-- A new client's topic opens only once they have done something a person does (a second
-- message, an intake answer, a button), and at most NEW_TOPICS_PER_MINUTE a minute.
-- person_at: when they did; wanted_at: when their topic was asked for (NULL: not yet);
-- opened_at: when it was queued (the budget counts the last minute's).
CREATE TABLE topic_waits (
    client_id  INTEGER PRIMARY KEY REFERENCES clients (id),
    person_at  TEXT,
    wanted_at  TEXT,
    opened_at  TEXT
);
CREATE INDEX topic_waits_queue ON topic_waits (wanted_at, client_id)
    WHERE wanted_at IS NOT NULL AND opened_at IS NULL;
CREATE INDEX topic_waits_opened ON topic_waits (opened_at) WHERE opened_at IS NOT NULL;

-- What such a client wrote before their topic opened: the outbox items that relay it, in
-- order, moved to the outbox behind the topic when it opens (the client's words: erased with them).
CREATE TABLE held_messages (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    kind       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX held_messages_client ON held_messages (client_id, id);

-- The General topic hears once per wave that new clients wait for their topics.
CREATE TABLE topic_wave (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    announced_at TEXT NOT NULL
);
