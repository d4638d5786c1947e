"""What the car procedure owes a client at a moment (the survey, the review reminder, the
later call, birthdays): owed by the other steps inside their transactions, performed by the
one owed-work mechanism (owed.py) through the kinds registered here."""

from __future__ import annotations

from datetime import date, datetime, time
from html import escape

from bot.services.base import Desk, Kit
from bot.services.followups.owed import DueKind, OwedWork
from bot.services.followups.survey import SurveyFlow
from bot.services.timing import Timing
from domain import Automatic, CarRequest, Client, Reply, owed
from domain.owed import Owed
from domain.presses import Menu, button
from domain.zones import zone_or
from storage import clients, conversations, due, requests
from storage.db import Tx


class DueTasks(Desk):
    def __init__(self, kit: Kit, survey: SurveyFlow, timing: Timing, owed_work: OwedWork) -> None:
        super().__init__(kit)
        self._survey = survey
        self._timing = timing
        self._owed_work = owed_work

    def kinds(self) -> tuple[DueKind, ...]:
        """What the car procedure owes, one registration each (see OwedWork)."""
        return (
            DueKind(Owed.SURVEY, self._begin_survey, waits_behind_flow=True),
            DueKind(Owed.REVIEW_REMINDER, self._remind_review, waits_behind_flow=True),
            DueKind(Owed.LONG_FOLLOWUP, self._long_followup, waits_behind_flow=True),
            DueKind(Owed.BIRTHDAY, self._greet),
        )

    # -- scheduling (called by other services inside their transactions) ------------------

    async def after_handover(self, tx: Tx, request: CarRequest, handed_over_at: datetime) -> None:
        now = self._clock.now()
        for kind, key, delay in (
            (Owed.SURVEY, owed.survey_key(request.id), self._timing.satisfaction_check),
            (Owed.LONG_FOLLOWUP, owed.long_followup_key(request.id), self._timing.long_followup),
        ):
            await due.owe(tx, kind, key, handed_over_at + delay, request.client_id, now,
                          request_id=request.id)

    async def cancel(self, tx: Tx, request_id: int) -> int:
        return await due.cancel_for_request(tx, request_id)

    async def birthday(
        self, tx: Tx, client_id: int, birth_date: date | None, after: date | None = None
    ) -> None:
        """Owe the next greeting: today's or later, or strictly after `after` once one is sent."""
        if birth_date is None:
            return
        client = await clients.get(tx, client_id)  # the day begins on their clock
        zone = zone_or(client.timezone if client else None, self._timing.timezone)
        today = self._clock.now().astimezone(zone).date()
        for year in (today.year, today.year + 1):
            day = _on_year(birth_date, year)
            if day >= today and (after is None or day > after):
                start = datetime.combine(day, time(0), tzinfo=zone)
                await due.owe(tx, Owed.BIRTHDAY, owed.birthday_key(client_id, year), start,
                              client_id, self._clock.now())
                return

    async def flow_ended(self, tx: Tx, client: Client) -> None:
        """The client is free again: ask the oldest automatic question that waited for them."""
        await self._owed_work.flow_ended(tx, client)

    # -- performing (registered in kinds()) -------------------------------------------------

    async def _begin_survey(self, tx: Tx, client: Client, task: due.DueTask) -> None:
        await self._survey.begin(tx, client, await _request(tx, task))

    async def _remind_review(self, tx: Tx, client: Client, task: due.DueTask) -> bool:
        return await self._survey.remind_review(tx, client, (await _request(tx, task)).id)

    async def _greet(self, tx: Tx, client: Client, task: due.DueTask) -> None:
        # a Fluent selector cannot test for an empty name: choose the nameless text here
        if client.name:
            text = self._t(client.language, "birthday", name=escape(client.name))
        else:
            text = self._t(client.language, "birthday-anonymous")
        await self._outbox.to_client(tx, client, Reply(text), automatic=Automatic.BIRTHDAY)
        today = self._clock.now().astimezone(self._timing.timezone).date()
        await self.birthday(tx, client.id, client.birth_date, after=today)  # next year's

    async def _long_followup(self, tx: Tx, client: Client, task: due.DueTask) -> None:
        request = await _request(tx, task)
        await conversations.clear(tx, client.id)  # what they write now is the answer (a
        # one-shot wait, such as a review, gives way; a flow in progress made this one wait)
        text = self._t(client.language, "long-followup", car=escape(request.car))
        menu = ((button(self._t(client.language, "button-menu"), Menu()),),)
        await self._outbox.to_client(tx, client, Reply(text, menu), automatic=Automatic.LONG_FOLLOWUP)
        await self._outbox.to_topic(tx, client, self._t(self._lang, "topic-long-followup"))


async def _request(tx: Tx, task: due.DueTask) -> CarRequest:
    request = await requests.get(tx, task.request_id or 0)
    assert request is not None  # a deal's work names its request
    return request


def _on_year(birth: date, year: int) -> date:
    try:
        return birth.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 2, 28)
