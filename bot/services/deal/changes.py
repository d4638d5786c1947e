"""Changes to a deal after confirmation, by managers: /set #12 budget 2.5 млн (validated as in
the intake; the topic sees old → new, the pinned card is updated) and /every 24h (the deal's
own news interval, for a client who wants daily news)."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from typing import Any

from bot.services.base import Deal, Desk, Kit
from bot.services.intake.flow import IntakeFlow
from bot.services.intake.source import WORDS as SOURCE_WORDS
from bot.services.intake.source import LeadSources
from bot.services.news import DealNews
from bot.services.validation import InvalidAnswer, parse_interval
from bot.services.zones import ClientZones
from domain import Automatic, CarRequest, Reply
from storage import deals

# The intake's questions a confirmed request may change (the client's profile is not a deal's).
FIELDS = ("car", "years", "budget", "must_haves", "deal_breakers", "city", "deadline")
RESET = ("off", "default", "сброс", "обычно")
ZONE_WORDS = ("tz", "timezone", "zone", "пояс")  # /set #12 tz Asia/Novosibirsk: the client's, not the deal's


def answers_of(request: CarRequest) -> dict[str, Any]:
    return {"car": request.car, "year_from": request.year_from, "year_to": request.year_to,
            "budget": request.budget, "must_haves": request.must_haves,
            "deal_breakers": request.deal_breakers, "city": request.city,
            "deadline": request.deadline}


def columns(field: str, value: Any) -> dict[str, object]:
    """An intake answer as the request's columns."""
    if field == "years":
        return {"year_from": value[0], "year_to": value[1]}
    return {field: value}


class DealChanges(Desk):
    def __init__(self, kit: Kit, news: DealNews, intake: IntakeFlow, zones: ClientZones,
                 sources: LeadSources) -> None:
        super().__init__(kit)
        self._sources = sources
        self._news = news
        self._intake = intake
        self._zones = zones

    async def set(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        await self._on_deal(topic_id, message_id, manager_id, "set", args, self._set)

    async def every(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        await self._on_deal(topic_id, message_id, manager_id, "every", args, self._every)

    async def apply(self, deal: Deal, field: str, value: Any) -> tuple[str, str]:
        """Store a validated change; the topic is told old → new and the card is updated.
        Returns (old, new) as the summary shows them."""
        before = answers_of(deal.request)
        after = {**before, **columns(field, value)}
        old = self._intake.value(self._lang, field, before)
        new = self._intake.value(self._lang, field, after)
        await deals.change(deal.tx, deal.request.id, columns(field, value), self._clock.now())
        if field == "city":  # another city may be another zone (never over a chosen one)
            await self._zones.guess(deal.tx, deal.client.id, str(value), None)
        text = self._t(self._lang, "change-topic", id=deal.request.id,
                       field=self._t(self._lang, f"field-{field}"), old=old, new=new)
        await self._outbox.to_topic(deal.tx, deal.client, text)
        await self._news.refresh_card(deal.tx, deal.client, deal.request.id)
        return old, new

    def field_named(self, word: str) -> str | None:
        word = word.strip().lower()
        for field in FIELDS:
            labels = {self._t(lang, f"field-{field}").lower() for lang in self._t.languages()}
            if word == field or word in labels or word in {label.split()[0] for label in labels}:
                return field
        return None

    async def _set(self, deal: Deal, args: str) -> None:
        word, _, text = args.partition(" ")
        if word.strip().lower() in ZONE_WORDS:
            await self._set_zone(deal, text)
            return
        if word.strip().lower() in SOURCE_WORDS:  # how the client heard of us (issue 23)
            if await self._sources.set_by_manager(deal, text):
                await self._news.refresh_card(deal.tx, deal.client, deal.request.id)
            return
        field = self.field_named(word)
        if field is None or not text.strip():
            names = ", ".join((*FIELDS, ZONE_WORDS[0], SOURCE_WORDS[0]))
            await self._reply(deal, "set-usage", word=escape(word or "—"), names=names)
            return
        try:
            value = self._intake.parse(field, text)
        except InvalidAnswer as problem:
            await self._reply(deal, "set-invalid", problem=self._t(self._lang, problem.key))
            return
        await self.apply(deal, field, value)

    async def _set_zone(self, deal: Deal, text: str) -> None:
        """The client's time zone, by a manager: an IANA name or a city (refused in one line)."""
        zone = await self._zones.set_by_manager(deal.tx, deal.client, text)
        if zone is None:
            await self._reply(deal, "set-tz-invalid", text=escape(text.strip()[:60]) or "—")
            return
        await self._reply(deal, "set-tz-done", zone=zone)
        await self._news.refresh_card(deal.tx, deal.client, deal.request.id)

    async def _every(self, deal: Deal, args: str) -> None:
        if args.strip().lower() in RESET:
            await deals.set_every(deal.tx, deal.request.id, None)
            await self._tell_every(deal, None)
            await self._reply(deal, "every-reset", id=deal.request.id)
            return
        try:
            interval = parse_interval(args)
        except InvalidAnswer as problem:
            await self._reply(deal, problem.key)
            return
        seconds = int(interval.total_seconds())
        await deals.set_every(deal.tx, deal.request.id, seconds)
        await self._tell_every(deal, interval)
        await self._reply(deal, "every-done", id=deal.request.id, hours=seconds // 3600)

    async def _tell_every(self, deal: Deal, interval: timedelta | None) -> None:
        """The client hears the promise the clock now keeps, in the words of the process text
        (a changed promise left unsaid would be a promise broken); None: back to the default."""
        client = deal.client
        own = {"news_promise": self._t.news_promise(client.language, interval)} if interval else {}
        text = self._t(client.language, "every-to-client", **own)
        reply = await self._news.named(deal.tx, client, Reply(text), deal.request)
        await self._outbox.to_client(deal.tx, client, reply, automatic=Automatic.DEAL_NEWS)
