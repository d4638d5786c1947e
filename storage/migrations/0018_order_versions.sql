-- A work order's version (issue 21, #2): 1 as first sent, one more for each line added after it
-- (`/extra`). Every message with an "approve all" button carries the version it shows, and a
-- press on another version records nothing. Orders with extra lines already added count them.
ALTER TABLE ws_orders ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE ws_orders SET version = 1 + (
    SELECT COUNT(*) FROM ws_lines WHERE ws_lines.order_id = ws_orders.id AND origin = 'extra');

-- The version of the order the client saw when deciding (NULL: recorded before 0018, or by policy).
ALTER TABLE ws_consents ADD COLUMN order_version INTEGER;
