"""Shared steps of the workshop tests: the app with the workshop on, a client's booking, the tick."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.app import CarCareApp
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import MANAGER, TOPIC, Harness, make_settings

HOURS = "Mon-Fri 09:00-19:00; Sat 10:00-16:00"
ADDRESS = "Москва, ул. Сервисная, 5"
# The clock starts Monday 23.11.2026 09:00 UTC = 12:00 in Moscow.


async def start(tg: FakeTelegram, clock: FakeClock, db_path: Path, **extra: Any) -> Harness:
    settings: dict[str, Any] = {"workshop_hours": HOURS, "workshop_address": ADDRESS,
                                "contact_hours": "00:00-24:00"} | extra
    app = CarCareApp(make_settings(tg, db_path, **settings), clock)
    await app.start()
    return Harness(app, tg, clock)


async def book(h: Harness, user: TgUser, day: str = "вт 24.11", time: str = "10:00",
               car: str | None = "Kia Rio 2019, А123ВС777", confirm: str = "Записаться") -> None:
    """The client's whole booking in chat, through the buttons."""
    await h.say(user, "/book")
    await h.tap(user, "ТО")
    await h.say(user, "Плановое ТО, и стучит спереди")
    if car is not None:
        await h.say(user, car)
    await h.say(user, "68 200")
    await h.tap(user, day)
    await h.tap(user, time)
    await h.tap(user, confirm)


async def book_en(h: Harness, user: TgUser, day: str = "Tue 24.11", time: str = "10:00") -> None:
    await book(h, user, day, time, confirm="Book it")


async def manager(h: Harness, text: str, thread: int | None = TOPIC) -> None:
    await h.feed(h.updates.in_topic(MANAGER, thread, text=text))


async def tick(h: Harness) -> None:
    assert h.app.workshop is not None
    await h.app.workshop.tick()
    await h.app.outbox.wait_idle()


def labels_to(h: Harness, user: TgUser) -> list[str]:
    """Every button label of the newest message to the user that has buttons."""
    for call in reversed(h.tg.to_chat(user.id)):
        if call.buttons:
            return call.button_labels()
    return []
