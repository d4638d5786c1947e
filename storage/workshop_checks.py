"""The workshop's check after a visit (SERVICE_CHECK_DELAY later): answers, alerts, review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Tx, from_db, to_db

CHECK_QUESTIONS = ("quality", "on_time", "clarity", "staff", "nps", "problem_back")


@dataclass(frozen=True)
class Check:
    id: int
    order_id: int
    client_id: int
    answers: dict[str, int | None]
    completed_at: datetime | None
    review_done_at: datetime | None


async def open_check(tx: Tx, order_id: int, client_id: int, now: datetime) -> int:
    await tx.execute(
        "INSERT INTO ws_checks (order_id, client_id, sent_at) VALUES (?, ?, ?)"
        " ON CONFLICT (order_id) DO NOTHING", (order_id, client_id, to_db(now)),
    )
    return await tx.scalar("SELECT id FROM ws_checks WHERE order_id = ?", (order_id,))


async def check(tx: Tx, check_id: int) -> Check | None:
    row = await tx.one("SELECT * FROM ws_checks WHERE id = ?", (check_id,))
    if row is None:
        return None
    return Check(row["id"], row["order_id"], row["client_id"],
                 {q: row[q] for q in CHECK_QUESTIONS}, from_db(row["completed_at"]),
                 from_db(row["review_done_at"]))


async def answer_check(tx: Tx, check_id: int, question: str, value: int) -> bool:
    """Store one answer; False if it was answered before (an old button pressed again)."""
    assert question in CHECK_QUESTIONS
    return await tx.execute(
        f"UPDATE ws_checks SET {question} = ? WHERE id = ? AND {question} IS NULL",
        (value, check_id),
    ) > 0


async def finish_check(tx: Tx, check_id: int, comment: str | None, now: datetime) -> bool:
    return await tx.execute(
        "UPDATE ws_checks SET comment = ?, completed_at = ? WHERE id = ? AND completed_at IS NULL",
        (comment, to_db(now), check_id),
    ) > 0


async def mark_check_alerted(tx: Tx, check_id: int, now: datetime) -> bool:
    return await tx.execute(
        "UPDATE ws_checks SET alerted_at = ? WHERE id = ? AND alerted_at IS NULL",
        (to_db(now), check_id),
    ) > 0


async def review_done(tx: Tx, check_id: int, now: datetime) -> None:
    await tx.execute("UPDATE ws_checks SET review_done_at = ? WHERE id = ? AND review_done_at IS NULL",
                     (to_db(now), check_id))
