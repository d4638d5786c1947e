-- Which silence was already nagged about, so a sweep only looks at newly overdue rows.
ALTER TABLE requests ADD COLUMN progress_nagged_for TEXT;  -- the "last heard" time it was nagged for
ALTER TABLE requests ADD COLUMN escalated_for TEXT;
ALTER TABLE clients ADD COLUMN reply_nagged_for TEXT;      -- the first_unanswered_at it was nagged for
CREATE INDEX requests_open ON requests (stage, progress_nagged_for);
