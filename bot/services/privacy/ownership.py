"""Every button that names a request, report or survey acts only for its own client.

Checked once for every press, before any service sees it, so a forged id (another client's
review, report or survey) is refused the same way whichever service the button belongs to.
What a kind of press names is declared with the kind (`owner=` in `domain/presses.py`)."""

from __future__ import annotations

from domain import Press
from domain.presses import owned
from storage import ownership
from storage.db import Tx


async def belongs(tx: Tx, client_id: int, press: Press) -> bool:
    """False when the button names something that is not this client's (or nothing at all)."""
    named = owned(press)
    if named is None:
        return True
    kind, item = named
    return await ownership.owner(tx, kind, item) == client_id
