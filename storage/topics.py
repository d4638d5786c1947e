"""Clients' topics in the departments' groups (MANAGER_GROUPS, 0034_groups).

The home group's topic stays on the client (`clients.topic_id`, `card_message_id`); a topic in
another group is a row here. `view` gives the client as one group sees them: that group's topic
and card in `topic_id` and `card_message_id`, so what serves a topic serves any group's.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain import Client
from storage import clients
from storage.db import Tx, to_db


async def view(tx: Tx, client: Client, chat: int | None) -> Client:
    """The client as group `chat` sees them (None: the home group)."""
    if chat == client.topic_group:
        return client
    if chat is None:
        return await clients.get(tx, client.id) or client
    row = await tx.one(
        "SELECT topic_id, card_message_id FROM group_topics WHERE client_id = ? AND chat_id = ?",
        (client.id, chat),
    )
    return replace(
        client,
        topic_id=row[0] if row else None,
        card_message_id=row[1] if row else None,
        topic_group=chat,
    )


async def by_topic(tx: Tx, topic_id: int, chat: int | None) -> Client | None:
    """The client whose topic this is in group `chat` (None: the home group), seen from it."""
    if chat is None:
        return await clients.by_topic(tx, topic_id)
    client_id = await tx.scalar(
        "SELECT client_id FROM group_topics WHERE chat_id = ? AND topic_id = ?", (chat, topic_id)
    )
    client = await clients.get(tx, client_id) if client_id is not None else None
    return await view(tx, client, chat) if client else None


async def topic_in(tx: Tx, client_id: int, chat: int) -> int | None:
    """The client's topic in department group `chat`, if any."""
    return await tx.scalar(
        "SELECT topic_id FROM group_topics WHERE client_id = ? AND chat_id = ?", (client_id, chat)
    )


async def set_topic(tx: Tx, client_id: int, chat: int, topic_id: int, now: datetime) -> None:
    await tx.execute(
        "INSERT INTO group_topics (client_id, chat_id, topic_id, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (client_id, chat_id) DO UPDATE SET topic_id = excluded.topic_id",
        (client_id, chat, topic_id, to_db(now)),
    )


async def set_card(tx: Tx, client_id: int, chat: int, message_id: int) -> None:
    await tx.execute(
        "UPDATE group_topics SET card_message_id = ? WHERE client_id = ? AND chat_id = ?",
        (message_id, client_id, chat),
    )


async def elsewhere(tx: Tx, client_id: int, chat: int | None) -> list[tuple[int | None, int]]:
    """The client's topics in groups other than `chat` (None: the home group), as
    (group, topic id), the home group as None."""
    found: list[tuple[int | None, int]] = []
    if chat is not None:
        home = await tx.scalar("SELECT topic_id FROM clients WHERE id = ?", (client_id,))
        if home is not None:
            found.append((None, home))
    rows = await tx.all(
        "SELECT chat_id, topic_id FROM group_topics WHERE client_id = ? AND chat_id IS NOT ?"
        " ORDER BY created_at",
        (client_id, chat),
    )
    return found + [(row[0], row[1]) for row in rows]


async def set_group(tx: Tx, client_id: int, chat: int | None) -> None:
    """The group of the client's latest business (None: the home group)."""
    await tx.execute("UPDATE clients SET group_chat = ? WHERE id = ?", (chat, client_id))
