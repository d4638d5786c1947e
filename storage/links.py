"""Pairs of a client's message and its twin in the manager group.

A pair names the channel of its client message: ids are counted per channel, so one client
(merged from a Telegram and a WhatsApp one, docs/managers.md) may have two messages of one id."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from storage.db import Tx, to_db


async def add(
    tx: Tx,
    client_id: int,
    channel: str,
    client_message_id: int,
    group_message_id: int,
    direction: str,
    now: datetime,
    group: int | None = None,
) -> None:
    """A pair; `group` is the manager group of the group message (None: the home group)."""
    await tx.execute(
        "INSERT OR IGNORE INTO message_links (client_id, channel, client_message_id,"
        " group_message_id, direction, created_at, group_chat) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (client_id, channel, client_message_id, group_message_id, direction, to_db(now), group),
    )


async def group_message_for(
    tx: Tx, client_id: int, channel: str, client_message_id: int, group: int | None = None
) -> int | None:
    """The twin in manager group `group` (None: the home group) of a client's message."""
    return await tx.scalar(
        "SELECT group_message_id FROM message_links"
        " WHERE client_id = ? AND channel = ? AND client_message_id = ? AND group_chat IS ?",
        (client_id, channel, client_message_id, group),
    )


async def client_message_for(
    tx: Tx, group_message_id: int, client_id: int | None = None
) -> tuple[int, str, int] | None:
    """(client_id, channel, client_message_id) of the pair, if the group message is relayed
    (message ids are counted per group: naming the client keeps another group's out)."""
    row = await tx.one(
        "SELECT client_id, channel, client_message_id FROM message_links"
        " WHERE group_message_id = ? AND (? IS NULL OR client_id = ?) ORDER BY id DESC LIMIT 1",
        (group_message_id, client_id, client_id),
    )
    return (row[0], row[1], row[2]) if row else None


async def twin_in_group(
    tx: Tx, client_id: int, channels: Iterable[str], client_message_id: int
) -> tuple[int, int | None] | None:
    """The twin of a client's message (on one of `channels`: Twilio counts WhatsApp and SMS
    messages together) in whichever manager group it is: (group message id, group: None for
    the home group)."""
    names = list(channels)
    row = await tx.one(
        "SELECT group_message_id, group_chat FROM message_links"
        f" WHERE client_id = ? AND client_message_id = ? AND channel IN ({', '.join('?' * len(names))})",
        (client_id, client_message_id, *names),
    )
    return (row[0], row[1]) if row else None
