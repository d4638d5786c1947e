"""Run modes: receive Telegram updates by webhook or by long polling until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from aiogram import Bot, Dispatcher

from bot.concurrency import polling
from bot.concurrency.lanes import Lanes
from bot.config import Settings

log = logging.getLogger(__name__)


# Seconds the updates in hand get to finish after a stop signal (the rest come again).
STOP_GRACE = 10.0


async def receive(bot: Bot, dispatcher: Dispatcher, lanes: Lanes, settings: Settings) -> None:
    """By webhook if configured, else by long polling."""
    if settings.webhook_enabled:
        await serve_webhook(bot, dispatcher, settings)
        return
    await bot.delete_webhook()  # getUpdates is refused while a webhook is set
    await poll(bot, dispatcher, lanes)


async def serve_webhook(bot: Bot, dispatcher: Dispatcher, settings: Settings) -> None:
    """Tell Telegram where to post; the web server (already started) receives until a signal."""
    await bot.set_webhook(
        settings.telegram_webhook_url,
        secret_token=settings.telegram_webhook_secret.get_secret_value(),
        allowed_updates=dispatcher.resolve_used_update_types(),
    )
    log.info("receiving updates by webhook")
    await until_signalled()


async def poll(bot: Bot, dispatcher: Dispatcher, lanes: Lanes) -> None:
    """Long polling until a signal: chats at once, each in order; the offset moves only past
    handled updates (bot/concurrency/polling.py)."""
    receiving = asyncio.create_task(polling.poll(bot, dispatcher, lanes, STOP_GRACE))
    log.info("receiving updates by long polling")
    signalled = asyncio.create_task(until_signalled())
    await asyncio.wait({receiving, signalled}, return_when=asyncio.FIRST_COMPLETED)
    signalled.cancel()
    receiving.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await receiving


async def until_signalled() -> None:
    """Until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
