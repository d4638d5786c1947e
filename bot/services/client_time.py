"""Times as a client reads them, in the client's own zone (docs/timezones.md; the firm's,
TIMEZONE, while theirs is unknown): `zone` is the one place that decides the zone a client's
times are shown in, so every time told to a client follows it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date

from bot.i18n import Translator
from domain import Client
from domain.zones import zone_or

WEEK = 7


class ClientTime:
    def __init__(self, translate: Translator, zone: ZoneInfo) -> None:
        self._t = translate
        self._zone = zone

    def zone(self, client: Client) -> ZoneInfo:
        """The zone the client reads times in: theirs, else the firm's."""
        return zone_or(client.timezone, self._zone)

    def ahead(self, client: Client, moment: datetime, now: datetime) -> str:
        """A moment ahead (when we open, when we answer by), in the client's words: «сегодня в
        10:00», «завтра в 10:00», «в 10:00 в понедельник» within a week, «4 января в 10:00»
        past it."""
        zone = self.zone(client)
        local, today = moment.astimezone(zone), now.astimezone(zone).date()
        ahead = (local.date() - today).days
        day = {0: "today", 1: "tomorrow"}.get(ahead, "week" if ahead < WEEK else "date")
        return self._t(client.language, "when-ahead", day=day, time=f"{local:%H:%M}",
                       weekday=local.weekday(),
                       date=format_date(local.date(), "d MMMM", locale=client.language))
