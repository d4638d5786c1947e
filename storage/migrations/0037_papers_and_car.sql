-- Issue 23, the papers and the car of a sourcing deal: the car on file (shared with the
-- workshop), the legal check of the documents, the lead source, viewings of a reported car.

-- The car a client owns, recorded at handover (/car) and read by both sides: the deal's card
-- and export, /find, the workshop's booking, invitations, order and bill (docs/cars.md).
CREATE TABLE cars (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients (id),
    request_id     INTEGER UNIQUE REFERENCES requests (id),  -- the deal it was bought in (NULL: not bought through us)
    make           TEXT,
    model          TEXT,
    year           INTEGER,
    vin            TEXT,                    -- 17 characters, upper case (personal data)
    plate          TEXT,                    -- as written, upper case (personal data)
    plate_key      TEXT,                    -- the plate in Latin look-alikes, no spaces: what /find compares
    colour         TEXT,
    odometer       INTEGER,                 -- km at handover
    handed_over_at TEXT,                    -- UTC; maintenance counts from here
    recorded_by    INTEGER,                 -- the manager (Telegram id)
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);
CREATE INDEX cars_client ON cars (client_id, id);
CREATE INDEX cars_vin ON cars (vin) WHERE vin IS NOT NULL;
CREATE INDEX cars_plate ON cars (plate_key) WHERE plate_key IS NOT NULL;

-- The legal check of a deal (/legal): one row per item of LEGAL_CHECKS as the list stood when
-- the deal's check began; ticked with buttons, each with an optional note or photo.
CREATE TABLE legal_checks (
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    position    INTEGER NOT NULL,
    item        TEXT    NOT NULL,
    checked_at  TEXT,                       -- NULL: not checked
    checked_by  INTEGER,
    note        TEXT,
    media       TEXT,                       -- <group message id>:<kind>:<file id> of its photo
    PRIMARY KEY (request_id, position)
);
-- The documents stage left with items unchecked: the manager's reason, kept as said.
CREATE TABLE legal_waivers (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    manager_id  INTEGER NOT NULL,
    open_items  TEXT    NOT NULL,           -- the unchecked items, as the manager saw them
    reason      TEXT    NOT NULL,
    at          TEXT    NOT NULL
);

-- How the client heard of us (LEAD_SOURCES; the intake's optional question or /set source).
ALTER TABLE requests ADD COLUMN lead_source TEXT;

-- A client's wish to see a reported car (a viewing or a test drive) and its agreed time.
CREATE TABLE viewings (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    report_id   INTEGER REFERENCES reports (id),
    wished      TEXT,                       -- the client's words: the day and time they asked for
    at          TEXT,                       -- UTC, the agreed time
    status      TEXT    NOT NULL DEFAULT 'asked',  -- asked | proposed | confirmed | cancelled
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX viewings_request ON viewings (request_id, id);
