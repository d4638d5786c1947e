-- The worker reads the queue in id order, a batch at a time, and may take several items of one
-- chat in a row; what holds a chat back is an earlier item still in flight or not due yet.
-- Until now each look at the queue sorted every waiting item, so a backlog (the group at its
-- 20 per minute) made every send cost as much as the backlog was long.
--
-- Waiting items in id order: a partial index, so settled items cost nothing here; it holds
-- what the look filters on, so stepping over a chat at its flood limit reads only the index.
-- The WHERE clause must stay word for word the one storage/outbox.py queries with.
CREATE INDEX outbox_queue ON outbox (id, recipient, not_before) WHERE status = 'pending';

-- One chat's items by time due: "is anything before this item not due yet?" is a short range.
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (status, recipient, not_before, id);
