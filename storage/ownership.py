"""Whose a request, report, survey, or a workshop's booking, order, line or check is: callback
data names them (`owner=` of a kind of press, domain/presses.py), and can be forged."""

from __future__ import annotations

from storage.db import Tx

_OWNER = {
    "request": "SELECT client_id FROM requests WHERE id = ?",
    "report": "SELECT r.client_id FROM reports p JOIN requests r ON r.id = p.request_id WHERE p.id = ?",
    "survey": "SELECT client_id FROM surveys WHERE id = ?",
    "booking": "SELECT client_id FROM ws_bookings WHERE id = ?",
    "order": "SELECT client_id FROM ws_orders WHERE id = ?",
    "line": "SELECT o.client_id FROM ws_lines l JOIN ws_orders o ON o.id = l.order_id WHERE l.id = ?",
    "check": "SELECT client_id FROM ws_checks WHERE id = ?",
    "act": "SELECT client_id FROM ws_acts WHERE id = ?",
    "offer": "SELECT r.client_id FROM offers o JOIN requests r ON r.id = o.request_id WHERE o.id = ?",
    "viewing": "SELECT client_id FROM viewings WHERE id = ?",
}


async def owner(tx: Tx, kind: str, item_id: int) -> int | None:
    """The client the item belongs to; None if there is no such item."""
    return await tx.scalar(_OWNER[kind], (item_id,))
