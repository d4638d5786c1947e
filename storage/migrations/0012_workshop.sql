-- The service workshop (issue 16): bookings, work orders with lines the client approves one by
-- one, the consent record of every press, promised times, due work, the 5-day check.

CREATE TABLE ws_bookings (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id),
    kind         TEXT    NOT NULL,
    problem      TEXT,
    car          TEXT,
    odometer     INTEGER,
    slot_at      TEXT    NOT NULL,                -- UTC start of the slot
    status       TEXT    NOT NULL DEFAULT 'booked', -- booked | confirmed | arrived | cancelled | no_show (marked at the slot's end)
    source       TEXT    NOT NULL,                -- client | manager | invitation
    note         TEXT,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX ws_bookings_slot ON ws_bookings (slot_at, status);
CREATE INDEX ws_bookings_client ON ws_bookings (client_id, slot_at);

CREATE TABLE ws_orders (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL REFERENCES clients (id),
    booking_id       INTEGER REFERENCES ws_bookings (id),
    title            TEXT,
    opened_at        TEXT    NOT NULL,
    sent_at          TEXT,
    promised_at      TEXT,
    first_promised_at TEXT,
    extra_policy     TEXT    NOT NULL DEFAULT 'ask',  -- ask | limit | never
    extra_limit      INTEGER,
    status           TEXT    NOT NULL DEFAULT 'open', -- open | sent | done
    closed_at        TEXT,
    advice           TEXT
);
CREATE INDEX ws_orders_client ON ws_orders (client_id, status);

CREATE TABLE ws_lines (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES ws_orders (id),
    position    INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    price       INTEGER NOT NULL,
    origin      TEXT    NOT NULL DEFAULT 'order',   -- order | extra
    status      TEXT    NOT NULL DEFAULT 'offered', -- offered | approved | declined
    decided_by  TEXT,                               -- client | policy
    reason      TEXT,                               -- price | later | elsewhere | other
    later       TEXT,                               -- 1m | 3m | next
    media       TEXT,                               -- <group message id>:<kind>:<file id> of its photo
    UNIQUE (order_id, position)
);

-- The consent record: every decision as it was made, never updated.
CREATE TABLE ws_consents (
    id         INTEGER PRIMARY KEY,
    line_id    INTEGER NOT NULL REFERENCES ws_lines (id),
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    decision   TEXT    NOT NULL,                    -- approved | declined
    price      INTEGER NOT NULL,                    -- the price the client saw
    channel    TEXT    NOT NULL,                    -- telegram | whatsapp | policy
    via        TEXT    NOT NULL,                    -- line | all | policy
    at         TEXT    NOT NULL
);
CREATE INDEX ws_consents_line ON ws_consents (line_id);

CREATE TABLE ws_promises (
    id        INTEGER PRIMARY KEY,
    order_id  INTEGER NOT NULL REFERENCES ws_orders (id),
    old_at    TEXT,
    new_at    TEXT    NOT NULL,
    reason    TEXT,
    at        TEXT    NOT NULL
);

-- Work the workshop owes at a time (reminders, promise warnings, checks): claimed by the tick.
CREATE TABLE ws_due (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL UNIQUE,
    kind       TEXT    NOT NULL,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    ref_id     INTEGER,
    due_at     TEXT    NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'pending',  -- pending | done | skipped
    done_at    TEXT
);
CREATE INDEX ws_due_due ON ws_due (status, due_at);

CREATE TABLE ws_checks (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL UNIQUE REFERENCES ws_orders (id),
    client_id    INTEGER NOT NULL REFERENCES clients (id),
    sent_at      TEXT    NOT NULL,
    completed_at TEXT,
    quality      INTEGER,
    on_time      INTEGER,
    clarity      INTEGER,
    staff        INTEGER,
    nps          INTEGER,
    problem_back INTEGER,
    comment      TEXT,
    alerted_at   TEXT,
    review_done_at TEXT
);

-- Active invitations: once per due date; "don't remind me" stops them.
CREATE TABLE ws_invitations (
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    due_on     TEXT    NOT NULL,
    sent_at    TEXT    NOT NULL,
    PRIMARY KEY (client_id, due_on)
);
CREATE TABLE ws_opt_out (
    client_id  INTEGER PRIMARY KEY REFERENCES clients (id),
    at         TEXT    NOT NULL
);

-- Odometer readings given in chat (those given at booking stay on ws_bookings).
CREATE TABLE ws_readings (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    km         INTEGER NOT NULL,
    at         TEXT    NOT NULL
);
CREATE INDEX ws_readings_client ON ws_readings (client_id, at);
