"""The demo's Bot API stand-in keeps to the semantics the bot relies on, checked through
aiogram's own Bot (the client the application uses), and the demo's clock runs the scheduler's
jobs as the time passes. No browser here: these are the fast checks under the browser tests."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.demo.clock import DemoClock
from bot.demo.flood import FloodRules
from bot.demo.telegram import ApiError, BotApi
from bot.demo.time_machine import TimeMachine

TOKEN = "7000001:StandInTokenForTheseTestsOnly000000"
GROUP = -1001000000001
ANNA, BORIS, OLGA = 1001, 1002, 900
PEOPLE = {uid: {"id": uid, "is_bot": False, "first_name": name}
          for uid, name in ((ANNA, "Anna"), (BORIS, "Boris"), (OLGA, "Olga"))}


class StandIn:
    def __init__(self, flood: FloodRules | None = None) -> None:
        self.events: list[dict[str, Any]] = []
        group = {"id": GROUP, "type": "supergroup", "title": "Managers", "is_forum": True}
        self.clock = DemoClock(datetime(2026, 12, 7, 7, 0, tzinfo=UTC))
        self.api = BotApi(TOKEN, self.clock, group, PEOPLE, [OLGA], self.events.append, flood)
        self.runner: web.AppRunner | None = None
        self.bot: Bot | None = None

    async def start(self) -> Bot:
        app = web.Application()
        self.api.register(app, "/tg")
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]  # noqa: SLF001
        session = AiohttpSession(api=TelegramAPIServer.from_base(f"http://127.0.0.1:{port}/tg"))
        self.bot = Bot(TOKEN, session=session)
        return self.bot

    async def stop(self) -> None:
        if self.bot is not None:
            await self.bot.session.close()
        if self.runner is not None:
            await self.runner.cleanup()

    def start_chat(self, user: int) -> int:
        return self.api.user_message(user, {"text": "/start"})


@pytest.fixture
async def stand() -> AsyncIterator[StandIn]:
    stand_in = StandIn()
    await stand_in.start()
    yield stand_in
    await stand_in.stop()


async def test_message_ids_are_counted_per_chat_and_the_bot_waits_for_start(stand: StandIn) -> None:
    bot = stand.bot
    assert bot is not None
    with pytest.raises(TelegramForbiddenError, match="can't initiate conversation"):
        await bot.send_message(ANNA, "hello")
    stand.start_chat(ANNA)
    stand.start_chat(BORIS)
    first = await bot.send_message(ANNA, "hello")
    assert first.message_id == 2  # after Anna's /start, in her chat
    assert (await bot.send_message(BORIS, "hello")).message_id == 2
    assert (await bot.send_message(GROUP, "in General")).message_id == 1


async def test_a_topic_is_its_first_message_and_carries_its_thread(stand: StandIn) -> None:
    bot = stand.bot
    assert bot is not None
    await bot.send_message(GROUP, "before")
    topic = await bot.create_forum_topic(GROUP, "Anna · #1")
    assert topic.message_thread_id == 2  # the service message's id
    sent = await bot.send_message(GROUP, "card", message_thread_id=topic.message_thread_id)
    assert sent.message_thread_id == 2 and sent.is_topic_message
    await bot.pin_chat_message(GROUP, sent.message_id)
    assert stand.api.chats[GROUP].pinned == {2: sent.message_id}  # pinned in its topic
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await bot.send_message(GROUP, "x", message_thread_id=99)
    with pytest.raises(TelegramBadRequest, match="TOPIC_NOT_MODIFIED"):
        await bot.edit_forum_topic(GROUP, topic.message_thread_id, name="Anna · #1")


async def test_copies_carry_the_content_and_albums_stay_albums(stand: StandIn) -> None:
    bot = stand.bot
    assert bot is not None
    stand.start_chat(ANNA)
    topic = await bot.create_forum_topic(GROUP, "Anna")
    said = stand.api.chats[ANNA].messages
    stand.api.user_message(ANNA, {"text": "/new please", "entities": []})
    copy = await bot.copy_message(GROUP, ANNA, 2, message_thread_id=topic.message_thread_id)
    assert stand.api.chats[GROUP].messages[copy.message_id]["text"] == said[2]["text"]
    with pytest.raises(TelegramBadRequest, match="message to copy not found"):
        await bot.copy_message(GROUP, ANNA, 77)
    album = stand.api.new_album()
    for caption in ("report", ""):
        photo = stand.api.new_file(b"\x89PNG\r\n\x1a\n" + b"\0" * 16, "car.png", "image/png")
        stand.api.manager_message(OLGA, topic.message_thread_id,
                                  {**stand.api.photo_content(photo, caption), "media_group_id": album})
    copies = await bot.copy_messages(ANNA, GROUP, [3, 4], remove_caption=True)
    copied = [stand.api.chats[ANNA].messages[c.message_id] for c in copies]
    assert len({m["media_group_id"] for m in copied}) == 1 and all("photo" in m for m in copied)
    assert copied[0]["media_group_id"] != album and not any("caption" in m for m in copied)


async def test_edits_keep_to_telegrams_rules(stand: StandIn) -> None:
    bot = stand.bot
    assert bot is not None
    stand.start_chat(ANNA)
    keys = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Yes", callback_data="a:yes:")]])
    sent = await bot.send_message(ANNA, "<b>Ready?</b> &lt;3", parse_mode="HTML", reply_markup=keys)
    stored = stand.api.chats[ANNA].messages[sent.message_id]
    assert stored["text"] == "Ready? <3"
    assert stored["entities"] == [{"type": "bold", "offset": 0, "length": 6}]
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("<b>Ready?</b> &lt;3", chat_id=ANNA, message_id=sent.message_id,
                                    parse_mode="HTML", reply_markup=keys)
    await bot.edit_message_reply_markup(chat_id=ANNA, message_id=sent.message_id, reply_markup=None)
    assert "reply_markup" not in stored and stored["edit_date"]
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(ANNA, "<blink>no</blink>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=ANNA, message_id=999)
    too_long = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="x", callback_data="y" * 65)]])
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(ANNA, "x", reply_markup=too_long)


async def test_a_press_is_an_update_answered_once_and_files_come_back(stand: StandIn) -> None:
    bot = stand.bot
    assert bot is not None
    stand.start_chat(ANNA)
    keys = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Go", callback_data="a:go:")]])
    sent = await bot.send_message(ANNA, "Press", reply_markup=keys)
    with pytest.raises(ApiError, match="no such button"):
        stand.api.press(ANNA, ANNA, sent.message_id, "a:forged:")
    stand.api.press(ANNA, ANNA, sent.message_id, "a:go:")
    updates = await bot.get_updates(offset=0, timeout=0)
    query = updates[-1].callback_query
    assert query is not None and query.data == "a:go:" and query.message is not None
    assert await bot.answer_callback_query(query.id, text="Done")
    assert stand.events[-1] == {"type": "answer", "chat": ANNA, "text": "Done", "alert": False}
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query.id)
    photo = await bot.send_photo(GROUP, BufferedInputFile(b"chart-bytes", "chart.png"))
    assert photo.photo is not None
    found = await bot.get_file(photo.photo[-1].file_id)
    assert (await bot.download_file(found.file_path or "")).read() == b"chart-bytes"  # type: ignore[union-attr]


async def test_past_the_flood_limit_telegram_answers_429() -> None:
    stand_in = StandIn(FloodRules(per_bot_per_second=30, per_chat_per_second=1, per_group_per_minute=20))
    bot = await stand_in.start()
    try:
        stand_in.start_chat(ANNA)
        await bot.send_message(ANNA, "one")
        with pytest.raises(TelegramRetryAfter) as refused:
            await bot.send_message(ANNA, "two")
        assert refused.value.retry_after == 1
        assert len(stand_in.api.chats[ANNA].messages) == 2  # /start and "one": "two" was not delivered
    finally:
        await stand_in.stop()


async def test_a_day_on_the_clock_runs_the_tick_each_hour_and_the_digest_at_its_time() -> None:
    clock = DemoClock(datetime(2026, 12, 7, 7, 0, tzinfo=UTC))  # 10:00 in Moscow
    scheduler = AsyncIOScheduler(timezone="Europe/Moscow")
    ran: list[tuple[str, datetime]] = []

    async def tick() -> None:
        ran.append(("tick", clock.now()))

    async def digest() -> None:
        ran.append(("digest", clock.now()))

    scheduler.add_job(tick, IntervalTrigger(seconds=30), id="tick")
    scheduler.add_job(digest, CronTrigger(hour=9, minute=0, timezone="Europe/Moscow"), id="digest")
    moved: list[bool] = []

    async def settle() -> None:
        return None

    machine = TimeMachine(clock, scheduler, settle, lambda: None, lambda now, more: moved.append(more))
    scheduler.start(paused=True)
    try:
        machine.pause_daily_jobs()
        await machine.advance(timedelta(days=1))
    finally:
        scheduler.shutdown(wait=False)
    assert [kind for kind, _ in ran].count("tick") == 24
    digests = [at for kind, at in ran if kind == "digest"]
    assert len(digests) == 1 and re.match(r"2026-12-08 06:", str(digests[0]))  # 09:xx Moscow
    assert moved == [True] * 23 + [False]
