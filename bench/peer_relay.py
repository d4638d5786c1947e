"""A relay written the way the typical peer bot is (MasterGroosha's telegram-feedback-bot-topics,
nessshon's support-bot and the like), for the comparison in bench/peer_bench.py. Not part of
CarCare: a yardstick.

aiogram's default polling (a task per update; the next getUpdates confirms the batch before
its handlers finish), a topic per client looked up in SQLite, copyMessage straight from the
handler, a message-log row per message; no outbox, no deduplication.

    BOT_TOKEN=... TELEGRAM_API_URL=... MANAGER_CHAT_ID=... PEER_DB=... python -m bench.peer_relay
"""

from __future__ import annotations

import asyncio
import os

import aiosqlite
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS topics (user_id INTEGER PRIMARY KEY, thread_id INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,"
    " message_id INTEGER NOT NULL, group_message_id INTEGER NOT NULL,"
    " created_at TEXT DEFAULT CURRENT_TIMESTAMP)",
)


def build_router(db: aiosqlite.Connection, group: int) -> Router:
    router = Router()

    @router.message(F.chat.type == "private")
    async def relay(message: Message, bot: Bot) -> None:
        async with db.execute("SELECT thread_id FROM topics WHERE user_id = ?",
                              (message.chat.id,)) as cursor:
            row = await cursor.fetchone()
        if row is None:
            topic = await bot.create_forum_topic(group, message.chat.full_name or str(message.chat.id))
            thread = topic.message_thread_id
            await db.execute("INSERT OR REPLACE INTO topics VALUES (?, ?)", (message.chat.id, thread))
        else:
            thread = row[0]
        copy = await bot.copy_message(group, message.chat.id, message.message_id,
                                      message_thread_id=thread)
        await db.execute("INSERT INTO messages (user_id, message_id, group_message_id)"
                         " VALUES (?, ?, ?)", (message.chat.id, message.message_id, copy.message_id))
        await db.commit()

    return router


async def main() -> None:
    db = await aiosqlite.connect(os.environ["PEER_DB"])
    for statement in SCHEMA:
        await db.execute(statement)
    await db.commit()
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(os.environ["BOT_TOKEN"], session=session)
    dp = Dispatcher()
    dp.include_router(build_router(db, int(os.environ["MANAGER_CHAT_ID"])))
    try:
        await dp.start_polling(bot)
    finally:
        await db.close()


if __name__ == "__main__":
    asyncio.run(main())
