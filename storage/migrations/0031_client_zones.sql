-- The client's time zone (issue 25): clients.timezone (an IANA name, since 0001) now says where
-- it came from, so a guess (the phone's area code, the request's city) never overwrites what the
-- client chose in /settings or a manager set with /set #N tz. Erasure clears both.
ALTER TABLE clients ADD COLUMN timezone_source TEXT;  -- phone | city | client | manager
