"""What is owed to one client at a moment: scheduled by the other steps inside their
transactions, and performed, within the client's contact hours, when it falls due."""

from __future__ import annotations

from datetime import date, datetime, time
from html import escape

from bot.services.base import Desk, Kit
from bot.services.flows import Flows
from bot.services.followups.contact_window import next_opening, window
from bot.services.followups.survey import SurveyFlow
from bot.services.timing import Timing
from domain import Automatic, CarRequest, Client, Reply, Stage
from domain.presses import Menu, button
from storage import clients, conversations, due, requests
from storage.db import Tx

# Automatic messages that expect an answer: they wait behind a flow that holds the client's
# next words (Flow.holds, bot/services/flows.py) instead of breaking it.
QUESTIONS = ("survey", "long_followup", "review_reminder")


class DueTasks(Desk):
    def __init__(self, kit: Kit, survey: SurveyFlow, timing: Timing, flows: Flows) -> None:
        super().__init__(kit)
        self._flows = flows
        self._survey = survey
        self._timing = timing

    # -- scheduling (called by other services inside their transactions) ------------------

    async def after_handover(self, tx: Tx, request: CarRequest, handed_over_at: datetime) -> None:
        now = self._clock.now()
        for kind, delay in (("survey", self._timing.satisfaction_check),
                            ("long_followup", self._timing.long_followup)):
            await due.schedule(tx, f"{kind}:{request.id}", kind, request.client_id, request.id,
                               handed_over_at + delay, now)

    async def cancel(self, tx: Tx, request_id: int) -> int:
        return await due.cancel_for_request(tx, request_id)

    async def birthday(
        self, tx: Tx, client_id: int, birth_date: date | None, after: date | None = None
    ) -> None:
        """Owe the next greeting: today's or later, or strictly after `after` once one is sent."""
        if birth_date is None:
            return
        zone = self._timing.timezone
        today = self._clock.now().astimezone(zone).date()
        for year in (today.year, today.year + 1):
            day = _on_year(birth_date, year)
            if day >= today and (after is None or day > after):
                start = datetime.combine(day, time(0), tzinfo=zone)
                await due.schedule(tx, f"birthday:{client_id}:{year}", "birthday", client_id,
                                   None, start, self._clock.now())
                return

    # -- performing -----------------------------------------------------------------------

    async def perform(self, tx: Tx, task: due.DueTask) -> int:
        """1 if the task's message was queued now; 0 if skipped, postponed or taken by another tick."""
        now = self._clock.now()
        client = await clients.get(tx, task.client_id)
        request = await requests.get(tx, task.request_id) if task.request_id else None
        if client is None or client.unreachable_at is not None:
            await due.claim(tx, task.id, "skipped", now)  # a blocked client gets nothing
            return 0
        if request is not None and request.stage == Stage.CANCELLED:
            await due.claim(tx, task.id, "cancelled", now)
            return 0
        hours = window(self._timing.contact_hours, client.contact_time)
        opening = next_opening(now, self._timing.timezone, hours)
        if opening > now:
            await due.postpone(tx, task.id, opening)
            return 0
        if not await due.claim(tx, task.id, "done", now):
            return 0  # another tick took it
        return await self._send(tx, task.kind, client, request)

    async def flow_ended(self, tx: Tx, client: Client) -> None:
        """The client is free again: ask the oldest automatic question that waited for them."""
        if await conversations.get(tx, client.id) is not None:
            return
        waiting = await conversations.next_pending(tx, client.id)
        if waiting is not None:
            kind, request_id = waiting
            request = await requests.get(tx, request_id) if request_id else None
            await self._send(tx, kind, client, request)

    async def _busy(self, tx: Tx, client: Client) -> bool:
        """In a flow an automatic question must not break (an intake, a survey, feedback)."""
        conversation = await conversations.get(tx, client.id)
        return conversation is not None and conversation.flow in self._flows.holding()

    async def _send(self, tx: Tx, kind: str, client: Client, request: CarRequest | None) -> int:
        if kind in QUESTIONS and await self._busy(tx, client):
            await conversations.queue(tx, client.id, kind, request.id if request else None,
                                      self._clock.now())
            return 0  # asked when the client's flow ends (flow_ended)
        match kind:
            case "survey":
                assert request is not None
                await self._survey.begin(tx, client, request)
            case "review_reminder":
                assert request is not None
                if not await self._survey.remind_review(tx, client, request.id):
                    return 0
            case "long_followup":
                assert request is not None
                await self._long_followup(tx, client, request)
            case "birthday":
                text = self._t(client.language, "birthday", name=escape(client.name or ""))
                await self._outbox.to_client(tx, client, Reply(text), automatic=Automatic.BIRTHDAY)
                today = self._clock.now().astimezone(self._timing.timezone).date()
                await self.birthday(tx, client.id, client.birth_date, after=today)  # next year's
        return 1

    async def _long_followup(self, tx: Tx, client: Client, request: CarRequest) -> None:
        await conversations.clear(tx, client.id)  # what they write now is the answer (a
        # one-shot wait, such as a review, gives way; a flow in progress made this one wait)
        text = self._t(client.language, "long-followup", car=escape(request.car))
        menu = ((button(self._t(client.language, "button-menu"), Menu()),),)
        await self._outbox.to_client(tx, client, Reply(text, menu), automatic=Automatic.LONG_FOLLOWUP)
        await self._outbox.to_topic(tx, client, self._t(self._lang, "topic-long-followup"))


def _on_year(birth: date, year: int) -> date:
    try:
        return birth.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 2, 28)
