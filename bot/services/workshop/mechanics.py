"""Who does the work (`/mech`, issue 24): the mechanic of a work order, or of one of its lines.

`/mech @petrov` or `/mech Пётр` names the executor of the client's order in work; `/mech 2 @ivan`
names the one of line 2 (the line's wins over the order's); `-` instead of a name clears it. The
name is kept as written (ws_orders.mechanic, ws_lines.mechanic, migration 0041); the bill names
it, and the figures count orders and hours per mechanic."""

from __future__ import annotations

import re
import unicodedata
from html import escape

from bot.services.workshop.base import WorkshopDesk
from domain import Client
from domain.numbers import is_number, looks_numeric
from domain.refusal import Refusal
from storage import workshop_orders
from storage.db import Tx

MAX_NAME = 40
MAX_POSITION_DIGITS = 3  # no order has a thousand lines
_USERNAME = re.compile(r"@[A-Za-z0-9_]{4,32}")
CLEAR = "-"


def parse_mech(args: str) -> tuple[int | None, str | None]:
    """'@petrov' → (None, '@petrov'); '2 Пётр Иванов' → (2, 'Пётр Иванов'); '2 -' → (2, None).
    A line's number is ASCII digits; a name is a Telegram @username or up to MAX_NAME
    characters with a letter, on one line, without control characters."""
    words = args.split()
    if not words:
        raise Refusal("ws-mech-usage")
    position = None
    if len(words) > 1 and (is_number(words[0]) or looks_numeric(words[0])):
        if not is_number(words[0]) or len(words[0]) > MAX_POSITION_DIGITS or int(words[0]) == 0:
            raise Refusal("ws-mech-bad-line", line=escape(words[0][:10]))
        position, words = int(words[0]), words[1:]
    name = " ".join(words)
    if name == CLEAR:
        return position, None
    if name.startswith("@"):
        if _USERNAME.fullmatch(name) is None:
            raise Refusal("ws-mech-bad-name")
        return position, name
    if (len(name) > MAX_NAME or not any(ch.isalpha() for ch in name)
            or any(unicodedata.category(ch)[0] == "C" for ch in name)):
        raise Refusal("ws-mech-bad-name")
    return position, name


class Mechanics(WorkshopDesk):
    async def assign(self, tx: Tx, client: Client, args: str) -> None:
        position, name = parse_mech(args)
        order = await workshop_orders.current_order(tx, client.id)
        if order is None:
            raise Refusal("ws-mech-no-order")
        shown = escape(name) if name else self._t(self._lang, "ws-mech-nobody")
        if position is None:
            await workshop_orders.set_mechanic(tx, order.id, name)
            await self._tell_topic(tx, client, "ws-mech-order", id=order.id, name=shown)
            return
        lines = await workshop_orders.lines(tx, order.id)
        line = next((line for line in lines if line.position == position), None)
        if line is None:
            raise Refusal("ws-mech-no-line", n=position, count=len(lines))
        await workshop_orders.set_line_mechanic(tx, line.id, name)
        await self._tell_topic(tx, client, "ws-mech-line", n=position, title=escape(line.title),
                               name=shown)
