"""WhatsApp's inbound routing, as Telegram's routers do it: commands, numbered options and
button taps go to ClientDesk; a message Twilio could not deliver is told to ManagerDesk.

The Twilio webhook (bot/channels/whatsapp/webhook.py) accepts a message durably, then hands
its form here; reading the message's media stays there and is passed in as `read`.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.channels.whatsapp import render
from bot.channels.whatsapp.reading import MEDIA_LIMIT_MB
from bot.channels.whatsapp.webhook import ReadMessage
from bot.delivery import Outbox
from bot.handlers.commands import CLIENT_COMMANDS, START
from bot.i18n import Translator
from bot.services.desk.client import ClientDesk
from bot.services.desk.manager import ManagerDesk
from domain import Action, Button, Channel, Client, Identity, Press, Reply
from domain.numbers import looks_numeric
from domain.presses import unpack
from storage import clients
from storage import whatsapp as wa
from storage.db import Database


class WhatsAppRouter:
    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        translate: Translator,
        client_desk: ClientDesk,
        manager_desk: ManagerDesk,
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._t = translate
        self._desk = client_desk
        self._managers = manager_desk

    async def handle(
        self, message_id: int, form: Mapping[str, str], read: ReadMessage
    ) -> int | None:
        """Route one accepted message; the client's id afterwards (None if none was made)."""
        who = identity(form)
        async with self._db.read() as tx:
            known = await clients.by_identity(tx, Channel.WHATSAPP, who.external_id)
        resumed = 0
        if known is None:
            await self._desk.start(who)  # first contact: the greeting and the menu
        else:
            async with self._db.transaction() as tx:
                resumed = await self._outbox.resume(tx, known)  # what waited behind a template
        await self._dispatch(who, message_id, form, read, acknowledge=not resumed)
        async with self._db.read() as tx:
            client = await clients.by_identity(tx, Channel.WHATSAPP, who.external_id)
        return client.id if client else None

    async def not_delivered(self, client_id: int, message_id: int, code: str) -> None:
        """Twilio's status callback said this message of ours failed."""
        reason = self._t(self._t.default_language, "wa-error-code", code=code)
        # WhatsApp and SMS messages are counted together (wa_messages): one id is one of them
        await self._managers.not_delivered(client_id, (Channel.WHATSAPP, Channel.SMS), message_id,
                                           reason)

    async def _dispatch(
        self, who: Identity, message_id: int, form: Mapping[str, str], read: ReadMessage,
        acknowledge: bool,
    ) -> None:
        body = (form.get("Body") or "").strip()
        payload = form.get("ButtonPayload") or ""
        if payload.partition(":")[0] in Action.__members__.values():  # a button of ours
            await self._desk.press(who, press(payload), None)  # None: out of date
            return
        text = body or form.get("ButtonText", "")
        media_count = int(form.get("NumMedia") or 0)
        if text and not media_count and (await self._option(who, text) or await self._command(who, text)):
            return
        inbound, too_large = await read(message_id, form, text, media_count)
        await self._desk.message(who, inbound, acknowledge)
        if too_large:
            await self._too_large(who)

    async def _too_large(self, who: Identity) -> None:
        """The client hears, kindly, that a file was too large and what to do instead."""
        async with self._db.transaction() as tx:
            client = await clients.by_identity(tx, Channel.WHATSAPP, who.external_id)
            if client is not None:
                text = self._t(client.language, "wa-media-too-large-client", mb=MEDIA_LIMIT_MB)
                await self._outbox.to_client(tx, client, Reply(text))

    async def _command(self, who: Identity, text: str) -> bool:
        if not text.startswith("/"):
            return False
        name = text[1:].split()[0].lower() if len(text) > 1 else ""
        if name == START:
            await self._desk.start(who)
            return True
        if name in CLIENT_COMMANDS:
            await self._desk.command(who, name)
            return True
        return False

    async def _option(self, who: Identity, text: str) -> bool:
        """An answer to the numbered options last shown: the same as pressing the button."""
        async with self._db.read() as tx:
            client = await clients.by_identity(tx, Channel.WHATSAPP, who.external_id)
            shown = await wa.options(tx, client.id) if client else None
        if shown is None:
            return False
        options_message, choices = shown
        chosen = render.match(text, choices)
        if chosen is None and client is not None and looks_numeric(text.strip()):  # '²', '①'
            await self._ask_for_digits(client, choices)
            return True
        if chosen is None:
            return False
        tap = unpack(chosen["action"], chosen.get("arg", ""))  # as stored, maybe by an older version
        await self._desk.press(who, tap, options_message)
        return True

    async def _ask_for_digits(self, client: Client, choices: list[dict[str, str]]) -> None:
        """The client meant a number in other digits: the same options, asking for 1, 2, 3."""
        lang = client.language
        numbers = render.numbers_hint(len(choices), self._t(lang, "wa-options-or"))
        buttons = tuple(
            (Button(choice["label"], Action(choice["action"]), choice.get("arg", "")),)
            for choice in choices
        )
        async with self._db.transaction() as tx:
            text = self._t(lang, "privacy-digits-only", numbers=numbers)
            await self._outbox.to_client(tx, client, Reply(text, buttons))


def identity(form: Mapping[str, str]) -> Identity:
    """By phone (WaId, From); where WhatsApp gives no number, by the sender id alone."""
    sender = form["From"]
    external = form.get("WaId") or sender.removeprefix("whatsapp:")
    return Identity(
        channel=Channel.WHATSAPP,
        external_id=external,
        chat_id=sender,
        name=form.get("ProfileName") or None,
    )


def press(payload: str) -> Press | None:
    """A quick-reply payload written as '<action>' or '<action>:<arg>'."""
    name, _, arg = payload.partition(":")
    return unpack(name, arg)
