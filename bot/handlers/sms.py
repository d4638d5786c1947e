"""SMS's inbound routing: STOP and START, a digit answering the options last sent, else a
message relayed to the client's topic like any other (no "passed on" note: it would cost an SMS).

SMS arrive through the same Twilio webhook machinery as WhatsApp messages (durable accept,
signature, per-sender order: bot/channels/whatsapp/webhook.py) at SMS_PATH; the number is
the client's address. A number that writes on WhatsApp too is that WhatsApp client.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.channels.whatsapp import render
from bot.channels.whatsapp.webhook import ReadMessage
from bot.services.desk.client import ClientDesk
from bot.services.desk.optout import OptOut
from domain import Channel, Identity
from domain import sms as opt
from domain.presses import unpack
from storage import clients
from storage import whatsapp as wa
from storage.db import Database


class SmsRouter:
    def __init__(self, db: Database, client_desk: ClientDesk, opt_out: OptOut) -> None:
        self._db = db
        self._desk = client_desk
        self._opt_out = opt_out

    async def handle(self, message_id: int, form: Mapping[str, str], read: ReadMessage) -> int | None:
        """Route one accepted SMS; the client's id afterwards."""
        number = form["From"]
        who = await self._identity(number)
        body = (form.get("Body") or "").strip()
        media_count = int(form.get("NumMedia") or 0)
        match opt.word(body) if not media_count else None:
            case "stop":
                return await self._opt_out.stop(who, number, body)
            case "start":
                started = await self._opt_out.start(who, number, body)
                if started is not None:
                    return started
        if not (body and not media_count and await self._option(who, body)):
            inbound, _ = await read(message_id, form, body, media_count)
            await self._desk.message(who, inbound, acknowledge=False)
        async with self._db.read() as tx:
            client = await clients.by_identity(tx, who.channel, who.external_id)
        return client.id if client else None

    async def _identity(self, number: str) -> Identity:
        """The WhatsApp client writing from this number, else the client known by it."""
        async with self._db.read() as tx:
            on_whatsapp = await clients.by_identity(tx, Channel.WHATSAPP, number.removeprefix("+"))
        if on_whatsapp is not None and on_whatsapp.erased_at is None:
            return Identity(Channel.WHATSAPP, on_whatsapp.external_id, on_whatsapp.chat_id)
        return Identity(Channel.SMS, number, number)

    async def _option(self, who: Identity, text: str) -> bool:
        """A digit (or the words) answering the options last sent: the same as the button."""
        async with self._db.read() as tx:
            client = await clients.by_identity(tx, who.channel, who.external_id)
            shown = await wa.options(tx, client.id) if client else None
        if shown is None:
            return False
        options_message, choices = shown
        chosen = render.match(text, choices)
        if chosen is None:
            return False
        await self._desk.press(who, unpack(chosen["action"], chosen.get("arg", "")), options_message)
        return True
