"""Car search requests (deals)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain import CarRequest, Stage
from storage.db import Row, Tx, from_db, to_db

# A request is open (news at least every interval is promised) until handed over, closed or
# cancelled.
CLOSED = (Stage.HANDED_OVER.value, Stage.CLOSED.value, Stage.CANCELLED.value)
# Word for word the WHERE clause of the requests_silence index (migration 0007): SQLite uses a
# partial index only for a query that repeats its condition.
OPEN = "stage NOT IN ({})".format(", ".join(f"'{stage}'" for stage in CLOSED))
# When the client last heard from us about a request: its creation, or the latest manager
# message to the client, whichever is later.
_HEARD = "MAX({created}, COALESCE({manager_wrote}, ''))"
# The sweep's and the digest's reads: range scans of requests_silence (tests check the plans).
# A deal with its own interval (/every) is read apart (storage/deals.py).
SILENT = (
    f"SELECT id, client_id, heard_at, nag_level FROM requests WHERE {OPEN}"
    " AND nag_level = 0 AND heard_at <= ? AND every_seconds IS NULL UNION ALL"
    f" SELECT id, client_id, heard_at, nag_level FROM requests WHERE {OPEN}"
    " AND nag_level = 1 AND heard_at <= ? AND every_seconds IS NULL LIMIT ?"
)
SILENT_COUNT = (  # every level named, so each is a range scan
    f"SELECT COUNT(*) FROM requests WHERE {OPEN} AND nag_level IN (0, 1, 2) AND heard_at <= ?"
)


@dataclass(frozen=True)
class Silence:
    """An open request whose client has heard nothing from us since `heard_at`."""

    request_id: int
    client_id: int
    heard_at: datetime
    nag_level: int  # 0: nobody nagged about this silence yet, 1: nagged, 2: escalated


def from_row(row: Row) -> CarRequest:
    return CarRequest(
        id=row["id"],
        client_id=row["client_id"],
        car=row["car"],
        year_from=row["year_from"],
        year_to=row["year_to"],
        budget=row["budget"],
        must_haves=row["must_haves"],
        deal_breakers=row["deal_breakers"],
        city=row["city"],
        deadline=row["deadline"],
        stage=row["stage"],
        created_at=from_db(row["created_at"]),
        hard_search_time=row["hard_search_time"],
        hard_reason=row["hard_reason"],
        eta=date.fromisoformat(row["eta"]) if row["eta"] else None,
        handed_over_at=from_db(row["handed_over_at"]),
        cancel_reason=row["cancel_reason"],
    )


async def create(tx: Tx, client_id: int, answers: dict[str, object], now: datetime) -> int:
    heard = _HEARD.format(
        created=":now",
        manager_wrote="(SELECT last_manager_message_at FROM clients WHERE id = :client_id)",
    )
    return await tx.insert(
        "INSERT INTO requests (client_id, car, year_from, year_to, budget, must_haves,"
        " deal_breakers, city, deadline, created_at, updated_at, heard_at)"
        " VALUES (:client_id, :car, :year_from, :year_to, :budget, :must_haves,"
        f" :deal_breakers, :city, :deadline, :now, :now, {heard})",
        {
            "client_id": client_id,
            "car": answers["car"],
            "year_from": answers["year_from"],
            "year_to": answers["year_to"],
            "budget": answers["budget"],
            "must_haves": answers.get("must_haves"),
            "deal_breakers": answers.get("deal_breakers"),
            "city": answers["city"],
            "deadline": answers["deadline"],
            "now": to_db(now),
        },
    )


async def get(tx: Tx, request_id: int) -> CarRequest | None:
    row = await tx.one("SELECT * FROM requests WHERE id = ?", (request_id,))
    return from_row(row) if row else None


async def latest_for_client(tx: Tx, client_id: int) -> CarRequest | None:
    row = await tx.one(
        "SELECT * FROM requests WHERE client_id = ? ORDER BY id DESC LIMIT 1", (client_id,)
    )
    return from_row(row) if row else None


async def set_stage(
    tx: Tx, request: CarRequest, stage: str, note: str | None, author_id: int | None, now: datetime
) -> None:
    """Move the request and record who moved it, when, and why."""
    await tx.execute(
        "INSERT INTO stage_changes (request_id, from_stage, to_stage, note, author_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (request.id, request.stage, stage, note, author_id, to_db(now)),
    )
    await tx.execute(
        "UPDATE requests SET stage = ?, updated_at = ?,"
        " cancel_reason = CASE WHEN ? = 'cancelled' THEN ? ELSE cancel_reason END,"
        " handed_over_at = CASE WHEN ? = 'handed_over' THEN ?"
        " ELSE handed_over_at END WHERE id = ?",
        (stage, to_db(now), stage, note, stage, to_db(now), request.id),
    )


async def set_hard(
    tx: Tx, request_id: int, search_time: str, reason: str | None, now: datetime | None = None
) -> None:
    await tx.execute(
        "UPDATE requests SET hard_search_time = ?, hard_reason = ?,"
        " hard_set_at = COALESCE(?, hard_set_at) WHERE id = ?",
        (search_time, reason, to_db(now) if now else None, request_id),
    )


async def set_eta(
    tx: Tx, request: CarRequest, eta: date, reason: str | None, author_id: int, now: datetime
) -> None:
    await tx.execute(
        "INSERT INTO eta_changes (request_id, old_eta, new_eta, reason, author_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            request.id,
            request.eta.isoformat() if request.eta else None,
            eta.isoformat(),
            reason,
            author_id,
            to_db(now),
        ),
    )
    await tx.execute(
        "UPDATE requests SET eta = ?, updated_at = ? WHERE id = ?",
        (eta.isoformat(), to_db(now), request.id),
    )


async def stage_history(tx: Tx, request_id: int) -> list[tuple[str, str | None, datetime]]:
    rows = await tx.all(
        "SELECT to_stage, note, created_at FROM stage_changes WHERE request_id = ? ORDER BY id",
        (request_id,),
    )
    return [(row[0], row[1], from_db(row[2])) for row in rows]


async def eta_history(tx: Tx, request_id: int) -> list[tuple[date | None, date, str | None]]:
    rows = await tx.all(
        "SELECT old_eta, new_eta, reason FROM eta_changes WHERE request_id = ? ORDER BY id",
        (request_id,),
    )
    return [
        (date.fromisoformat(row[0]) if row[0] else None, date.fromisoformat(row[1]), row[2])
        for row in rows
    ]


async def accept_service(tx: Tx, request_id: int, service: str, now: datetime) -> int | None:
    """The acceptance's id; None if this service was accepted for the request before."""
    changed = await tx.execute(
        "INSERT OR IGNORE INTO accepted_services (request_id, service, created_at)"
        " VALUES (?, ?, ?)",
        (request_id, service, to_db(now)),
    )
    if not changed:
        return None
    return int(await tx.scalar(
        "SELECT id FROM accepted_services WHERE request_id = ? AND service = ?",
        (request_id, service),
    ))


