"""How a client and their request look to managers: the topic's title and its pinned card."""

from __future__ import annotations

from datetime import time
from html import escape
from typing import Any

from bot.i18n import Translator
from bot.services.followups.contact_window import window
from bot.services.intake.flow import IntakeFlow
from bot.services.privacy.titles import topic_title
from bot.services.zones import ZoneWords
from domain import CarRequest, Client
from domain.cars import Car
from domain.hours import END_OF_DAY
from domain.money import Money, summary_args


class Cards:
    """How a client and their request look to managers."""

    def __init__(self, translate: Translator, intake: IntakeFlow, zones: ZoneWords | None = None,
                 contact_hours: tuple[time, time] = (time(0), END_OF_DAY)) -> None:
        self._t = translate
        self._intake = intake
        self._zones = zones  # the client's zone, when it is not the firm's (bot/services/zones.py)
        self._hours = contact_hours
        self.lang = translate.default_language

    def title(self, client: Client, request: CarRequest | None) -> str:
        unnamed = self._t(self.lang, "topic-unnamed")
        return topic_title(client.name or client.username or "", request.id if request else None, unnamed)

    def card(self, client: Client, request: CarRequest | None,
             others: list[CarRequest] | None = None, car: Car | None = None,
             legal: tuple[int, int] | None = None, money: Money | None = None,
             source: str | None = None) -> str:
        lang = self.lang
        contact = f"@{client.username}" if client.username else client.channel.value
        head = self._t(
            lang, "card-title", channel=client.channel.value, contact=escape(contact),
            language=client.language,
        )
        if request is None:
            name = escape(client.name or "—")
            return f"{head}\n\n{self._t(lang, 'card-no-request', name=name)}"
        answers: dict[str, Any] = {
            "name": client.name,
            "phone": client.phone,
            "birth_date": client.birth_date.isoformat() if client.birth_date else None,
            "contact_time": client.contact_time,
            "car": request.car,
            "year_from": request.year_from,
            "year_to": request.year_to,
            "budget": request.budget,
            "must_haves": request.must_haves,
            "deal_breakers": request.deal_breakers,
            "city": request.city,
            "deadline": request.deadline,
        }
        lines = [head, self._t(lang, "card-request", id=request.id,
                               stage=self._t(lang, f"stage-{request.stage}"))]
        if request.hard_search_time:
            lines.append(self._t(lang, "card-hard", time=escape(request.hard_search_time),
                                 reason=escape(request.hard_reason or "—")))
        if request.eta:
            lines.append(self._t(lang, "card-eta", date=request.eta.strftime("%d.%m.%Y")))
        if (zone := self._zone_line(client)) is not None:
            lines.append(zone)
        if source:  # how the client heard of us (LEAD_SOURCES, /set source)
            lines.append(self._t(lang, "card-source", source=escape(source)))
        if legal is not None:  # the legal check: items checked of all (/legal)
            lines.append(self._t(lang, "card-legal", done=legal[0], total=legal[1]))
        if car is not None:  # the car bought, on file (/car)
            lines.append(self._t(lang, "card-car", car=escape(car.title or "—"),
                                 vin=escape(car.vin or "—")))
        if money is not None and money.any:  # offered, paid, remaining (bot/services/money)
            lines.append(self._t(lang, "card-money",
                                 summary=self._t(lang, "money-summary", **summary_args(money))))
        for other in others or ():
            lines.append(self._t(lang, "card-other-request", id=other.id, car=escape(other.car),
                                 stage=self._t(lang, f"stage-{other.stage}")))
        return "\n".join(lines) + "\n\n" + self._intake.describe(lang, answers)

    def _zone_line(self, client: Client) -> str | None:
        """The client's zone and when they may be written to, on both clocks, if theirs differs."""
        if self._zones is None or client.timezone is None or not self._zones.differs(client):
            return None
        hours = window(self._hours, client.contact_time)
        return self._t(self.lang, "card-zone", zone=self._zones.name(self.lang, client.timezone),
                       hours=self._zones.hours_both(self.lang, client, hours))
