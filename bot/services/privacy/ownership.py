"""Every button that names a request, report, survey or service acts only for its own client.

Checked once for every press, before any service sees it, so a forged id (another client's
review, report or survey) is refused the same way whichever service the button belongs to."""

from __future__ import annotations

from domain import Action, Inbound
from domain.numbers import is_number
from storage import ownership
from storage.db import Tx

# What the first part of each kind's argument names ('<id>' or '<id>.<more>').
NAMED = {
    Action.REACT: "report",  # "<report id>.<reaction>"
    Action.SERVICE: "request",  # "<request id>.<service index>"
    Action.SURVEY: "survey",  # "<survey id>.<question>.<value>"
    Action.REVIEW_DONE: "request",  # "<request id>"
}


async def belongs(tx: Tx, client_id: int, press: Inbound) -> bool:
    """False when the button names something that is not this client's (or nothing at all)."""
    kind = NAMED.get(press.action) if press.action else None
    if kind is None:
        return True
    head = press.arg.split(".", 1)[0]
    return is_number(head) and await ownership.owner(tx, kind, int(head)) == client_id
