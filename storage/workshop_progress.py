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


async def hours_by_step(tx: Tx, start: datetime, end: datetime) -> dict[str, tuple[float, int]]:
    """For orders closed in the period: each step's mean time in hours (from the step to the
    next, the last until the order closed) and how many times it was taken."""
    rows = await tx.all(
        "SELECT step, AVG(hours), COUNT(*) FROM (SELECT p.step, (julianday(COALESCE("
        "  LEAD(p.at) OVER (PARTITION BY p.order_id ORDER BY p.id), o.closed_at))"
        "  - julianday(p.at)) * 24 AS hours FROM ws_progress p JOIN ws_orders o ON o.id = p.order_id"
        "  WHERE o.status = 'done' AND o.closed_at >= ? AND o.closed_at < ?) GROUP BY step",
        (to_db(start), to_db(end)))
    return {row[0]: (float(row[1]), row[2]) for row in rows}
