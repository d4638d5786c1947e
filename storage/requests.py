"""Car search requests (deals)."""

from __future__ import annotations

from datetime import datetime

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
