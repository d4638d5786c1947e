"""The workshop's bookings: visits in a slot, their state, and the car they bring."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.workshop import BookingSource, BookingStatus
from storage.db import Row, Tx, from_db, to_db

HOLDING = (BookingStatus.BOOKED, BookingStatus.CONFIRMED, BookingStatus.ARRIVED)  # hold their slot
_HOLDING_SQL = "(" + ", ".join(f"'{status}'" for status in HOLDING) + ")"


@dataclass(frozen=True)
class Booking:
    id: int
    client_id: int
    kind: str
    problem: str | None
    car: str | None
    odometer: int | None
    slot_at: datetime
    status: BookingStatus
    source: BookingSource
    note: str | None
    created_at: datetime
    minutes: int | None = None  # the bay time it holds; None: booked before durations (0038)


def _booking(row: Row) -> Booking:
    return Booking(row["id"], row["client_id"], row["kind"], row["problem"], row["car"],
                   row["odometer"], from_db(row["slot_at"]),
                   BookingStatus(row["status"]), BookingSource(row["source"]), row["note"],
                   from_db(row["created_at"]), row["minutes"])


async def on_day(tx: Tx, start: datetime, end: datetime) -> list[tuple[Booking, str | None]]:
    rows = await tx.all(
        "SELECT b.*, c.name AS client_name FROM ws_bookings b JOIN clients c ON c.id = b.client_id"
        f" WHERE b.slot_at >= ? AND b.slot_at < ? AND b.status IN {_HOLDING_SQL}"
        " ORDER BY b.slot_at, b.id",
        (to_db(start), to_db(end)),
    )
    return [(_booking(row), row["client_name"]) for row in rows]


async def book(tx: Tx, client_id: int, kind: str, problem: str | None, car: str | None,
               odometer: int | None, slot_at: datetime, source: BookingSource, note: str | None,
               now: datetime, minutes: int | None = None) -> int:
    return await tx.insert(
        "INSERT INTO ws_bookings (client_id, kind, problem, car, odometer, slot_at, source, note,"
        " created_at, updated_at, minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (client_id, kind, problem, car, odometer, to_db(slot_at), source, note, to_db(now), to_db(now),
         minutes),
    )


async def booking(tx: Tx, booking_id: int) -> Booking | None:
    row = await tx.one("SELECT * FROM ws_bookings WHERE id = ?", (booking_id,))
    return _booking(row) if row else None


async def upcoming(tx: Tx, client_id: int, now: datetime) -> Booking | None:
    row = await tx.one(
        "SELECT * FROM ws_bookings WHERE client_id = ? AND status IN ('booked', 'confirmed')"
        " AND slot_at >= ? ORDER BY slot_at LIMIT 1", (client_id, to_db(now)),
    )
    return _booking(row) if row else None


async def live(tx: Tx, client_id: int, since: datetime) -> list[Booking]:
    """The client's visits still to come (booked or confirmed, the slot starting after `since`),
    soonest first."""
    rows = await tx.all(
        "SELECT * FROM ws_bookings WHERE client_id = ? AND status IN ('booked', 'confirmed')"
        " AND slot_at > ? ORDER BY slot_at, id", (client_id, to_db(since)),
    )
    return [_booking(row) for row in rows]


async def to_receive(tx: Tx, client_id: int, start: datetime, end: datetime) -> Booking | None:
    """The client's booking in the window that has not arrived yet (the nearest first; one
    marked a no-show still counts: the client came late)."""
    row = await tx.one(
        "SELECT * FROM ws_bookings WHERE client_id = ?"
        " AND status IN ('booked', 'confirmed', 'no_show')"
        " AND slot_at >= ? AND slot_at < ? ORDER BY slot_at LIMIT 1",
        (client_id, to_db(start), to_db(end)),
    )
    return _booking(row) if row else None


async def set_booking(tx: Tx, booking_id: int, now: datetime, *,
                      status: BookingStatus | None = None, slot_at: datetime | None = None) -> int:
    return await tx.execute(
        "UPDATE ws_bookings SET status = COALESCE(?, status), slot_at = COALESCE(?, slot_at),"
        " updated_at = ? WHERE id = ?",
        (status, to_db(slot_at) if slot_at else None, to_db(now), booking_id),
    )


async def last_car(tx: Tx, client_id: int) -> str | None:
    return await tx.scalar(
        "SELECT car FROM ws_bookings WHERE client_id = ? AND car IS NOT NULL ORDER BY id DESC LIMIT 1",
        (client_id,),
    )
