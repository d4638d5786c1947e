"""The fixtures every test module may ask for by name: the fake Bot API and Twilio, the clock,
the real app around them (one harness for Telegram, `start`/`wa` for WhatsApp), the known month
of the figures. The steps they build on are in steps.py, the fakes in fakes/."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import CarCareApp
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.twilio import FakeTwilio
from tests.steps import AUTH, GROUP, MANAGER, SID, TOKEN, Harness, Wa, make_settings, wa_settings
from tests.steps_stats import build_history


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


# -- WhatsApp ----------------------------------------------------------------------------------


@pytest.fixture
async def twilio() -> AsyncIterator[FakeTwilio]:
    server = FakeTwilio(SID, AUTH)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def start(tg: FakeTelegram, twilio: FakeTwilio, clock: FakeClock, tmp_path: Path):
    started: list[Wa] = []

    async def make(**extra: Any) -> Wa:
        app = CarCareApp(wa_settings(tg, twilio, tmp_path / f"db{len(started)}.sqlite3", **extra), clock)
        await app.start()
        started.append(Wa(app, tg, twilio, clock))
        return started[-1]

    yield make
    for wa in started:
        await wa.session.close()
        await wa.app.stop()


@pytest.fixture
async def wa(start) -> Wa:
    return await start()


# -- the known month of the figures (steps_stats.py) ----------------------------------------


@pytest.fixture
async def history(harness: Harness) -> Harness:
    await build_history(harness)
    return harness
