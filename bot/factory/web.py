"""The bot's own web server and what it serves: media, Telegram's and Twilio's webhooks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from bot.channels.media import MediaStore
from bot.channels.telegram_webhook import TelegramWebhook
from bot.channels.whatsapp.webhook import WhatsAppWebhook
from bot.config import Settings
from bot.health import Healthz
from bot.web import Registrar, WebServer, build_web_app

DEFAULT_HTTP_PORT = 8080


def build_web_server(
    settings: Settings,
    media: MediaStore,
    whatsapp: WhatsAppWebhook | None,
    feed: Callable[[dict[str, Any]], Awaitable[None]],
    healthz: Healthz,
) -> WebServer:
    registrars: list[Registrar] = [healthz.register, media.register]
    if settings.webhook_enabled:
        path = urlsplit(settings.telegram_webhook_url).path or "/"
        secret = settings.telegram_webhook_secret.get_secret_value()
        registrars.append(TelegramWebhook(path, secret, feed).register)
    if whatsapp is not None:
        registrars.append(whatsapp.register)
    port = DEFAULT_HTTP_PORT if settings.http_port is None else settings.http_port
    return WebServer(build_web_app(registrars), settings.http_host, port)
