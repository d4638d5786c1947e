-- SMS for clients known only by their phone (docs/sms.md). Clients themselves need nothing
-- new: an SMS client is a `clients` row with channel 'sms' whose external_id and chat_id are
-- the number in E.164; its messages in and out share `wa_messages` (Twilio's Messages API is
-- one for both), told apart by the address (`whatsapp:+...` or `+...`).

-- Numbers that answered STOP (or СТОП, or another opt-out word): nothing more goes to them by
-- SMS until they answer START. One row per number, kept while the number is stopped.
CREATE TABLE sms_optouts (
    number     TEXT    PRIMARY KEY,                  -- E.164
    client_id  INTEGER REFERENCES clients (id),      -- who answered, when known
    word       TEXT    NOT NULL,                     -- what they wrote (STOP, СТОП, ...)
    stopped_at TEXT    NOT NULL
);

-- `/book +7…` and an SMS from a number find the client who has it.
CREATE INDEX clients_phone ON clients (phone) WHERE phone IS NOT NULL;
