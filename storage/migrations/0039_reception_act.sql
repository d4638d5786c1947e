-- The reception act (issue 24): the car's state when the workshop took it (odometer, fuel,
-- visible damage with photos, things left in it, the client's complaint in their own words,
-- whether the client waits, leaves the car or takes a courtesy car), confirmed by the client.

-- One act per work order; its fields as the managers last wrote them (/act).
CREATE TABLE ws_acts (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL UNIQUE REFERENCES ws_orders (id),
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    odometer    INTEGER,                     -- km at reception
    fuel        TEXT,                        -- as read: '1/2', '40%', 'full', 'reserve'
    damage      TEXT,                        -- visible damage, as written (erased)
    items       TEXT,                        -- things left in the car (erased)
    complaint   TEXT,                        -- the client's complaint, their words (erased)
    stay        TEXT,                        -- wait | leave | courtesy
    version     INTEGER NOT NULL DEFAULT 0,  -- the newest version sent to the client (0: none)
    changed     INTEGER NOT NULL DEFAULT 1,  -- changed since that version was sent
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

-- Photos of the damage, sent into the topic with the caption /act.
CREATE TABLE ws_act_photos (
    id          INTEGER PRIMARY KEY,
    act_id      INTEGER NOT NULL REFERENCES ws_acts (id),
    media       TEXT,                        -- <group message id>:<kind>:<file id> (erased)
    sent_in     INTEGER,                     -- the version it first went to the client with
    at          TEXT    NOT NULL
);
CREATE INDEX ws_act_photos_act ON ws_act_photos (act_id, id);

-- Each version as the client was sent it, word for word (erasure clears the words).
CREATE TABLE ws_act_versions (
    act_id      INTEGER NOT NULL REFERENCES ws_acts (id),
    version     INTEGER NOT NULL,
    text        TEXT,
    sent_at     TEXT    NOT NULL,
    PRIMARY KEY (act_id, version)
);

-- The consent record: the client's confirmation of one version, as it was made; rows are only
-- added, one per version (a second press is the same confirmation).
CREATE TABLE ws_act_consents (
    id          INTEGER PRIMARY KEY,
    act_id      INTEGER NOT NULL REFERENCES ws_acts (id),
    version     INTEGER NOT NULL,
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    channel     TEXT    NOT NULL,            -- telegram | whatsapp | sms
    at          TEXT    NOT NULL,
    UNIQUE (act_id, version)
);

-- The car on file's odometer: at handover, or raised by a reception act's reading (when it was
-- read: NULL at handover). The handover's reading is kept in ws_readings when it is raised.
ALTER TABLE cars ADD COLUMN odometer_at TEXT;
