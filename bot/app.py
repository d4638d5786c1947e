"""Composition root: builds storage, services, the dispatcher and the outbox worker."""

from __future__ import annotations

import asyncio
import logging
import signal
from urllib.parse import urlsplit
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

from bot.channels.media import MediaStore
from bot.channels.telegram import TelegramChannel, TelegramFiles
from bot.channels.whatsapp.sender import WhatsAppChannel
from bot.channels.whatsapp.twilio_api import TwilioApi, TwilioConfig
from bot.channels.whatsapp.webhook import STATUS_PATH, WhatsAppWebhook
from bot.delivery.ports import ChannelPort
from bot.web import Registrar, WebServer, build_web_app
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.handlers import client, manager
from bot.i18n import Translator
from bot.services.base import Kit
from bot.services.deal.stages import DealDesk
from bot.services.deal.status import DealStatus
from bot.services.desk.client import ClientDesk
from bot.services.desk.feedback import Feedback
from bot.services.desk.manager import ManagerDesk
from bot.services.desk.relay import Relay
from bot.services.followups.digest import Digest
from bot.services.followups.jobs import Followups
from bot.services.followups.nags import Nags
from bot.services.followups.survey import SurveyFlow
from bot.services.followups.tasks import DueTasks
from bot.services.handover.handover import Handover
from bot.services.inspection.reactions import Reactions
from bot.services.inspection.reports import Inspections
from bot.services.intake.cards import Cards
from bot.services.intake.desk import IntakeDesk
from bot.services.intake.flow import IntakeFlow
from bot.services.news import DealNews
from bot.services.stats.desk import StatsDesk
from bot.services.timing import Timing
from bot.handlers.webhook import TelegramWebhook
from bot.delivery.pacing import Limits, Pacer
from bot.scheduler import build_scheduler
from bot.delivery import Outbox, OutboxWorker
from storage import journal
from storage.db import RIDER, Database, Rider, Tx

log = logging.getLogger(__name__)
STOP_GRACE = 10.0  # seconds the outbox worker gets to finish the message in flight
DEFAULT_HTTP_PORT = 8080


class StartupError(Exception):
    """The bot cannot work as configured; the message says what to fix."""


class _HandledMeanwhile(Exception):
    pass


