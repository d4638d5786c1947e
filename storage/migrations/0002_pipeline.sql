-- The deal pipeline: stages with their history, hard searches, delivery dates, reports, handover.
ALTER TABLE requests ADD COLUMN hard_search_time TEXT;
ALTER TABLE requests ADD COLUMN hard_reason TEXT;
ALTER TABLE requests ADD COLUMN eta TEXT;                    -- YYYY-MM-DD, the promised date
ALTER TABLE requests ADD COLUMN handed_over_at TEXT;         -- follow-ups count from here
ALTER TABLE requests ADD COLUMN cancel_reason TEXT;

CREATE TABLE stage_changes (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    from_stage TEXT    NOT NULL,
    to_stage   TEXT    NOT NULL,
    note       TEXT,
    author_id  INTEGER,                                      -- the manager; NULL: the bot
    created_at TEXT    NOT NULL
);
CREATE INDEX stage_changes_request ON stage_changes (request_id, id);

CREATE TABLE eta_changes (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    old_eta    TEXT,
    new_eta    TEXT    NOT NULL,
    reason     TEXT,
    author_id  INTEGER NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX eta_changes_request ON eta_changes (request_id, id);

CREATE TABLE reports (
    id             INTEGER PRIMARY KEY,
    request_id     INTEGER NOT NULL REFERENCES requests (id),
    title          TEXT    NOT NULL,
    fields         TEXT    NOT NULL DEFAULT '[]',            -- JSON [[label, value], ...]
    merits         TEXT    NOT NULL DEFAULT '[]',            -- JSON [text, ...]
    flaws          TEXT    NOT NULL DEFAULT '[]',
    verdict        TEXT,
    author_id      INTEGER NOT NULL,
    source_message INTEGER NOT NULL,                         -- the /report message in the group
    media_group    TEXT,                                     -- the album it came with, if any
    reaction       TEXT,                                     -- interested | not_for_me | question
    reaction_at    TEXT,
    sent_at        TEXT,
    created_at     TEXT    NOT NULL
);
CREATE INDEX reports_request ON reports (request_id, id);

-- Photos and documents of a report: group message ids, copied to the client with the card.
CREATE TABLE report_media (
    id               INTEGER PRIMARY KEY,
    report_id        INTEGER NOT NULL REFERENCES reports (id),
    group_message_id INTEGER NOT NULL UNIQUE,
    created_at       TEXT    NOT NULL
);

-- What the client said about a report: reactions and free-text impressions, in order.
CREATE TABLE report_replies (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports (id),
    kind       TEXT    NOT NULL,                             -- interested | not_for_me | question | impression
    text       TEXT,
    created_at TEXT    NOT NULL
);
CREATE INDEX report_replies_report ON report_replies (report_id, id);

CREATE TABLE accepted_services (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    service    TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    UNIQUE (request_id, service)
);
