"""Relay throughput: client messages per second through the whole path
(update -> services -> SQLite -> outbox -> copyMessage into the topic), flood limits off,
beside a bare aiogram echo bot against the same fake Bot API in the same run.

    .venv/bin/python -m bench.relay_bench [messages] [rounds]

The two run in turns (bare, ours, bare, ours, ...) and the medians are compared, so a noisy
moment on a shared machine does not decide the ratio.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message

from bench.common import GROUP, TOKEN, CarCareApp, FakeTelegram, TgUser, Updates, make_settings

CLIENTS = 50


async def carcare(tg: FakeTelegram, messages: int) -> tuple[float, float]:
    """Messages per second, and fsync'd commits per message."""
    with tempfile.TemporaryDirectory() as folder:
        app = CarCareApp(make_settings(tg, Path(folder) / "bench.sqlite3"))
        await app.start(check=False)
        updates = Updates(GROUP)
        users = [TgUser(id=10_000 + n, first_name=f"C{n}") for n in range(CLIENTS)]
        for user in users:  # topics exist before timing: steady-state relay
            await app.feed(updates.text(user, "привет"))
        await app.outbox.wait_idle()
        batch = [updates.text(users[n % CLIENTS], f"сообщение {n}") for n in range(messages)]
        commits = app.db.commits
        started = time.perf_counter()
        for update in batch:
            await app.feed(update)
        await app.outbox.wait_idle()
        elapsed = time.perf_counter() - started
        commits = app.db.commits - commits
        await app.stop()
    return messages / elapsed, commits / messages


async def bare_aiogram(tg: FakeTelegram, messages: int) -> float:
    session = AiohttpSession(api=TelegramAPIServer.from_base(tg.url))
    bot = Bot(TOKEN, session=session)
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.bot.copy_message(GROUP, message.chat.id, message.message_id, message_thread_id=500)

    dp = Dispatcher()
    dp.include_router(router)
    updates = Updates(GROUP)
    users = [TgUser(id=10_000 + n, first_name=f"C{n}") for n in range(CLIENTS)]
    batch = [updates.text(users[n % CLIENTS], f"сообщение {n}") for n in range(messages)]
    started = time.perf_counter()
    for update in batch:
        await dp.feed_raw_update(bot, update)
    elapsed = time.perf_counter() - started
    await bot.session.close()
    return messages / elapsed


async def main(messages: int, rounds: int) -> None:
    tg = FakeTelegram(token=TOKEN, group_id=GROUP)
    await tg.start()
    bares, ours, commits = [], [], []
    try:
        for _ in range(rounds):
            bares.append(await bare_aiogram(tg, messages))
            rate, per_message = await carcare(tg, messages)
            ours.append(rate)
            commits.append(per_message)
    finally:
        await tg.stop()
    bare, our = statistics.median(bares), statistics.median(ours)
    print(f"relay throughput, carcare (median of {rounds}): {our:.0f} msg/s")
    print(f"relay throughput, bare aiogram echo (median of {rounds}): {bare:.0f} msg/s")
    print(f"fsync'd commits per relayed message: {statistics.median(commits):.2f}")
    print(f"ratio carcare / bare aiogram: {our / bare:.2f} (target >= 0.60)")


if __name__ == "__main__":
    args = [int(arg) for arg in sys.argv[1:3]]
    asyncio.run(main(args[0] if args else 2000, args[1] if len(args) > 1 else 3))
