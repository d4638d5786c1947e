"""The client's booking in chat: kind of work, what is wrong, the car, the odometer, a day, a
free slot, a summary to confirm. State lives in `conversations` (flow "ws_book")."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from bot.services.base import Kit
from bot.services.flows import Flow, Heard
from bot.services.validation import InvalidAnswer, clean_text
from bot.services.workshop import slots
from bot.services.workshop.base import WorkshopConfig, WorkshopDesk
from bot.services.workshop.odometer import read_km
from bot.services.workshop.visits import Visits
from domain import Button, Client, Conversation, Inbound, Press
from domain.numbers import is_number
from domain.presses import (
    BookCar,
    BookDay,
    BookKind,
    BookSlot,
    CancelBooking,
    CarChoice,
    ConfirmBooking,
    OtherDays,
)
from domain.workshop import BookingSource
from storage import conversations
from storage.db import Tx

FLOW = "ws_book"
# The buttons that answer inside the booking; pressed in any other flow they are out of date.
ANSWERS: frozenset[type[Press]] = frozenset(
    {BookKind, BookCar, OtherDays, BookDay, BookSlot, ConfirmBooking, CancelBooking})
TEXT_LIMIT = 1000


class BookingFlow(WorkshopDesk):
    def __init__(self, kit: Kit, config: WorkshopConfig, visits: Visits) -> None:
        super().__init__(kit, config)
        self._visits = visits

    async def begin(self, tx: Tx, client: Client) -> None:
        """Start (or restart) the booking; a flow the client was in waits underneath. A client
        who already holds as many visits as one may is told which, and nothing starts."""
        if await self._visits.over_limit(tx, client):
            return
        current = await conversations.get(tx, client.id)
        data: dict[str, object] = {}
        if current is not None and current.flow == FLOW:
            data = {"resume": current.data.get("resume")}
        elif current is not None:
            data = {"resume": {"flow": current.flow, "step": current.step, "data": current.data}}
        await self._save(tx, client, "kind", data)
        lang = client.language
        kinds = [self._button(lang, "ws-kind", BookKind(i), kind=kind)
                 for i, kind in enumerate(self._config.kinds)]
        rows = tuple(tuple(kinds[i:i + 2]) for i in range(0, len(kinds), 2))
        await self._say(tx, client, "ws-ask-kind", buttons=rows + (self._cancel(lang),))

    def flow(self) -> Flow:
        """A message that is no answer (a photo, a voice, words where a button was expected)
        also reaches the topic: nothing the client says is lost."""
        return Flow(FLOW, self.message, ANSWERS, self.answer)

    async def message(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> Heard:
        also = await self._message(tx, client, conversation, inbound)
        return Heard.ALSO_RELAYED if also else Heard.TAKEN

    async def _message(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> bool:
        """A message inside the flow; True when it should also reach the topic as it is."""
        data, lang = dict(conversation.data), client.language
        match conversation.step:
            case "problem":
                data["problem"] = (inbound.text or "").strip()[:TEXT_LIMIT] or self._t(
                    self._lang, "ws-problem-media", kind=inbound.kind)
                await self._ask_car(tx, client, data)
                return inbound.kind != "text"
            case "car":
                try:
                    data["car"] = clean_text(inbound.text or "", 200)
                except InvalidAnswer as problem:
                    await self._say(tx, client, problem.key)
                    await self._say(tx, client, "ws-ask-car", buttons=(self._cancel(lang),))
                    return inbound.kind != "text"
                await self._ask_odometer(tx, client, data)
            case "odometer":
                km = read_km(inbound.text or "")
                if km is None:
                    await self._say(tx, client, "ws-bad-odometer", buttons=(self._cancel(lang),))
                    return False
                data["odometer"] = km
                await self._ask_day(tx, client, data)
            case _:  # a step answered with buttons: the message still reaches the manager
                await self._say(tx, client, "ws-use-buttons", buttons=(self._cancel(lang),))
                return True
        return False

    async def answer(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> bool:
        """A button of the booking (one of ANSWERS); False when its moment has passed."""
        data = dict(conversation.data)
        match inbound.press:
            case BookKind(index) if index < len(self._config.kinds):
                data["kind"] = self._config.kinds[index]
                await self._save(tx, client, "problem", data)
                await self._say(tx, client, "ws-ask-problem", buttons=(self._cancel(client.language),))
            case BookCar(CarChoice.KNOWN) if data.get("known_car"):
                data["car"] = data["known_car"]
                await self._ask_odometer(tx, client, data)
            case BookCar(CarChoice.OTHER):
                await self._save(tx, client, "car", data)
                await self._say(tx, client, "ws-ask-car", buttons=(self._cancel(client.language),))
            case OtherDays():
                await self._ask_day(tx, client, data)
            case BookDay(day):
                await self._ask_slot(tx, client, data, day)
            case BookSlot(stamp):
                await self._summary(tx, client, data, stamp)
            case ConfirmBooking():
                await self._confirm(tx, client, data)
            case CancelBooking():
                await conversations.clear(tx, client.id)
                await self._say(tx, client, "ws-booking-cancelled", menu=True)
                await self._resume(tx, client, data)
            case _:
                return False
        return True

    async def _ask_car(self, tx: Tx, client: Client, data: dict[str, object]) -> None:
        known = await self._known_car(tx, client.id)
        lang = client.language
        if known:
            data["known_car"] = known
            await self._save(tx, client, "car", data)
            rows = ((self._button(lang, "ws-car-known", BookCar(CarChoice.KNOWN), car=known),),
                    (self._button(lang, "ws-car-other", BookCar(CarChoice.OTHER)),), self._cancel(lang))
            await self._say(tx, client, "ws-ask-car-known", buttons=rows)
            return
        await self._save(tx, client, "car", data)
        await self._say(tx, client, "ws-ask-car", buttons=(self._cancel(lang),))

    async def _ask_odometer(self, tx: Tx, client: Client, data: dict[str, object]) -> None:
        await self._save(tx, client, "odometer", data)
        await self._say(tx, client, "ws-ask-odometer", buttons=(self._cancel(client.language),))

    async def _ask_day(self, tx: Tx, client: Client, data: dict[str, object]) -> None:
        await self._save(tx, client, "day", data)
        lang = client.language
        days = await self._visits.open_days(tx, self._length(data))
        if not days:
            await self._say(tx, client, "ws-no-free-slots", buttons=(self._cancel(lang),))
            return
        buttons = [self._button(lang, "ws-day", BookDay(f"{d:%Y%m%d}"), day=self._day(lang, d))
                   for d in days]
        rows = tuple(tuple(buttons[i:i + 2]) for i in range(0, len(buttons), 2))
        await self._say(tx, client, "ws-ask-day", buttons=rows + (self._cancel(lang),))

    async def _ask_slot(self, tx: Tx, client: Client, data: dict[str, object], text: str) -> None:
        lang = client.language
        try:  # a day offered in the look-ahead; anything else (forged, far) is asked again
            day = date(int(text[:4]), int(text[4:6]), int(text[6:8])) if is_number(text) else None
        except ValueError:
            day = None
        if day is None or day not in slots.days_ahead(self._local(self._clock.now()).date()):
            await self._ask_day(tx, client, data)
            return
        starts = await self._visits.free_on(tx, day, self._length(data))
        if not starts:
            await self._say(tx, client, "ws-day-full")
            await self._ask_day(tx, client, data)
            return
        await self._save(tx, client, "slot", data)
        rows = self._visits.slot_buttons(client, starts, BookSlot, per_row=4, dated=False)
        back = (self._button(lang, "ws-other-day", OtherDays()),)
        await self._say(tx, client, "ws-ask-slot", buttons=rows + (back, self._cancel(lang)),
                        day=self._day(lang, day))

    async def _summary(self, tx: Tx, client: Client, data: dict[str, object], stamp: str) -> None:
        start = self._unstamp(stamp)
        if start is None or not await self._visits.is_free(tx, start, self._length(data)):
            await self._say(tx, client, "ws-slot-gone")
            await self._ask_day(tx, client, data)
            return
        data["slot"] = stamp
        await self._save(tx, client, "confirm", data)
        lang = client.language
        rows = ((self._button(lang, "ws-button-book", ConfirmBooking()),),
                (self._button(lang, "ws-other-time", OtherDays()),), self._cancel(lang))
        await self._say(tx, client, "ws-summary", buttons=rows, when=self._client_when(client, start),
                        kind=escape(str(data.get("kind"))), problem=escape(str(data.get("problem") or "—")),
                        car=escape(str(data.get("car") or "—")), odometer=data.get("odometer", "—"))

    async def _confirm(self, tx: Tx, client: Client, data: dict[str, object]) -> None:
        start = self._unstamp(str(data.get("slot", "")))
        if start is None or not await self._visits.is_free(tx, start, self._length(data)):
            await self._say(tx, client, "ws-slot-gone")
            await self._ask_day(tx, client, data)
            return
        await conversations.clear(tx, client.id)
        if await self._visits.over_limit(tx, client):  # booked meanwhile (an invitation's slot)
            await self._resume(tx, client, data)
            return
        await self._visits.book(tx, client, data, start, BookingSource.CLIENT)
        await self._resume(tx, client, data)

    async def _resume(self, tx: Tx, client: Client, data: dict[str, object]) -> None:
        """Back to what the client had not finished when they began booking."""
        paused = data.get("resume")
        if isinstance(paused, dict):
            flow = Conversation(client.id, paused["flow"], paused["step"], paused["data"])
            await conversations.save(tx, flow, self._clock.now())
            await self._say(tx, client, "ws-resume")

    def _length(self, data: dict[str, object]) -> timedelta:
        """The bay time the kind chosen takes (its SERVICE_KINDS duration, else one slot)."""
        return self._config.length(str(data.get("kind") or ""))

    async def _save(self, tx: Tx, client: Client, step: str, data: dict[str, object]) -> None:
        await conversations.save(tx, Conversation(client.id, FLOW, step, data), self._clock.now())

    def _cancel(self, lang: str) -> tuple[Button, ...]:
        return (self._button(lang, "button-cancel", CancelBooking()),)

    def _day(self, lang: str, day: date) -> str:
        return f"{self._t(lang, f'ws-weekday-{day.weekday()}')} {day:%d.%m}"
