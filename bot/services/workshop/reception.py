"""Managers' side of booking: `/book` for a client who phoned, `/slots` for a day's load.

`/book` in a client's topic books that client; `/book +7 900 123-45-67 24.11 10:00 ТО` anywhere
books the client with that phone, and one who has no chat with the bot becomes an SMS client
(known only by the number: docs/sms.md) with a topic of their own."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from bot.services.base import Kit
from bot.services.validation import InvalidAnswer, parse_phone
from bot.services.workshop import slots
from bot.services.workshop.base import WorkshopConfig, WorkshopDesk, hours_text
from bot.services.workshop.order_text import parse_clock, parse_day
from bot.services.workshop.visits import Visits
from domain import Channel, Client, Identity
from domain.refusal import Refusal
from domain.workshop import BookingSource
from storage import clients, workshop_bookings
from storage.db import Tx

_PHONE_MARKS = "+()-"  # beside digits in a phone's words (never a date's dot or a time's colon)
_PHONE_DIGITS = 7  # fewer digits than this, written first without a +, are no phone number
_PHONE_LONGEST = 30  # characters: a number written with every separator still fits


def phone_first(args: str) -> tuple[str | None, str]:
    """'+7 900 123-45-67 24.11 10:00 ТО' -> ('+7 900 123-45-67', '24.11 10:00 ТО'); without a
    number written first, (None, args). A first word with a + is always meant as a number."""
    words = args.split()
    taken: list[str] = []
    for word in words:  # digits of any script here ('²', '٧'): refused as a number, not skipped
        if not all(ch in _PHONE_MARKS or ch.isnumeric() for ch in word):
            break  # a date, a time, the kind of work
        taken.append(word)
    digits = sum(ch.isnumeric() for ch in "".join(taken))
    if not taken or (digits < _PHONE_DIGITS and not taken[0].startswith("+")):
        return None, args
    return " ".join(taken), " ".join(words[len(taken):])


class Reception(WorkshopDesk):
    def __init__(self, kit: Kit, config: WorkshopConfig, visits: Visits) -> None:
        super().__init__(kit, config)
        self._visits = visits

    async def phone_client(self, tx: Tx, written: str) -> Client:
        """The client with this phone: one who writes to the bot (on WhatsApp from it, or who
        gave it), else a client known only by the number, reached by SMS."""
        if len(written) > _PHONE_LONGEST:
            raise Refusal("ws-book-phone", phone=escape(written[:_PHONE_LONGEST]) + "…")
        if not written.isascii():  # '²', '٧': ASCII digits only, as everywhere
            raise Refusal("ws-book-phone", phone=escape(written))
        try:
            number = parse_phone(written, self._config.phone_region)
        except InvalidAnswer:
            raise Refusal("ws-book-phone", phone=escape(written)) from None
        known = await clients.by_phone(tx, number)
        if known is not None:
            return known
        who = Identity(Channel.SMS, number, number)
        return await clients.phone_only(tx, who, self._t.default_language, self._clock.now())

    async def book(self, tx: Tx, client: Client, args: str) -> None:
        """`/book 24.11 10:00 ТО [note]` in the client's topic."""
        parts = args.split(maxsplit=3)
        if len(parts) < 3:
            raise Refusal("ws-book-usage", kinds=", ".join(self._config.kinds))
        today = self._local(self._clock.now()).date()
        day, clock = parse_day(parts[0], today), parse_clock(parts[1])
        start = datetime.combine(day, clock, tzinfo=self._config.timezone)
        kind = self._kind(parts[2])
        if start <= self._clock.now():
            raise Refusal("ws-book-past")
        starts = slots.day_slots(self._config.week, day, self._config.slot, self._config.timezone)
        length = self._config.length(kind)
        if start not in starts:
            raise Refusal("ws-book-not-a-slot", free=self._times(await self._visits.free_on(tx, day, length)))
        if not await self._visits.is_free(tx, start, length):
            raise Refusal("ws-book-full", free=self._times(await self._visits.free_on(tx, day, length)),
                          hours=hours_text(length, self._lang))
        note = parts[3] if len(parts) > 3 else None
        answers: dict[str, object] = {"kind": kind, "note": note, "problem": note,
                                      "car": await workshop_bookings.last_car(tx, client.id)}
        booking_id = await self._visits.book(tx, client, answers, start, BookingSource.MANAGER)
        await self._tell_topic(tx, client, "ws-book-done", id=booking_id,
                               when=self._topic_when(client, start))

    def _kind(self, text: str) -> str:
        wanted = text.strip().casefold()
        for kind in self._config.kinds:
            if kind.casefold() == wanted:
                return kind
        starts = [kind for kind in self._config.kinds if kind.casefold().startswith(wanted)]
        if len(starts) == 1:
            return starts[0]
        raise Refusal("ws-book-kind", kinds=", ".join(self._config.kinds))

    async def load(self, tx: Tx, args: str) -> str:
        """The day's load: each slot with the visits holding a bay then of the bays, and whose
        begin there; then each bay's visits and hours booked, and the day's hours booked of the
        hours open."""
        today = self._local(self._clock.now()).date()
        day = parse_day(args, today) if args.strip() else today
        config = self._config
        starts = slots.day_slots(config.week, day, config.slot, config.timezone)
        label = f"{self._t(self._lang, f'ws-weekday-{day.weekday()}')} {day:%d.%m.%Y}"
        closing = slots.closing_of(config.week, day, config.timezone)
        if not starts or closing is None:
            return self._t(self._lang, "ws-slots-closed", day=label)
        booked = await workshop_bookings.on_day(tx, *slots.day_bounds(day, config.timezone))
        spans = [(b.slot_at, b.slot_at + self._visits.length_of(b)) for b, _ in booked]
        lang, lines = self._lang, []
        for start in starts:
            here = [(b, name) for b, name in booked if b.slot_at == start]
            names = ", ".join(f"{escape(name or '—')} ({escape(b.kind)})" for b, name in here)
            lines.append(self._t(lang, "ws-slots-line", time=f"{start:%H:%M}",
                                 taken=slots.at_once(spans, start), bays=config.bays, names=names or "—"))
        bays = []
        for number, row in enumerate(slots.bays_of(spans, config.bays), start=1):
            held = sum((spans[i][1] - spans[i][0] for i in row), timedelta())
            visits = ", ".join(
                f"{self._local(spans[i][0]):%H:%M}–{self._local(spans[i][1]):%H:%M}"
                f" {escape(booked[i][1] or '—')}" for i in row)
            bays.append(self._t(lang, "ws-slots-bay", bay=number, hours=hours_text(held, lang),
                                visits=visits or "—"))
        opening = starts[0]
        booked_hours = sum((end - begin for begin, end in spans), timedelta())
        total = self._t(lang, "ws-slots-total", booked=hours_text(booked_hours, lang),
                        open=hours_text((closing - opening) * config.bays, lang))
        return self._t(lang, "ws-slots", day=label, lines="\n".join(lines),
                       bays="\n".join(bays + [total]))

    @staticmethod
    def _times(starts: list[datetime]) -> str:
        return ", ".join(f"{s:%H:%M}" for s in starts) or "—"
