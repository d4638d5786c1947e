"""Run modes: receive Telegram updates by webhook or by long polling until stopped."""

from __future__ import annotations

import asyncio
import logging
import signal

from aiogram import Bot, Dispatcher

from bot.config import Settings

log = logging.getLogger(__name__)


async def receive(bot: Bot, dispatcher: Dispatcher, settings: Settings) -> None:
    """By webhook if configured, else by long polling."""
    if settings.webhook_enabled:
        await serve_webhook(bot, dispatcher, settings)
        return
    await bot.delete_webhook()  # getUpdates is refused while a webhook is set
    await poll(bot, dispatcher)


async def serve_webhook(bot: Bot, dispatcher: Dispatcher, settings: Settings) -> None:
    """Tell Telegram where to post; the web server (already started) receives until a signal."""
    await bot.set_webhook(
        settings.telegram_webhook_url,
        secret_token=settings.telegram_webhook_secret.get_secret_value(),
        allowed_updates=dispatcher.resolve_used_update_types(),
    )
    log.info("receiving updates by webhook")
    await until_signalled()


async def poll(bot: Bot, dispatcher: Dispatcher) -> None:
    # Sequential handling: the offset moves on only after an update was handled.
    await dispatcher.start_polling(
        bot, handle_as_tasks=False, handle_signals=True, close_bot_session=False
    )


async def until_signalled() -> None:
    """Until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
