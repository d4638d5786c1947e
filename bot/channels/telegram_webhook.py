"""Telegram's webhook on the bot's web server, beside Twilio's: HTTP and the secret only; the
update goes to the dispatcher through the `feed` it is given (bot/runner.py sets the webhook).

An update is handled before Telegram hears 200 (aiogram's SimpleRequestHandler answers first),
so one lost to a crash is sent again by Telegram and then recognised by its update_id. Several
requests are handled at once, each in its chat's lane (bot/concurrency).
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class TelegramWebhook:
    def __init__(self, path: str, secret: str, feed: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        self.path = path
        self._secret = secret.encode()
        self._feed = feed

    def register(self, app: web.Application) -> None:
        app.router.add_post(self.path, self._receive)

    async def _receive(self, request: web.Request) -> web.Response:
        # aiohttp keeps bytes that are not UTF-8 as surrogates: back to the bytes sent, so
        # an odd header is a wrong secret (403), not an error.
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "surrogateescape")
        if not hmac.compare_digest(given, self._secret):
            return web.Response(status=403, text="forbidden")
        try:
            update = json.loads(await request.text())
            if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
                raise ValueError("not an update")
        except ValueError:
            return web.Response(status=400, text="bad update")
        await self._feed(update)  # in its chat's lane: chats at once, each chat in order
        return web.Response(text="ok")
