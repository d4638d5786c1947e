"""Composition root: builds storage, services, the dispatcher and the outbox worker."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramNetworkError,
    TelegramUnauthorizedError,
)
from aiogram.types import ErrorEvent, Update

from bot.channels.telegram import TelegramChannel
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.handlers import client, manager
from bot.i18n import Translator
from bot.services.client_desk import Cards, ClientDesk
from bot.services.intake import IntakeFlow
from bot.services.manager_desk import ManagerDesk
from bot.services.followups import Followups, Timing
from bot.services.pipeline import Pipeline
from bot.services.stats import StatsDesk
from bot.services.survey import SurveyFlow
from bot.scheduler import build_scheduler
from bot.services.outbox import Outbox, OutboxWorker
from storage import journal
from storage.db import Database

log = logging.getLogger(__name__)


class StartupError(Exception):
    """The bot cannot work as configured; the message says what to fix."""


class OncePerUpdate(BaseMiddleware):
    """A redelivered update (restart, webhook retry) is handled once.

    The id is recorded after handling, so a crash mid-handling repeats rather than loses it.
    """

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def __call__(
        self,
        handler: Callable[[Update, dict[str, Any]], Awaitable[Any]],
        event: Update,
        data: dict[str, Any],
    ) -> Any:
        async with self._db.read() as tx:
            seen = await tx.scalar(
                "SELECT 1 FROM processed_updates WHERE update_id = ?", (event.update_id,)
            )
        if seen:
            return UNHANDLED
        try:
            return await handler(event, data)
        finally:
            async with self._db.transaction() as tx:
                await journal.first_time_update(tx, event.update_id, self._clock.now())


class CarCareApp:
    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self.db = Database(settings.database_path)
        self.translate = Translator(settings.default_language)
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
        self.bot = Bot(settings.bot_token.get_secret_value(), session=session)
        self.outbox = Outbox(self.clock, settings.manager_chat_id)
        intake = IntakeFlow(self.translate, self.clock, settings.phone_region)
        cards = Cards(self.translate, intake)
        survey = SurveyFlow(
            self.outbox, self.translate, self.clock, settings.review_url,
            settings.review_reminder_delay,
        )
        timing = Timing(
            satisfaction_check=settings.satisfaction_check_delay,
            long_followup=settings.long_followup_delay,
            progress_interval=settings.progress_update_interval,
            reply_sla=settings.reply_sla,
            digest_time=settings.digest_time,
            contact_hours=settings.hours,
            timezone=settings.tz,
        )
        self.followups = Followups(self.db, self.outbox, self.translate, self.clock, survey, timing)
        self.pipeline = Pipeline(
            self.db,
            self.outbox,
            self.translate,
            self.clock,
            cards,
            settings.tz,
            settings.services,
            timedelta(seconds=settings.report_photo_window),
            self.followups,
        )
        self.client_desk = ClientDesk(
            self.db, self.outbox, self.translate, self.clock, intake, cards, self.pipeline,
            survey, self.followups,
        )
        self.manager_desk = ManagerDesk(
            self.db, self.outbox, self.translate, self.clock, self.pipeline
        )
        self.stats_desk = StatsDesk(self.db, self.outbox, self.translate, self.clock, timing)
        self.worker = OutboxWorker(
            self.db,
            self.outbox,
            {"telegram": TelegramChannel(self.bot)},
            self.clock,
            self.translate,
            settings.manager_chat_id,
        )
        self.dispatcher = self._dispatcher()
        self.scheduler = build_scheduler(
            self.followups, settings.scheduler_tick, settings.digest_time, settings.tz
        )
        self._worker_task: asyncio.Task[None] | None = None

    def _dispatcher(self) -> Dispatcher:
        dp = Dispatcher(
            client_desk=self.client_desk, manager_desk=self.manager_desk, pipeline=self.pipeline,
            stats_desk=self.stats_desk,
        )
        dp.update.outer_middleware(OncePerUpdate(self.db, self.clock))
        dp.include_router(manager.build_router(self.settings.manager_chat_id))
        dp.include_router(client.build_router())
        dp.include_router(manager.build_other_groups_router(self.settings.manager_chat_id))
        dp.errors.register(_log_error)
        return dp

    async def start(self, check: bool = True) -> None:
        await self.db.connect()
        if check:
            await self.preflight()
        self._worker_task = asyncio.create_task(self.worker.run(), name="outbox-worker")
        self.scheduler.start()

    async def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self._worker_task is not None:
            self._worker_task.cancel()
            try:
                await self._worker_task
            except asyncio.CancelledError:
                pass
        await self.bot.session.close()
        await self.db.close()

    async def feed(self, update: dict[str, Any]) -> None:
        """Handle one raw update as polling or a webhook would."""
        await self.dispatcher.feed_raw_update(self.bot, update)

    async def run_polling(self) -> None:
        # Sequential handling: the offset moves on only after an update was handled.
        await self.dispatcher.start_polling(
            self.bot, handle_as_tasks=False, handle_signals=True, close_bot_session=False
        )

    async def preflight(self) -> None:
        """Say exactly what to fix if Telegram or the manager group is not ready."""
        url, chat_id = self.settings.telegram_api_url, self.settings.manager_chat_id
        try:
            me = await self.bot.get_me()
        except TelegramUnauthorizedError:
            raise StartupError("BOT_TOKEN was rejected by Telegram: copy the token from @BotFather again.") from None
        except TelegramNetworkError as error:
            raise StartupError(f"Cannot reach the Bot API at {url} ({error.message}): check the network and TELEGRAM_API_URL.") from None
        try:
            chat = await self.bot.get_chat(chat_id)
            member = await self.bot.get_chat_member(chat_id, me.id)
        except (TelegramAPIError, ClientDecodeError) as error:
            raise StartupError(
                f"The bot cannot open MANAGER_CHAT_ID={chat_id} ({error.message}): add @{me.username} "
                "to the managers' supergroup and check the id."
            ) from None
        if chat.type != ChatType.SUPERGROUP:
            raise StartupError(f"MANAGER_CHAT_ID={chat_id} is a {chat.type}, not a supergroup: enable Topics in the group settings (this converts it) and use the new -100… id.")
        if not chat.is_forum:
            raise StartupError(f"The manager group '{chat.title}' has Topics turned off: turn on Topics in the group settings.")
        if member.status != ChatMemberStatus.CREATOR and not getattr(member, "can_manage_topics", False):
            raise StartupError(f"@{me.username} may not manage topics in '{chat.title}': make it an administrator with the 'Manage topics' right.")
        if member.status != ChatMemberStatus.CREATOR and not getattr(member, "can_pin_messages", False):
            log.warning("@%s may not pin messages: request cards will not be pinned", me.username)
        log.info("connected as @%s; manager group '%s' is ready", me.username, chat.title)


async def _log_error(event: ErrorEvent) -> None:
    log.error("update %s failed", event.update.update_id, exc_info=event.exception)
