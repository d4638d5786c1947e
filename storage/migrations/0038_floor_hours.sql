-- The workshop floor (issue 24): capacity in hours. A booking holds one bay for its minutes
-- (the kind's duration in SERVICE_KINDS when it was booked); NULL, for bookings made before
-- this, reads as the kind's duration, else one WORKSHOP_SLOT. A work order's line may carry
-- its norm hours (in minutes).
ALTER TABLE ws_bookings ADD COLUMN minutes INTEGER;
ALTER TABLE ws_lines ADD COLUMN norm_minutes INTEGER;
