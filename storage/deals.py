"""A client's several requests, a deal's own news interval, changes to a confirmed request,
finding clients, the list of open deals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain import CarRequest
from storage.db import Row, Tx, from_db, to_db
from storage.requests import OPEN, Silence, from_row

# Fields of a request a client or manager may change after confirmation, and their columns.
CHANGEABLE = ("car", "year_from", "year_to", "budget", "must_haves", "deal_breakers", "city",
              "deadline")


@dataclass(frozen=True)
class CarKeys:
    """A car on file as /find may name it: its whole VIN, its plate (key), the end of its VIN."""

    vin: str | None = None
    plate: str | None = None
    vin_tail: str | None = None


@dataclass(frozen=True)
class OpenDeal:
    """An open request as the lists show it: whose, where, and since when the client heard."""

    request_id: int
    client_id: int
    name: str | None
    topic_id: int | None
    car: str
    stage: str
    heard_at: datetime
    phone: str | None = None
    city: str | None = None


async def open_for_client(tx: Tx, client_id: int) -> list[CarRequest]:
    rows = await tx.all(f"SELECT * FROM requests WHERE client_id = ? AND {OPEN} ORDER BY id",
                        (client_id,))
    return [from_row(row) for row in rows]


async def of_client(tx: Tx, client_id: int, request_id: int) -> CarRequest | None:
    row = await tx.one("SELECT * FROM requests WHERE id = ? AND client_id = ?",
                       (request_id, client_id))
    return from_row(row) if row else None


async def set_every(tx: Tx, request_id: int, seconds: int | None) -> None:
    """A deal's own news interval; the silence is judged anew against it."""
    await tx.execute("UPDATE requests SET every_seconds = ?, nag_level = 0 WHERE id = ?",
                     (seconds, request_id))


async def every(tx: Tx, request_id: int) -> int | None:
    return await tx.scalar(
        "SELECT every_seconds FROM requests WHERE id = ?", (request_id,))


async def change(tx: Tx, request_id: int, values: dict[str, object], now: datetime) -> None:
    """Change fields of a confirmed request (names from CHANGEABLE only)."""
    columns = [name for name in values if name in CHANGEABLE]
    assert len(columns) == len(values), values
    assignments = ", ".join(f"{name} = :{name}" for name in columns)
    await tx.execute(f"UPDATE requests SET {assignments}, updated_at = :now WHERE id = :id",
                     {**values, "now": to_db(now), "id": request_id})


async def own_interval_silences(tx: Tx) -> list[tuple[Silence, int]]:
    """Open deals with their own interval not yet escalated, with that interval (few rows)."""
    rows = await tx.all(
        "SELECT id, client_id, heard_at, nag_level, every_seconds FROM requests"
        f" WHERE every_seconds IS NOT NULL AND {OPEN} AND nag_level < 2"
    )
    return [(Silence(row[0], row[1], from_db(row[2]), row[3]), row[4])
            for row in rows]


_LIST = (
    "SELECT r.id, r.client_id, c.name, c.topic_id, r.car, r.stage, r.heard_at, c.phone, r.city"
    " FROM requests r JOIN clients c ON c.id = r.client_id"
)


def _deal(row: Row) -> OpenDeal:
    heard = from_db(row[6])
    assert heard is not None  # set at creation
    return OpenDeal(row[0], row[1], row[2], row[3], row[4], row[5], heard, row[7], row[8])


async def open_deals(tx: Tx) -> list[OpenDeal]:
    """Every open request of a client whose conversation is open (not /close'd), oldest news
    first."""
    rows = await tx.all(f"{_LIST} WHERE r.{OPEN} AND c.topic_closed_at IS NULL"
                        " ORDER BY r.heard_at, r.id")
    return [_deal(row) for row in rows]


async def silent_deals(tx: Tx, since: datetime) -> list[OpenDeal]:
    """Open requests whose client has heard nothing since `since`, oldest first."""
    rows = await tx.all(f"{_LIST} WHERE r.{OPEN} AND r.heard_at <= ? ORDER BY r.heard_at",
                        (to_db(since),))
    return [_deal(row) for row in rows]


async def find(tx: Tx, phone: str | None, words: str, request_id: int | None,
               limit: int, car: CarKeys | None = None) -> list[OpenDeal]:
    """Each client's latest request matching a phone, a request number, the words in the
    client's name or username, the car or the city (case-insensitive), or their car on file's
    VIN, plate or VIN ending."""
    # what was typed is matched as text: its % and _ are not wildcards
    typed = words.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{typed}%"
    rows = await tx.all(
        f"{_LIST} WHERE r.id = (SELECT MAX(x.id) FROM requests x WHERE x.client_id = c.id"
        " AND (:request_id IS NULL OR x.id = :request_id)) AND ("
        " (:phone IS NOT NULL AND c.phone = :phone) OR r.id = :request_id"
        " OR c.id IN (SELECT k.client_id FROM cars k WHERE (:vin IS NOT NULL AND k.vin = :vin)"
        " OR (:plate IS NOT NULL AND k.plate_key = :plate)"
        " OR (:tail IS NOT NULL AND k.vin LIKE '%' || :tail))"
        " OR (:words != '' AND (lower_ru(COALESCE(c.name, '')) LIKE :like ESCAPE '\\'"
        " OR lower_ru(COALESCE(c.username, '')) LIKE :like ESCAPE '\\'"
        " OR EXISTS (SELECT 1 FROM requests y WHERE y.client_id = c.id AND"
        " (lower_ru(y.car) LIKE :like ESCAPE '\\' OR lower_ru(y.city) LIKE :like ESCAPE '\\')))))"
        " ORDER BY r.id DESC LIMIT :limit",
        {"phone": phone, "words": words, "like": like, "request_id": request_id, "limit": limit,
         "vin": car.vin if car else None, "plate": car.plate if car else None,
         "tail": car.vin_tail if car else None},
    )
    return [_deal(row) for row in rows]


BEFORE_ARRIVAL = ("new", "searching", "inspecting", "negotiating", "contract", "documents",
                  "paid", "in_transit")


async def eta_passed(tx: Tx, today: str) -> list[CarRequest]:
    """Requests whose delivery date (ISO) is before `today` and that have not arrived."""
    marks = ", ".join("?" * len(BEFORE_ARRIVAL))
    rows = await tx.all(
        f"SELECT * FROM requests WHERE eta < ? AND stage IN ({marks}) ORDER BY id",
        (today, *BEFORE_ARRIVAL),
    )
    return [from_row(row) for row in rows]


async def searching(tx: Tx) -> list[CarRequest]:
    """Requests still being searched for (their client's deadline is watched)."""
    rows = await tx.all("SELECT * FROM requests WHERE stage IN ('new', 'searching') ORDER BY id")
    return [from_row(row) for row in rows]


async def hard_searches(tx: Tx) -> list[tuple[CarRequest, datetime]]:
    """Requests marked hard and still searched for, with when they were marked."""
    rows = await tx.all(
        "SELECT * FROM requests WHERE hard_set_at IS NOT NULL"
        " AND stage IN ('new', 'searching') ORDER BY id"
    )
    return [(from_row(row), from_db(row["hard_set_at"])) for row in rows]


async def card_of(tx: Tx, request_id: int) -> int | None:
    """The message id of the request's own pinned card, if it has one."""
    return await tx.scalar(
        "SELECT card_message_id FROM requests WHERE id = ?", (request_id,))
