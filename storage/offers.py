"""A deal's offers, one row per version, and the client's acceptance of a version (the consent
record: rows are only added; erasure alone clears their words)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

from domain.money import Offer, OfferTerms
from storage.db import Row, Tx, from_db, to_db


def _offer(row: Row) -> Offer:
    return Offer(row["car"], row["price"], row["fee"], row["included"], row["deposit"],
                 row["terms"], date.fromisoformat(row["valid_until"]), id=row["id"],
                 request_id=row["request_id"], version=row["version"], text=row["text"],
                 lapsed=row["lapsed_at"] is not None)


async def create(tx: Tx, request_id: int, terms: OfferTerms, manager_id: int,
                 now: datetime) -> Offer:
    """The next version of the request's offer; its text is written once it is rendered
    (`set_text`, in the same transaction)."""
    version = int(await tx.scalar(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM offers WHERE request_id = ?", (request_id,)))
    offer_id = await tx.insert(
        "INSERT INTO offers (request_id, version, car, price, fee, included, deposit, terms,"
        " valid_until, text, manager_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)",
        (request_id, version, terms.car, terms.price, terms.fee, terms.included, terms.deposit,
         terms.terms, terms.valid_until.isoformat(), manager_id, to_db(now)),
    )
    said = {field.name: getattr(terms, field.name) for field in fields(OfferTerms)}
    return Offer(**said, id=offer_id, request_id=request_id, version=version, text="",
                 lapsed=False)


async def set_text(tx: Tx, offer_id: int, text: str) -> None:
    await tx.execute("UPDATE offers SET text = ? WHERE id = ?", (text, offer_id))


async def get(tx: Tx, offer_id: int) -> Offer | None:
    row = await tx.one("SELECT * FROM offers WHERE id = ?", (offer_id,))
    return _offer(row) if row else None


async def latest(tx: Tx, request_id: int) -> Offer | None:
    row = await tx.one("SELECT * FROM offers WHERE request_id = ? ORDER BY version DESC LIMIT 1",
                       (request_id,))
    return _offer(row) if row else None


async def accept(tx: Tx, offer: Offer, client_id: int, channel: str, now: datetime) -> bool:
    """Record the acceptance of this version, word for word; False if it was accepted before
    (a second press records nothing)."""
    return bool(await tx.execute(
        "INSERT INTO offer_acceptances (offer_id, client_id, channel, text, at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (offer_id) DO NOTHING",
        (offer.id, client_id, channel, offer.text, to_db(now)),
    ))


async def accepted_at(tx: Tx, offer_id: int) -> datetime | None:
    return from_db(await tx.scalar("SELECT at FROM offer_acceptances WHERE offer_id = ?",
                                   (offer_id,)))


async def mark_lapsed(tx: Tx, offer_id: int, now: datetime) -> None:
    await tx.execute("UPDATE offers SET lapsed_at = ? WHERE id = ? AND lapsed_at IS NULL",
                     (to_db(now), offer_id))
