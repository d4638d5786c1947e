from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import CarCareApp
from bot.config import Settings, load_settings
from tests.fake_telegram import FakeTelegram
from tests.updates import TgUser, Updates

TOKEN = "123456789:TEST-token-not-a-secret-000000"
GROUP = -1001234567890
MANAGER = TgUser(id=900, first_name="Olga", language_code="ru", username="olga_manager")
IVAN = TgUser(id=111, first_name="Иван", language_code="ru", username="ivan_p")
JOHN = TgUser(id=222, first_name="John", language_code="en", username="john_s")


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


class Harness:
    """The real app against the fake Bot API; each step waits until the outbox is drained."""

    def __init__(self, app: CarCareApp, tg: FakeTelegram, clock: FakeClock) -> None:
        self.app = app
        self.tg = tg
        self.clock = clock
        self.updates = Updates(GROUP)

    async def feed(self, update: dict[str, Any]) -> None:
        await self.app.feed(update)
        await self.app.settle()

    async def say(self, user: TgUser, text: str) -> None:
        if text.startswith("/"):
            await self.feed(self.updates.command(user, text))
        else:
            await self.feed(self.updates.text(user, text))

    async def tap(self, user: TgUser, label_part: str) -> None:
        """Press a button on the newest message to the user that has one with this label."""
        for call in reversed(self.tg.to_chat(user.id)):
            if any(label_part in label for label in call.button_labels()):
                message_id = call.result["message_id"]
                await self.feed(self.updates.press(user, call.button_data(label_part), message_id))
                return
        raise AssertionError(f"no button {label_part!r} was sent to {user.first_name}")

    async def rows(self, sql: str, *params: Any) -> list[Any]:
        async with self.app.db.read() as tx:
            return [tuple(row) for row in await tx.all(sql, params)]

    def texts_to(self, user: TgUser) -> list[str]:
        return [call.text or "" for call in self.tg.to_chat(user.id) if call.method == "sendMessage"]

    def last_text_to(self, user: TgUser) -> str:
        return self.texts_to(user)[-1]


def make_settings(tg: FakeTelegram, db_path: Path, **extra: Any) -> Settings:
    # Flood limits are off unless a test turns them on: they pace in real time.
    limits = {"telegram_bot_per_second": 0, "telegram_chat_per_second": 0,
              "telegram_group_per_minute": 0, "whatsapp_per_second": 0,
              # The promise clocks run every day unless a test looks at days off itself.
              "business_days": "Mon-Sun"}
    return load_settings(
        _env_file=None,
        bot_token=TOKEN,
        manager_chat_id=GROUP,
        telegram_api_url=tg.url,
        database_url=f"sqlite:///{db_path}",
        **{**limits, **extra},
    )


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    # Olga created the group: she is its administrator (roles: issue 15).
    server = FakeTelegram(token=TOKEN, group_id=GROUP, admins={MANAGER.id: MANAGER.first_name})
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "carcare.sqlite3"


@pytest.fixture
async def harness(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    app = CarCareApp(make_settings(tg, db_path), clock)
    await app.start()
    h = Harness(app, tg, clock)
    try:
        yield h
    finally:
        await h.app.stop()  # a test that restarts the bot swaps in its new app
        if h.app is not app:
            await app.stop()


@pytest.fixture(autouse=True)
def no_database_left_open() -> Iterator[None]:
    """Every SQLite connection a test opens is closed by its end: one left open keeps its
    thread alive, and the test run would never exit."""
    before = set(threading.enumerate())
    yield
    left = [t for t in set(threading.enumerate()) - before
            if "_connection_worker_thread" in t.name  # a report connection (aiosqlite)
            or t.name.startswith("sqlite-commit")]  # the writer's commit thread (Database.close)
    for thread in left:
        thread.join(timeout=2)  # a connection closed a moment ago is still winding down
    still = [t.name for t in left if t.is_alive()]
    assert not still, f"SQLite connections left open: {still}"
