-- Privacy (issue 15): erasure on request and after the retention period.

-- Set when the client's personal data was erased; the row stays, holding nothing personal, so
-- the owner's figures (dates, stages, scores) keep their shape without naming anyone.
ALTER TABLE clients ADD COLUMN erased_at TEXT;
-- Erased clients whose address (chat id, WhatsApp number) is still kept until the last message
-- to them (the confirmation) has gone out.
CREATE INDEX clients_erasing ON clients (erased_at) WHERE erased_at IS NOT NULL AND external_id NOT LIKE 'erased:%';
-- Files sent to a client through WhatsApp (served to Twilio): whose, so erasure finds them.
ALTER TABLE media_files ADD COLUMN client_id INTEGER;
-- The retention sweep: the newest activity per client.
CREATE INDEX requests_client_updated ON requests (client_id, updated_at);
-- Erasure finds a client's messages, and sent General messages that still have a body, by index
-- (statements run on the event loop: no scan of the whole outbox).
CREATE INDEX outbox_client ON outbox (client_id) WHERE client_id IS NOT NULL;
CREATE INDEX outbox_general_bodies ON outbox (id) WHERE client_id IS NULL AND payload != '{}';
-- Settled outbox bodies older than 30 days are dropped: settled rows by age. 'cancelled': an
-- item that was pending when its client was erased.
CREATE INDEX outbox_settled ON outbox (created_at) WHERE status IN ('sent', 'failed', 'cancelled') AND payload != '{}';
