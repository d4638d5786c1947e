-- A message pair names the channel of its client message (telegram | whatsapp | sms): message
-- ids are counted per channel (Telegram's per chat, Twilio's in wa_messages), so after two
-- clients are merged one id may be a Telegram message and a WhatsApp one of the same client.
-- Pairs written before this read their channel from their client (or, moved by a merge, from
-- the client they were first moved from).
CREATE TABLE message_links_new (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id),
    client_message_id INTEGER NOT NULL,
    group_message_id  INTEGER NOT NULL,
    direction         TEXT    NOT NULL,            -- in: client -> group, out: group -> client
    created_at        TEXT    NOT NULL,
    group_chat        INTEGER,
    channel           TEXT    NOT NULL,
    UNIQUE (client_id, channel, client_message_id)
);
INSERT INTO message_links_new
    (id, client_id, client_message_id, group_message_id, direction, created_at, group_chat, channel)
    SELECT l.id, l.client_id, l.client_message_id, l.group_message_id, l.direction, l.created_at,
           l.group_chat,
           COALESCE((SELECT c.channel FROM merge_moves mm
                       JOIN merges m ON m.id = mm.merge_id
                       JOIN clients c ON c.id = m.merged_id
                      WHERE mm.tbl = 'message_links' AND mm.row_id = l.id
                        AND m.merged_id <> l.client_id
                      ORDER BY mm.merge_id LIMIT 1),
                    (SELECT c.channel FROM clients c WHERE c.id = l.client_id))
    FROM message_links l;
DROP TABLE message_links;
ALTER TABLE message_links_new RENAME TO message_links;
CREATE UNIQUE INDEX message_links_group ON message_links (group_message_id, IFNULL(group_chat, 0));
