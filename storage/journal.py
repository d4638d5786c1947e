"""What happened in each conversation: message times, internal notes, critique."""

from __future__ import annotations

from datetime import datetime

from storage import requests
from storage.db import Tx, from_db, to_db


async def log_message(
    tx: Tx, client_id: int, author: str, kind: str, now: datetime, manager_id: int | None = None
) -> None:
    await tx.execute(
        "INSERT INTO messages (client_id, author, manager_id, kind, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (client_id, author, manager_id, kind, to_db(now)),
    )
    if author == "client":
        await tx.execute(
            "UPDATE clients SET first_unanswered_at = ?"
            " WHERE id = ? AND first_unanswered_at IS NULL",  # a wait already open keeps its start
            (to_db(now), client_id),
        )
    elif author == "manager":
        await tx.execute(
            "UPDATE clients SET first_unanswered_at = NULL, last_manager_message_at = ?"
            " WHERE id = ?",
            (to_db(now), client_id),
        )
        await requests.heard_from_us(tx, client_id, now)  # re-arms the progress nag


async def add_note(tx: Tx, client_id: int, author_id: int, text: str, now: datetime) -> None:
    await tx.execute(
        "INSERT INTO notes (client_id, author_id, text, created_at) VALUES (?, ?, ?, ?)",
        (client_id, author_id, text, to_db(now)),
    )


async def add_feedback(
    tx: Tx, client_id: int, request_id: int | None, text: str, now: datetime
) -> int:
    return await tx.insert(
        "INSERT INTO feedback (client_id, request_id, text, created_at) VALUES (?, ?, ?, ?)",
        (client_id, request_id, text, to_db(now)),
    )


async def last_message_at(tx: Tx, client_id: int, author: str) -> datetime | None:
    return from_db(
        await tx.scalar(
            "SELECT MAX(created_at) FROM messages WHERE client_id = ? AND author = ?",
            (client_id, author),
        )
    )
