"""What every part of the workshop shares: its settings, the ways out, and time in local terms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.services.base import Kit
from domain import Action, Button, Client, Reply
from domain.workshop import WeekHours
from storage.db import Tx

STAMP = "%Y%m%d%H%M"  # a local slot start inside callback data: 202611241000


@dataclass(frozen=True)
class WorkshopConfig:
    week: WeekHours
    slot: timedelta
    bays: int
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


class WorkshopKit:
    """The shared tools of the workshop's services: the desks' `Kit` and the workshop's settings."""

    def __init__(self, kit: Kit, config: WorkshopConfig) -> None:
        self.db = kit.db
        self.outbox = kit.outbox
        self.t = kit.translate
        self.clock = kit.clock
        self.config = config
        self.lang = kit.translate.default_language  # managers' language

    def now(self) -> datetime:
        return self.clock.now()

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.config.timezone)

    def when(self, lang: str, moment: datetime) -> str:
        """'пн 24.11 10:00' in the workshop's zone."""
        local = self.local(moment)
        day = self.t(lang, f"ws-weekday-{local.weekday()}")
        return f"{day} {local:%d.%m %H:%M}"

    def stamp(self, moment: datetime) -> str:
        return self.local(moment).strftime(STAMP)

    def unstamp(self, text: str) -> datetime | None:
        """A stamp back to the aware local slot start; None if it is not one."""
        try:
            parsed = datetime.strptime(f"{text}+0000", f"{STAMP}%z")
        except ValueError:
            return None
        return parsed.replace(tzinfo=self.config.timezone)  # the stamp is local wall time

    def button(self, lang: str, key: str, arg: str, **args: object) -> Button:
        return Button(self.t(lang, key, **args), Action.WORKSHOP, arg)

    async def say(self, tx: Tx, client: Client, key: str,
                  buttons: tuple[tuple[Button, ...], ...] = (), automatic: str | None = None,
                  follow_on: bool = False, **args: object) -> None:
        """A message to the client; `automatic` names the kind of one the bot sends on its own
        (WhatsApp sends those as templates outside its 24-hour window)."""
        reply = Reply(self.t(client.language, key, **args), buttons)
        await self.outbox.to_client(tx, client, reply, automatic=automatic, follow_on=follow_on)

    async def topic(self, tx: Tx, client: Client, key: str, pin: bool = False, **args: object) -> None:
        await self.outbox.to_topic(tx, client, self.t(self.lang, key, **args), pin=pin)

    async def answer(self, tx: Tx, topic_id: int | None, message_id: int, key: str,
                     **args: object) -> None:
        await self.outbox.to_group(tx, self.t(self.lang, key, **args), topic_id, reply_to=message_id)

    def menu_button(self, lang: str) -> tuple[Button, ...]:
        return (Button(self.t(lang, "button-menu"), Action.MENU),)


def rub(amount: int) -> str:
    """3500 → '3 500 ₽' (a narrow no-break space between thousands)."""
    return f"{amount:,}".replace(",", "\u202f") + " ₽"
