"""The workshop's figures for a period, and its work orders for the export (report reads)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.db import Tx, to_db

COMEBACK_DAYS = 30


@dataclass(frozen=True)
class WorkshopFigures:
    bookings: int  # made in the period
    arrived: int  # of the visits booked for the period that are past
    no_shows: int
    cancelled: int
    done: int  # work orders closed in the period
    kept: int  # ...of them by the first promised time
    offered: int  # lines of the orders sent in the period
    approved: int
    offered_sum: int
    approved_sum: int
    declined_by: dict[str, int] = field(default_factory=dict)  # reason → lines
    comebacks: int = 0  # orders opened within 30 days of the same client's (and car's) last
    problem_back: int = 0  # checks answering "the problem is back"
    checks: int = 0
    scores: dict[str, float | None] = field(default_factory=dict)
    promoters: int = 0
    detractors: int = 0
    nps_answers: int = 0
    qc_waived: int = 0  # orders closed in the period with their quality check waived (issue 24)
    acts_sent: int = 0  # reception acts of orders opened in the period, sent to the client
    acts_confirmed: int = 0  # ...of them confirmed by the client (any version)


async def figures(tx: Tx, start: datetime, end: datetime, now: datetime) -> WorkshopFigures:
    s, e, past = to_db(start), to_db(end), to_db(min(end, now))
    bookings = await tx.scalar(
        "SELECT COUNT(*) FROM ws_bookings WHERE created_at >= ? AND created_at < ?", (s, e))
    visits: dict[str, int] = {row[0]: row[1] for row in await tx.all(
        "SELECT CASE WHEN status = 'arrived' THEN 'arrived' WHEN status = 'cancelled'"
        " THEN 'cancelled' ELSE 'no_show' END AS outcome, COUNT(*) FROM ws_bookings"
        " WHERE slot_at >= ? AND slot_at < ? GROUP BY outcome", (s, past))}
    orders = await tx.one(
        "SELECT COUNT(*), COALESCE(SUM(closed_at <= first_promised_at), 0) FROM ws_orders"
        " WHERE status = 'done' AND closed_at >= ? AND closed_at < ?", (s, e))
    lines = await tx.one(
        "SELECT COUNT(*), COALESCE(SUM(l.status = 'approved'), 0), COALESCE(SUM(l.price), 0),"
        " COALESCE(SUM(CASE WHEN l.status = 'approved' THEN l.price END), 0)"
        " FROM ws_lines l JOIN ws_orders o ON o.id = l.order_id"
        " WHERE o.sent_at >= ? AND o.sent_at < ?", (s, e))
    declined: dict[str, int] = {row[0]: row[1] for row in await tx.all(
        "SELECT COALESCE(l.reason, 'policy'), COUNT(*) FROM ws_lines l"
        " JOIN ws_orders o ON o.id = l.order_id WHERE l.status = 'declined'"
        " AND o.sent_at >= ? AND o.sent_at < ? GROUP BY 1", (s, e))}
    assert orders is not None and lines is not None  # aggregates: always one row
    acts = await _acts(tx, s, e)
    return WorkshopFigures(
        bookings, visits.get("arrived", 0), visits.get("no_show", 0), visits.get("cancelled", 0),
        orders[0], orders[1], lines[0], lines[1], lines[2], lines[3], declined,
        await _comebacks(tx, s, e), **await _checks(tx, s, e), qc_waived=await _waived(tx, s, e),
        acts_sent=acts[0], acts_confirmed=acts[1],
    )


async def _acts(tx: Tx, s: str, e: str) -> tuple[int, int]:
    """Reception acts of the orders opened in the period: sent, and confirmed by the client."""
    row = await tx.one(
        "SELECT COUNT(*), COALESCE(SUM(EXISTS (SELECT 1 FROM ws_act_consents c"
        " WHERE c.act_id = a.id)), 0) FROM ws_acts a JOIN ws_orders o ON o.id = a.order_id"
        " WHERE a.version > 0 AND o.opened_at >= ? AND o.opened_at < ?", (s, e))
    assert row is not None  # an aggregate: always one row
    return int(row[0]), int(row[1])


async def _waived(tx: Tx, s: str, e: str) -> int:
    return await tx.scalar(
        "SELECT COUNT(*) FROM ws_orders o WHERE o.status = 'done' AND o.closed_at >= ?"
        " AND o.closed_at < ? AND EXISTS (SELECT 1 FROM ws_qc_waivers w WHERE w.order_id = o.id)",
        (s, e))


async def _comebacks(tx: Tx, s: str, e: str) -> int:
    return await tx.scalar(
        "SELECT COUNT(*) FROM ws_orders o LEFT JOIN ws_bookings b ON b.id = o.booking_id"
        " WHERE o.opened_at >= ? AND o.opened_at < ? AND EXISTS ("
        "   SELECT 1 FROM ws_orders p LEFT JOIN ws_bookings pb ON pb.id = p.booking_id"
        "   WHERE p.client_id = o.client_id AND p.id != o.id AND p.status = 'done'"
        "   AND p.closed_at <= o.opened_at AND p.closed_at > datetime(o.opened_at, ?)"
        "   AND (b.car IS NULL OR pb.car IS NULL OR b.car = pb.car))",
        (s, e, f"-{COMEBACK_DAYS} days"),
    )


async def _checks(tx: Tx, s: str, e: str) -> dict[str, Any]:
    row = await tx.one(
        "SELECT COUNT(*), AVG(quality), AVG(on_time), AVG(clarity), AVG(staff),"
        " COALESCE(SUM(nps >= 9), 0), COALESCE(SUM(nps <= 6), 0), COUNT(nps),"
        " COALESCE(SUM(problem_back = 1), 0) FROM ws_checks WHERE sent_at >= ? AND sent_at < ?",
        (s, e))
    assert row is not None
    scores = dict(zip(("quality", "on_time", "clarity", "staff"), row[1:5], strict=True))
    return {"checks": row[0], "scores": scores, "promoters": row[5], "detractors": row[6],
            "nps_answers": row[7], "problem_back": row[8]}


async def orders(tx: Tx, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Work orders opened in the period with their sums, for the export."""
    rows = await tx.all(
        "SELECT o.id, c.name AS client, o.title, b.car, o.opened_at, o.sent_at,"
        " o.first_promised_at, o.promised_at, o.closed_at, o.extra_policy, o.extra_limit,"
        " COUNT(l.id) AS lines, COALESCE(SUM(l.status = 'approved'), 0) AS approved,"
        " COALESCE(SUM(l.price), 0) AS offered_sum,"
        " COALESCE(SUM(CASE WHEN l.status = 'approved' THEN l.price END), 0) AS total,"
        " (SELECT group_concat(w.reason, '; ') FROM ws_qc_waivers w WHERE w.order_id = o.id)"
        " AS qc_waived,"
        " (SELECT MIN(ac.at) FROM ws_act_consents ac JOIN ws_acts a ON a.id = ac.act_id"
        " WHERE a.order_id = o.id) AS act_confirmed_at"
        " FROM ws_orders o JOIN clients c ON c.id = o.client_id"
        " LEFT JOIN ws_bookings b ON b.id = o.booking_id LEFT JOIN ws_lines l ON l.order_id = o.id"
        " WHERE o.opened_at >= ? AND o.opened_at < ? GROUP BY o.id ORDER BY o.id",
        (to_db(start), to_db(end)))
    return [dict(row) for row in rows]
