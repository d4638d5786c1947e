"""A deal command waiting for the manager to choose which of the client's requests it is for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Tx, to_db


@dataclass(frozen=True)
class Choice:
    id: int
    topic_id: int
    message_id: int
    manager_id: int
    command: str
    args: str


async def save(tx: Tx, topic_id: int, message_id: int, manager_id: int, command: str,
               args: str, now: datetime) -> int:
    return await tx.insert(
        "INSERT INTO deal_choices (topic_id, message_id, manager_id, command, args, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (topic_id, message_id, manager_id, command, args, to_db(now)),
    )


async def get(tx: Tx, choice_id: int) -> Choice | None:
    """The waiting command; None once it was carried out."""
    row = await tx.one(
        "SELECT id, topic_id, message_id, manager_id, command, args FROM deal_choices"
        " WHERE id = ? AND done_at IS NULL",
        (choice_id,),
    )
    return Choice(*tuple(row)) if row else None


async def done(tx: Tx, choice_id: int, now: datetime) -> None:
    await tx.execute("UPDATE deal_choices SET done_at = ? WHERE id = ?", (to_db(now), choice_id))
