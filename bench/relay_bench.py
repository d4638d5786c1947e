"""Relay throughput: client messages per second through the whole path
(update -> services -> SQLite -> outbox -> copyMessage into the topic), flood limits off,
beside a bare aiogram echo bot against the same fake Bot API in the same run.

    .venv/bin/python -m bench.relay_bench [messages] [rounds]
    .venv/bin/python -m bench.relay_bench concurrent [rounds] [clients ...]

The first feeds updates one after another into the dispatcher. The concurrent mode polls the
fake Bot API as in production while many clients write at once (each writes again as soon as
its previous message reached the group), and reports msg/s with the client → topic latency.
The two bots run in turns (bare, ours, bare, ours, ...) and the medians are compared, so a
noisy moment on a shared machine does not decide the ratio.
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
from bench.traffic import Run, WatchedTelegram, clients, median_run, watched, write
from bot.concurrency import polling

MESSAGES = 2000  # per round of the concurrent mode, shared among the clients

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


def _echo_bot(url: str) -> tuple[Bot, Dispatcher]:
    """The bare aiogram bot both modes compare with: it copies each message into a topic."""
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(url)))
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.bot.copy_message(GROUP, message.chat.id, message.message_id, message_thread_id=500)

    dp = Dispatcher()
    dp.include_router(router)
    return bot, dp


async def bare_aiogram(tg: FakeTelegram, messages: int) -> float:
    bot, dp = _echo_bot(tg.url)
    updates = Updates(GROUP)
    users = [TgUser(id=10_000 + n, first_name=f"C{n}") for n in range(CLIENTS)]
    batch = [updates.text(users[n % CLIENTS], f"сообщение {n}") for n in range(messages)]
    started = time.perf_counter()
    for update in batch:
        await dp.feed_raw_update(bot, update)
    elapsed = time.perf_counter() - started
    await bot.session.close()
    return messages / elapsed


async def carcare_polling(users: list[TgUser], each: int) -> Run:
    tg = watched()
    await tg.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            app = CarCareApp(make_settings(tg, Path(folder) / "bench.sqlite3"))
            await app.start(check=False)
            receiving = asyncio.create_task(polling.poll(app.bot, app.dispatcher, app.lanes, 10))
            try:
                return await _measure(tg, users, each)
            finally:
                receiving.cancel()
                await asyncio.gather(receiving, return_exceptions=True)
                await app.stop()
    finally:
        await tg.stop()


async def echo_polling(users: list[TgUser], each: int) -> Run:
    """aiogram's defaults: polling with a task per update, copyMessage from the handler."""
    tg = watched()
    await tg.start()
    bot, dp = _echo_bot(tg.url)
    receiving = asyncio.create_task(dp.start_polling(bot, handle_signals=False, close_bot_session=False))
    try:
        return await _measure(tg, users, each)
    finally:
        await dp.stop_polling()
        await asyncio.gather(receiving, return_exceptions=True)
        await bot.session.close()
        await tg.stop()


async def _measure(tg: WatchedTelegram, users: list[TgUser], each: int) -> Run:
    updates = Updates(GROUP)
    await write(tg, updates, users, 1)  # every client's topic exists before timing
    return await write(tg, updates, users, each)


async def concurrent(rounds: int, crowds: list[int]) -> None:
    for crowd in crowds:
        users, each = clients(crowd), max(1, MESSAGES // crowd)
        echoes, ours = [], []
        for _ in range(rounds):
            echoes.append(await echo_polling(users, each))
            ours.append(await carcare_polling(users, each))
        echo, our = median_run(echoes), median_run(ours)
        print(f"{crowd} clients writing at once, {crowd * each} messages, median of {rounds}:")
        print("  " + our.line("carcare"))
        print("  " + echo.line("bare aiogram echo"))
        print(f"  ratio carcare / echo: {our.rate / echo.rate:.2f} (target >= 0.60)")


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
    if sys.argv[1:2] == ["concurrent"]:
        numbers = [int(arg) for arg in sys.argv[2:]]
        asyncio.run(concurrent(numbers[0] if numbers else 3, numbers[1:] or [50, 500]))
    else:
        args = [int(arg) for arg in sys.argv[1:3]]
        asyncio.run(main(args[0] if args else 2000, args[1] if len(args) > 1 else 3))
