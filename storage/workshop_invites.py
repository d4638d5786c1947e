"""Who is due for maintenance: last visits, odometer readings, deferred lines, opt-outs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from storage.db import Tx, from_db, to_db


@dataclass(frozen=True)
class ServiceHistory:
    client_id: int
    last_visit: datetime | None  # the last work order closed, or the car handed over
    readings: list[tuple[datetime, int]]  # (when, km), oldest first
    service_km: int | None  # the odometer at the last visit (or at handover)


async def candidates(tx: Tx, after_id: int, limit: int) -> list[int]:
    """Clients with a visit or a handover behind them, not opted out, no visit booked ahead."""
    rows = await tx.all(
        "SELECT c.id FROM clients c WHERE c.id > ? AND c.unreachable_at IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM ws_opt_out o WHERE o.client_id = c.id)"
        " AND NOT EXISTS (SELECT 1 FROM ws_bookings b WHERE b.client_id = c.id"
        "                 AND b.status IN ('booked', 'confirmed'))"
        " AND (EXISTS (SELECT 1 FROM ws_orders o WHERE o.client_id = c.id AND o.status = 'done')"
        "      OR EXISTS (SELECT 1 FROM requests r WHERE r.client_id = c.id"
        "                 AND r.handed_over_at IS NOT NULL))"
        " ORDER BY c.id LIMIT ?", (after_id, limit),
    )
    return [row[0] for row in rows]


async def history(tx: Tx, client_id: int) -> ServiceHistory:
    visit = await tx.scalar(
        "SELECT MAX(at) FROM (SELECT closed_at AS at FROM ws_orders WHERE client_id = ?"
        " AND status = 'done' UNION ALL SELECT handed_over_at FROM requests WHERE client_id = ?)",
        (client_id, client_id),
    )
    # The odometer at handover (the car on file, docs/cars.md) is the first reading.
    rows = await tx.all(
        "SELECT created_at AS at, odometer FROM ws_bookings WHERE client_id = ?"
        " AND odometer IS NOT NULL UNION ALL SELECT at, km FROM ws_readings WHERE client_id = ?"
        " UNION ALL SELECT COALESCE(odometer_at, handed_over_at), odometer FROM cars"
        " WHERE client_id = ? AND odometer IS NOT NULL AND handed_over_at IS NOT NULL"
        " ORDER BY at", (client_id, client_id, client_id),
    )
    service_km = await tx.scalar(  # at the last visit: a closed work order, or the handover
        "SELECT km FROM (SELECT o.closed_at AS at, b.odometer AS km FROM ws_orders o"
        " JOIN ws_bookings b ON b.id = o.booking_id"
        " WHERE o.client_id = ? AND o.status = 'done' AND b.odometer IS NOT NULL"
        " UNION ALL SELECT o.closed_at, a.odometer FROM ws_orders o JOIN ws_acts a"
        " ON a.order_id = o.id WHERE o.client_id = ? AND o.status = 'done'"
        " AND a.odometer IS NOT NULL"
        " UNION ALL SELECT COALESCE(odometer_at, handed_over_at), odometer FROM cars"
        " WHERE client_id = ? AND odometer IS NOT NULL AND handed_over_at IS NOT NULL)"
        " ORDER BY at DESC LIMIT 1", (client_id, client_id, client_id),
    )
    readings = [(from_db(r[0]), r[1]) for r in rows]
    return ServiceHistory(client_id, from_db(visit), readings, service_km)


async def first_invitation(tx: Tx, client_id: int, due_on: date, now: datetime) -> bool:
    """Record the invitation for this due date; False if one was sent for it before."""
    return await tx.execute(
        "INSERT INTO ws_invitations (client_id, due_on, sent_at) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING", (client_id, due_on.isoformat(), to_db(now)),
    ) > 0


async def opt_out(tx: Tx, client_id: int, now: datetime) -> None:
    await tx.execute("INSERT INTO ws_opt_out (client_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                     (client_id, to_db(now)))


async def deferred_lines(tx: Tx, client_id: int) -> list[tuple[int, str, int]]:
    """(line id, title, price) the client put off 'for later' and has not had done since."""
    rows = await tx.all(
        "SELECT l.id, l.title, l.price FROM ws_lines l JOIN ws_orders o ON o.id = l.order_id"
        " WHERE o.client_id = ? AND l.status = 'declined' AND l.reason = 'later' ORDER BY l.id",
        (client_id,),
    )
    return [(r[0], r[1], r[2]) for r in rows]


async def add_reading(tx: Tx, client_id: int, km: int, now: datetime) -> None:
    """An odometer reading the client gave in chat (besides those given at booking)."""
    await tx.insert("INSERT INTO ws_readings (client_id, km, at) VALUES (?, ?, ?)",
                    (client_id, km, to_db(now)))
