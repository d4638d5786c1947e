"""Payments: what a client paid, for a deal or a workshop work order (`Subject`), and what a
deal's money stands at (its newest offer against what was paid). Rows are only added: a mistake
is corrected by a row of kind `correction`, whose amount (positive, as every row's) is taken off
(`signed`)."""

from __future__ import annotations

from datetime import datetime

from domain.money import Money, Payment, PaymentKind, Subject
from storage.db import Row, Tx, to_db


def signed(alias: str = "") -> str:
    """A row's amount as it counts towards what was paid: a correction's taken off."""
    p = f"{alias}." if alias else ""
    return f"(CASE WHEN {p}kind = '{PaymentKind.CORRECTION}' THEN -{p}amount ELSE {p}amount END)"


def _payment(row: Row) -> Payment:
    return Payment(row["id"], Subject(row["subject"]), row["subject_id"], row["client_id"],
                   row["amount"], PaymentKind(row["kind"]), row["what"], row["manager_id"])


async def record(tx: Tx, subject: Subject, subject_id: int, client_id: int, amount: int,
                 kind: PaymentKind, what: str, manager_id: int, now: datetime) -> Payment:
    payment_id = await tx.insert(
        "INSERT INTO payments (subject, subject_id, client_id, amount, kind, what, manager_id,"
        " paid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (subject.value, subject_id, client_id, amount, kind.value, what, manager_id, to_db(now)),
    )
    return Payment(payment_id, subject, subject_id, client_id, amount, kind, what, manager_id)


async def of(tx: Tx, subject: Subject, subject_id: int) -> list[Payment]:
    rows = await tx.all("SELECT * FROM payments WHERE subject = ? AND subject_id = ? ORDER BY id",
                        (subject.value, subject_id))
    return [_payment(row) for row in rows]


async def paid(tx: Tx, subject: Subject, subject_id: int) -> int:
    return int(await tx.scalar(
        f"SELECT COALESCE(SUM({signed()}), 0) FROM payments WHERE subject = ? AND subject_id = ?",
        (subject.value, subject_id),
    ) or 0)


async def deal_money(tx: Tx, request_id: int) -> Money:
    """The deal's newest offer (price and fee) against what was paid for it."""
    offered = await tx.scalar(
        "SELECT price + fee FROM offers WHERE request_id = ? ORDER BY version DESC LIMIT 1",
        (request_id,),
    )
    return Money(None if offered is None else int(offered),
                 await paid(tx, Subject.DEAL, request_id))


async def totals(tx: Tx, subject: Subject, start: datetime,
                 end: datetime) -> list[tuple[PaymentKind, int, int]]:
    """(kind, rows, sum) of the payments recorded in [start, end), each kind's sum as it counts
    (a correction's negative)."""
    rows = await tx.all(
        f"SELECT kind, COUNT(*) AS n, SUM({signed()}) AS total FROM payments WHERE subject = ?"
        " AND paid_at >= ? AND paid_at < ? GROUP BY kind ORDER BY kind",
        (subject.value, to_db(start), to_db(end)),
    )
    return [(PaymentKind(r["kind"]), int(r["n"]), int(r["total"])) for r in rows]
