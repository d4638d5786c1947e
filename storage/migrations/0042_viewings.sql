-- Issue 23, viewings and test drives of a reported car (docs/viewings.md): what 0037's
-- `viewings` table lacked. Its `status` now reads asked | proposed | confirmed | held | cancelled
-- (held: the time has passed and the client was asked for their impression).
ALTER TABLE viewings ADD COLUMN kind TEXT NOT NULL DEFAULT 'viewing';  -- viewing | test_drive
ALTER TABLE viewings ADD COLUMN proposed_by INTEGER;  -- the manager who proposed `at` (NULL: the client's time)
ALTER TABLE viewings ADD COLUMN confirmed_at TEXT;    -- UTC, when the time was agreed
ALTER TABLE viewings ADD COLUMN confirmed_by INTEGER; -- the manager who confirmed the client's time, or who proposed the time the client took
ALTER TABLE viewings ADD COLUMN held_at TEXT;         -- UTC, when the impression was asked
CREATE INDEX viewings_client ON viewings (client_id, id);
CREATE INDEX viewings_live ON viewings (at) WHERE status IN ('asked', 'proposed', 'confirmed');
