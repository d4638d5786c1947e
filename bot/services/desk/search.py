"""Finding clients and seeing the open deals, from any topic or General: /find by phone (any
writing of it), name, car, city, request number, or the car on file's VIN (or its last six or more
characters) or plate; /open, the open requests by stage with the
days since the client's last news, oldest news first. Each line links to the client's topic."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.services.base import Desk, Kit, request_number
from bot.services.validation import phone_key
from domain import Stage
from domain.cars import VIN_LENGTH, plate_key
from domain.numbers import is_number
from storage import deals

MATCHES = 10


class SearchDesk(Desk):
    def __init__(self, kit: Kit, phone_region: str) -> None:
        super().__init__(kit)
        self._region = phone_region

    async def find(self, topic_id: int | None, message_id: int, text: str) -> None:
        words = " ".join(text.split())
        number, _ = request_number(words)
        async with self._db.transaction() as tx:
            if not words:
                await self._answer(tx, topic_id, message_id, "find-usage")
                return
            phone = phone_key(words, self._region) if any(c.isdigit() for c in words) else None
            if number is None and is_number(words) and phone is None and len(words) < VIN_TAIL:
                number = int(words)  # a bare request number (six digits or more: a VIN's end)
            found = await deals.find(tx, phone, "" if number or phone else words.casefold(),
                                     number, MATCHES, car_keys(words))
            if not found:
                await self._answer(tx, topic_id, message_id, "find-none", text=escape(words))
                return
            lines = [self.line(deal, await self._client_link(tx, deal.client_id, deal.topic_id))
                     for deal in found]
            await self._answer(tx, topic_id, message_id, "find-found", count=len(found),
                               lines="\n".join(lines))

    async def open_list(self, topic_id: int | None, message_id: int) -> None:
        now = self._clock.now()
        async with self._db.transaction() as tx:
            found = await deals.open_deals(tx)
            if not found:
                await self._answer(tx, topic_id, message_id, "open-none")
                return
            parts = []
            for stage in Stage:
                here = [deal for deal in found if deal.stage == stage.value]
                if here:
                    lines = "\n".join([
                        self.line(deal, await self._client_link(tx, deal.client_id, deal.topic_id),
                                  now) for deal in here])
                    parts.append(f"<b>{self._t(self._lang, f'stage-{stage}')}</b>\n{lines}")
            await self._answer(tx, topic_id, message_id, "open-list", count=len(found),
                               stages="\n\n".join(parts))

    def line(self, deal: deals.OpenDeal, link: str, now: datetime | None = None) -> str:
        """'#12 Иван — Toyota RAV4 · Поиск' linked to the topic; with `now`, days without news."""
        name = escape(deal.name or "—")
        who = f'<a href="{link}">{name}</a>' if link else name
        stage = self._t(self._lang, f"stage-{deal.stage}")
        line = f"#{deal.request_id} {who} — {escape(deal.car)} · {stage}"
        if now is not None:
            line += " · " + self._t(self._lang, "open-days", days=(now - deal.heard_at).days)
        return line


VIN_TAIL = 6  # the fewest last characters of a VIN that /find reads as one


def car_keys(words: str) -> deals.CarKeys | None:
    """What the words may be of a car on file: a whole VIN, a plate, or a VIN's ending."""
    key = plate_key(words)  # as a VIN is cleaned too: no spaces, upper case, Latin look-alikes
    if not key.isalnum():
        return None
    latin = key.isascii()
    return deals.CarKeys(
        vin=key if latin and len(key) == VIN_LENGTH else None,
        plate=key if any(ch.isdigit() for ch in key) else None,
        vin_tail=key if latin and VIN_TAIL <= len(key) < VIN_LENGTH else None,
    )
