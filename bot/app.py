"""The application: built by the factories in bot/factory, started, run and stopped here.

Pre-flight checks live in bot/preflight.py, the ways of receiving updates in bot/runner.py,
the dispatcher's middlewares in bot/middlewares.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram.types import Update

from bot import preflight, runner
from bot.channels.telegram_admins import TelegramAdmins
from bot.clock import Clock, SystemClock
from bot.concurrency.keys import lane_of
from bot.concurrency.lanes import Lanes
from bot.config import Settings
from bot.dead_letters import DeadLetters
from bot.factory.channels import build_bot, build_channels, build_media, build_whatsapp
from bot.factory.dispatcher import build_dispatcher, release_routers
from bot.factory.services import build_services
from bot.factory.web import build_web_server
from bot.factory.worker import build_worker
from bot.health import Healthz
from bot.i18n import FIXED, Translator
from bot.preflight import StartupError
from bot.scheduler import build_scheduler
from bot.scheduler.privacy import add_privacy_jobs
from bot.scheduler.workshop import add_workshop_job
from bot.supervision import Health
from domain import business
from storage.db import Database

__all__ = ["CarCareApp", "StartupError"]

STOP_GRACE = 10.0  # seconds the outbox worker gets to finish the message in flight


class CarCareApp:
    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self.db = Database(settings.database_path)
        self.translate = Translator(settings.default_language)
        self.health = Health(self.clock)  # supervised workers' state, for /healthz
        self.translate.fix(**{name: getattr(settings, field) for name, field in FIXED.items()})
        self.translate.fix_news(settings.progress_update_interval,
                                settings.workdays != business.EVERY_DAY)
        self.bot = build_bot(settings)
        admins = TelegramAdmins(self.bot, settings.manager_chat_id)
        services = build_services(settings, self.db, self.translate, self.clock, admins)
        self.outbox = services.outbox
        self.followups = services.followups
        self.deal = services.deal
        self.inspections = services.inspections
        self.client_desk = services.client_desk
        self.manager_desk = services.manager_desk
        self.stats_desk = services.stats_desk
        self.erasure = services.erasure
        self.dead_letters = DeadLetters(
            self.db, self.outbox, self.translate, self.clock, self.health
        )
        self.workshop = services.workshop
        self.media = build_media(settings, self.db, self.clock)
        whatsapp = (
            build_whatsapp(
                settings, self.db, self.clock, self.translate, self.bot, self.media, services,
                self.dead_letters, self.health,
            )
            if settings.whatsapp_enabled else None
        )
        self.twilio = whatsapp.api if whatsapp else None
        self.whatsapp = whatsapp.webhook if whatsapp else None
        # Updates of different chats at once, of one chat in order (polling and webhook alike).
        self.lanes = Lanes()
        self.web = (
            build_web_server(
                settings, self.media, self.whatsapp, self.feed_in_lane,
                Healthz(self.db, self.health, self.clock),
            )
            if settings.http_enabled else None
        )
        channels = build_channels(self.bot, self.media, whatsapp)
        self.worker = build_worker(
            settings, self.db, self.outbox, channels, self.clock, self.translate, self.health
        )
        self.scheduler = build_scheduler(
            self.followups, settings.scheduler_tick, settings.digest_time, settings.tz,
            self.health, self.retry_kept,
        )
        add_privacy_jobs(self.scheduler, self.erasure, settings.scheduler_tick, self.health)
        if self.workshop is not None:
            add_workshop_job(self.scheduler, self.workshop, settings.scheduler_tick, self.health)
        # Last: it takes the module-level routers, which stop() gives back.
        self.dispatcher = build_dispatcher(
            settings, self.db, self.clock, services, keep=self._keep_update, health=self.health
        )
        self._worker_task: asyncio.Task[None] | None = None

    async def settle(self) -> None:
        """Until everything received has been handled and everything queued has been sent
        (tests wait on it instead of sleeping)."""
        if self.whatsapp is not None:
            await self.whatsapp.wait_idle()
        await self.stats_desk.runs.wait_idle()  # reports computed off the path of updates
        await self.outbox.wait_idle()

    async def start(self, check: bool = True) -> None:
        await self.db.connect()
        if check:
            await self.preflight()
        self._worker_task = asyncio.create_task(self.worker.run(), name="outbox-worker")
        if self.whatsapp is not None:
            await self.whatsapp.start()
        if self.web is not None:
            await self.web.start()
        await self.retry_kept(everything=True)  # a restart tries kept updates again at once
        self.scheduler.start()

    async def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self.web is not None:
            await self.web.stop()
        await self.lanes.close(runner.STOP_GRACE)  # webhook updates still being handled
        if self.whatsapp is not None:
            await self.whatsapp.stop()
        if self.twilio is not None:
            await self.twilio.close()
        await self.stats_desk.runs.stop()
        await self._stop_worker()
        await self.bot.session.close()
        await self.db.close()
        release_routers(self.dispatcher)

    async def _stop_worker(self) -> None:
        if self._worker_task is None:
            return
        self.worker.stop()
        try:
            await asyncio.wait_for(self._worker_task, STOP_GRACE)
        except TimeoutError:  # a send hanging on the network: it stays 'in doubt'
            pass
        except asyncio.CancelledError:
            pass

    async def feed(self, update: dict[str, Any]) -> None:
        """Handle one raw update now, outside the lanes (tests feed one at a time)."""
        await self.dispatcher.feed_raw_update(self.bot, update)

    async def retry_kept(self, everything: bool = False) -> None:
        """Feed again what failed and is due (the scheduler's tick calls this), each in its
        chat's lane: never beside a newer update of the same chat."""
        await self.dead_letters.retry_updates(self.feed_in_lane, everything)
        if self.whatsapp is not None:
            await self.whatsapp.retry_due()

    async def _keep_update(self, update: Update, error: BaseException) -> None:
        raw = update.model_dump(mode="json", exclude_none=True, by_alias=True)
        await self.dead_letters.keep_update(raw, error)

    async def feed_in_lane(self, update: dict[str, Any]) -> None:
        """Handle one raw update after the earlier ones of its chat, beside other chats' (the
        webhook: several requests at once, each answered once its update is handled)."""
        parsed = Update.model_validate(update, context={"bot": self.bot})
        await self.lanes.run(lane_of(parsed), lambda: self.dispatcher.feed_update(self.bot, parsed))

    async def run(self) -> None:
        """Receive updates until stopped: by webhook if configured, else by long polling."""
        await runner.receive(self.bot, self.dispatcher, self.lanes, self.settings)

    async def preflight(self) -> None:
        """Say exactly what to fix if Telegram, the manager group or Twilio is not ready."""
        await preflight.check_telegram(
            self.bot, self.settings.telegram_api_url, self.settings.groups
        )
        if self.twilio is not None:
            await preflight.check_twilio(self.twilio, self.settings.twilio_account_sid)
