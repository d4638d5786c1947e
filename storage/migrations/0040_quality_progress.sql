-- The workshop floor (issue 24): the quality check before release, and the car's progress.

-- A work order's quality check (/qc): one row per item of QC_CHECKS as the list stood when the
-- order's check began (the firm may change the setting; an order keeps the list it was checked
-- against).
CREATE TABLE ws_qc_items (
    order_id    INTEGER NOT NULL REFERENCES ws_orders (id),
    position    INTEGER NOT NULL,           -- 1, 2, … as managers see them
    item        TEXT    NOT NULL,           -- a code of the default list, or the firm's words
    PRIMARY KEY (order_id, position)
);
-- Every tick and untick, append-only (storage/workshop_quality.py only inserts): who (the manager's Telegram id) and when. An item's state
-- is its newest row; the history stays for the bill and for disputes.
CREATE TABLE ws_qc_ticks (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    checked     INTEGER NOT NULL,           -- 1: ticked, 0: the tick taken back
    manager_id  INTEGER NOT NULL,
    at          TEXT    NOT NULL,
    FOREIGN KEY (order_id, position) REFERENCES ws_qc_items (order_id, position)
);
CREATE INDEX ws_qc_ticks_item ON ws_qc_ticks (order_id, position, id);

-- An order released (/done) with items of its check open: who, why, and what was open.
CREATE TABLE ws_qc_waivers (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES ws_orders (id),
    manager_id  INTEGER NOT NULL,
    open_items  TEXT    NOT NULL,           -- the open items, named as the manager saw them
    reason      TEXT    NOT NULL,
    at          TEXT    NOT NULL
);
CREATE INDEX ws_qc_waivers_order ON ws_qc_waivers (order_id);

-- Where the car is (/progress): each step with its time, append-only; the newest is the current.
CREATE TABLE ws_progress (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES ws_orders (id),
    step        TEXT    NOT NULL,           -- a key of WORKSHOP_PROGRESS (diagnosis, parts, work, check…)
    parts_until TEXT,                       -- UTC: the parts' promised day, for the parts step with a date
    manager_id  INTEGER NOT NULL,
    at          TEXT    NOT NULL
);
CREATE INDEX ws_progress_order ON ws_progress (order_id, id);
