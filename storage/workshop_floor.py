"""The workshop floor's figures for a period (issue 24): norm hours sold, the most frequent
operations, the average order, and the work of each mechanic with its comebacks and the check's
scores (report reads).

Work is an approved line of an order closed in the period; its mechanic is the line's own, else
the order's (`/mech`). A comeback is counted as in workshop_figures: an order opened in the
period within COMEBACK_DAYS of the same client's last closed order (same car when both are known);
it is put down to the mechanics of that earlier order."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from storage.db import Tx, from_db, to_db
from storage.workshop_figures import COMEBACK_DAYS

TOP_OPERATIONS = 5
CLOSED = "o.status = 'done' AND o.closed_at >= ? AND o.closed_at < ?"
WORK = ("SELECT o.id AS order_id, COALESCE(l.mechanic, o.mechanic) AS mechanic,"
        " l.norm_minutes AS minutes, l.price AS price, COALESCE(l.code, l.title) AS operation"
        " FROM ws_orders o JOIN ws_lines l ON l.order_id = o.id AND l.status = 'approved'")
# Orders opened in the period with the earlier order they came back after (as _comebacks reads it).
BACK = ("SELECT o.id AS id, (SELECT p.id FROM ws_orders p"
        "   LEFT JOIN ws_bookings pb ON pb.id = p.booking_id"
        "   WHERE p.client_id = o.client_id AND p.id != o.id AND p.status = 'done'"
        "   AND p.closed_at <= o.opened_at AND p.closed_at > datetime(o.opened_at, ?)"
        "   AND (b.car IS NULL OR pb.car IS NULL OR b.car = pb.car)"
        "   ORDER BY p.closed_at DESC LIMIT 1) AS prev"
        " FROM ws_orders o LEFT JOIN ws_bookings b ON b.id = o.booking_id"
        " WHERE o.opened_at >= ? AND o.opened_at < ?")


@dataclass(frozen=True)
class MechanicWork:
    mechanic: str | None  # None: work no mechanic was named for
    orders: int = 0  # closed in the period with work of theirs
    minutes: int = 0  # norm hours of their approved lines
    comebacks: int = 0  # orders opened in the period that came back after one of theirs
    checks: int = 0  # checks sent in the period, answered, after orders of theirs
    quality: float | None = None  # the average of those checks' quality score (1–5)


@dataclass(frozen=True)
class Floor:
    sold: list[tuple[datetime, int]]  # per order closed in the period: when, norm minutes sold
    operations: list[tuple[str, int]]  # code, else title → approved lines; most frequent first
    orders: int  # closed in the period
    revenue: int  # the sum of their approved lines
    mechanics: list[MechanicWork]  # most orders first


async def floor(tx: Tx, start: datetime, end: datetime) -> Floor:
    s, e = to_db(start), to_db(end)
    sold = [(moment, row[1]) for row in await tx.all(
        "SELECT o.closed_at, COALESCE(SUM(l.norm_minutes), 0) FROM ws_orders o"
        " JOIN ws_lines l ON l.order_id = o.id AND l.status = 'approved'"
        f" WHERE {CLOSED} GROUP BY o.id", (s, e)) if (moment := from_db(row[0])) is not None]
    operations = [(row[0], row[1]) for row in await tx.all(
        f"SELECT operation, COUNT(*) FROM ({WORK} WHERE {CLOSED}) GROUP BY operation"
        " ORDER BY 2 DESC, 1 LIMIT ?", (s, e, TOP_OPERATIONS))]
    totals = await tx.one(
        "SELECT COUNT(*), COALESCE(SUM((SELECT COALESCE(SUM(l.price), 0) FROM ws_lines l"
        f" WHERE l.order_id = o.id AND l.status = 'approved')), 0) FROM ws_orders o WHERE {CLOSED}",
        (s, e))
    assert totals is not None  # an aggregate: always one row
    return Floor(sold, operations, totals[0], totals[1], await _mechanics(tx, s, e))


async def _mechanics(tx: Tx, s: str, e: str) -> list[MechanicWork]:
    found: dict[str | None, MechanicWork] = {}
    for name, orders, minutes in await tx.all(
            f"SELECT mechanic, COUNT(DISTINCT order_id), COALESCE(SUM(minutes), 0)"
            f" FROM ({WORK} WHERE {CLOSED}) GROUP BY mechanic", (s, e)):
        found[name] = replace(found.get(name, MechanicWork(name)), orders=orders, minutes=minutes)
    for name, comebacks in await tx.all(
            f"SELECT w.mechanic, COUNT(DISTINCT back.id) FROM ({BACK}) back"
            f" JOIN ({WORK}) w ON w.order_id = back.prev GROUP BY w.mechanic",
            (f"-{COMEBACK_DAYS} days", s, e)):
        found[name] = replace(found.get(name, MechanicWork(name)), comebacks=comebacks)
    for name, checks, quality in await tx.all(
            f"SELECT w.mechanic, COUNT(c.quality), AVG(c.quality) FROM ws_checks c"
            f" JOIN (SELECT DISTINCT order_id, mechanic FROM ({WORK})) w ON w.order_id = c.order_id"
            " WHERE c.sent_at >= ? AND c.sent_at < ? GROUP BY w.mechanic", (s, e)):
        if checks:
            found[name] = replace(found.get(name, MechanicWork(name)), checks=checks, quality=quality)
    return sorted(found.values(), key=lambda w: (-w.orders, w.mechanic is None, w.mechanic or ""))
