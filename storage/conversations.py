"""Where each client is inside a guided flow; a restart resumes from here."""

from __future__ import annotations

import json
from datetime import datetime

from domain import Conversation
from storage.db import Tx, from_db, to_db


async def get(tx: Tx, client_id: int) -> Conversation | None:
    row = await tx.one("SELECT * FROM conversations WHERE client_id = ?", (client_id,))
    if row is None:
        return None
    return Conversation(
        row["client_id"], row["flow"], row["step"], json.loads(row["data"]), from_db(row["updated_at"])
    )


async def save(tx: Tx, conversation: Conversation, now: datetime) -> None:
    await tx.execute(
        "INSERT INTO conversations (client_id, flow, step, data, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET"
        " flow = excluded.flow, step = excluded.step, data = excluded.data,"
        " updated_at = excluded.updated_at",
        (
            conversation.client_id,
            conversation.flow,
            conversation.step,
            json.dumps(conversation.data, ensure_ascii=False),
            to_db(now),
        ),
    )


async def clear(tx: Tx, client_id: int) -> None:
    await tx.execute("DELETE FROM conversations WHERE client_id = ?", (client_id,))


# -- automatic questions waiting while the client is in another flow -------------------------


async def queue(
    tx: Tx, client_id: int, kind: str, request_id: int | None, due_id: int, now: datetime
) -> None:
    """Owed work (`due_id`) waits until the client's flow ends."""
    await tx.execute(
        "INSERT INTO pending_questions (client_id, kind, request_id, due_id, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (client_id, kind, request_id, due_id, to_db(now)),
    )


async def next_pending(tx: Tx, client_id: int) -> int | None:
    """The oldest waiting owed work (its due task's id), taken off the queue."""
    row = await tx.one(
        "DELETE FROM pending_questions WHERE id = (SELECT MIN(id) FROM pending_questions"
        " WHERE client_id = ?) RETURNING due_id",
        (client_id,),
    )
    return row[0] if row else None
