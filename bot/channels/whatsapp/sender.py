"""Deliveries to WhatsApp clients: numbered options, media by URL, the 24-hour window."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from typing import Protocol

from bot.channels.media import MediaStore
from bot.channels.whatsapp import render
from bot.channels.whatsapp.twilio_api import Sent, TwilioApi
from bot.clock import Clock
from bot.delivery.ports import ChannelPort, Delivery, DeliveryError, FailureKind, Op
from bot.i18n import Translator
from domain import Automatic, Client, Media
from domain.sms import number_of
from storage import clients
from storage import whatsapp as wa
from storage.db import Database

log = logging.getLogger(__name__)

WINDOW = timedelta(hours=24)  # WhatsApp: free-form messages only this long after the client's last
TEMPLATE_WAIT = timedelta(days=7)  # what follows a template waits this long for the answer
RECHECK = timedelta(hours=6)  # ...and is looked at again this often (an answer wakes it at once)
VARIABLE_LIMIT = 500


class FileSource(Protocol):
    """Where managers' files come from (Telegram): by the messenger's file id."""

    async def download(self, file_id: str) -> bytes: ...


class WhatsAppChannel:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        translate: Translator,
        api: TwilioApi,
        media: MediaStore,
        files: FileSource,
        templates: dict[str, str],
        sms: ChannelPort | None = None,
    ) -> None:
        self._sms = sms  # outside the window with no template, our own texts go by SMS
        self._db = db
        self._clock = clock
        self._t = translate
        self._api = api
        self._media = media
        self._files = files
        self._templates = templates

    async def send(self, delivery: Delivery) -> int | None:
        match delivery.op:
            case Op.TEXT | Op.SEND:
                return await self._send(delivery)
            case Op.CLEAR_BUTTONS:
                client = await self._client(delivery)
                async with self._db.transaction() as tx:
                    await wa.clear_options(tx, client.id, delivery.message_id or 0)
                return delivery.message_id
            case Op.EDIT_TEXT | Op.EDIT_CAPTION:
                return None  # WhatsApp cannot edit a sent message; the first version stands
            case Op.DOCUMENT:  # a file we made for the client (a bill's PDF)
                return await self._send_file(delivery)
        raise DeliveryError(FailureKind.PERMANENT, f"WhatsApp cannot perform {delivery.op}")

    async def _send(self, d: Delivery) -> int | None:
        client = await self._client(d)
        if not await self._window_open(client):
            return await self._outside_window(client, d)
        choices, links = render.options(d.buttons)
        text = self._body(client.language, d.text or "", choices, links)
        last: int | None = None
        pieces = render.split(text) if text else []
        for index, media in enumerate(d.media):
            caption = pieces.pop(0) if index == 0 and pieces and len(pieces[0]) <= 1024 else None
            url = await self._public_url(media, client.id)
            last = await self._record(client, await self._api.send(client.chat_id, caption, [url]))
        for piece in pieces:
            last = await self._record(client, await self._api.send(client.chat_id, piece))
        if d.op is Op.TEXT and last is not None:
            # The bot's own message sets what "1", "2"... mean now; a manager's leaves it.
            async with self._db.transaction() as tx:
                if choices:
                    await wa.save_options(tx, client.id, last, render.stored(choices), self._clock.now())
                else:
                    await wa.drop_options(tx, client.id)
        return last

    async def _send_file(self, d: Delivery) -> int | None:
        """Our own file, kept for Twilio to fetch by URL like a manager's; held outside the
        24-hour window like any message that is not a template."""
        client = await self._client(d)
        if not await self._window_open(client):
            return await self._by_sms(client, d, DeliveryError(FailureKind.HELD, "window"))
        name = d.filename or "file"
        kind = "application/pdf" if name.endswith(".pdf") else "application/octet-stream"
        token = await self._media.keep(d.file or b"", kind, name)
        caption = render.plain(d.text or "") or None
        sent = await self._api.send(client.chat_id, caption, [self._media.url(token, name)])
        return await self._record(client, sent)

    async def _outside_window(self, client: Client, d: Delivery) -> int | None:
        """Past 24 hours only a template may go: the automatic message's own, if configured;
        a manager's text goes as the deal-news template, if configured. What follows a
        template waits for the client's answer; everything else is held (not sent)."""
        kind = d.automatic or (Automatic.DEAL_NEWS if d.text and not d.media else None)
        if kind and not d.follow_on and (d.automatic or self._templates.get(kind)):
            content_sid = self._templates.get(kind)
            if not content_sid:
                return await self._by_sms(client, d, DeliveryError(FailureKind.HELD, "no-template"))
            variables = {"1": client.name or "", "2": _one_line(render.plain(d.text or ""))}
            sent = await self._api.send(client.chat_id, content_sid=content_sid,
                                        content_variables=variables)
            async with self._db.transaction() as tx:
                await wa.template_sent(tx, client.id, kind, self._clock.now())
            return await self._record(client, sent)
        if d.automatic and await self._template_awaits_answer(client):
            raise DeliveryError(FailureKind.TRANSIENT, "waiting for the 24-hour window",
                                RECHECK.total_seconds())
        held = DeliveryError(FailureKind.HELD, "no-template" if d.automatic else "window")
        return await self._by_sms(client, d, held)

    async def _by_sms(self, client: Client, d: Delivery, held: DeliveryError) -> int | None:
        """What WhatsApp may not send now: our own text or file (a visit reminder, the bill and
        its link, the check after the visit…) goes by SMS to the client's WhatsApp number when
        SMS is on (docs/sms.md); a manager's message, or any without SMS, is `held`."""
        number = number_of(client)
        if self._sms is None or number is None or d.op not in (Op.TEXT, Op.DOCUMENT):
            raise held
        return await self._sms.send(replace(d, chat_id=number))

    async def _window_open(self, client: Client) -> bool:
        async with self._db.read() as tx:
            last = await wa.last_inbound_at(tx, client.chat_id)
        return last is not None and self._clock.now() - last < WINDOW

    async def _template_awaits_answer(self, client: Client) -> bool:
        async with self._db.read() as tx:
            sent = await wa.last_template_at(tx, client.id)
            answered = await wa.last_inbound_at(tx, client.chat_id)
        return (
            sent is not None
            and (answered is None or answered < sent)
            and self._clock.now() - sent < TEMPLATE_WAIT
        )

    def _body(self, lang: str, text: str, choices: list, links: list) -> str:
        parts = [render.plain(text).strip()] if text.strip() else []
        parts += [self._t(lang, "wa-link", label=render.plain(b.label), url=b.url) for b in links]
        if choices:
            hint = render.numbers_hint(len(choices), self._t(lang, "wa-options-or"))
            parts.append(render.numbered(choices) + "\n\n" + self._t(lang, "wa-options-hint", numbers=hint))
        return "\n\n".join(parts)

    async def _public_url(self, media: Media, client_id: int) -> str:
        """Twilio fetches media itself: the manager's file, served at an expiring URL."""
        try:
            body = await self._files.download(media.ref)
        except DeliveryError:
            raise
        except Exception as error:  # the file source's own network errors
            raise DeliveryError(FailureKind.TRANSIENT, f"file download: {type(error).__name__}") from None
        token = await self._media.keep(body, media.content_type or "application/octet-stream",
                                       media.filename or media.kind, client_id=client_id)
        return self._media.url(token, media.filename or media.kind)

    async def _record(self, client: Client, sent: Sent) -> int:
        async with self._db.transaction() as tx:
            return await wa.record_outbound(tx, sent.sid, client.id, client.chat_id, sent.status,
                                            self._clock.now())

    async def _client(self, d: Delivery) -> Client:
        async with self._db.read() as tx:
            client = await clients.get(tx, d.client_id) if d.client_id else None
        if client is None:
            raise DeliveryError(FailureKind.PERMANENT, "no such WhatsApp client")
        # The address the item was queued for: a client on several channels may be answered
        # on another one by now (desk/people.py).
        return replace(client, chat_id=d.chat_id)


def _one_line(text: str) -> str:
    """Template variables may not hold line breaks or long runs of spaces."""
    return " ".join(text.split())[:VARIABLE_LIMIT]
