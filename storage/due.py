"""Work owed at a time, once per key (every kind, the workshop's too), and manager alerts
(sent once each)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from storage.db import Row, Tx, from_db, to_db


@dataclass(frozen=True)
class DueTask:
    """One thing owed once: `kind` says what (domain.owed), `key` makes it once; a deal's
    work names its `request_id`, the workshop's its booking, order, line or check (`ref_id`)."""

    id: int
    key: str
    kind: str
    client_id: int
    request_id: int | None
    ref_id: int | None
    due_at: datetime
    created_at: datetime | None = None  # when it was owed (an answer promise opened then)


def _task(row: Row) -> DueTask:
    return DueTask(row["id"], row["key"], row["kind"], row["client_id"], row["request_id"],
                   row["ref_id"], from_db(row["due_at"]), from_db(row["created_at"]))


async def owe(
    tx: Tx, kind: str, key: str, when: datetime, client_id: int, now: datetime, *,
    request_id: int | None = None, ref_id: int | None = None,
) -> None:
    """Owe something once per key: a cancelled one comes back, a done one never repeats."""
    await tx.execute(
        "INSERT INTO due_tasks (key, kind, client_id, request_id, ref_id, due_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
        " status = 'pending', due_at = excluded.due_at WHERE due_tasks.status = 'cancelled'",
        (key, kind, client_id, request_id, ref_id, to_db(when), to_db(now)),
    )


async def due(tx: Tx, now: datetime, limit: int, kinds: Collection[str]) -> list[DueTask]:
    """What has fallen due, oldest first, of the kinds someone performs (the workshop's wait
    while it is off)."""
    marks = ", ".join("?" * len(kinds))
    rows = await tx.all(
        f"SELECT * FROM due_tasks WHERE status = 'pending' AND due_at <= ? AND kind IN ({marks})"
        " ORDER BY due_at LIMIT ?",
        (to_db(now), *kinds, limit),
    )
    return [_task(row) for row in rows]


async def get(tx: Tx, task_id: int) -> DueTask | None:
    row = await tx.one("SELECT * FROM due_tasks WHERE id = ?", (task_id,))
    return _task(row) if row else None


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
