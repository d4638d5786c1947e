"""Relay throughput: client messages per second through the whole path
(update -> services -> SQLite -> outbox -> copyMessage into the topic), flood limits off,
beside a bare aiogram echo bot against the same fake Bot API in the same run.

    .venv/bin/python bench/relay_bench.py [messages]
"""

from __future__ import annotations

import asyncio
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


async def carcare(tg: FakeTelegram, messages: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        app = CarCareApp(make_settings(tg, Path(folder) / "bench.sqlite3"))
        await app.start(check=False)
        updates = Updates(GROUP)
        users = [TgUser(id=10_000 + n, first_name=f"C{n}") for n in range(CLIENTS)]
        for user in users:  # topics exist before timing: steady-state relay
            await app.feed(updates.text(user, "привет"))
        await app.outbox.wait_idle()
        batch = [updates.text(users[n % CLIENTS], f"сообщение {n}") for n in range(messages)]
        started = time.perf_counter()
        for update in batch:
            await app.feed(update)
        await app.outbox.wait_idle()
        elapsed = time.perf_counter() - started
        await app.stop()
    return messages / elapsed


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


async def main(messages: int) -> None:
    tg = FakeTelegram(token=TOKEN, group_id=GROUP)
    await tg.start()
    try:
        bare = await bare_aiogram(tg, messages)
        ours = await carcare(tg, messages)
    finally:
        await tg.stop()
    print(f"relay throughput, carcare: {ours:.0f} msg/s")
    print(f"relay throughput, bare aiogram echo: {bare:.0f} msg/s")
    print(f"ratio carcare / bare aiogram: {ours / bare:.2f} (target >= 0.60)")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
