-- One table for all work owed at a time: the workshop's owed work (ws_due) joins due_tasks.
-- What a workshop kind is about (a booking, an order, a line, a check); a deal's work keeps
-- request_id.
ALTER TABLE due_tasks ADD COLUMN ref_id INTEGER;

-- Every row comes over, done and skipped too: a key done stays done, so it is never owed again.
-- ws_due kept no creation time; the time it was due stands in for it.
INSERT INTO due_tasks (key, kind, client_id, ref_id, due_at, status, done_at, created_at)
    SELECT key, kind, client_id, ref_id, due_at, status, done_at, due_at FROM ws_due
    ORDER BY id;

DROP TABLE ws_due;

-- A question waiting behind a client's flow is the owed work it came from (its kind and
-- request stay, for the rows written before).
ALTER TABLE pending_questions ADD COLUMN due_id INTEGER REFERENCES due_tasks (id);
UPDATE pending_questions SET due_id = (SELECT d.id FROM due_tasks d
    WHERE d.key = pending_questions.kind || ':' || pending_questions.request_id);
