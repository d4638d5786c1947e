"""Booked visits: free slots, the booking itself with its card and reminder, moving and cancelling."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from html import escape

from bot.services.workshop import slots
from bot.services.workshop.base import WorkshopDesk, rub
from domain import Automatic, Button, Client, Press, owed
from domain.groups import Business
from domain.owed import Owed
from domain.presses import CancelVisit, ConfirmVisit, MoveVisit, RescheduleVisit, button
from domain.workshop import BookingSource, BookingStatus
from domain.zones import zone_or
from storage import due, workshop_bookings, workshop_invites
from storage.db import Tx
from storage.workshop_bookings import Booking

NEXT_FREE = 6  # slots offered in one tap when a visit is moved
AWAITED = (BookingStatus.BOOKED, BookingStatus.CONFIRMED)  # a visit still to come


class Visits(WorkshopDesk):
    # -- slots -----------------------------------------------------------------------------

    async def spans(self, tx: Tx, day: date, ignore: int | None = None) -> list[slots.Span]:
        """The bay time the day's live visits hold (a visit being moved, `ignore`, left out)."""
        booked = await workshop_bookings.on_day(tx, *slots.day_bounds(day, self._config.timezone))
        return [(b.slot_at, b.slot_at + self.length_of(b)) for b, _ in booked if b.id != ignore]

    def length_of(self, booking: Booking) -> timedelta:
        return self._config.length(booking.kind, booking.minutes)

    async def free_on(self, tx: Tx, day: date, length: timedelta,
                      ignore: int | None = None) -> list[datetime]:
        """The starts of the day where a visit of `length` fits on a bay before closing."""
        config = self._config
        starts = slots.day_slots(config.week, day, config.slot, config.timezone)
        closing = slots.closing_of(config.week, day, config.timezone)
        if not starts or closing is None:
            return []
        spans = await self.spans(tx, day, ignore)
        return slots.free(starts, spans, config.bays, self._clock.now(), length, closing)

    async def open_days(self, tx: Tx, length: timedelta, limit: int = 7,
                        ignore: int | None = None) -> list[date]:
        today = self._local(self._clock.now()).date()
        found = []
        for day in slots.days_ahead(today):
            if await self.free_on(tx, day, length, ignore):
                found.append(day)
                if len(found) == limit:
                    break
        return found

    async def next_free(self, tx: Tx, length: timedelta, count: int = NEXT_FREE,
                        skip: datetime | None = None, ignore: int | None = None) -> list[datetime]:
        found: list[datetime] = []
        for day in await self.open_days(tx, length, limit=slots.LOOK_AHEAD_DAYS, ignore=ignore):
            found += [s for s in await self.free_on(tx, day, length, ignore) if s != skip]
            if len(found) >= count:
                break
        return found[:count]

    async def is_free(self, tx: Tx, start: datetime, length: timedelta, ignore: int | None = None) -> bool:
        return start in await self.free_on(tx, self._local(start).date(), length, ignore)

    def slot_buttons(self, client: Client, starts: list[datetime], press: Callable[[str], Press],
                     per_row: int = 3, dated: bool = True) -> tuple[tuple[Button, ...], ...]:
        """One button per slot start on the client's clock: 'пн 23.11 10:00', or '10:00' inside
        a day's choice (dated there too when their clock is not the workshop's: the workshop's
        day may be their next); `press` makes the button's press from the slot's stamp (the
        workshop's wall time, as before)."""
        zone = zone_or(client.timezone, self._config.timezone)
        dated = dated or zone.key != self._config.timezone.key
        buttons = [button(self._when(client.language, s, zone) if dated else f"{self._local(s):%H:%M}",
                          press(self._stamp(s))) for s in starts]
        return tuple(tuple(buttons[i:i + per_row]) for i in range(0, len(buttons), per_row))

    # -- the booking -----------------------------------------------------------------------

    async def over_limit(self, tx: Tx, client: Client) -> bool:
        """True, and the client told which visits they hold (each with its cancel button), when
        they already hold WORKSHOP_BOOKINGS_PER_CLIENT live bookings: one client cannot take
        every free slot. Managers' `/book` is not limited (a manager decides)."""
        live = await workshop_bookings.live(tx, client.id, self._clock.now() - self._config.slot)
        if len(live) < self._config.bookings_per_client:
            return False
        lang = client.language
        zone = self._client_zone(client)
        listed = "\n".join(f"• {self._when(lang, b.slot_at, zone)}, {escape(b.kind)}" for b in live)
        rows = tuple((self._button(lang, "ws-button-cancel-this", CancelVisit(b.id),
                                   when=self._when(lang, b.slot_at, zone)),) for b in live)
        await self._say(tx, client, "ws-booking-limit", menu=True, buttons=rows, count=len(live),
                        bookings=listed)
        return True

    async def book(self, tx: Tx, client: Client, answers: dict[str, object], start: datetime,
                   source: BookingSource) -> int:
        """Take the slot (the caller checked it is free), tell the client and the topic,
        and owe the reminder."""
        kind = str(answers["kind"])
        minutes = int(self._config.length(kind).total_seconds() // 60)
        booking_id = await workshop_bookings.book(
            tx, client.id, kind, _text(answers.get("problem")),
            _text(answers.get("car")), _int(answers.get("odometer")), start, source,
            _text(answers.get("note")), self._clock.now(), minutes,
        )
        booking = await workshop_bookings.booking(tx, booking_id)
        assert booking is not None
        address = self._config.address or self._t(client.language, "ws-address-none")
        await self._say(tx, client, "ws-booked", menu=True, when=self._client_when(client, start),
                        kind=escape(booking.kind), address=escape(address))
        await self.card(tx, client, booking)
        await self.owe_reminder(tx, booking)
        return booking_id

    async def card(self, tx: Tx, client: Client, booking: Booking) -> None:
        """The booking card in the client's topic, pinned (the topic opens with it if new)."""
        lang = self._lang
        text = self._t(lang, "ws-card", id=booking.id, when=self._topic_when(client, booking.slot_at),
                       kind=escape(booking.kind), problem=escape(booking.problem or "—"),
                       car=escape(booking.car or "—"), odometer=booking.odometer or "—",
                       source=self._t(lang, f"ws-source-{booking.source}"))
        deferred = await workshop_invites.deferred_lines(tx, client.id)
        if deferred:  # put off at an earlier visit: worth offering again at this one
            items = "\n".join(f"• {escape(title)}\u00a0— {rub(price)}" for _, title, price in deferred)
            text += "\n" + self._t(self._lang, "ws-card-deferred", items=items)
        client = await self._outbox.route(tx, client, Business.SERVICE)  # its group's topic
        if client.topic_id is None:
            title = client.name or client.username or client.phone or self._t(self._lang, "topic-unnamed")
            if await self._outbox.open_topic(tx, client, title, text):
                return
        await self._outbox.to_topic(tx, client, text, pin=True)

    async def owe_reminder(self, tx: Tx, booking: Booking) -> None:
        """The reminder before the visit, and the look at whether the car came by its slot's end."""
        stamp = self._stamp(booking.slot_at)
        at = booking.slot_at - self._config.visit_reminder
        if at > self._clock.now():
            await due.owe(tx, Owed.VISIT_REMINDER, owed.visit_reminder_key(booking.id, stamp), at,
                          booking.client_id, self._clock.now(), ref_id=booking.id)
        await due.owe(tx, Owed.NO_SHOW, owed.no_show_key(booking.id, stamp),
                      booking.slot_at + self._config.slot, booking.client_id, self._clock.now(),
                      ref_id=booking.id)

    async def no_show(self, tx: Tx, client: Client, booking_id: int, key: str) -> None:
        """The slot is over and the car never came: the topic hears it, to call the client."""
        booking = await workshop_bookings.booking(tx, booking_id)
        if booking is None or booking.status not in AWAITED:
            return  # arrived, cancelled
        if not key.endswith(self._stamp(booking.slot_at)):
            return  # moved since
        await workshop_bookings.set_booking(tx, booking.id, self._clock.now(), status=BookingStatus.NO_SHOW)
        await self._tell_topic(tx, client, "ws-topic-no-show", id=booking.id,
                               when=self._topic_when(client, booking.slot_at))

    async def remind(self, tx: Tx, client: Client, booking_id: int, key: str) -> None:
        booking = await workshop_bookings.booking(tx, booking_id)
        if booking is None or booking.status not in AWAITED:
            return
        if not key.endswith(self._stamp(booking.slot_at)):
            return  # moved since: the new slot has its own reminder
        lang = client.language
        buttons = ((self._button(lang, "ws-button-confirm", ConfirmVisit(booking.id)),
                    self._button(lang, "ws-button-reschedule", RescheduleVisit(booking.id))),
                   (self._button(lang, "ws-button-cancel-visit", CancelVisit(booking.id)),))
        await self._say(tx, client, "ws-reminder", buttons=buttons, automatic=Automatic.DEAL_NEWS,
                        when=self._client_when(client, booking.slot_at), kind=escape(booking.kind))

    # -- the client's answers to the reminder ----------------------------------------------

    # The booking is the client's (checked for every press, bot/services/privacy); False: it is
    # no longer awaited, the button is out of date.

    async def confirm(self, tx: Tx, client: Client, press: ConfirmVisit) -> bool:
        booking = await self._awaited(tx, press.booking)
        if booking is None:
            return False
        await workshop_bookings.set_booking(tx, booking.id, self._clock.now(),
                                            status=BookingStatus.CONFIRMED)
        await self._say(tx, client, "ws-visit-confirmed", menu=True,
                        when=self._client_when(client, booking.slot_at))
        await self._tell_topic(tx, client, "ws-topic-confirmed", id=booking.id,
                               when=self._topic_when(client, booking.slot_at))
        return True

    async def reschedule(self, tx: Tx, client: Client, press: RescheduleVisit) -> bool:
        booking = await self._awaited(tx, press.booking)
        if booking is None:
            return False
        starts = await self.next_free(tx, self.length_of(booking), skip=booking.slot_at,
                                      ignore=booking.id)
        buttons = self.slot_buttons(client, starts, partial(MoveVisit, booking.id), per_row=2)
        key = "ws-reschedule-pick" if starts else "ws-no-free-slots"
        await self._say(tx, client, key, menu=True, buttons=buttons)
        return True

    async def cancel(self, tx: Tx, client: Client, press: CancelVisit) -> bool:
        booking = await self._awaited(tx, press.booking)
        if booking is None:
            return False
        await workshop_bookings.set_booking(tx, booking.id, self._clock.now(),
                                            status=BookingStatus.CANCELLED)
        await self._say(tx, client, "ws-visit-cancelled", menu=True,
                        when=self._client_when(client, booking.slot_at))
        await self._tell_topic(tx, client, "ws-topic-cancelled", id=booking.id,
                               when=self._topic_when(client, booking.slot_at))
        return True

    async def move(self, tx: Tx, client: Client, press: MoveVisit) -> bool:
        booking = await self._awaited(tx, press.booking)
        if booking is None:
            return False
        await self._move(tx, client, booking, press.stamp)
        return True

    async def _awaited(self, tx: Tx, booking_id: int) -> Booking | None:
        booking = await workshop_bookings.booking(tx, booking_id)
        return booking if booking is not None and booking.status in AWAITED else None

    async def _move(self, tx: Tx, client: Client, booking: Booking, stamp: str) -> None:
        start = self._unstamp(stamp)
        length = self.length_of(booking)
        if start is None or not await self.is_free(tx, start, length, ignore=booking.id):
            starts = await self.next_free(tx, length, skip=booking.slot_at, ignore=booking.id)
            buttons = self.slot_buttons(client, starts, partial(MoveVisit, booking.id), per_row=2)
            await self._say(tx, client, "ws-slot-gone", menu=True, buttons=buttons)
            return
        await workshop_bookings.set_booking(tx, booking.id, self._clock.now(), status=BookingStatus.BOOKED,
                                            slot_at=start)
        await self._say(tx, client, "ws-visit-moved", menu=True, when=self._client_when(client, start))
        await self._tell_topic(tx, client, "ws-topic-moved", id=booking.id,
                               old=self._topic_when(client, booking.slot_at),
                               new=self._topic_when(client, start))
        moved = await workshop_bookings.booking(tx, booking.id)
        assert moved is not None
        await self.owe_reminder(tx, moved)


def _text(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None  # the flow stores the odometer as read
