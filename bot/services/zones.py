"""The client's time zone: chosen (from the city of their request, their phone number, their own
choice in /settings, a manager's /set #N tz), and how times read in it.

Times a client reads are in their zone (`ZoneWords.local`); a topic shows both when the zones
differ ("10:00 у клиента, 06:00 МСК", `ZoneWords.both`). Contact hours are the client's
(bot/services/followups/owed.py). How a zone is chosen: docs/timezones.md.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.i18n import Translator
from bot.services.base import Desk, Kit
from bot.services.flows import Flow, Heard
from domain import Client, Conversation, Inbound, Reply
from domain.presses import ChooseZone, button
from domain.zones import COMMON, ZoneSource, zone_named, zone_of_city, zone_of_phone, zone_or
from storage import clients, conversations
from storage.db import Tx

MOSCOW = "Europe/Moscow"
PER_ROW = 2  # zone buttons in /settings
FLOW = "zone"  # after /settings, the client's next words may name their city
TYPED_LAPSE = timedelta(minutes=30)


def offset_text(zone: ZoneInfo, moment: datetime) -> str:
    """'UTC+10', 'UTC+5:30', 'UTC'."""
    offset = moment.astimezone(zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(translate: Translator, lang: str, zone: ZoneInfo, moment: datetime) -> str:
    """How a firm's zone is named beside a time: 'МСК' for Moscow, else its offset."""
    return translate(lang, "zone-msk") if zone.key == MOSCOW else offset_text(zone, moment)


class ZoneWords:
    """How zones and times read: to the client in their zone, to managers in both."""

    def __init__(self, translate: Translator, clock: Clock, firm: ZoneInfo) -> None:
        self._t = translate
        self._clock = clock
        self.firm = firm

    def of(self, client: Client) -> ZoneInfo:
        """The client's zone, or the firm's while theirs is unknown."""
        return zone_or(client.timezone, self.firm)

    def local(self, client: Client, moment: datetime) -> datetime:
        return moment.astimezone(self.of(client))

    def differs(self, client: Client, moment: datetime | None = None) -> bool:
        """The client's clock shows another time than the firm's (at that moment)."""
        moment = moment or self._clock.now()
        return moment.astimezone(self.of(client)).utcoffset() != moment.astimezone(self.firm).utcoffset()

    def name(self, lang: str, zone: str, moment: datetime | None = None) -> str:
        """'Владивосток (UTC+10)'; a zone without a name of ours: 'Asia/Tashkent (UTC+5)'."""
        key = "zone-" + zone.lower().replace("/", "-").replace("_", "-")
        label = self._t(lang, key) if zone in COMMON else zone
        return f"{label} ({offset_text(ZoneInfo(zone), moment or self._clock.now())})"

    def firm_label(self, lang: str, moment: datetime) -> str:
        """'МСК' for a firm in Moscow, else its offset."""
        return zone_label(self._t, lang, self.firm, moment)

    def both(self, lang: str, client: Client, moment: datetime, fmt: str = "%H:%M") -> str:
        """A time for managers: '17:00 у клиента, 10:00 МСК' when the clocks differ, else '10:00'."""
        firm = f"{moment.astimezone(self.firm):{fmt}}"
        if not self.differs(client, moment):
            return firm
        there = f"{self.local(client, moment):{fmt}}"
        return self._t(lang, "time-both", client=there, firm=firm, zone=self.firm_label(lang, moment))

    def hours_both(self, lang: str, client: Client, hours: tuple[time, time]) -> str:
        """Contact hours in the client's zone, and the same span on the firm's clock."""
        now = self._clock.now()
        day = self.local(client, now).date()
        low, high = (datetime.combine(day, h, tzinfo=self.of(client)) for h in hours)
        there = f"{low:%H:%M}–{_end(high)}"
        if not self.differs(client, now):
            return there
        firm = f"{low.astimezone(self.firm):%H:%M}–{_end(high.astimezone(self.firm))}"
        return self._t(lang, "time-both", client=there, firm=firm, zone=self.firm_label(lang, now))


def _end(moment: datetime) -> str:
    return "24:00" if moment.time() >= time(23, 59) else f"{moment:%H:%M}"


class ClientZones(Desk):
    """Choosing the client's zone: guessed at intake, chosen in /settings, set by a manager."""

    def __init__(self, kit: Kit, words: ZoneWords) -> None:
        super().__init__(kit)
        self.words = words

    async def guess(self, tx: Tx, client_id: int, city: str | None, phone: str | None) -> None:
        """At a confirmed request (or a changed city): the city's zone, else the phone's; never
        over what the client or a manager chose."""
        if city and (zone := zone_of_city(city)) is not None:
            await clients.set_timezone(tx, client_id, zone, ZoneSource.CITY)
        elif (zone := zone_of_phone(phone)) is not None:
            await clients.set_timezone(tx, client_id, zone, ZoneSource.PHONE)

    async def show(self, tx: Tx, client: Client) -> None:
        """/settings: the zone we use, the time it is there, a button per common zone."""
        lang, now = client.language, self._clock.now()
        zone = self.words.of(client)
        key = "settings-zone" if client.timezone else "settings-zone-unknown"
        picks = [button(self.words.name(lang, z, now), ChooseZone(z)) for z in COMMON]
        rows = tuple(tuple(picks[i:i + PER_ROW]) for i in range(0, len(picks), PER_ROW))
        text = self._t(lang, key, zone=self.words.name(lang, zone.key, now),
                       time=f"{now.astimezone(zone):%H:%M}")
        await self._outbox.to_client(tx, client, Reply(text, rows + (self._menu_row(lang),)))
        if await conversations.get(tx, client.id) is None:  # never over an intake or a survey
            await conversations.save(tx, Conversation(client.id, FLOW, "city"), now)

    def flow(self) -> Flow:
        """A city (or a zone's name) typed after /settings; anything else goes to the manager."""
        return Flow(FLOW, self.typed, lapses_after=TYPED_LAPSE)

    async def typed(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> Heard:
        await conversations.clear(tx, client.id)
        zone = zone_named(inbound.text) if inbound.text else None
        if zone is None:
            return Heard.NOT_FOR_IT  # words for the manager, or a city we do not know: relayed
        await self._set(tx, client, zone)
        return Heard.TAKEN

    async def choose(self, tx: Tx, client: Client, press: ChooseZone) -> bool:
        """A zone button; one we never offered (forged) is out of date."""
        if press.zone not in COMMON:
            return False
        conversation = await conversations.get(tx, client.id)
        if conversation is not None and conversation.flow == FLOW:
            await conversations.clear(tx, client.id)
        await self._set(tx, client, press.zone)
        return True

    async def _set(self, tx: Tx, client: Client, zone: str) -> None:
        await clients.set_timezone(tx, client.id, zone, ZoneSource.CLIENT)
        now = self._clock.now()
        lang = client.language
        await self._say(tx, client, "settings-zone-set", menu=True, zone=self.words.name(lang, zone, now),
                        time=f"{now.astimezone(ZoneInfo(zone)):%H:%M}")
        if client.topic_id is not None:
            await self._tell_topic(tx, client, "topic-zone-client",
                                   zone=self.words.name(self._lang, zone, now))

    async def set_by_manager(self, tx: Tx, client: Client, text: str) -> str | None:
        """/set #N tz Asia/Novosibirsk (or a city): the zone's name as the topic reads it; None
        when the text names no zone (an unknown name, a city of two zones)."""
        zone = zone_named(text)
        if zone is None:
            return None
        await clients.set_timezone(tx, client.id, zone, ZoneSource.MANAGER)
        return self.words.name(self._lang, zone)
