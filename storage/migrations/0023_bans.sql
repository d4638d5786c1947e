-- Bans (issue 26): a client whose messages no longer reach the managers' group.
-- Set by /ban (shadow: the client is told nothing) or /ban! (ban_told = 1: the client is told
-- they are blocked); cleared by /unban and by erasure.
ALTER TABLE clients ADD COLUMN banned_at TEXT;
ALTER TABLE clients ADD COLUMN banned_by INTEGER;
ALTER TABLE clients ADD COLUMN ban_told INTEGER NOT NULL DEFAULT 0;
-- The owners' list (/bans) reads only the banned.
CREATE INDEX clients_banned ON clients (banned_at) WHERE banned_at IS NOT NULL;
