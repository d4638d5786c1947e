"""Managers' side of booking: `/book` for a client who phoned, `/slots` for a day's load."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from html import escape

from bot.services.workshop import slots
from bot.services.workshop.base import WorkshopKit
from bot.services.workshop.visits import Visits
from domain import Client
from storage import workshop as ws
from storage.db import Tx

_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?$|(\d{4})-(\d{2})-(\d{2})$")


class BookingError(ValueError):
    """A manager's command that cannot be done; `key` names the reply."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


def parse_day(text: str, today: date) -> date:
    """'24.11', '24.11.2026' or '2026-11-24'; a day and month alone mean the next such date."""
    match = _DATE.match(text.strip())
    if match is None:
        raise BookingError("ws-bad-date")
    try:
        if match.group(4):
            return date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
        day, month = int(match.group(1)), int(match.group(2))
        if match.group(3):
            return date(int(match.group(3)), month, day)
        found = date(today.year, month, day)
        return found if found >= today else date(today.year + 1, month, day)
    except ValueError:
        raise BookingError("ws-bad-date") from None


def parse_clock(text: str) -> time:
    try:
        return time.fromisoformat(text.strip().zfill(5))
    except ValueError:
        raise BookingError("ws-bad-time") from None


class Reception:
    def __init__(self, kit: WorkshopKit, visits: Visits) -> None:
        self._k = kit
        self._visits = visits

    async def book(self, tx: Tx, client: Client, args: str) -> None:
        """`/book 24.11 10:00 ТО [note]` in the client's topic."""
        k = self._k
        parts = args.split(maxsplit=3)
        if len(parts) < 3:
            raise BookingError("ws-book-usage", kinds=", ".join(k.config.kinds))
        today = k.local(k.now()).date()
        day, clock = parse_day(parts[0], today), parse_clock(parts[1])
        start = datetime.combine(day, clock, tzinfo=k.config.timezone)
        kind = self._kind(parts[2])
        if start <= k.now():
            raise BookingError("ws-book-past")
        starts = slots.day_slots(k.config.week, day, k.config.slot, k.config.timezone)
        if start not in starts:
            raise BookingError("ws-book-not-a-slot", free=self._times(await self._visits.free_on(tx, day)))
        if not await self._visits.is_free(tx, start):
            raise BookingError("ws-book-full", free=self._times(await self._visits.free_on(tx, day)))
        note = parts[3] if len(parts) > 3 else None
        booking_id = await self._visits.book(
            tx, client, {"kind": kind, "note": note, "problem": note,
                         "car": await ws.last_car(tx, client.id)}, start, "manager")
        await k.topic(tx, client, "ws-book-done", id=booking_id, when=k.when(k.lang, start))

    def _kind(self, text: str) -> str:
        wanted = text.strip().casefold()
        for kind in self._k.config.kinds:
            if kind.casefold() == wanted:
                return kind
        starts = [kind for kind in self._k.config.kinds if kind.casefold().startswith(wanted)]
        if len(starts) == 1:
            return starts[0]
        raise BookingError("ws-book-kind", kinds=", ".join(self._k.config.kinds))

    async def load(self, tx: Tx, args: str) -> str:
        """The day's load: each slot, cars booked of the bays, and whose."""
        k = self._k
        today = k.local(k.now()).date()
        day = parse_day(args, today) if args.strip() else today
        starts = slots.day_slots(k.config.week, day, k.config.slot, k.config.timezone)
        label = f"{k.t(k.lang, f'ws-weekday-{day.weekday()}')} {day:%d.%m.%Y}"
        if not starts:
            return k.t(k.lang, "ws-slots-closed", day=label)
        booked = await ws.on_day(tx, *slots.day_bounds(day, k.config.timezone))
        lines = []
        for start in starts:
            here = [(b, name) for b, name in booked if b.slot_at == start]
            names = ", ".join(f"{escape(name or '—')} ({escape(b.kind)})" for b, name in here)
            lines.append(k.t(k.lang, "ws-slots-line", time=f"{start:%H:%M}", taken=len(here),
                             bays=k.config.bays, names=names or "—"))
        return k.t(k.lang, "ws-slots", day=label, lines="\n".join(lines))

    @staticmethod
    def _times(starts: list[datetime]) -> str:
        return ", ".join(f"{s:%H:%M}" for s in starts) or "—"
