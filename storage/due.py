"""Due tasks (owed to clients at a time) and manager alerts (sent once each)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Row, Tx, from_db, to_db


@dataclass(frozen=True)
class DueTask:
    id: int
    key: str
    kind: str
    client_id: int
    request_id: int | None
    due_at: datetime


def _task(row: Row) -> DueTask:
    return DueTask(row["id"], row["key"], row["kind"], row["client_id"], row["request_id"],
                   from_db(row["due_at"]))


async def schedule(
    tx: Tx, key: str, kind: str, client_id: int, request_id: int | None, due_at: datetime,
    now: datetime,
) -> None:
    """Owe something once per key: a cancelled one comes back, a done one never repeats."""
    await tx.execute(
        "INSERT INTO due_tasks (key, kind, client_id, request_id, due_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
        " status = 'pending', due_at = excluded.due_at WHERE due_tasks.status = 'cancelled'",
        (key, kind, client_id, request_id, to_db(due_at), to_db(now)),
    )


async def due(tx: Tx, now: datetime, limit: int) -> list[DueTask]:
    rows = await tx.all(
        "SELECT * FROM due_tasks WHERE status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?",
        (to_db(now), limit),
    )
    return [_task(row) for row in rows]


async def claim(tx: Tx, task_id: int, status: str, now: datetime) -> bool:
    """Take a task out of 'pending'; False if another tick already did."""
    changed = await tx.execute(
        "UPDATE due_tasks SET status = ?, done_at = ? WHERE id = ? AND status = 'pending'",
        (status, to_db(now), task_id),
    )
    return changed > 0


async def postpone(tx: Tx, task_id: int, until: datetime) -> None:
    await tx.execute(
        "UPDATE due_tasks SET due_at = ? WHERE id = ? AND status = 'pending'",
        (to_db(until), task_id),
    )


async def cancel_for_request(tx: Tx, request_id: int) -> int:
    return await tx.execute(
        "UPDATE due_tasks SET status = 'cancelled' WHERE request_id = ? AND status = 'pending'",
        (request_id,),
    )


async def first_alert(tx: Tx, key: str, now: datetime) -> bool:
    """Record a manager alert; False if it was sent before."""
    changed = await tx.execute(
        "INSERT OR IGNORE INTO manager_alerts (key, created_at) VALUES (?, ?)", (key, to_db(now))
    )
    return changed > 0