class OncePerUpdate(BaseMiddleware):
    """A redelivered update (restart, webhook retry) is handled once.

    The update's id is recorded in the same transaction as the first change its handling
    makes, so a crash leaves either both or neither; an update that changes nothing is
    recorded after it is handled.
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
        now = self._clock.now()

        async def claim(tx: Tx) -> None:
            if not await journal.first_time_update(tx, event.update_id, now):
                raise _HandledMeanwhile  # a twin delivered at the same time got there first

        rider = Rider(claim)
        token = RIDER.set(rider)
        try:
            return await handler(event, data)
        except _HandledMeanwhile:
            rider.done = True  # its twin recorded it; this one's changes were rolled back
            return UNHANDLED
        finally:
            RIDER.reset(token)
            if not rider.done:
                async with self._db.transaction() as tx:
                    await journal.first_time_update(tx, event.update_id, now)


class CarCareApp:
    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self.db = Database(settings.database_path)
        self.translate = Translator(settings.default_language)
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
        self.bot = Bot(settings.bot_token.get_secret_value(), session=session)
        self.outbox = Outbox(self.clock, settings.manager_chat_id)
        timing = Timing(
            satisfaction_check=settings.satisfaction_check_delay,
            long_followup=settings.long_followup_delay,
            progress_interval=settings.progress_update_interval,
            reply_sla=settings.reply_sla,
            digest_time=settings.digest_time,
            contact_hours=settings.hours,
            timezone=settings.tz,
        )
        self._build_services(Kit(self.db, self.outbox, self.translate, self.clock), timing)
        self.media = MediaStore(self.db, self.clock, settings.public_url, settings.media_url_ttl)
        channels: dict[str, ChannelPort] = {"telegram": TelegramChannel(self.bot, self.media)}
        self.twilio: TwilioApi | None = None
        self.whatsapp: WhatsAppWebhook | None = None
        if settings.whatsapp_enabled:
            channels["whatsapp"] = self._whatsapp()
        self.web = self._web_server() if settings.http_enabled else None
        self.worker = OutboxWorker(
            self.db,
            self.outbox,
            channels,
            self.clock,
            self.translate,
            settings.manager_chat_id,
            pacers={
                "telegram": Pacer(
                    Limits(
                        per_bot_per_second=settings.telegram_bot_per_second,
                        per_chat_per_second=settings.telegram_chat_per_second,
                        per_group_per_minute=settings.telegram_group_per_minute,
                    )
                ),
                "whatsapp": Pacer(Limits(settings.whatsapp_per_second, 0, 0)),
            },
        )
        self.dispatcher = self._dispatcher()
        self.scheduler = build_scheduler(
            self.followups, settings.scheduler_tick, settings.digest_time, settings.tz
        )
        self._worker_task: asyncio.Task[None] | None = None

    def _build_services(self, kit: Kit, timing: Timing) -> None:
        """One desk per step of the procedure, each given the steps it calls."""
        settings = self.settings
        intake = IntakeFlow(self.translate, self.clock, settings.phone_region)
        cards = Cards(self.translate, intake)
        survey = SurveyFlow(kit, settings.review_url, settings.review_reminder_delay)
        tasks = DueTasks(kit, survey, timing)
        self.followups = Followups(kit, tasks, Nags(kit, timing), Digest(kit, timing), timing)
        news = DealNews(kit, cards)
        handover = Handover(kit, news, settings.services)
        self.deal = DealDesk(kit, news, handover, tasks, settings.tz)
        self.inspections = Inspections(kit, news, timedelta(seconds=settings.report_photo_window))
        relay = Relay(kit, cards)
        self.client_desk = ClientDesk(
            kit, intake, IntakeDesk(kit, intake, cards, tasks), relay,
            Feedback(kit, relay, intake), Reactions(kit), handover,
            DealStatus(self.translate, settings.tz), survey,
        )
        self.manager_desk = ManagerDesk(kit, self.inspections)
        self.stats_desk = StatsDesk(kit, timing)

    def _whatsapp(self) -> WhatsAppChannel:
        s = self.settings
        token = s.twilio_auth_token.get_secret_value()
        self.twilio = TwilioApi(TwilioConfig(
            account_sid=s.twilio_account_sid,
            auth_token=token,
            sender=s.twilio_whatsapp_from,
            messaging_service_sid=s.twilio_messaging_service_sid,
            api_url=s.twilio_api_url,
            status_callback=s.public_url + STATUS_PATH,
        ))
        self.whatsapp = WhatsAppWebhook(
            self.db, self.clock, self.translate, self.twilio, self.media, self.client_desk,
            self.manager_desk, self.outbox, token, s.public_url,
        )
        return WhatsAppChannel(
            self.db, self.clock, self.translate, self.twilio, self.media, TelegramFiles(self.bot),
            s.templates,
        )

    def _web_server(self) -> WebServer:
        registrars: list[Registrar] = [self.media.register]
        if self.settings.webhook_enabled:
            path = urlsplit(self.settings.telegram_webhook_url).path or "/"
            secret = self.settings.telegram_webhook_secret.get_secret_value()
            registrars.append(TelegramWebhook(path, secret, self.feed).register)
        if self.whatsapp is not None:
            registrars.append(self.whatsapp.register)
        port = DEFAULT_HTTP_PORT if self.settings.http_port is None else self.settings.http_port
        return WebServer(build_web_app(registrars), self.settings.http_host, port)

    async def settle(self) -> None:
        """Until everything received has been handled and everything queued has been sent
        (tests wait on it instead of sleeping)."""
        if self.whatsapp is not None:
            await self.whatsapp.wait_idle()
        await self.outbox.wait_idle()

    def _dispatcher(self) -> Dispatcher:
        dp = Dispatcher(
            disable_fsm=True,  # conversation state lives in the database (services own it)
            client_desk=self.client_desk, manager_desk=self.manager_desk, deal=self.deal, inspections=self.inspections,
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
        if self.whatsapp is not None:
            await self.whatsapp.start()
        if self.web is not None:
            await self.web.start()
        self.scheduler.start()

    async def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self.web is not None:
            await self.web.stop()
        if self.whatsapp is not None:
            await self.whatsapp.stop()
        if self.twilio is not None:
            await self.twilio.close()
        if self._worker_task is not None:
            self.worker.stop()
            try:
                await asyncio.wait_for(self._worker_task, STOP_GRACE)
            except TimeoutError:  # a send hanging on the network: it stays 'in doubt'
                pass
            except asyncio.CancelledError:
                pass
        await self.bot.session.close()
        await self.db.close()

    async def feed(self, update: dict[str, Any]) -> None:
        """Handle one raw update as polling or a webhook would."""
        await self.dispatcher.feed_raw_update(self.bot, update)

    async def run(self) -> None:
        """Receive updates until stopped: by webhook if configured, else by long polling."""
        if self.settings.webhook_enabled:
            await self.bot.set_webhook(
                self.settings.telegram_webhook_url,
                secret_token=self.settings.telegram_webhook_secret.get_secret_value(),
                allowed_updates=self.dispatcher.resolve_used_update_types(),
            )
            log.info("receiving updates by webhook")
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, stop.set)
            await stop.wait()
            return
        await self.bot.delete_webhook()  # getUpdates is refused while a webhook is set
        await self.run_polling()

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
        if self.twilio is not None:
            problem = await self.twilio.account_problem()
            if problem:
                raise StartupError(problem)
            log.info("Twilio account %s is active", self.settings.twilio_account_sid)


async def _log_error(event: ErrorEvent) -> None:
    log.error("update %s failed", event.update.update_id, exc_info=event.exception)
