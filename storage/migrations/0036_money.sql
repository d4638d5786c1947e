-- The money of a deal (issue 23): payments, offers and their acceptance, a report's price
-- against the budget. Amounts are whole roubles in INTEGER columns, as the workshop's prices.

-- What a client paid, for what: a sourcing deal (subject 'deal', subject_id = requests.id) or,
-- for the workshop, a work order (subject 'order', subject_id = ws_orders.id). One table and one
-- /paid for both (docs/money.md). A row is never updated: a mistake is a new row.
CREATE TABLE payments (
    id          INTEGER PRIMARY KEY,
    subject     TEXT    NOT NULL CHECK (subject IN ('deal', 'order')),
    subject_id  INTEGER NOT NULL,
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    kind        TEXT    NOT NULL,                    -- deposit | purchase | fee | delivery | other
    what        TEXT    NOT NULL,                    -- as the manager wrote it
    manager_id  INTEGER NOT NULL,
    paid_at     TEXT    NOT NULL
);
CREATE INDEX payments_subject ON payments (subject, subject_id, id);
CREATE INDEX payments_client ON payments (client_id, paid_at);

-- An offer as the client saw it, one row per version (/offer again: the next version).
CREATE TABLE offers (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    version     INTEGER NOT NULL,
    car         TEXT    NOT NULL,
    price       INTEGER NOT NULL,                    -- the car's price
    fee         INTEGER NOT NULL,                    -- the firm's fee
    included    TEXT    NOT NULL,                    -- what the price includes
    deposit     INTEGER NOT NULL,
    terms       TEXT    NOT NULL,
    valid_until TEXT    NOT NULL,                    -- a day (YYYY-MM-DD), the firm's zone
    text        TEXT    NOT NULL,                    -- the offer as sent, word for word
    manager_id  INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    lapsed_at   TEXT,                                -- told in the topic that it lapsed
    UNIQUE (request_id, version)
);

-- The consent record: an acceptance of one version, as it was made; storage/offers.py only adds
-- rows (erasure alone clears the words), never deletes. One per version: a second press is the same.
CREATE TABLE offer_acceptances (
    id          INTEGER PRIMARY KEY,
    offer_id    INTEGER NOT NULL UNIQUE REFERENCES offers (id),
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    channel     TEXT    NOT NULL,                    -- telegram | whatsapp
    text        TEXT    NOT NULL,                    -- what they accepted, word for word
    at          TEXT    NOT NULL
);

-- A report's price read from its «Цена:» line, the budget it was held against, and the reason a
-- manager gave for a car over it; a report over budget without a reason waits (held = 1).
ALTER TABLE reports ADD COLUMN price INTEGER;
ALTER TABLE reports ADD COLUMN budget INTEGER;
ALTER TABLE reports ADD COLUMN over_reason TEXT;
ALTER TABLE reports ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
