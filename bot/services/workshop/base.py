"""What every part of the workshop shares: its settings, and `WorkshopDesk` (the shared `Desk` with
the workshop's local time and buttons)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.numbers import format_decimal

from bot.services.base import Desk, Kit
from bot.services.zones import zone_label
from domain import Button, Client, Press
from domain.documents import Firm, Warranty
from domain.money import rub as rub  # one money format; the workshop's parts import it here
from domain.numbers import is_number
from domain.presses import button
from domain.price_list import PriceList
from domain.progress import Steps
from domain.workshop import WeekHours
from domain.zones import zone_or
from storage import cars, requests, workshop_bookings
from storage.db import Tx

STAMP = "%Y%m%d%H%M"  # a local slot start inside callback data: 202611241000
FAR = timedelta(days=366)


@dataclass(frozen=True)
class WorkshopConfig:
    week: WeekHours
    slot: timedelta
    bays: int
    bookings_per_client: int  # live bookings a client may hold at once (they book in chat)
    kinds: tuple[str, ...]
    visit_reminder: timedelta
    service_check_delay: timedelta
    maintenance_interval: timedelta
    maintenance_km: int
    deferred_reminder: timedelta
    address: str
    payment_url: str
    review_url: str
    review_reminder: timedelta
    timezone: ZoneInfo
    contact_hours: tuple[time, time]
    phone_region: str = "RU"  # PHONE_REGION: how `/book 8 900 …` reads a local number
    lengths: Mapping[str, timedelta] = field(default_factory=dict)  # SERVICE_KINDS' durations
    qc_items: tuple[str, ...] = ()  # QC_CHECKS: the quality check before release (quality.py)
    prices: PriceList = field(default_factory=PriceList)  # PRICE_LIST: lines named by code
    progress: Steps = ()  # WORKSHOP_PROGRESS: the car's steps, (key, the firm's name) (progress.py)
    firm: Firm = Firm()  # FIRM_*: the firm's details on the documents
    warranty: Warranty | None = None  # WORKSHOP_WARRANTY

    def length(self, kind: str | None, minutes: int | None = None) -> timedelta:
        """How long a visit takes a bay: as stored with the booking, else the kind's duration
        (SERVICE_KINDS), else one WORKSHOP_SLOT (a kind written without one, or no longer
        listed; bookings made before durations existed read so too)."""
        if minutes:
            return timedelta(minutes=minutes)
        return self.lengths.get(kind or "", self.slot)


class WorkshopDesk(Desk):
    """A part of the workshop: a desk with the workshop's settings, its local time and its
    buttons."""

    def __init__(self, kit: Kit, config: WorkshopConfig) -> None:
        super().__init__(kit)
        self._config = config

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self._config.timezone)

    def _when(self, lang: str, moment: datetime, zone: ZoneInfo | None = None) -> str:
        """'пн 24.11 10:00' in the workshop's zone (or the `zone` given: a client's)."""
        local = moment.astimezone(zone) if zone is not None else self._local(moment)
        day = self._t(lang, f"ws-weekday-{local.weekday()}")
        return f"{day} {local:%d.%m %H:%M}"

    def _client_zone(self, client: Client) -> ZoneInfo:
        """The zone the client reads times in: theirs (docs/timezones.md), else the workshop's."""
        return zone_or(client.timezone, self._config.timezone)

    def _topic_when(self, client: Client, moment: datetime) -> str:
        """A time for the topic: 'пн 24.11 10:00', and when the client's clock shows another
        time, both ('вт 24.11 17:00 у клиента, пн 24.11 10:00 МСК')."""
        here = self._when(self._lang, moment)
        zone = self._client_zone(client)
        if moment.astimezone(zone).utcoffset() == self._local(moment).utcoffset():
            return here
        return self._t(self._lang, "time-both", client=self._when(self._lang, moment, zone), firm=here,
                       zone=zone_label(self._t, self._lang, self._config.timezone, moment))

    def _client_when(self, client: Client, moment: datetime) -> str:
        """'вт, 24 ноября, 10:00' in the client's zone (bot/services/zones.py): a time in a
        client's sentence, as in a letter (buttons and the managers' texts keep the short
        `_when`)."""
        local = moment.astimezone(self._client_zone(client))
        return format_datetime(local, "EEE, d MMMM, HH:mm", locale=client.language)

    def _stamp(self, moment: datetime) -> str:
        return self._local(moment).strftime(STAMP)

    def _unstamp(self, text: str) -> datetime | None:
        """A stamp back to the aware local slot start; None if it is not one, or lies more than
        a year from now (no slot is offered so far; 9999's would overflow the day's bounds)."""
        if not is_number(text) or len(text) != len("202611241000"):
            return None  # strptime would take '٢٠٢٦…' too
        try:
            parsed = datetime.strptime(f"{text}+0000", f"{STAMP}%z")
        except ValueError:
            return None
        start = parsed.replace(tzinfo=self._config.timezone)  # the stamp is local wall time
        return start if abs(start - self._clock.now()) <= FAR else None

    async def _known_car(self, tx: Tx, client_id: int) -> str | None:
        """The client's car as the workshop names it: the car on file (recorded at handover,
        docs/cars.md), else the car of their last visit, else the car of a deal handed over."""
        car = await cars.latest(tx, client_id)
        if car is not None and car.title:
            return car.title
        known = await workshop_bookings.last_car(tx, client_id)
        if known is None:
            request = await requests.latest_for_client(tx, client_id)
            known = request.car if request and request.handed_over_at else None
        return known

    def _button(self, lang: str, key: str, press: Press, **args: object) -> Button:
        """A workshop button: its text, and the typed press (domain/presses.py) it sends."""
        return button(self._t(lang, key, **args), press)


def hours_text(length: timedelta, lang: str) -> str:
    """1 h 30 min → '1,5' (ru) / '1.5' (en): hours as the language writes a decimal, to two
    places at most (the unit, «ч» / 'h', is the text's)."""
    return format_decimal(round(length.total_seconds() / 3600, 2), format="0.##", locale=lang)
