"""Pairs of a client's message and its twin in the manager group."""

from __future__ import annotations

from datetime import datetime

from storage.db import Tx, to_db


async def add(
    tx: Tx,
    client_id: int,
    client_message_id: int,
    group_message_id: int,
    direction: str,
    now: datetime,
) -> None:
    await tx.execute(
        "INSERT OR IGNORE INTO message_links"
        " (client_id, client_message_id, group_message_id, direction, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (client_id, client_message_id, group_message_id, direction, to_db(now)),
    )


async def group_message_for(tx: Tx, client_id: int, client_message_id: int) -> int | None:
    return await tx.scalar(
        "SELECT group_message_id FROM message_links"
        " WHERE client_id = ? AND client_message_id = ?",
        (client_id, client_message_id),
    )


async def client_message_for(tx: Tx, group_message_id: int) -> tuple[int, int] | None:
    """(client_id, client_message_id) of the pair, if the group message is relayed."""
    row = await tx.one(
        "SELECT client_id, client_message_id FROM message_links WHERE group_message_id = ?",
        (group_message_id,),
    )
    return (row[0], row[1]) if row else None
