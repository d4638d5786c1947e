"""Inbound work that failed is kept, not dropped: a Telegram update (its raw JSON) or a
WhatsApp message (its form) is tried again with backoff, a restart tries it too, and after
MAX_ATTEMPTS it stays as a dead letter and General is told once, naming the client and
quoting the text, so a manager can answer by hand."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from html import escape
from typing import Any

from bot.clock import Clock
from bot.delivery import Outbox
from bot.handlers.whatsapp import identity
from bot.i18n import Translator
from bot.supervision import UPDATES, Health, reason
from domain import Channel, Identity
from storage import clients, failed, updates
from storage import whatsapp as wa
from storage.db import Database, Tx
from storage.erasure import dead_letter_key

log = logging.getLogger(__name__)

Feed = Callable[[dict[str, Any]], Awaitable[None]]
MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(seconds=10)
QUOTE_LIMIT = 500
CHANNEL_NAMES = {Channel.TELEGRAM: "Telegram", Channel.WHATSAPP: "WhatsApp", Channel.SMS: "SMS"}


def retry_delay(attempts: int) -> timedelta:
    """10 s, 30 s, 90 s, 270 s: four retries within about seven minutes."""
    return FIRST_RETRY * 3 ** max(0, attempts - 1)


class DeadLetters:
    def __init__(
        self, db: Database, outbox: Outbox, translate: Translator, clock: Clock, health: Health
    ) -> None:
        self._health = health
        self._db = db
        self._outbox = outbox
        self._t = translate
        self._clock = clock

    async def update_failed(self, raw: dict[str, Any], error: BaseException) -> int:
        """Keep a Telegram update whose handling raised; returns the attempts so far."""
        update_id = int(raw["update_id"])
        now = self._clock.now()
        async with self._db.transaction(carry_rider=False) as tx:
            attempts = await failed.keep(tx, update_id, raw, reason(error), now)
            await failed.retry_at(tx, update_id, now + retry_delay(attempts))
            if attempts >= MAX_ATTEMPTS and await failed.bury(tx, update_id, now):
                sender, who, text = _telegram_sender(raw)
                await self._tell(tx, Identity(Channel.TELEGRAM, sender, sender, who), text,
                                 f"update:{update_id}")
        log.warning("update %s failed (attempt %d): %s", update_id, attempts, reason(error))
        return attempts

    async def whatsapp_failed(
        self, message_id: int, form: Mapping[str, str], error: BaseException
    ) -> int:
        """Keep an incoming WhatsApp message whose handling raised; returns the attempts."""
        now = self._clock.now()
        async with self._db.transaction() as tx:
            attempts = await wa.failed(tx, message_id)
            await wa.retry_at(tx, message_id, now + retry_delay(attempts))
            if attempts >= MAX_ATTEMPTS and await wa.bury(tx, message_id, now):
                who = identity(form)
                if not who.chat_id.startswith("whatsapp:"):  # an SMS, from a bare number
                    who = Identity(Channel.SMS, who.chat_id, who.chat_id)
                await self._tell(tx, who, form.get("Body") or "", f"wa:{message_id}")
        log.warning("whatsapp message %s failed (attempt %d): %s", message_id, attempts,
                    reason(error))
        return attempts

    async def keep_update(self, raw: dict[str, Any], error: BaseException) -> None:
        """Keep a failed update, waiting (off the event loop's way) while the database cannot
        take it: polling does not move past it and the webhook does not answer before it is
        kept. /healthz says meanwhile that updates are stalled."""
        while True:
            try:
                await self.update_failed(raw, error)
            except Exception as problem:  # noqa: BLE001 - the database locked, the disk full
                await asyncio.sleep(self._health.failed(UPDATES, problem))
                continue
            self._health.succeeded(UPDATES)
            return

    async def retry_updates(self, feed: Feed, everything: bool = False) -> int:
        """Feed again the kept updates that are due (`everything`: all but dead letters, as
        after a restart); returns how many were fed."""
        async with self._db.read() as tx:
            due = await failed.due(tx, None if everything else self._clock.now())
        for kept in due:
            async with self._db.read() as tx:
                seen = await updates.seen(tx, kept.update_id)
            if seen:  # handled meanwhile (Telegram delivered it again)
                async with self._db.transaction() as tx:
                    await failed.forget(tx, kept.update_id)
                continue
            await feed(kept.raw)
        return len(due)

    async def _tell(self, tx: Tx, sender: Identity, text: str, what: str) -> None:
        """General hears it, quoting the sender. The notice is tied to the sender by id (the
        client's row, and a key naming their address for one who has no row yet), so erasing
        them finds it whatever name it shows."""
        lang = self._t.default_language
        quote = escape(text.strip()[:QUOTE_LIMIT]) or self._t(lang, "dead-letter-no-text")
        who = sender.name or sender.external_id.removeprefix("whatsapp:")
        notice = self._t(
            lang, "general-dead-letter", name=escape(who), channel=CHANNEL_NAMES[sender.channel],
            attempts=MAX_ATTEMPTS, text=quote,
        )
        client = await clients.by_identity(tx, sender.channel, sender.external_id)
        key = dead_letter_key(sender.channel.value, sender.external_id) + what
        await self._outbox.to_group(tx, notice, None, about=client, dedup_key=key)


def _telegram_sender(raw: dict[str, Any]) -> tuple[str, str, str]:
    """Who sent the update (their id and name) and what they wrote, as far as its JSON tells."""
    callback = raw.get("callback_query") or {}
    message = raw.get("message") or raw.get("edited_message") or callback.get("message") or {}
    user = callback.get("from") or message.get("from") or {}
    name = " ".join(part for part in (user.get("first_name"), user.get("last_name")) if part)
    if user.get("username"):
        name = f"{name} (@{user['username']})".strip()
    text = message.get("text") or message.get("caption") or callback.get("data") or ""
    return str(user.get("id", "?")), name or str(user.get("id", "?")), text
