"""Phone calls managers record, and the notes they keep: what /notes and /status show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Tx, from_db, to_db


@dataclass(frozen=True)
class Entry:
    """A call or a note about a client, as managers read it back."""

    kind: str  # 'call' | 'note'
    author_id: int
    text: str
    at: datetime
    request_id: int | None = None


async def add(tx: Tx, client_id: int, request_id: int | None, manager_id: int, summary: str,
              told_client: bool, now: datetime) -> int:
    return await tx.insert(
        "INSERT INTO calls (client_id, request_id, manager_id, summary, told_client, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (client_id, request_id, manager_id, summary, int(told_client), to_db(now)),
    )


async def for_client(tx: Tx, client_id: int) -> list[Entry]:
    rows = await tx.all(
        "SELECT 'call', manager_id, summary, created_at, request_id FROM calls WHERE client_id = ?"
        " UNION ALL SELECT 'note', author_id, text, created_at, NULL FROM notes"
        " WHERE client_id = ? ORDER BY 4",
        (client_id, client_id),
    )
    return [Entry(row[0], row[1], row[2], from_db(row[3]), row[4])
            for row in rows]

