"""The one way out: every message is queued in the database, then sent by the worker.

Services call `Outbox` inside their own transaction, so a message is queued if and only if
the change that causes it is committed. Queue-time references (the client's topic, "reply to
the twin of message N") are resolved at send time (bot/delivery/resolve.py), so a message
queued before its topic or its twin exists still lands in order.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from html import escape

from bot.clock import Clock
from bot.delivery import codec
from bot.delivery.items import (
    CLIENT_CHAT,
    CLIENT_TOPIC,
    ClearButtons,
    Content,
    Copy,
    EditCard,
    EditTwin,
    File,
    GroupThread,
    Item,
    OpenTopic,
    RenameTopic,
    Report,
    Text,
    to_client,
)
from bot.delivery.ports import Op
from domain import Button, Channel, Client, Inbound, Media, Reply
from storage import outbox as queue
from storage.db import Tx


class Outbox:
    """Queues messages inside the caller's transaction and wakes the worker."""

    def __init__(self, clock: Clock, manager_chat_id: int) -> None:
        self._clock = clock
        self._group = str(manager_chat_id)
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()

    @property
    def group_id(self) -> int:
        """The managers' supergroup (links to a client's topic are made from it)."""
        return int(self._group)

    async def put(
        self,
        tx: Tx,
        item: Item,
        client: Client | None,
        dedup_key: str | None = None,
        delay: timedelta | None = None,
    ) -> bool:
        """Queue one item; False when one with the same `dedup_key` is already queued."""
        channel, chat = Channel.TELEGRAM, self._group  # the managers' group
        if to_client(item):
            if client is None:
                raise ValueError("an item for a client's chat needs the client")
            channel, chat = client.channel, client.chat_id
        queued = await queue.enqueue(
            tx,
            channel=channel,
            recipient=chat,
            kind=codec.kind(item),
            payload=codec.encode(item),
            client_id=client.id if client else None,
            now=self._clock.now(),
            dedup_key=dedup_key,
            not_before=self._clock.now() + delay if delay else None,
        )
        self.wake()
        return queued

    async def to_client(
        self,
        tx: Tx,
        client: Client,
        reply: Reply,
        *,
        automatic: str | None = None,
        follow_on: bool = False,
    ) -> None:
        """A message to the client. `automatic` names the kind of a message the bot sends on
        its own (survey, birthday, deal news...): a channel with a messaging window (WhatsApp)
        sends those as templates, or holds them; `follow_on` marks the rest of such a message."""
        item = Text(
            CLIENT_CHAT,
            reply.text,
            reply.buttons,
            automatic=automatic,
            follow_on=bool(automatic) and follow_on,
        )
        await self.put(tx, item, client)

    async def copy_to_client(
        self,
        tx: Tx,
        client: Client,
        group_message_id: int,
        reply_to_group: int | None,
        text: str | None = None,
        media: tuple[Media, ...] = (),
        caption: str | None = None,
    ) -> None:
        """A manager's message from the topic, as the client's chat shows it. A Telegram chat
        gets a copy (with `caption` instead of the original's, if given); other channels get
        the content itself (text, file ids), since no API can copy a Telegram message to them."""
        item: Item
        if client.channel is Channel.TELEGRAM:
            item = Copy(
                CLIENT_CHAT, self._group, group_message_id, reply_to_group, group_message_id,
                caption,
            )
        else:
            item = Content(CLIENT_CHAT, text, media, reply_to_group, group_message_id)
        await self.put(tx, item, client)

    async def relay_to_topic(self, tx: Tx, client: Client, inbound: Inbound) -> None:
        """What the client sent, in their topic: a copy from Telegram, else its content."""
        assert inbound.message_id is not None
        if client.channel is Channel.TELEGRAM:
            await self.copy_to_topic(tx, client, inbound.message_id, inbound.reply_to)
            return
        text = escape(inbound.text) if inbound.text else None
        item = Content(CLIENT_TOPIC, text, inbound.media, inbound.reply_to, inbound.message_id)
        await self.put(tx, item, client)

    async def resume(self, tx: Tx, client: Client) -> int:
        """The client wrote: what waited for them (behind a template) may go now."""
        resumed = await queue.resume_recipient(tx, client.chat_id, self._clock.now())
        self.wake()
        return resumed

    async def copy_to_topic(
        self, tx: Tx, client: Client, client_message_id: int, reply_to_client: int | None
    ) -> None:
        item = Copy(
            CLIENT_TOPIC, client.chat_id, client_message_id, reply_to_client, client_message_id
        )
        await self.put(tx, item, client)

    async def to_topic(
        self,
        tx: Tx,
        client: Client,
        text: str,
        *,
        reply_to_group: int | None = None,
        card: bool = False,
        pin: bool = False,  # pinned, without becoming the client's card (a booking card)
    ) -> None:
        item = Text(CLIENT_TOPIC, text, reply_to=reply_to_group, card=card, pinned=pin)
        await self.put(tx, item, client)

    async def to_group(
        self,
        tx: Tx,
        text: str,
        thread_id: int | None,
        reply_to: int | None = None,
        buttons: tuple[tuple[Button, ...], ...] = (),
        about: Client | None = None,
        dedup_key: str | None = None,
    ) -> None:
        """A message in the group. `about`: the client it names (a dead letter, an alert), so
        erasing the client finds it by id, whatever name it shows."""
        item = Text(GroupThread(thread_id), text, buttons, reply_to=reply_to)
        await self.put(tx, item, about, dedup_key=dedup_key)

    async def file_to_group(
        self,
        tx: Tx,
        op: Op,
        content: bytes,
        filename: str,
        thread_id: int | None,
        caption: str | None = None,
        reply_to: int | None = None,
    ) -> None:
        """A chart (Op.PHOTO) or a file (Op.DOCUMENT) we made, kept in the queued item itself
        (base64), so it survives a restart; the worker drops it once the item is settled."""
        item = File(GroupThread(thread_id), op, content, filename, caption, reply_to)
        await self.put(tx, item, None)

    async def file_to_client(
        self, tx: Tx, client: Client, content: bytes, filename: str, caption: str | None = None
    ) -> None:
        """A document we made (a bill's PDF) for the client, kept in the item like
        `file_to_group`'s."""
        await self.put(tx, File(CLIENT_CHAT, Op.DOCUMENT, content, filename, caption), client)

    async def open_topic(self, tx: Tx, client: Client, title: str, card_text: str) -> bool:
        """Queue the client's topic with its pinned card, once per client; one that failed
        for good (Topics off, a right missing) is tried again now, with the client's next
        message, which waits behind it and lands in the topic."""
        key = f"topic:{client.id}"
        if await self.put(tx, OpenTopic(title, card_text), client, dedup_key=key):
            return True
        return await queue.reopen(tx, key, self._clock.now())

    def now(self) -> datetime:
        return self._clock.now()

    async def rename_topic(self, tx: Tx, client: Client, title: str) -> None:
        await self.put(tx, RenameTopic(title), client)

    async def edit_in_topic(
        self, tx: Tx, client: Client, client_message_id: int, text: str, caption: bool
    ) -> None:
        await self.put(tx, EditTwin(CLIENT_TOPIC, client_message_id, text, caption), client)

    async def edit_for_client(
        self, tx: Tx, client: Client, group_message_id: int, text: str, caption: bool
    ) -> None:
        await self.put(tx, EditTwin(CLIENT_CHAT, group_message_id, text, caption), client)

    async def refresh_card(
        self, tx: Tx, client: Client, text: str, request_id: int | None = None
    ) -> None:
        """Edit the pinned request card in place (stage, flags, dates): the request's own."""
        await self.put(tx, EditCard(text, request_id), client)

    async def report_bundle(
        self, tx: Tx, client: Client, report_id: int, card: Reply, delay: timedelta
    ) -> None:
        """The report's photos, then its card: sent after `delay`, so photos can gather."""
        await self.put(tx, Report(report_id, card.text, card.buttons), client, delay=delay)

    async def clear_buttons(self, tx: Tx, client: Client, message_id: int) -> None:
        await self.put(tx, ClearButtons(message_id), client)

    def wake(self) -> None:
        self._idle.clear()
        self._wake.set()

    async def wait_idle(self) -> None:
        """Until the worker finds nothing due (tests and graceful shutdown use it)."""
        await self._idle.wait()
