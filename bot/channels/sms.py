"""Deliveries by SMS through Twilio: plain short text, "reply with a digit" for a choice, a link
for a file; every SMS one or two segments (domain/sms.py counts them). docs/sms.md.

The SMS goes to the delivery's `chat_id`, a number in E.164: an SMS client's own address, or
the number of a client of another channel (`Outbox.to_client(..., via=Channel.SMS)`, or a
WhatsApp message held outside its window). A number that answered STOP gets nothing more.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import timedelta

from bot.channels.media import MediaStore
from bot.channels.whatsapp import render
from bot.channels.whatsapp.twilio_api import Sent, TwilioApi
from bot.clock import Clock
from bot.delivery.ports import SMS_OFF, Delivery, DeliveryError, FailureKind, Op
from bot.i18n import Translator
from domain import Action, Button, Client
from domain import sms as sms_length
from domain.numbers import is_number
from storage import clients, sms
from storage import whatsapp as wa
from storage.db import Database

log = logging.getLogger(__name__)

FILE_LINK_TTL = timedelta(days=30)  # a bill's PDF sent as a link stays there this long
STOPPED = "SMS STOP"  # the reason on a message not sent to a number that opted out


class SmsChannel:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        translate: Translator,
        api: TwilioApi,
        media: MediaStore,
        sender_id: str,
    ) -> None:
        self._db = db
        self._clock = clock
        self._t = translate
        self._api = api
        self._media = media
        self._sender_id = sender_id  # TWILIO_SMS_FROM: +E.164 or a Messaging Service MG…

    async def send(self, delivery: Delivery) -> int | None:
        match delivery.op:
            case Op.TEXT | Op.SEND:
                return await self._send(delivery)
            case Op.CLEAR_BUTTONS:
                if delivery.client_id is not None:
                    async with self._db.transaction() as tx:
                        await wa.clear_options(tx, delivery.client_id, delivery.message_id or 0)
                return delivery.message_id
            case Op.EDIT_TEXT | Op.EDIT_CAPTION:
                return None  # an SMS cannot be changed once sent
            case Op.DOCUMENT:  # a file we made (a bill's PDF): a link to it
                return await self._send_link(delivery)
        raise DeliveryError(FailureKind.PERMANENT, f"SMS cannot perform {delivery.op}")

    async def _send(self, d: Delivery) -> int | None:
        client = await self._client(d)
        if d.media:  # MMS is not for every network: a manager's photo is not sent, and told
            raise DeliveryError(FailureKind.HELD, "sms-media")
        choices, links = render.options(d.buttons)
        choices = [c for c in choices if c.action is not Action.MENU]  # no menu in an SMS
        text = plain(d.short or d.text or "")
        tail = self._tail(client.language, choices, links)
        last: int | None = None
        if sms_length.measure(sms_length.cheapest(f"{text}\n{tail}")).gsm:  # a Latin text: GSM-7
            text, tail = sms_length.cheapest(text), sms_length.cheapest(tail)
        for body in filter(None, _bodies(text, tail)):  # Twilio refuses an empty body
            last = await self._record(client, d.chat_id, await self._post(d.chat_id, body))
        if d.op is Op.TEXT and last is not None:
            async with self._db.transaction() as tx:
                if choices:
                    await wa.save_options(tx, client.id, last, render.stored(choices),
                                          self._clock.now())
                else:
                    await wa.drop_options(tx, client.id)
        return last

    async def _send_link(self, d: Delivery) -> int | None:
        """Our own file, kept for FILE_LINK_TTL and sent as a link with its caption."""
        client = await self._client(d)
        name = d.filename or "file"
        kind = "application/pdf" if name.endswith(".pdf") else "application/octet-stream"
        token = await self._media.keep(d.file or b"", kind, name, FILE_LINK_TTL, client.id)
        url = self._media.url(token, name)
        caption = sms_length.cut(plain(d.text or ""), mark="…")
        body = sms_length.cheapest(self._t(client.language, "sms-file", caption=caption, url=url))
        if not sms_length.fits(body):  # a long caption gives way to the link
            body = url
        return await self._record(client, d.chat_id, await self._post(d.chat_id, body))

    def _tail(self, lang: str, choices: list[Button], links: list[Button]) -> str:
        """What follows the text: its links, then how to answer (a digit)."""
        parts = [self._t(lang, "sms-link", label=_label(b.label), url=b.url) for b in links]
        if choices:
            labels = [_label(c.label) for c in choices]
            if all(is_number(label) for label in labels):  # a scale: the digits are the answers
                parts.append(self._t(lang, "sms-reply-scale", low=labels[0], high=labels[-1]))
            else:
                listed = ", ".join(f"{n}\u00a0— {label}" for n, label in enumerate(labels, 1))
                parts.append(self._t(lang, "sms-reply-digit", options=listed))
        return "\n".join(parts)

    async def _post(self, number: str, body: str) -> Sent:
        async with self._db.read() as tx:
            stopped = await sms.stopped(tx, number)
        if stopped:
            raise DeliveryError(FailureKind.PERMANENT, STOPPED)
        return await self._api.send(number, body, sender_id=self._sender_id)

    async def _record(self, client: Client, number: str, sent: Sent) -> int:
        async with self._db.transaction() as tx:
            return await wa.record_outbound(tx, sent.sid, client.id, number, sent.status,
                                            self._clock.now())

    async def _client(self, d: Delivery) -> Client:
        async with self._db.read() as tx:
            client = await clients.get(tx, d.client_id) if d.client_id else None
        if client is None:
            raise DeliveryError(FailureKind.PERMANENT, "no such client")
        return client


class SmsOff:
    """The SMS channel while TWILIO_SMS_FROM is empty: nothing is sent; the client is marked
    unreachable and their topic told once (bot/delivery/failures.py)."""

    async def send(self, delivery: Delivery) -> int | None:
        if delivery.op in (Op.CLEAR_BUTTONS, Op.EDIT_TEXT, Op.EDIT_CAPTION):
            return None
        raise DeliveryError(FailureKind.BLOCKED, SMS_OFF)


def _bodies(text: str, tail: str) -> list[str]:
    """The SMS to send, each of at most two segments: text and tail together when they fit;
    the text cut to leave the tail room when that keeps most of it; else the text in pieces
    and the tail on its own."""
    whole = f"{text}\n{tail}".strip()
    if sms_length.fits(whole):
        return [whole]
    if tail and text and sms_length.fits(tail):
        kept = _room_beside(text, tail)
        if kept >= len(text) * 3 // 4:
            return [f"{text[:kept].rstrip()}…\n{tail}"]
    return sms_length.pieces(text) + sms_length.pieces(tail)


def _room_beside(text: str, tail: str) -> int:
    """How much of the text fits, cut and marked, in one SMS with the tail."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if sms_length.fits(f"{text[:middle].rstrip()}…\n{tail}"):
            low = middle
        else:
            high = middle - 1
    return low


