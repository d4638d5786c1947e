-- WhatsApp through Twilio.

-- Every WhatsApp message in or out. The row id stands in for a message id wherever the rest of
-- the bot keeps integer ids (message_links, replies); the Twilio MessageSid is the real key.
CREATE TABLE wa_messages (
    id           INTEGER PRIMARY KEY,
    sid          TEXT    NOT NULL UNIQUE,             -- Twilio MessageSid: a redelivery is seen once
    direction    TEXT    NOT NULL,                    -- in | out
    client_id    INTEGER REFERENCES clients (id),
    chat_id      TEXT,                                -- the client's WhatsApp address (From / To)
    params       TEXT,                                -- in: the webhook's form, until processed
    processed_at TEXT,                                -- in: handled by the services
    status       TEXT,                                -- out: queued | sent | delivered | read | failed | undelivered
    error_code   TEXT,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX wa_messages_chat ON wa_messages (chat_id, direction, created_at);
CREATE INDEX wa_messages_unprocessed ON wa_messages (direction, processed_at);

-- The numbered options last shown to a WhatsApp client ("reply 1, 2 or 3").
CREATE TABLE wa_options (
    client_id  INTEGER PRIMARY KEY REFERENCES clients (id),
    message_id INTEGER NOT NULL,                      -- wa_messages.id that carried them
    options    TEXT    NOT NULL,                      -- JSON [{label, action, arg}, ...]
    created_at TEXT    NOT NULL
);

-- Templates sent outside the 24-hour window: what follows them waits for the client's answer.
CREATE TABLE wa_templates (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    kind       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX wa_templates_client ON wa_templates (client_id, created_at);

-- Media passing between the channels: served to Twilio under an unguessable, expiring token,
-- or waiting to be uploaded to a client's topic.
CREATE TABLE media_files (
    token        TEXT    PRIMARY KEY,
    content_type TEXT    NOT NULL,
    filename     TEXT    NOT NULL,
    body         BLOB    NOT NULL,
    expires_at   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX media_files_expiry ON media_files (expires_at);

-- Report photos and documents, so a report can reach a client who cannot receive copies.
ALTER TABLE report_media ADD COLUMN kind TEXT;
ALTER TABLE report_media ADD COLUMN file_id TEXT;
