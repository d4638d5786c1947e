"""Satisfaction surveys (answers stored as they come) and review requests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Tx, from_db, to_db

QUESTIONS = (
    "car_quality", "expectations", "search_speed", "paperwork", "price",  # the result
    "transparency", "informed", "relationship",  # the process
    "nps", "comment",
)


@dataclass(frozen=True)
class Survey:
    id: int
    request_id: int
    client_id: int
    answers: dict[str, int | str | None]
    completed_at: datetime | None
    alerted_at: datetime | None


async def open_for(tx: Tx, request_id: int, client_id: int, now: datetime) -> int:
    """The deal's one survey, created on first use."""
    await tx.execute(
        "INSERT OR IGNORE INTO surveys (request_id, client_id, sent_at) VALUES (?, ?, ?)",
        (request_id, client_id, to_db(now)),
    )
    return await tx.scalar("SELECT id FROM surveys WHERE request_id = ?", (request_id,))


async def get(tx: Tx, survey_id: int) -> Survey | None:
    row = await tx.one("SELECT * FROM surveys WHERE id = ?", (survey_id,))
    if row is None:
        return None
    return Survey(
        row["id"], row["request_id"], row["client_id"],
        {question: row[question] for question in QUESTIONS},
        from_db(row["completed_at"]), from_db(row["alerted_at"]),
    )


async def answer(tx: Tx, survey_id: int, question: str, value: int | str | None) -> None:
    if question not in QUESTIONS:  # the column name comes from this fixed list only
        raise ValueError(question)
    await tx.execute(f"UPDATE surveys SET {question} = ? WHERE id = ?", (value, survey_id))


async def complete(tx: Tx, survey_id: int, now: datetime) -> bool:
    changed = await tx.execute(
        "UPDATE surveys SET completed_at = ? WHERE id = ? AND completed_at IS NULL",
        (to_db(now), survey_id),
    )
    return changed > 0


async def mark_alerted(tx: Tx, survey_id: int, now: datetime) -> bool:
    changed = await tx.execute(
        "UPDATE surveys SET alerted_at = ? WHERE id = ? AND alerted_at IS NULL",
        (to_db(now), survey_id),
    )
    return changed > 0


async def completed_between(tx: Tx, start: datetime, end: datetime) -> list[tuple[int | None]]:
    rows = await tx.all(
        "SELECT nps FROM surveys WHERE completed_at >= ? AND completed_at < ?",
        (to_db(start), to_db(end)),
    )
    return [(row[0],) for row in rows]


async def request_review(tx: Tx, request_id: int, client_id: int, now: datetime) -> bool:
    changed = await tx.execute(
        "INSERT OR IGNORE INTO reviews (request_id, client_id, requested_at) VALUES (?, ?, ?)",
        (request_id, client_id, to_db(now)),
    )
    return changed > 0


async def review_answered(tx: Tx, request_id: int) -> bool:
    value = await tx.scalar("SELECT answered_at FROM reviews WHERE request_id = ?", (request_id,))
    return value is not None


async def answer_review(tx: Tx, request_id: int, text: str | None, now: datetime) -> None:
    await tx.execute(
        "UPDATE reviews SET answered_at = COALESCE(answered_at, ?),"
        " text = COALESCE(?, text) WHERE request_id = ?",
        (to_db(now), text, request_id),
    )
