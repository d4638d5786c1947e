-- Work owed to clients and managers at a time: one row per (deal or client, kind).
CREATE TABLE due_tasks (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL UNIQUE,                 -- e.g. survey:12, birthday:3:2027
    kind       TEXT    NOT NULL,                        -- survey | review_reminder | long_followup | birthday
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    request_id INTEGER REFERENCES requests (id),
    due_at     TEXT    NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'pending',      -- pending | done | cancelled | skipped
    done_at    TEXT,
    created_at TEXT    NOT NULL
);
CREATE INDEX due_tasks_due ON due_tasks (status, due_at);
CREATE INDEX due_tasks_request ON due_tasks (request_id, status);

-- Reminders and alerts already sent to managers (nags, escalations, digests): sent once each.
CREATE TABLE manager_alerts (
    key        TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);

CREATE TABLE surveys (
    id            INTEGER PRIMARY KEY,
    request_id    INTEGER NOT NULL UNIQUE REFERENCES requests (id),
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    sent_at       TEXT    NOT NULL,
    completed_at  TEXT,
    car_quality   INTEGER,
    expectations  INTEGER,
    search_speed  INTEGER,
    paperwork     INTEGER,
    price         INTEGER,
    transparency  INTEGER,
    informed      INTEGER,
    relationship  INTEGER,
    nps           INTEGER,
    comment       TEXT,
    alerted_at    TEXT
);
CREATE INDEX surveys_completed ON surveys (completed_at);

CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL UNIQUE REFERENCES requests (id),
    client_id    INTEGER NOT NULL REFERENCES clients (id),
    requested_at TEXT    NOT NULL,
    answered_at  TEXT,
    text         TEXT
);

CREATE INDEX messages_client_author ON messages (client_id, author, created_at);

-- Kept current by every logged message, so promise checks read one row per client.
ALTER TABLE clients ADD COLUMN first_unanswered_at TEXT;      -- oldest client message since our last answer
ALTER TABLE clients ADD COLUMN last_manager_message_at TEXT;  -- the client last heard from us
CREATE INDEX clients_unanswered ON clients (first_unanswered_at) WHERE first_unanswered_at IS NOT NULL;
