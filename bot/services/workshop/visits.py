"""Booked visits: free slots, the booking itself with its card and reminder, moving and cancelling."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from bot.services.workshop import slots
from bot.services.workshop.base import WorkshopDesk, rub
from domain import Action, Automatic, Button, Client, owed
from domain.owed import Owed
from domain.workshop import BookingSource, BookingStatus
from storage import due, workshop_bookings, workshop_invites
from storage.db import Tx
from storage.workshop_bookings import Booking

NEXT_FREE = 6  # slots offered in one tap when a visit is moved
AWAITED = (BookingStatus.BOOKED, BookingStatus.CONFIRMED)  # a visit still to come


class Visits(WorkshopDesk):
    # -- slots -----------------------------------------------------------------------------

    async def free_on(self, tx: Tx, day: date) -> list[datetime]:
        config = self._config
        starts = slots.day_slots(config.week, day, config.slot, config.timezone)
        if not starts:
            return []
        taken = await workshop_bookings.taken(tx, *slots.day_bounds(day, config.timezone))
        return slots.free(starts, taken, config.bays, self._clock.now())

    async def open_days(self, tx: Tx, limit: int = 7) -> list[date]:
        today = self._local(self._clock.now()).date()
        found = []
        for day in slots.days_ahead(today):
            if await self.free_on(tx, day):
                found.append(day)
                if len(found) == limit:
                    break
        return found

    async def next_free(self, tx: Tx, count: int = NEXT_FREE, skip: datetime | None = None) -> list[datetime]:
        found: list[datetime] = []
        for day in await self.open_days(tx, limit=slots.LOOK_AHEAD_DAYS):
            found += [s for s in await self.free_on(tx, day) if s != skip]
            if len(found) >= count:
                break
        return found[:count]

    async def is_free(self, tx: Tx, start: datetime) -> bool:
        return start in await self.free_on(tx, self._local(start).date())

    def slot_buttons(self, lang: str, starts: list[datetime], verb: str, per_row: int = 3,
                     dated: bool = True) -> tuple[tuple[Button, ...], ...]:
        """One button per slot start: 'пн 23.11 10:00', or '10:00' inside a day's choice."""
        buttons = [Button(self._when(lang, s) if dated else f"{self._local(s):%H:%M}",
                          Action.WORKSHOP, f"{verb}.{self._stamp(s)}") for s in starts]
        return tuple(tuple(buttons[i:i + per_row]) for i in range(0, len(buttons), per_row))

    # -- the booking -----------------------------------------------------------------------

    async def book(self, tx: Tx, client: Client, answers: dict[str, object], start: datetime,
                   source: BookingSource) -> int:
        """Take the slot (the caller checked it is free), tell the client and the topic,
        and owe the reminder."""
        booking_id = await workshop_bookings.book(
            tx, client.id, str(answers["kind"]), _text(answers.get("problem")),
            _text(answers.get("car")), _int(answers.get("odometer")), start, source,
            _text(answers.get("note")), self._clock.now(),
        )
        booking = await workshop_bookings.booking(tx, booking_id)
        assert booking is not None
        address = self._config.address or self._t(client.language, "ws-address-none")
        await self._say(tx, client, "ws-booked", menu=True, when=self._when(client.language, start),
                        kind=escape(booking.kind), address=escape(address))
        await self.card(tx, client, booking)
        await self.owe_reminder(tx, booking)
        return booking_id

    async def card(self, tx: Tx, client: Client, booking: Booking) -> None:
        """The booking card in the client's topic, pinned (the topic opens with it if new)."""
        lang = self._lang
        text = self._t(lang, "ws-card", id=booking.id, when=self._when(lang, booking.slot_at),
                       kind=escape(booking.kind), problem=escape(booking.problem or "—"),
                       car=escape(booking.car or "—"), odometer=booking.odometer or "—",
                       source=self._t(lang, f"ws-source-{booking.source}"))
        deferred = await workshop_invites.deferred_lines(tx, client.id)
        if deferred:  # put off at an earlier visit: worth offering again at this one
            items = "\n".join(f"• {escape(title)} — {rub(price)}" for _, title, price in deferred)
            text += "\n" + self._t(self._lang, "ws-card-deferred", items=items)
        if client.topic_id is None:
            title = client.name or client.username or self._t(self._lang, "topic-unnamed")
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
                               when=self._when(self._lang, booking.slot_at))

    async def remind(self, tx: Tx, client: Client, booking_id: int, key: str) -> None:
        booking = await workshop_bookings.booking(tx, booking_id)
        if booking is None or booking.status not in AWAITED:
            return
        if not key.endswith(self._stamp(booking.slot_at)):
            return  # moved since: the new slot has its own reminder
        lang = client.language
        buttons = ((self._button(lang, "ws-button-confirm", f"vc.{booking.id}"),
                    self._button(lang, "ws-button-reschedule", f"vr.{booking.id}")),
                   (self._button(lang, "ws-button-cancel-visit", f"vx.{booking.id}"),))
        await self._say(tx, client, "ws-reminder", buttons=buttons, automatic=Automatic.DEAL_NEWS,
                        when=self._when(lang, booking.slot_at), kind=escape(booking.kind))

    # -- the client's answers to the reminder ----------------------------------------------

    async def pressed(self, tx: Tx, client: Client, verb: str, args: list[str]) -> bool:
        booking = await workshop_bookings.booking(tx, int(args[0])) if args and args[0].isdigit() else None
        if booking is None or booking.client_id != client.id or booking.status not in AWAITED:
            return False
        lang, now = client.language, self._clock.now()
        when = self._when(lang, booking.slot_at)
        match verb:
            case "vc":
                await workshop_bookings.set_booking(tx, booking.id, now, status=BookingStatus.CONFIRMED)
                await self._say(tx, client, "ws-visit-confirmed", menu=True, when=when)
                await self._tell_topic(tx, client, "ws-topic-confirmed", id=booking.id,
                                       when=self._when(self._lang, booking.slot_at))
            case "vr":
                starts = await self.next_free(tx, skip=booking.slot_at)
                buttons = self.slot_buttons(lang, starts, f"vm.{booking.id}", per_row=2)
                key = "ws-reschedule-pick" if starts else "ws-no-free-slots"
                await self._say(tx, client, key, menu=True, buttons=buttons)
            case "vx":
                await workshop_bookings.set_booking(tx, booking.id, now, status=BookingStatus.CANCELLED)
                await self._say(tx, client, "ws-visit-cancelled", menu=True, when=when)
                await self._tell_topic(tx, client, "ws-topic-cancelled", id=booking.id,
                                       when=self._when(self._lang, booking.slot_at))
            case "vm" if len(args) == 2:
                await self._move(tx, client, booking, args[1])
            case _:
                return False
        return True

    async def _move(self, tx: Tx, client: Client, booking: Booking, stamp: str) -> None:
        lang = client.language
        start = self._unstamp(stamp)
        if start is None or not await self.is_free(tx, start):
            starts = await self.next_free(tx, skip=booking.slot_at)
            buttons = self.slot_buttons(lang, starts, f"vm.{booking.id}", per_row=2)
            await self._say(tx, client, "ws-slot-gone", menu=True, buttons=buttons)
            return
        await workshop_bookings.set_booking(tx, booking.id, self._clock.now(), status=BookingStatus.BOOKED,
                                            slot_at=start)
        await self._say(tx, client, "ws-visit-moved", menu=True, when=self._when(lang, start))
        await self._tell_topic(tx, client, "ws-topic-moved", id=booking.id,
                               old=self._when(self._lang, booking.slot_at), new=self._when(self._lang, start))
        moved = await workshop_bookings.booking(tx, booking.id)
        assert moved is not None
        await self.owe_reminder(tx, moved)


def _text(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else None