async def accepted_service(tx: Tx, acceptance_id: int) -> str | None:
    return await tx.scalar("SELECT service FROM accepted_services WHERE id = ?", (acceptance_id,))


async def heard_from_us(tx: Tx, client_id: int, at: datetime) -> None:
    """A manager wrote to the client: a new silence starts for each of their requests."""
    heard = _HEARD.format(created="created_at", manager_wrote=":at")
    await tx.execute(
        f"UPDATE requests SET heard_at = {heard},"
        f" nag_level = CASE WHEN heard_at IS {heard} THEN nag_level ELSE 0 END"
        " WHERE client_id = :client_id",
        {"at": to_db(at), "client_id": client_id},
    )


async def silent(
    tx: Tx, nag_before: datetime, escalate_before: datetime, limit: int
) -> list[Silence]:
    """Open requests owed a nag (silent since `nag_before`, none sent) or an escalation (silent
    since `escalate_before`, not escalated): two range scans of due rows only."""
    rows = await tx.all(SILENT, (to_db(nag_before), to_db(escalate_before), limit))
    return [Silence(row[0], row[1], from_db(row[2]), row[3]) for row in rows]


async def set_nag_level(tx: Tx, request_id: int, level: int) -> None:
    await tx.execute("UPDATE requests SET nag_level = ? WHERE id = ?", (level, request_id))


async def silent_count(tx: Tx, since: datetime) -> int:
    """Open requests whose client has heard nothing from us since `since`."""
    return int(await tx.scalar(SILENT_COUNT, (to_db(since),)))


async def open_by_stage(tx: Tx) -> list[tuple[str, int]]:
    """How many requests are in each stage that is not over (closed or cancelled)."""
    rows = await tx.all(
        "SELECT stage, COUNT(*) FROM requests WHERE stage NOT IN (?, ?) GROUP BY stage",
        (Stage.CLOSED.value, Stage.CANCELLED.value),
    )
    return [(str(row[0]), int(row[1])) for row in rows]
