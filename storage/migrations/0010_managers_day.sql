-- The manager's working day: several requests per client, phone calls, a deal's own news
-- interval, warnings before a promise breaks, a command waiting for its request to be chosen,
-- and automatic questions waiting for the client to finish what they were doing.

-- /every: this deal's own news interval in seconds (NULL: PROGRESS_UPDATE_INTERVAL).
ALTER TABLE requests ADD COLUMN every_seconds INTEGER;
-- Deals with their own interval: few, read apart from the setting's range scans.
CREATE INDEX requests_own_interval ON requests (every_seconds)
    WHERE every_seconds IS NOT NULL AND stage NOT IN ('handed_over', 'closed', 'cancelled');

-- The silence levels of requests (0007) now read: 0 nothing sent, 1 the topic warned at 3/4 of
-- the interval, 2 the promise broken (topic and General told). A request nagged under the old
-- rule (at the full interval) counts as broken and told: nothing is sent twice.
UPDATE requests SET nag_level = 2 WHERE nag_level = 1;

-- A client's wait for an answer: reply_nagged_for (0007) marks the wait whose broken promise
-- was told (topic and General); this one the wait the topic was warned of at 3/4 of REPLY_SLA.
ALTER TABLE clients ADD COLUMN reply_warned_for TEXT;
UPDATE clients SET reply_warned_for = reply_nagged_for;
CREATE INDEX clients_reply_warn ON clients (first_unanswered_at)
    WHERE reply_warned_for IS NOT first_unanswered_at;

-- /call: a phone call, who made it, when, what was said; it counts as news (messages row).
CREATE TABLE calls (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    request_id  INTEGER REFERENCES requests (id),
    manager_id  INTEGER NOT NULL,
    summary     TEXT    NOT NULL,
    told_client INTEGER NOT NULL DEFAULT 0,   -- /call!: the summary went to the client too
    created_at  TEXT    NOT NULL
);
CREATE INDEX calls_client ON calls (client_id, created_at);

-- A deal command written without #N while the client has several open requests: kept until
-- a manager presses the button of the request it is meant for.
CREATE TABLE deal_choices (
    id         INTEGER PRIMARY KEY,
    topic_id   INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    manager_id INTEGER NOT NULL,
    command    TEXT    NOT NULL,
    args       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    done_at    TEXT
);

-- Automatic questions (a survey, a later call) that came while the client was in another flow:
-- asked, in order, when that flow ends.
CREATE TABLE pending_questions (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    kind       TEXT    NOT NULL,
    request_id INTEGER REFERENCES requests (id),
    created_at TEXT    NOT NULL
);
CREATE INDEX pending_questions_client ON pending_questions (client_id, id);

-- /lead: the manager who leads the client (the figures credit them instead of a guess), and
-- when the client was told their manager's name (once).
ALTER TABLE clients ADD COLUMN lead_manager_id INTEGER;
ALTER TABLE clients ADD COLUMN lead_told_at TEXT;

-- When a search was marked hard (/hard): its estimate runs from here (a deviation when it ends).
ALTER TABLE requests ADD COLUMN hard_set_at TEXT;

-- Every request's own pinned card (a client with several open requests has several); the
-- client's card_message_id stays the newest one. Existing cards belong to the latest request.
ALTER TABLE requests ADD COLUMN card_message_id INTEGER;
UPDATE requests SET card_message_id = (SELECT card_message_id FROM clients
    WHERE clients.id = requests.client_id)
    WHERE id = (SELECT MAX(r.id) FROM requests r WHERE r.client_id = requests.client_id);
