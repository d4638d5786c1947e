-- Faults are kept, not dropped (issue 13).
--
-- A Telegram update whose handling failed: its raw JSON, tried again with backoff; after the
-- last attempt it stays here as a dead letter (dead_at) and the General topic is told once.
CREATE TABLE failed_updates (
    update_id INTEGER PRIMARY KEY,
    raw TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    error TEXT,
    retry_at TEXT NOT NULL,
    dead_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX failed_updates_due ON failed_updates (retry_at) WHERE dead_at IS NULL;

-- The same for an incoming WhatsApp message (its form stays in params until it is handled).
ALTER TABLE wa_messages ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE wa_messages ADD COLUMN retry_at TEXT;
ALTER TABLE wa_messages ADD COLUMN dead_at TEXT;

-- The pacer resumes from the record: what went out in the last minute, found by time.
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
