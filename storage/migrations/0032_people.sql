-- One person on every channel (issue 25): a Telegram client and a WhatsApp client with the same
-- own phone are offered to the managers as one person; merged, the kept client answers for both.

-- The number the channel vouches is the client's own, E.164: a WhatsApp address, or the
-- contact a Telegram client shared of themselves (contact.user_id == from.id).
ALTER TABLE clients ADD COLUMN own_phone TEXT;
CREATE INDEX clients_own_phone ON clients (own_phone) WHERE own_phone IS NOT NULL;
-- Set on an identity merged into another client: the kept client answers for it.
ALTER TABLE clients ADD COLUMN merged_into INTEGER REFERENCES clients (id);
CREATE INDEX clients_merged ON clients (merged_into) WHERE merged_into IS NOT NULL;
-- The kept client's channels: the one the client last wrote from, and a manager's /via.
ALTER TABLE clients ADD COLUMN last_channel TEXT;
ALTER TABLE clients ADD COLUMN via TEXT;

-- "Same person — merge?" asked once per pair, in both topics.
CREATE TABLE merge_offers (
    id         INTEGER PRIMARY KEY,
    first_id   INTEGER NOT NULL REFERENCES clients (id),  -- the older client: the one kept
    second_id  INTEGER NOT NULL REFERENCES clients (id),
    phone      TEXT    NOT NULL,                          -- the number both vouched for
    created_at TEXT    NOT NULL,
    decided_at TEXT,                                      -- merged
    UNIQUE (first_id, second_id)
);

-- A merge, and every row it moved, so that /unmerge gives each client back what they had.
CREATE TABLE merges (
    id          INTEGER PRIMARY KEY,
    kept_id     INTEGER NOT NULL REFERENCES clients (id),
    merged_id   INTEGER NOT NULL REFERENCES clients (id),
    filled      TEXT    NOT NULL DEFAULT '[]',            -- the kept client's fields filled from the other
    manager_id  INTEGER,
    merged_at   TEXT    NOT NULL,
    unmerged_at TEXT
);
CREATE INDEX merges_kept ON merges (kept_id) WHERE unmerged_at IS NULL;
CREATE TABLE merge_moves (
    merge_id INTEGER NOT NULL REFERENCES merges (id),
    tbl      TEXT    NOT NULL,
    row_id   INTEGER NOT NULL,
    PRIMARY KEY (merge_id, tbl, row_id)
) WITHOUT ROWID;
