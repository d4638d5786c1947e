"""Where a car is in the workshop (table `ws_progress`, migration 0040): each step of
WORKSHOP_PROGRESS a manager set (`/progress`), with its time and manager, append-only; the
newest is the current step. The time in each step is the gap to the next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Row, Tx, from_db, to_db


@dataclass(frozen=True)
class Step:
    order_id: int
    step: str  # a key of WORKSHOP_PROGRESS
    parts_until: datetime | None  # the parts' day (its local midnight), for the parts step
    manager_id: int
    at: datetime


def _step(r: Row) -> Step:
    return Step(r["order_id"], r["step"], from_db(r["parts_until"]), r["manager_id"], from_db(r["at"]))


async def record(tx: Tx, order_id: int, step: str, parts_until: datetime | None, manager_id: int,
                 now: datetime) -> None:
    await tx.insert(
        "INSERT INTO ws_progress (order_id, step, parts_until, manager_id, at) VALUES (?, ?, ?, ?, ?)",
        (order_id, step, to_db(parts_until) if parts_until else None, manager_id, to_db(now)))


async def latest(tx: Tx, order_id: int) -> Step | None:
    row = await tx.one("SELECT * FROM ws_progress WHERE order_id = ? ORDER BY id DESC LIMIT 1",
                       (order_id,))
    return _step(row) if row else None


async def steps(tx: Tx, order_id: int) -> list[Step]:
    """Every step the order went through, oldest first."""
    rows = await tx.all("SELECT * FROM ws_progress WHERE order_id = ? ORDER BY id", (order_id,))
    return [_step(row) for row in rows]
