-- The owner's numbers (/stats, /export): indexes for period queries, and managers' names.

-- Client messages in a period (first-response times), and news in a window (48-hour promise).
CREATE INDEX messages_author_time ON messages (author, created_at);
-- A client's lead manager (who sent them the most messages), counted from the index alone.
CREATE INDEX messages_client_manager ON messages (client_id, author, manager_id);
CREATE INDEX requests_created ON requests (created_at);
-- Handovers and cancellations in a period; requests whose stage moved since a moment.
CREATE INDEX stage_changes_to_stage ON stage_changes (to_stage, created_at);
CREATE INDEX stage_changes_time ON stage_changes (created_at, request_id);
-- When a request stopped being open (handed over, closed, cancelled): few rows, found at once.
CREATE INDEX stage_changes_closing ON stage_changes (request_id, id, created_at)
    WHERE from_stage NOT IN ('handed_over', 'closed', 'cancelled')
    AND to_stage IN ('handed_over', 'closed', 'cancelled');
CREATE INDEX reports_sent ON reports (sent_at);
CREATE INDEX surveys_sent ON surveys (sent_at);
CREATE INDEX reviews_requested ON reviews (requested_at);
CREATE INDEX feedback_time ON feedback (created_at);

-- Who the manager ids in messages, stage changes and reports are, as Telegram last named them.
CREATE TABLE managers (
    id         INTEGER PRIMARY KEY,                  -- the Telegram user id
    name       TEXT    NOT NULL,
    username   TEXT,
    updated_at TEXT    NOT NULL
);
