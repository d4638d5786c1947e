"""A deal's legal check (tables `legal_checks` and `legal_waivers`, migration 0037): its items as
LEGAL_CHECKS stood when the check began, each checked or not, with a note or a photo; and the
reasons managers gave for leaving the documents stage with items unchecked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Tx, from_db, to_db


@dataclass(frozen=True)
class LegalItem:
    request_id: int
    position: int  # 1, 2, … as the manager sees them
    item: str  # a code of the default list (named in the reader's language) or the firm's words
    checked_at: datetime | None
    checked_by: int | None
    note: str | None
    media: str | None  # "<group message id>:<kind>:<file id>"

    @property
    def checked(self) -> bool:
        return self.checked_at is not None


async def items(tx: Tx, request_id: int) -> list[LegalItem]:
    rows = await tx.all("SELECT * FROM legal_checks WHERE request_id = ? ORDER BY position",
                        (request_id,))
    return [LegalItem(r["request_id"], r["position"], r["item"], from_db(r["checked_at"]),
                      r["checked_by"], r["note"], r["media"]) for r in rows]


async def begin(tx: Tx, request_id: int, names: tuple[str, ...]) -> list[LegalItem]:
    """The deal's check, made from `names` the first time it is asked for."""
    for position, name in enumerate(names, 1):
        await tx.execute("INSERT INTO legal_checks (request_id, position, item) VALUES (?, ?, ?)"
                         " ON CONFLICT DO NOTHING", (request_id, position, name))
    return await items(tx, request_id)


async def check(tx: Tx, request_id: int, position: int, manager_id: int, now: datetime,
                note: str | None, media: str | None) -> None:
    """Mark an item checked (a note or photo given replaces the one kept; none keeps it)."""
    await tx.execute(
        "UPDATE legal_checks SET checked_at = COALESCE(checked_at, ?), checked_by = ?,"
        " note = COALESCE(?, note), media = COALESCE(?, media)"
        " WHERE request_id = ? AND position = ?",
        (to_db(now), manager_id, note, media, request_id, position),
    )


async def uncheck(tx: Tx, request_id: int, position: int) -> None:
    await tx.execute("UPDATE legal_checks SET checked_at = NULL, checked_by = NULL"
                     " WHERE request_id = ? AND position = ?", (request_id, position))


async def waive(tx: Tx, request_id: int, manager_id: int, open_items: str, reason: str,
                now: datetime) -> None:
    await tx.insert(
        "INSERT INTO legal_waivers (request_id, manager_id, open_items, reason, at)"
        " VALUES (?, ?, ?, ?, ?)", (request_id, manager_id, open_items, reason, to_db(now)))


async def waived(tx: Tx, request_id: int) -> bool:
    return bool(await tx.scalar("SELECT 1 FROM legal_waivers WHERE request_id = ?", (request_id,)))
