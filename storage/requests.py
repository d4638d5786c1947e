"""Car search requests (deals)."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain import CarRequest
from storage.db import Row, Tx, from_db, to_db


def _request(row: Row) -> CarRequest:
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
        created_at=from_db(row["created_at"]),  # type: ignore[arg-type]
        hard_search_time=row["hard_search_time"],
        hard_reason=row["hard_reason"],
        eta=date.fromisoformat(row["eta"]) if row["eta"] else None,
        handed_over_at=from_db(row["handed_over_at"]),
        cancel_reason=row["cancel_reason"],
    )


async def create(tx: Tx, client_id: int, answers: dict[str, object], now: datetime) -> int:
    return await tx.insert(
        "INSERT INTO requests (client_id, car, year_from, year_to, budget, must_haves,"
        " deal_breakers, city, deadline, created_at, updated_at)"
        " VALUES (:client_id, :car, :year_from, :year_to, :budget, :must_haves,"
        " :deal_breakers, :city, :deadline, :now, :now)",
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
    return _request(row) if row else None


async def latest_for_client(tx: Tx, client_id: int) -> CarRequest | None:
    row = await tx.one(
        "SELECT * FROM requests WHERE client_id = ? ORDER BY id DESC LIMIT 1", (client_id,)
    )
    return _request(row) if row else None


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


async def set_hard(tx: Tx, request_id: int, search_time: str, reason: str | None) -> None:
    await tx.execute(
        "UPDATE requests SET hard_search_time = ?, hard_reason = ? WHERE id = ?",
        (search_time, reason, request_id),
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
    return [(row[0], row[1], from_db(row[2])) for row in rows]  # type: ignore[misc]


async def eta_history(tx: Tx, request_id: int) -> list[tuple[date | None, date, str | None]]:
    rows = await tx.all(
        "SELECT old_eta, new_eta, reason FROM eta_changes WHERE request_id = ? ORDER BY id",
        (request_id,),
    )
    return [
        (date.fromisoformat(row[0]) if row[0] else None, date.fromisoformat(row[1]), row[2])
        for row in rows
    ]


async def accept_service(tx: Tx, request_id: int, service: str, now: datetime) -> bool:
    changed = await tx.execute(
        "INSERT OR IGNORE INTO accepted_services (request_id, service, created_at)"
        " VALUES (?, ?, ?)",
        (request_id, service, to_db(now)),
    )
    return changed > 0
