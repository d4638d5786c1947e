"""Whose a request, report or survey is: callback data names them, and can be forged."""

from __future__ import annotations

from storage.db import Tx

_OWNER = {
    "request": "SELECT client_id FROM requests WHERE id = ?",
    "report": "SELECT r.client_id FROM reports p JOIN requests r ON r.id = p.request_id WHERE p.id = ?",
    "survey": "SELECT client_id FROM surveys WHERE id = ?",
}


async def owner(tx: Tx, kind: str, item_id: int) -> int | None:
    """The client the item belongs to; None if there is no such item."""
    return await tx.scalar(_OWNER[kind], (item_id,))
