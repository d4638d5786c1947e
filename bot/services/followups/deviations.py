"""Deviations from what was promised or asked, told once each in the client's topic: the
delivery date passed without the car having arrived; the client's own deadline is a week away
(or passed) while the search goes on; the hard search's estimate ran out."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape

from bot.services.base import Desk, Kit
from bot.services.timing import Timing
from bot.services.validation import InvalidAnswer, parse_date, parse_estimate
from domain import CarRequest
from storage import clients, deals, due
from storage.db import Tx

DEADLINE_AHEAD = timedelta(days=7)
DATE = "%d.%m.%Y"  # as the pinned card shows dates


class Deviations(Desk):
    def __init__(self, kit: Kit, timing: Timing) -> None:
        super().__init__(kit)
        self._timing = timing

    async def sweep(self) -> None:
        today = self._clock.now().astimezone(self._timing.timezone).date()
        async with self._db.transaction() as tx:
            for request in await deals.eta_passed(tx, today.isoformat()):
                assert request.eta is not None
                await self._alert(tx, request, f"eta-passed:{request.id}:{request.eta}",
                                  "deviation-eta-passed", date=request.eta.strftime(DATE))
            for request in await deals.searching(tx):
                await self._deadline(tx, request, today)
            for request, marked in await deals.hard_searches(tx):
                await self._hard_ran_out(tx, request, marked)

    async def _hard_ran_out(self, tx: Tx, request: CarRequest, marked: datetime) -> None:
        span = parse_estimate(request.hard_search_time or "")
        if span is not None and self._clock.now() >= marked + span:
            await self._alert(tx, request, f"hard-ran-out:{request.id}:{marked.isoformat()}",
                              "deviation-hard-ran-out", time=escape(request.hard_search_time or ""))

    async def _deadline(self, tx: Tx, request: CarRequest, today: date) -> None:
        try:  # the deadline is the client's words; only a date can be watched
            deadline = parse_date(request.deadline or "")
        except InvalidAnswer:
            return
        shown = deadline.strftime(DATE)
        if deadline < today:
            await self._alert(tx, request, f"deadline-passed:{request.id}:{deadline}",
                              "deviation-deadline-passed", date=shown)
        elif deadline - today <= DEADLINE_AHEAD:
            await self._alert(tx, request, f"deadline-near:{request.id}:{deadline}",
                              "deviation-deadline-near", date=shown)

    async def _alert(self, tx: Tx, request: CarRequest, key: str, text_key: str,
                     **args: object) -> None:
        if not await due.first_alert(tx, key, self._clock.now()):
            return  # told before
        client = await clients.get(tx, request.client_id)
        if client is not None and client.topic_id:
            text = self._t(self._lang, text_key, id=request.id, **args)
            await self._outbox.to_topic(tx, client, text)