def plain(text: str) -> str:
    """Our HTML as SMS text: no markup (a link as «label (URL)»), no emoji or other symbols
    (each costs as much as two letters and makes a Latin text UCS-2)."""
    text = render.plain(text)
    for mark in ("*", "_", "~", "```"):  # WhatsApp's bold, italics… that render.plain wrote
        text = text.replace(mark, "") if mark == "```" else _unmark(text, mark)
    kept = "".join(ch for ch in text if not _emoji(ch))
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in kept.splitlines())
    return "\n".join(lines).strip()


def _emoji(ch: str) -> bool:
    """An emoji or other pictogram, its modifiers, variation selectors and joiners; not
    «№», «₽» or a no-break space."""
    kind = unicodedata.category(ch)
    if kind == "So":
        return not "\u2100" <= ch <= "\u214f"  # letterlike symbols (№, ℃) are words' kin
    return kind in ("Sk", "Mn", "Cf") and ch not in "\u00a0\u202f"


def _unmark(text: str, mark: str) -> str:
    """`*bold*` -> `bold`, leaving a lone `*` (a footnote, a multiplication) where it is."""
    return re.sub(rf"{re.escape(mark)}([^{re.escape(mark)}\n]+){re.escape(mark)}", r"\1", text)


def _label(label: str) -> str:
    """A button's label as SMS words."""
    return " ".join(plain(label).split())
