-- The workshop floor (issue 24): a line's price list code and its price split into labour and
-- parts (NULL: written as one price; `price` stays the total the client approves), and the
-- mechanic who does the work: of the whole order, or of one line (the line's wins).
ALTER TABLE ws_lines ADD COLUMN code TEXT;
ALTER TABLE ws_lines ADD COLUMN labour INTEGER;
ALTER TABLE ws_lines ADD COLUMN parts INTEGER;
ALTER TABLE ws_lines ADD COLUMN mechanic TEXT;
ALTER TABLE ws_orders ADD COLUMN mechanic TEXT;
