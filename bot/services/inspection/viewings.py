"""Viewings and test drives of a reported car (issue 23; Citroën's sales promise S4).

Under a report, **I'd like to see it** asks the client: a viewing or a test drive, then when.
With VIEWING_HOURS set the client is offered the next free times of that calendar (the
workshop's slot arithmetic, `bot/services/workshop/slots.py`, with one viewing at a time),
and may still write a time of their own; without it they write a day and time (`12.12 15:00`
is read as a time, other words are kept as they are for the manager). The topic gets the wish
with **Confirm** (when there is a time to confirm) and **Propose another time**; a manager's
proposal (`/viewing #N 12.12 15:00`, or a free time chosen from the button) is taken by the
client with one tap, or answered with another wish. The agreed time owes a reminder
(VIEWING_REMINDER before) and, once it has passed, the client's impression, asked with the
report's own reaction buttons (Interested / Not for me / Question), so the answer lands in the
topic as any reaction does. Cancelled by either side, or with the deal (docs/viewings.md)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from bot.services.base import Deal, Desk, Kit
from bot.services.flows import Flow, Flows, Heard, OnPress
from bot.services.followups.owed import DueKind
from bot.services.money.reading import odd_digit
from bot.services.validation import InvalidAnswer, clean_text
from bot.services.workshop import slots
from bot.services.workshop.order_text import parse_clock, parse_day
from bot.services.zones import zone_label
from domain import (
    Automatic,
    Button,
    Client,
    Conversation,
    Inbound,
    Press,
    Reaction,
    Reply,
    Stage,
    owed,
)
from domain.numbers import is_number
from domain.owed import Owed
from domain.presses import (
    AcceptViewing,
    Cancel,
    CancelViewing,
    ConfirmViewing,
    OtherViewingTime,
    PickViewingKind,
    PickViewingSlot,
    ProposeViewing,
    React,
    ViewingKind,
    WantViewing,
    button,
)
from domain.refusal import Refusal
from domain.workshop import WeekHours
from domain.zones import zone_or
from storage import conversations, due, reports, requests, viewings
from storage.db import Tx
from storage.due import DueTask
from storage.viewings import ASKED, CONFIRMED, PROPOSED, Viewing

FLOW = "viewing"
ASKED_FOR = timedelta(days=1)  # words written a day after the question go to the manager
AHEAD = 60  # days: a time further ahead is a typo
OFFERED = 6  # free times offered at once
LOOK_AHEAD_DAYS = 14  # how far the calendar is searched for them
WISH_LIMIT = 300
STAMP = "%Y%m%d%H%M"  # the firm's wall time inside a button: 202612121500
ENDED = (Stage.HANDED_OVER, Stage.CLOSED, Stage.CANCELLED)
CANCEL_WORDS = ("cancel", "отмена", "отменить")
# A day and a time, as the client or a manager writes them: '12.12 15:00', '12.12.2026 в 15:00'.
_DATE_TIME = re.compile(r"([0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{4})?)\s*,?\s*(?:в|at)?\s*"
                        r"([0-9]{1,2}:[0-9]{2})", re.IGNORECASE)


class Viewings(Desk):
    def __init__(self, kit: Kit, flows: Flows, timezone: ZoneInfo, week: WeekHours,
                 slot: timedelta, reminder: timedelta) -> None:
        super().__init__(kit)
        self._flows = flows
        self._tz = timezone
        self._week = week  # VIEWING_HOURS; empty: the client writes the time
        self._slot = slot
        self._reminder = reminder

    def flow(self) -> Flow:
        """The kind, then the time; a one-day wait that holds nothing (a survey may come)."""
        return Flow(FLOW, self.message, frozenset({PickViewingKind, PickViewingSlot}), self.answer,
                    lapses_after=ASKED_FOR)

    def buttons(self) -> dict[type[Press], OnPress]:
        """The client's presses outside the flow (one line each in the client desk's table)."""
        return {WantViewing: self.want, AcceptViewing: self.accept,
                OtherViewingTime: self.other_time, CancelViewing: self.cancel}

    def due_kinds(self) -> tuple[DueKind, ...]:
        return (
            DueKind(Owed.VIEWING_REMINDER, lambda tx, client, task: self._remind(tx, client, task)),
            DueKind(Owed.VIEWING_HELD, lambda tx, client, task: self._held(tx, client, task),
                    waits_behind_flow=True),
        )

    # -- the client's wish ----------------------------------------------------------------

    async def want(self, tx: Tx, client: Client, press: WantViewing) -> bool:
        """The report is the client's (checked for every press, bot/services/privacy)."""
        report = await reports.get(tx, press.report)
        request = await requests.get(tx, report.request_id) if report else None
        if report is None or report.sent_at is None or request is None:
            return False
        if request.stage in ENDED:
            await self._say(tx, client, "viewing-deal-ended", menu=True, id=request.id)
            return True
        current = await viewings.open_for_report(tx, report.id)
        if current is not None:
            await self._state(tx, client, current)
            return True
        busy = await conversations.get(tx, client.id)
        if busy is not None and busy.flow in self._flows.holding():
            await self._say(tx, client, "viewing-busy")
            return True
        await self._save(tx, client, "kind", {"report": report.id})
        lang = client.language
        rows = ((button(self._t(lang, "viewing-kind-viewing"), PickViewingKind(ViewingKind.VIEWING)),
                 button(self._t(lang, "viewing-kind-test_drive"),
                        PickViewingKind(ViewingKind.TEST_DRIVE))),
                self._cancel_row(lang))
        await self._say(tx, client, "viewing-ask-kind", buttons=rows,
                        title=escape(report.title))
        return True

    async def answer(self, tx: Tx, client: Client, conversation: Conversation,
                     inbound: Inbound) -> bool:
        data = dict(conversation.data)
        match inbound.press:
            case PickViewingKind(kind) if conversation.step == "kind":
                data["kind"] = kind.value
                await self._ask_time(tx, client, data)
            case PickViewingSlot(stamp) if conversation.step == "when":
                at = self._unstamp(stamp)
                if at is None or at not in await self._free(tx, _int(data.get("viewing"))):
                    await self._say(tx, client, "viewing-slot-gone")
                    await self._ask_time(tx, client, data)
                    return True
                await self._wished(tx, client, data, at, None)
            case _:
                return False
        return True

    async def message(self, tx: Tx, client: Client, conversation: Conversation,
                      inbound: Inbound) -> Heard:
        """The time in words; a photo or a voice goes to the topic as it is."""
        data = dict(conversation.data)
        if conversation.step != "when":
            await self._say(tx, client, "viewing-use-buttons")
            return Heard.ALSO_RELAYED
        if inbound.kind != "text" or not (inbound.text or "").strip():
            return Heard.NOT_FOR_IT
        try:
            at, wished = self._read_wish(client, inbound.text or "")
        except Refusal as refusal:
            text = self._t(client.language, refusal.key, **refusal.variables)
            await self._outbox.to_client(tx, client, Reply(text))
            await self._ask_time(tx, client, data)
            return Heard.TAKEN
        await self._wished(tx, client, data, at, wished)
        return Heard.TAKEN

    async def _ask_time(self, tx: Tx, client: Client, data: dict[str, object]) -> None:
        await self._save(tx, client, "when", data)
        lang = client.language
        free = await self._free(tx, _int(data.get("viewing"))) if self._week else []
        if free:
            zone = self._zone(client)
            labels = [self._short(lang, at, zone) for at in free]
            picks = [button(label, PickViewingSlot(self._stamp(at)))
                     for label, at in zip(labels, free, strict=True)]
            rows = tuple(tuple(picks[i:i + 2]) for i in range(0, len(picks), 2))
            await self._say(tx, client, "viewing-ask-slot", buttons=rows + (self._cancel_row(lang),))
            return
        await self._say(tx, client, "viewing-ask-time", buttons=(self._cancel_row(lang),))

    def _read_wish(self, client: Client, text: str) -> tuple[datetime | None, str | None]:
        """A day and a time read on the client's clock, or their words as they are."""
        if odd_digit(text):
            raise Refusal("viewing-odd-digits")
        match = _DATE_TIME.fullmatch(text.strip())
        if match is not None:
            return self._at(match.group(1), match.group(2), self._zone(client)), None
        try:
            return None, clean_text(text, WISH_LIMIT)
        except InvalidAnswer as problem:
            raise Refusal("viewing-wish-too-long", most=WISH_LIMIT) from problem

    def _at(self, day_text: str, clock_text: str, zone: ZoneInfo) -> datetime:
        """A time ahead, at most AHEAD days away; refused in one line otherwise."""
        now = self._clock.now()
        day = parse_day(day_text, now.astimezone(zone).date())
        at = datetime.combine(day, parse_clock(clock_text), tzinfo=zone)
        if at <= now:
            raise Refusal("viewing-past")
        if at - now > timedelta(days=AHEAD):
            raise Refusal("viewing-far", days=AHEAD)
        return at

    async def _wished(self, tx: Tx, client: Client, data: dict[str, object],
                      at: datetime | None, wished: str | None) -> None:
        """The wish is kept and told to the topic with the managers' buttons."""
        await conversations.clear(tx, client.id)
        now, kind = self._clock.now(), str(data.get("kind") or ViewingKind.VIEWING)
        viewing_id = _int(data.get("viewing"))
        if viewing_id is not None:
            if not await viewings.ask_again(tx, viewing_id, kind, at, wished, now):
                await self._say(tx, client, "button-expired", menu=True)
                return
        else:
            report = await reports.get(tx, _int(data.get("report")) or 0)
            if report is None:
                await self._say(tx, client, "button-expired", menu=True)
                return
            current = await viewings.open_for_report(tx, report.id)
            if current is not None:  # asked meanwhile (a second flow from an old button)
                await self._state(tx, client, current)
                return
            viewing_id = await viewings.ask(tx, client.id, report.request_id, report.id, kind,
                                            at, wished, now)
        viewing = await viewings.get(tx, viewing_id)
        assert viewing is not None
        lang = client.language
        when = self._client_when(client, at) if at else escape(wished or "")
        await self._say(tx, client, "viewing-asked", menu=True, when=when,
                        kind=self._t(lang, f"viewing-kind-{kind}"), timed="yes" if at else "no")
        await self._topic_wish(tx, client, viewing)

    async def _topic_wish(self, tx: Tx, client: Client, viewing: Viewing) -> None:
        lang = self._lang
        confirm = ((button(self._t(lang, "viewing-button-confirm"),
                           ConfirmViewing(viewing.id, self._stamp(viewing.at))),)
                   if viewing.at else ())
        rows = (confirm + (button(self._t(lang, "viewing-button-propose"),
                                  ProposeViewing(viewing.id)),),)
        when = (self._topic_when(client, viewing.at) if viewing.at
                else self._t(lang, "viewing-words", words=escape(viewing.wished or "")))
        await self._outbox.to_topic(tx, client, self._t(
            lang, "viewing-topic-asked", id=viewing.request_id, car=await self._car(tx, viewing),
            kind=self._t(lang, f"viewing-kind-{viewing.kind}"), when=when, viewing=viewing.id,
        ), buttons=rows, dedup_key=viewings.wish_key(viewing.id))

    # -- the client's answers to a proposal or a confirmation -----------------------------

    async def accept(self, tx: Tx, client: Client, press: AcceptViewing) -> bool:
        """The viewing is the client's (checked for every press); the time the button shows."""
        viewing, at = await viewings.get(tx, press.viewing), self._unstamp(press.stamp)
        if viewing is None or at is None:
            return False
        if viewing.status == CONFIRMED and viewing.at == at:
            await self._say(tx, client, "viewing-already-confirmed", menu=True,
                            when=self._client_when(client, at))
            return True
        if viewing.status != PROPOSED or viewing.at != at:
            return False
        await viewings.confirm(tx, viewing.id, PROPOSED, at, viewing.proposed_by, self._clock.now())
        await self._confirmed(tx, client, viewing, at)
        return True

    async def other_time(self, tx: Tx, client: Client, press: OtherViewingTime) -> bool:
        viewing = await viewings.get(tx, press.viewing)
        if viewing is None or not viewing.open:
            return False
        await self._ask_time(tx, client, {"report": viewing.report_id, "viewing": viewing.id,
                                          "kind": viewing.kind})
        return True

    async def cancel(self, tx: Tx, client: Client, press: CancelViewing) -> bool:
        viewing = await viewings.get(tx, press.viewing)
        if viewing is None or not await viewings.cancel(tx, viewing.id, self._clock.now()):
            return False
        await self._say(tx, client, "viewing-cancelled", menu=True)
        await self._tell_topic(tx, client, "viewing-topic-cancelled", id=viewing.request_id,
                               car=await self._car(tx, viewing))
        return True

    # -- the managers ---------------------------------------------------------------------

    async def command(self, topic_id: int | None, message_id: int, manager_id: int,
                      args: str) -> None:
        """`/viewing [#N]` lists; `/viewing [#N] 12.12 15:00` proposes a time for the deal's
        newest open viewing; `/viewing [#N] cancel` cancels it."""
        await self._on_deal(topic_id, message_id, manager_id, "viewing", args,
                            lambda deal, rest: self._by_manager(deal, manager_id, rest))

    async def _by_manager(self, deal: Deal, manager_id: int, args: str) -> None:
        tx, client, request = deal.tx, deal.client, deal.request
        words = args.split()
        if not words:
            await self._reply(deal, "viewing-list", id=request.id,
                              lines=await self._list(tx, client, request.id))
            return
        viewing = await viewings.newest_open(tx, request.id)
        if viewing is None:
            raise Refusal("viewing-none-open", id=request.id)
        if words[0].casefold() in CANCEL_WORDS and len(words) == 1:
            await viewings.cancel(tx, viewing.id, self._clock.now())
            await self._say(tx, client, "viewing-cancelled-by-us", menu=True,
                            car=await self._car(tx, viewing, client.language))
            await self._reply(deal, "viewing-cancelled-topic", id=request.id)
            return
        if len(words) != 2 or odd_digit(args):
            raise Refusal("viewing-usage", id=request.id)
        at = self._at(words[0], words[1], self._tz)
        await self._propose(tx, client, viewing, at, manager_id)

    async def reply(self, tx: Tx, client: Client, topic_id: int, message_id: int,
                    reply_to: int, text: str, manager_id: int) -> bool:
        """A manager's reply to a wish in the topic that is a day and a time ('12.12 15:00')
        proposes it, as `/viewing` does; True when it was taken so (or answered), False when it
        is an ordinary message for the client."""
        viewing_id = await viewings.replied(tx, reply_to)
        viewing = await viewings.get(tx, viewing_id) if viewing_id is not None else None
        match = _DATE_TIME.fullmatch(text.strip())
        if viewing is None or viewing.client_id != client.id or match is None:
            return False
        try:
            if not viewing.open or odd_digit(text):
                raise Refusal("viewing-press-stale")
            at = self._at(match.group(1), match.group(2), self._tz)
        except Refusal as refusal:
            await self._answer(tx, topic_id, message_id, refusal.key, **refusal.variables)
            return True
        await self._propose(tx, client, viewing, at, manager_id)
        return True

    async def pressed(self, topic_id: int | None, message_id: int, manager_id: int,
                      press: Press | None) -> None:
        """Confirm, or Propose another time, under a wish in the topic; a button naming another
        client's viewing, or one whose moment has passed, is answered in one line."""
        async with self._db.transaction() as tx:
            client = await self._outbox.topic_client(tx, topic_id) if topic_id else None
            viewing_id = press.viewing if isinstance(press, ConfirmViewing | ProposeViewing) else None
            viewing = await viewings.get(tx, viewing_id) if viewing_id is not None else None
            if client is None or viewing is None or viewing.client_id != client.id:
                await self._answer(tx, topic_id, message_id, "viewing-press-stale")
                return
            match press:
                case ConfirmViewing(_, stamp):
                    await self._confirm_pressed(tx, client, viewing, stamp, manager_id,
                                                topic_id, message_id)
                case ProposeViewing(_, None) if viewing.open:
                    await self._proposals(tx, client, viewing, topic_id, message_id)
                case ProposeViewing(_, str(stamp)) if viewing.open:
                    at = self._unstamp(stamp)
                    if at is None or at <= self._clock.now():
                        await self._answer(tx, topic_id, message_id, "viewing-press-stale")
                        return
                    await self._propose(tx, client, viewing, at, manager_id)
                case _:
                    await self._answer(tx, topic_id, message_id, "viewing-press-stale")

    async def _confirm_pressed(self, tx: Tx, client: Client, viewing: Viewing, stamp: str,
                               manager_id: int, topic_id: int | None, message_id: int) -> None:
        at = self._unstamp(stamp)
        if at is not None and viewing.status == CONFIRMED and viewing.at == at:
            await self._answer(tx, topic_id, message_id, "viewing-already-confirmed-topic",
                               id=viewing.request_id)
            return
        if (at is None or viewing.status != ASKED or viewing.at != at
                or not await viewings.confirm(tx, viewing.id, ASKED, at, manager_id,
                                              self._clock.now())):
            await self._answer(tx, topic_id, message_id, "viewing-press-stale")
            return
        await self._confirmed(tx, client, viewing, at)

    async def _proposals(self, tx: Tx, client: Client, viewing: Viewing, topic_id: int | None,
                         message_id: int) -> None:
        """The free times of the calendar to choose from, and the command that names any."""
        lang = self._lang
        free = await self._free(tx, viewing.id) if self._week else []
        picks = [button(self._topic_when(client, at), ProposeViewing(viewing.id, self._stamp(at)))
                 for at in free]
        rows = tuple(tuple(picks[i:i + 2]) for i in range(0, len(picks), 2))
        await self._outbox.to_group(
            tx, self._t(lang, "viewing-propose-how", id=viewing.request_id,
                        calendar="yes" if picks else "no"),
            topic_id, reply_to=message_id, buttons=rows)

    async def _propose(self, tx: Tx, client: Client, viewing: Viewing, at: datetime,
                       manager_id: int) -> None:
        await viewings.propose(tx, viewing.id, at, manager_id, self._clock.now())
        await self._proposal(tx, client, viewing, at)
        await self._tell_topic(tx, client, "viewing-proposed-topic", id=viewing.request_id,
                               when=self._topic_when(client, at))

    async def _proposal(self, tx: Tx, client: Client, viewing: Viewing, at: datetime) -> None:
        """The time proposed, to take with one tap, or answer with another, or cancel."""
        lang = client.language
        rows = ((button(self._t(lang, "viewing-button-accept"), AcceptViewing(viewing.id, self._stamp(at))),),
                (button(self._t(lang, "viewing-button-other"), OtherViewingTime(viewing.id)),
                 button(self._t(lang, "viewing-button-cancel"), CancelViewing(viewing.id))))
        await self._say(tx, client, "viewing-proposed", buttons=rows,
                        when=self._client_when(client, at), car=await self._car(tx, viewing, lang),
                        kind=self._t(lang, f"viewing-kind-{viewing.kind}"))

    async def _confirmed(self, tx: Tx, client: Client, viewing: Viewing, at: datetime) -> None:
        """The time is agreed: the client told, the topic told, the reminder and the question
        after it owed (keyed by the time: a time moved later owes anew)."""
        now, stamp = self._clock.now(), self._stamp(at)
        if at - self._reminder > now:
            await due.owe(tx, Owed.VIEWING_REMINDER,
                          owed.viewing_key(Owed.VIEWING_REMINDER, viewing.id, stamp),
                          at - self._reminder, client.id, now, request_id=viewing.request_id,
                          ref_id=viewing.id)
        await due.owe(tx, Owed.VIEWING_HELD, owed.viewing_key(Owed.VIEWING_HELD, viewing.id, stamp),
                      at + self._slot, client.id, now, request_id=viewing.request_id,
                      ref_id=viewing.id)
        lang = client.language
        await self._say(tx, client, "viewing-confirmed", buttons=self._change_rows(lang, viewing),
                        when=self._client_when(client, at), car=await self._car(tx, viewing, lang),
                        kind=self._t(lang, f"viewing-kind-{viewing.kind}"))
        await self._tell_topic(tx, client, "viewing-confirmed-topic", id=viewing.request_id,
                               when=self._topic_when(client, at),
                               kind=self._t(self._lang, f"viewing-kind-{viewing.kind}"))

    # -- owed work ------------------------------------------------------------------------

    async def _current(self, tx: Tx, task: DueTask) -> tuple[Viewing, datetime] | None:
        """The viewing, still agreed at the time this task was owed for."""
        viewing = await viewings.get(tx, task.ref_id or 0)
        if viewing is None or viewing.status != CONFIRMED or viewing.at is None:
            return None
        if not task.key.endswith(":" + self._stamp(viewing.at)):
            return None  # moved since: the new time owes its own
        return viewing, viewing.at

    async def _remind(self, tx: Tx, client: Client, task: DueTask) -> bool:
        found = await self._current(tx, task)
        if found is None:
            return False
        viewing, at = found
        lang = client.language
        await self._say(tx, client, "viewing-reminder", buttons=self._change_rows(lang, viewing),
                        automatic=Automatic.DEAL_NEWS, when=self._client_when(client, at),
                        car=await self._car(tx, viewing, lang),
                        kind=self._t(lang, f"viewing-kind-{viewing.kind}"))
        return True

    async def _held(self, tx: Tx, client: Client, task: DueTask) -> bool:
        """After the time: the client's impression, with the report's reaction buttons."""
        found = await self._current(tx, task)
        if found is None:
            return False
        viewing, at = found
        await viewings.held(tx, viewing.id, at, self._clock.now())
        lang = client.language
        rows: tuple[tuple[Button, ...], ...] = ()
        if viewing.report_id is not None:
            def react(key: str, reaction: Reaction) -> Button:
                return button(self._t(lang, key), React(viewing.report_id or 0, reaction))
            rows = ((react("button-interested", Reaction.INTERESTED),
                     react("button-not-for-me", Reaction.NOT_FOR_ME)),
                    (react("button-question", Reaction.QUESTION),))
        await self._say(tx, client, "viewing-how", buttons=rows, automatic=Automatic.DEAL_NEWS,
                        car=await self._car(tx, viewing, lang),
                        kind=self._t(lang, f"viewing-kind-{viewing.kind}"))
        await self._tell_topic(tx, client, "viewing-held-topic", id=viewing.request_id,
                               when=self._topic_when(client, at))
        return True

    # -- /stats ---------------------------------------------------------------------------

    async def figures(self, start: datetime, end: datetime) -> str | None:
        """Viewings asked for, agreed and held in [start, end); None when there were none."""
        async with self._db.snapshot() as tx:
            found = await viewings.figures(tx, start, end)
        if not (found.asked or found.confirmed or found.held):
            return None
        return self._t(self._lang, "viewing-stats", asked=found.asked, confirmed=found.confirmed,
                       held=found.held)

    # -- helpers --------------------------------------------------------------------------

    async def _state(self, tx: Tx, client: Client, viewing: Viewing) -> None:
        """Where the client's open viewing of this car stands (pressed a second time)."""
        lang = client.language
        if viewing.status == CONFIRMED and viewing.at is not None:
            await self._say(tx, client, "viewing-already-confirmed", buttons=self._change_rows(
                lang, viewing), when=self._client_when(client, viewing.at))
        elif viewing.status == PROPOSED and viewing.at is not None:
            await self._proposal(tx, client, viewing, viewing.at)  # the time still on offer
        else:
            await self._say(tx, client, "viewing-already-asked",
                            buttons=self._change_rows(lang, viewing))

    async def _list(self, tx: Tx, client: Client, request_id: int) -> str:
        found = await viewings.of_request(tx, request_id)
        if not found:
            return self._t(self._lang, "viewing-list-none")
        lines = []
        for v in found:
            when = (self._topic_when(client, v.at) if v.at
                    else self._t(self._lang, "viewing-words", words=escape(v.wished or "—")))
            lines.append(self._t(self._lang, "viewing-list-line", car=await self._car(tx, v),
                                 kind=self._t(self._lang, f"viewing-kind-{v.kind}"), when=when,
                                 status=self._t(self._lang, f"viewing-status-{v.status}")))
        return "\n".join(lines)

    async def _free(self, tx: Tx, ignore: int | None) -> list[datetime]:
        """The next free times of VIEWING_HOURS (one viewing at a time), at most OFFERED."""
        now = self._clock.now()
        found: list[datetime] = []
        for day in slots.days_ahead(now.astimezone(self._tz).date(), LOOK_AHEAD_DAYS):
            starts = slots.day_slots(self._week, day, self._slot, self._tz)
            closing = slots.closing_of(self._week, day, self._tz)
            if not starts or closing is None:
                continue
            taken = await viewings.taken(tx, *_bounds(day, self._tz, self._slot), ignore)
            spans = [(t, t + self._slot) for t in taken]
            found += slots.free(starts, spans, 1, now, self._slot, closing)
            if len(found) >= OFFERED:
                break
        return found[:OFFERED]

    async def _car(self, tx: Tx, viewing: Viewing, lang: str | None = None) -> str:
        """'№ 2, Toyota RAV4, 2019': the report's number in the deal and its car."""
        found = await reports.for_request(tx, viewing.request_id)
        for number, report in enumerate(found, 1):
            if report.id == viewing.report_id:
                return self._t(lang or self._lang, "viewing-car", number=number,
                               title=escape(report.title))
        return "—"

    def _change_rows(self, lang: str, viewing: Viewing) -> tuple[tuple[Button, ...], ...]:
        return ((button(self._t(lang, "viewing-button-other"), OtherViewingTime(viewing.id)),
                 button(self._t(lang, "viewing-button-cancel"), CancelViewing(viewing.id))),)

    def _cancel_row(self, lang: str) -> tuple[Button, ...]:
        return (button(self._t(lang, "button-cancel"), Cancel()),)

    async def _save(self, tx: Tx, client: Client, step: str, data: dict[str, object]) -> None:
        await conversations.save(tx, Conversation(client.id, FLOW, step, data), self._clock.now())

    def _zone(self, client: Client) -> ZoneInfo:
        return zone_or(client.timezone, self._tz)

    def _client_when(self, client: Client, at: datetime) -> str:
        """'сб, 12 декабря, 15:00' on the client's clock."""
        local = at.astimezone(self._zone(client))
        return format_datetime(local, "EEE, d MMMM, HH:mm", locale=client.language)

    def _short(self, lang: str, at: datetime, zone: ZoneInfo) -> str:
        return format_datetime(at.astimezone(zone), "EEE d.MM HH:mm", locale=lang)

    def _topic_when(self, client: Client, at: datetime) -> str:
        """The firm's time, and the client's beside it when their clock shows another."""
        here = self._short(self._lang, at, self._tz)
        zone = self._zone(client)
        if at.astimezone(zone).utcoffset() == at.astimezone(self._tz).utcoffset():
            return here
        return self._t(self._lang, "time-both", client=self._short(self._lang, at, zone), firm=here,
                       zone=zone_label(self._t, self._lang, self._tz, at))

    def _stamp(self, at: datetime | None) -> str:
        return at.astimezone(self._tz).strftime(STAMP) if at else ""

    def _unstamp(self, text: str) -> datetime | None:
        """A button's time back, if it is one and lies within AHEAD days of now."""
        if not is_number(text) or len(text) != len("202612121500"):
            return None
        try:
            parsed = datetime.strptime(f"{text}+0000", f"{STAMP}%z")
        except ValueError:
            return None
        at = parsed.replace(tzinfo=self._tz)  # the stamp is the firm's wall time
        return at if abs(at - self._clock.now()) <= timedelta(days=AHEAD) else None


def _bounds(day: date, zone: ZoneInfo, slot: timedelta) -> tuple[datetime, datetime]:
    """The day, widened by a slot before it: a viewing begun late the evening before may
    still hold the day's first time."""
    start, end = slots.day_bounds(day, zone)
    return start - slot, end


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
