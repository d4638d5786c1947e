"""The messengers: the Telegram bot, the media store, and WhatsApp through Twilio when set up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.channels.media import MediaStore
from bot.channels.sms import SmsChannel, SmsOff
from bot.channels.telegram import TelegramChannel, TelegramFiles
from bot.channels.whatsapp.sender import WhatsAppChannel
from bot.channels.whatsapp.twilio_api import TwilioApi, TwilioConfig
from bot.channels.whatsapp.webhook import STATUS_PATH, ReadMessage, Route, WhatsAppWebhook
from bot.clock import Clock
from bot.config import Settings
from bot.dead_letters import DeadLetters
from bot.delivery.ports import ChannelPort
from bot.factory.services import Services
from bot.handlers.sms import SmsRouter
from bot.handlers.whatsapp import WhatsAppRouter
from bot.i18n import Translator
from bot.supervision import Health
from storage.db import Database
from storage.spool import Spool


@dataclass(frozen=True)
class WhatsApp:
    api: TwilioApi
    webhook: WhatsAppWebhook  # receives (SMS too, at SMS_PATH, when TWILIO_SMS_FROM is set)
    channel: WhatsAppChannel  # sends
    sms: SmsChannel | None = None  # sends SMS, when TWILIO_SMS_FROM is set


class BotSession(AiohttpSession):
    """aiogram's HTTP session. Its close waits 250 ms for the SSL connections to wind down
    (aiohttp's graceful shutdown); a Bot API server over plain http (a local one, the tests'
    fake) leaves none, so its close does not wait."""

    async def close(self) -> None:
        if self.api.base.startswith("https:"):
            await super().close()
        elif self._session is not None and not self._session.closed:  # noqa: SLF001 - aiogram's own
            await self._session.close()


def build_bot(settings: Settings) -> Bot:
    session = BotSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(settings.bot_token.get_secret_value(), session=session)


def build_twilio_api(settings: Settings) -> TwilioApi:
    return TwilioApi(TwilioConfig(
        account_sid=settings.twilio_account_sid,
        auth_token=settings.twilio_auth_token.get_secret_value(),
        sender=settings.twilio_whatsapp_from,
        messaging_service_sid=settings.twilio_messaging_service_sid,
        api_url=settings.twilio_api_url,
        status_callback=settings.public_url + STATUS_PATH,
    ))


def build_media(settings: Settings, db: Database, clock: Clock) -> MediaStore:
    return MediaStore(db, clock, settings.public_url, settings.media_url_ttl)


def build_whatsapp(
    settings: Settings,
    db: Database,
    clock: Clock,
    translate: Translator,
    bot: Bot,
    media: MediaStore,
    services: Services,
    dead_letters: DeadLetters,
    health: Health,
) -> WhatsApp:
    token = settings.twilio_auth_token.get_secret_value()
    api = build_twilio_api(settings)
    router = WhatsAppRouter(
        db, services.outbox, translate, services.client_desk, services.manager_desk
    )
    route: Route = router.handle
    sms: SmsChannel | None = None
    if settings.sms_enabled:
        sms = SmsChannel(db, clock, translate, api, media, settings.twilio_sms_from)
        route = _by_sender(router.handle, SmsRouter(db, services.client_desk, services.opt_out).handle)
    webhook = WhatsAppWebhook(
        db, clock, translate, api, media, route, router.not_delivered, token,
        settings.public_url, dead_letters.whatsapp_failed, health,
        Spool.beside(db.path), settings.update_timeout.total_seconds(), sms=sms is not None,
    )
    channel = WhatsAppChannel(
        db, clock, translate, api, media, TelegramFiles(bot), settings.templates, sms
    )
    return WhatsApp(api=api, webhook=webhook, channel=channel, sms=sms)


def _by_sender(whatsapp: Route, sms: Route) -> Route:
    """Twilio's messages in: `whatsapp:+…` to WhatsApp's routing, a bare number to SMS's."""
    async def route(message_id: int, form: Mapping[str, str], read: ReadMessage) -> int | None:
        if form.get("From", "").startswith("whatsapp:"):
            return await whatsapp(message_id, form, read)
        return await sms(message_id, form, read)
    return route


def build_channels(
    bot: Bot, media: MediaStore, whatsapp: WhatsApp | None
) -> dict[str, ChannelPort]:
    """The senders the outbox worker uses, by channel name. SMS is always there: while it is
    off, an SMS client's messages fail at once and their topic is told once (SmsOff)."""
    channels: dict[str, ChannelPort] = {"telegram": TelegramChannel(bot, media), "sms": SmsOff()}
    if whatsapp is not None:
        channels["whatsapp"] = whatsapp.channel
        if whatsapp.sms is not None:
            channels["sms"] = whatsapp.sms
    return channels
