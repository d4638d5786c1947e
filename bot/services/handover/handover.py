"""The handover message (the car's features and flaws, the first weeks, extra services on offer),
and the client accepting an extra service with one tap."""

from __future__ import annotations

from html import escape

from bot.services.base import Desk, Kit
from bot.services.client_time import ClientTime
from bot.services.followups.answers import Answers, Promise
from bot.services.news import DealNews
from domain import Button, CarRequest, Client, InspectionReport, Reaction, Reply
from domain.presses import TakeService, button
from storage import reports, requests
from storage.db import Tx


class Handover(Desk):
    def __init__(self, kit: Kit, news: DealNews, extra_services: list[str], answers: Answers,
                 times: ClientTime) -> None:
        super().__init__(kit)
        self._news = news
        self._services = extra_services
        self._answers = answers  # an accepted service: contact the client within its clock
        self._times = times

    async def send(self, tx: Tx, client: Client, request: CarRequest, note: str | None,
                   manager_id: int) -> None:
        lang = client.language
        found = await reports.for_request(tx, request.id)
        chosen = next((r for r in reversed(found) if r.reaction == Reaction.INTERESTED), None)
        chosen = chosen or (found[-1] if found else None)
        lines = [self._t(lang, "handover-title", car=escape(chosen.title if chosen else request.car))]
        lines += self._car(lang, chosen)
        if note:
            lines.append(f"\n{escape(note)}")
        lines.append("\n" + self._t(lang, "handover-first-weeks"))
        buttons: tuple[tuple[Button, ...], ...] = ()
        if self._services:
            lines.append("\n" + self._t(lang, "handover-offer"))
            buttons = tuple(
                (button(f"➕ {service}", TakeService(request.id, index)),)
                for index, service in enumerate(self._services)
            )
        await self._news.tell(tx, client, Reply("\n".join(lines), buttons), manager_id, "handover",
                              request)

    async def accept_service(self, tx: Tx, client: Client, press: TakeService) -> None:
        """The request is the client's (checked for every press, bot/services/privacy)."""
        request = await requests.get(tx, press.request)
        if request is None or press.index >= len(self._services):
            await self._say(tx, client, "button-expired", menu=True)
            return
        service, now = self._services[press.index], self._clock.now()
        acceptance = await requests.accept_service(tx, request.id, service, now)
        if acceptance is None:
            await self._say(tx, client, "service-already", service=escape(service))
            return
        topic = self._t(self._lang, "topic-service-accepted", service=escape(service))
        await self._outbox.to_topic(tx, client, topic)
        by = await self._answers.open(tx, client, Promise.SERVICE, acceptance, request.id)
        await self._say(tx, client, "service-accepted", service=escape(service),
                        when=self._times.ahead(client, by, now))

    def _car(self, lang: str, chosen: InspectionReport | None) -> list[str]:
        """The chosen car's features and flaws, from its inspection report."""
        if chosen is None:
            return []
        lines = [self._t(lang, "handover-features")]
        lines += [f"✅ {escape(m)}" for m in chosen.merits]
        lines.append(self._t(lang, "handover-flaws"))
        lines += [f"⚠️ {escape(f)}" for f in chosen.flaws]
        return lines
