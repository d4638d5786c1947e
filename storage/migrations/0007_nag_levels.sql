-- The nag sweep reads only due rows through an index, instead of scanning every open request.
-- Each request keeps when its client last heard from us ("heard") and how far the nagging about
-- that silence went; storage/requests.py keeps both current (at creation, and when a manager
-- writes to the client). The interval stays a setting: the sweep compares heard_at with now.
ALTER TABLE requests ADD COLUMN heard_at TEXT;                        -- MAX(created_at, the client's last_manager_message_at)
ALTER TABLE requests ADD COLUMN nag_level INTEGER NOT NULL DEFAULT 0; -- for this silence: 0 none yet, 1 nagged, 2 escalated

-- Existing rows, by the rule the sweep used until now (0005's marks say which silence was nagged).
UPDATE requests SET heard_at = MAX(created_at, COALESCE(
    (SELECT last_manager_message_at FROM clients WHERE clients.id = requests.client_id), ''));
UPDATE requests SET nag_level = CASE WHEN escalated_for IS heard_at THEN 2
    WHEN progress_nagged_for IS heard_at THEN 1 ELSE 0 END;
DROP INDEX requests_open;
ALTER TABLE requests DROP COLUMN progress_nagged_for;
ALTER TABLE requests DROP COLUMN escalated_for;

-- Open requests only: a stage change moves a request in or out by itself. A sweep is two range
-- scans (level 0 silent past one interval, level 1 past two). The WHERE clause must stay word
-- for word the one storage/requests.py queries with, or SQLite cannot use the index.
CREATE INDEX requests_silence ON requests (nag_level, heard_at)
    WHERE stage NOT IN ('handed_over', 'closed', 'cancelled');

-- Clients waiting for an answer whom nobody was reminded of yet: a reminder takes the row out.
CREATE INDEX clients_reply_due ON clients (first_unanswered_at)
    WHERE reply_nagged_for IS NOT first_unanswered_at;
