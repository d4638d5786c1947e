"""Viewings and test drives of a reported car (table `viewings`, migrations 0037 and 0042): the
client's wish (a time, or their words), a time a manager proposed, the agreed time, and whether
it was held (the impression asked) or cancelled. A row changes state only from the state it was
read in, so two presses of one button make one change."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from storage.db import Row, Tx, from_db, to_db

ASKED, PROPOSED, CONFIRMED, HELD, CANCELLED = "asked", "proposed", "confirmed", "held", "cancelled"
STATUSES = (ASKED, PROPOSED, CONFIRMED, HELD, CANCELLED)
OPEN = (ASKED, PROPOSED, CONFIRMED)  # still to happen
_OPEN_SQL = "('asked', 'proposed', 'confirmed')"


@dataclass(frozen=True)
class Viewing:
    id: int
    client_id: int
    request_id: int
    report_id: int | None
    kind: str  # viewing | test_drive
    wished: str | None  # the client's words when they gave no time the bot could read
    at: datetime | None  # the client's time, the time proposed, or the agreed time
    status: str
    proposed_by: int | None
    created_at: datetime

    @property
    def open(self) -> bool:
        return self.status in OPEN


@dataclass(frozen=True)
class ViewingFigures:
    asked: int
    confirmed: int
    held: int


def _viewing(row: Row) -> Viewing:
    return Viewing(row["id"], row["client_id"], row["request_id"], row["report_id"], row["kind"],
                   row["wished"], from_db(row["at"]), row["status"], row["proposed_by"],
                   from_db(row["created_at"]))


async def get(tx: Tx, viewing_id: int) -> Viewing | None:
    row = await tx.one("SELECT * FROM viewings WHERE id = ?", (viewing_id,))
    return _viewing(row) if row else None


async def open_for_report(tx: Tx, report_id: int) -> Viewing | None:
    row = await tx.one(f"SELECT * FROM viewings WHERE report_id = ? AND status IN {_OPEN_SQL}"
                       " ORDER BY id DESC LIMIT 1", (report_id,))
    return _viewing(row) if row else None


async def newest_open(tx: Tx, request_id: int) -> Viewing | None:
    row = await tx.one(f"SELECT * FROM viewings WHERE request_id = ? AND status IN {_OPEN_SQL}"
                       " ORDER BY id DESC LIMIT 1", (request_id,))
    return _viewing(row) if row else None


async def of_request(tx: Tx, request_id: int) -> list[Viewing]:
    rows = await tx.all("SELECT * FROM viewings WHERE request_id = ? ORDER BY id", (request_id,))
    return [_viewing(r) for r in rows]


async def taken(tx: Tx, start: datetime, end: datetime, ignore: int | None = None) -> list[datetime]:
    """The times of open viewings in [start, end) (one being changed, `ignore`, left out)."""
    rows = await tx.all(f"SELECT at FROM viewings WHERE status IN {_OPEN_SQL} AND at >= ?"
                        " AND at < ? AND id != ?", (to_db(start), to_db(end), ignore or 0))
    return [from_db(r["at"]) for r in rows]


async def ask(tx: Tx, client_id: int, request_id: int, report_id: int, kind: str,
              at: datetime | None, wished: str | None, now: datetime) -> int:
    return await tx.insert(
        "INSERT INTO viewings (client_id, request_id, report_id, kind, wished, at, status,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'asked', ?, ?)",
        (client_id, request_id, report_id, kind, wished, to_db(at) if at else None, to_db(now),
         to_db(now)),
    )


async def ask_again(tx: Tx, viewing_id: int, kind: str, at: datetime | None, wished: str | None,
                    now: datetime) -> bool:
    """The client's new wish for an open viewing (after a proposal, or to move it)."""
    return bool(await tx.execute(
        "UPDATE viewings SET kind = ?, at = ?, wished = ?, status = 'asked', proposed_by = NULL,"
        f" confirmed_at = NULL, confirmed_by = NULL, updated_at = ? WHERE id = ? AND status IN {_OPEN_SQL}",
        (kind, to_db(at) if at else None, wished, to_db(now), viewing_id),
    ))


async def propose(tx: Tx, viewing_id: int, at: datetime, manager_id: int, now: datetime) -> bool:
    return bool(await tx.execute(
        "UPDATE viewings SET at = ?, status = 'proposed', proposed_by = ?, confirmed_at = NULL,"
        f" confirmed_by = NULL, updated_at = ? WHERE id = ? AND status IN {_OPEN_SQL}",
        (to_db(at), manager_id, to_db(now), viewing_id),
    ))


async def confirm(tx: Tx, viewing_id: int, status: str, at: datetime, by: int | None,
                  now: datetime) -> bool:
    """Agree the time, only from `status` at that very time; False when it was not so (a
    second press, a time changed since)."""
    return bool(await tx.execute(
        "UPDATE viewings SET status = 'confirmed', confirmed_at = ?, confirmed_by = ?,"
        " updated_at = ? WHERE id = ? AND status = ? AND at = ?",
        (to_db(now), by, to_db(now), viewing_id, status, to_db(at)),
    ))


async def held(tx: Tx, viewing_id: int, at: datetime, now: datetime) -> bool:
    return bool(await tx.execute(
        "UPDATE viewings SET status = 'held', held_at = ?, updated_at = ?"
        " WHERE id = ? AND status = 'confirmed' AND at = ?",
        (to_db(now), to_db(now), viewing_id, to_db(at)),
    ))


async def cancel(tx: Tx, viewing_id: int, now: datetime) -> bool:
    return bool(await tx.execute(
        f"UPDATE viewings SET status = 'cancelled', updated_at = ? WHERE id = ? AND status IN {_OPEN_SQL}",
        (to_db(now), viewing_id),
    ))


async def cancel_for_request(tx: Tx, request_id: int, now: datetime) -> int:
    """A cancelled deal's open viewings are cancelled with it."""
    return await tx.execute(
        f"UPDATE viewings SET status = 'cancelled', updated_at = ? WHERE request_id = ?"
        f" AND status IN {_OPEN_SQL}", (to_db(now), request_id),
    )


def wish_key(viewing_id: int) -> str:
    """The outbox key of a wish told in the topic (each telling its own), by which a manager's
    reply to that message finds the viewing."""
    return f"viewing-wish:{viewing_id}:{uuid.uuid4().hex}"


async def replied(tx: Tx, message_id: int) -> int | None:
    """The viewing whose wish is the topic message `message_id`, if it is one."""
    # A range of the keys (the UNIQUE index on dedup_key), not LIKE, which SQLite would scan for.
    key = await tx.scalar("SELECT dedup_key FROM outbox WHERE dedup_key >= 'viewing-wish:'"
                          " AND dedup_key < 'viewing-wish;' AND result_message_id = ?"
                          " ORDER BY id DESC LIMIT 1", (message_id,))
    if not isinstance(key, str):
        return None
    number = key.split(":")[1]
    return int(number) if number.isdigit() else None


async def figures(tx: Tx, start: datetime, end: datetime) -> ViewingFigures:
    """Of [start, end): viewings asked for, times agreed, viewings held."""
    row = await tx.one(
        "SELECT SUM(created_at >= :s AND created_at < :e) AS asked,"
        " SUM(confirmed_at >= :s AND confirmed_at < :e) AS confirmed,"
        " SUM(held_at >= :s AND held_at < :e) AS held FROM viewings",
        {"s": to_db(start), "e": to_db(end)},
    )
    assert row is not None
    return ViewingFigures(row["asked"] or 0, row["confirmed"] or 0, row["held"] or 0)
