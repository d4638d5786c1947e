-- Several manager groups (issue 26): MANAGER_CHAT_ID is the home group, MANAGER_GROUPS gives
-- departments (sales, service) groups of their own. A client's topic in the home group stays
-- clients.topic_id / card_message_id; a topic in a department's group is a row here.
CREATE TABLE group_topics (
    client_id       INTEGER NOT NULL REFERENCES clients (id),
    chat_id         INTEGER NOT NULL,              -- the department's supergroup
    topic_id        INTEGER NOT NULL,
    card_message_id INTEGER,
    created_at      TEXT    NOT NULL,
    PRIMARY KEY (client_id, chat_id),
    UNIQUE (chat_id, topic_id)
);

-- The group of the client's latest business (NULL: the home group): where what they write
-- outside a flow, and notes about them, go.
ALTER TABLE clients ADD COLUMN group_chat INTEGER;

-- Message pairs name their group (NULL: the home group): message ids are counted per chat,
-- so one group message id may be another group's too.
CREATE TABLE message_links_new (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id),
    client_message_id INTEGER NOT NULL,
    group_message_id  INTEGER NOT NULL,
    direction         TEXT    NOT NULL,            -- in: client -> group, out: group -> client
    created_at        TEXT    NOT NULL,
    group_chat        INTEGER,
    UNIQUE (client_id, client_message_id)
);
INSERT INTO message_links_new
    (id, client_id, client_message_id, group_message_id, direction, created_at)
    SELECT id, client_id, client_message_id, group_message_id, direction, created_at
    FROM message_links;
DROP TABLE message_links;
ALTER TABLE message_links_new RENAME TO message_links;
CREATE UNIQUE INDEX message_links_group ON message_links (group_message_id, IFNULL(group_chat, 0));

-- The fair group queue (bot/delivery/fair.py): a group's waiting items are taken lane by lane
-- (one lane per client, one for items about no client); "is an earlier item of this lane still
-- waiting or in flight?" is a short range here.
CREATE INDEX outbox_lanes ON outbox (recipient, client_id, id) WHERE status IN ('pending', 'sending');
