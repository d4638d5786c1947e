"""The workshop's work owed at a time: reminders, promise warnings, checks, deferred lines
(bookings: workshop_bookings.py; work orders: workshop_orders.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Tx, from_db, to_db


@dataclass(frozen=True)
class DueItem:
    id: int
    key: str
    kind: str
    client_id: int
    ref_id: int | None
    due_at: datetime


# -- due work --------------------------------------------------------------------------------

async def owe(tx: Tx, key: str, kind: str, client_id: int, ref_id: int | None,
              due_at: datetime) -> None:
    """Owe something once per key (a key already owed or done stays as it is)."""
    await tx.execute(
        "INSERT INTO ws_due (key, kind, client_id, ref_id, due_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (key) DO NOTHING", (key, kind, client_id, ref_id, to_db(due_at)),
    )


async def due_now(tx: Tx, now: datetime, limit: int) -> list[DueItem]:
    rows = await tx.all(
        "SELECT * FROM ws_due WHERE status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?",
        (to_db(now), limit),
    )
    return [DueItem(r["id"], r["key"], r["kind"], r["client_id"], r["ref_id"],
                    from_db(r["due_at"])) for r in rows]


async def claim(tx: Tx, item_id: int, status: str, now: datetime) -> bool:
    return await tx.execute(
        "UPDATE ws_due SET status = ?, done_at = ? WHERE id = ? AND status = 'pending'",
        (status, to_db(now), item_id),
    ) > 0


async def postpone(tx: Tx, item_id: int, until: datetime) -> None:
    await tx.execute("UPDATE ws_due SET due_at = ? WHERE id = ? AND status = 'pending'",
                     (to_db(until), item_id))

