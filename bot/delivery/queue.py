"""The one way out: every message is queued in the database, then sent by the worker.

Services call `Outbox` inside their own transaction, so a message is queued if and only if
the change that causes it is committed. Queue-time references (the client's topic, "reply to
the twin of message N") are resolved at send time (bot/delivery/resolve.py), so a message
queued before its topic or its twin exists still lands in order.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta
from html import escape

from bot.clock import Clock
from bot.delivery import codec
from bot.delivery.groups import here
from bot.delivery.items import (
    CLIENT_CHAT,
    CLIENT_TOPIC,
    ClearButtons,
    ClientTopic,
    CloseTopic,
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
    recipient,
    to_client,
)
from bot.delivery.ports import Op
from domain import Button, Channel, Client, Inbound, Media, Reply
from domain.groups import Business, Groups
from domain.sms import number_of
from storage import outbox as queue
from storage import topic_states, topics
from storage.db import Tx


class Unreachable(ValueError):
    """A message `via` a channel that cannot reach this client (no number, SMS off)."""


class Outbox:
    """Queues messages inside the caller's transaction and wakes the worker."""

    def __init__(self, clock: Clock, groups: Groups, sms: bool = False) -> None:
        self._clock = clock
        self.groups = groups
        self._home = groups.home
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self.sms = sms  # SMS is on (TWILIO_SMS_FROM): messages may go `via` Channel.SMS

    def address(self, client: Client, via: Channel | None = None) -> str | None:
        """Where a message to the client goes on `via` (their own channel when None): the
        chat, or for SMS their number; None when that channel cannot reach them."""
        if via is None or via is client.channel:
            return client.chat_id if via is not Channel.SMS or self.sms else None
        if via is Channel.SMS:
            return number_of(client) if self.sms else None
        return None

    @property
    def group_id(self) -> int:
        """The manager group at hand: the one whose update is being handled, else the home
        group (links to a client's topic are made from it)."""
        return here() or self._home

    @property
    def _group(self) -> str:
        return str(self.group_id)

    def department(self, chat: int | None) -> int | None:
        """A group as stored beside a client: None for the home group."""
        return None if chat is None or chat == self._home else chat

    def group_of_record(self, group_chat: int | None) -> int:
        """A client's stored group as served now: a group no longer configured is home."""
        return group_chat if group_chat is not None and group_chat in self.groups else self._home

    def group_of(self, client: Client, group: int | None = None) -> int:
        """The group a note about the client goes to: the one named, else the group the client
        is seen from (a view), else the manager group at hand, else the client's latest
        business's, else home."""
        return group or client.topic_group or here() or self.group_of_record(client.group_chat)

    async def in_latest_group(self, tx: Tx, client: Client) -> Client:
        """The client as the group of their latest business sees them (its topic, its card)."""
        chat = self.group_of_record(client.group_chat)
        return replace(await topics.view(tx, client, self.department(chat)), topic_group=chat)

    async def topic_client(self, tx: Tx, topic_id: int) -> Client | None:
        """The client whose topic this is in the manager group at hand, as it sees them."""
        return await topics.by_topic(tx, topic_id, self.department(here()))

    async def route(self, tx: Tx, client: Client, business: Business) -> Client:
        """The client's business at hand is `business`: their topic lives in its group from now
        on (domain/groups.py); the client as that group sees them (its topic, its card)."""
        chat = self.department(self.groups.for_business(business))
        if chat != client.group_chat:
            await topics.set_group(tx, client.id, chat)
        seen = await topics.view(tx, replace(client, group_chat=chat), chat)
        return replace(seen, topic_group=self.groups.for_business(business))

    async def put(
        self,
        tx: Tx,
        item: Item,
        client: Client | None,
        dedup_key: str | None = None,
        delay: timedelta | None = None,
        group: int | None = None,
        via: Channel | None = None,
    ) -> bool:
        """Queue one item; False when one with the same `dedup_key` is already queued. An item
        for a group goes to `group` if named, else as `group_of` says. `via`: to the client on
        another channel than their own (SMS to their number); `Unreachable` when it cannot
        reach them."""
        channel, chat = Channel.TELEGRAM, str(self._group_for(item, client, group))
        if to_client(item):
            if client is None:
                raise ValueError("an item for a client's chat needs the client")
            channel, chat = client.channel, client.chat_id
            if via is not None and via is not client.channel:
                address = self.address(client, via)
                if address is None:
                    raise Unreachable(f"{via} cannot reach client {client.id}")
                channel, chat = via, address
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

    def _group_for(self, item: Item, client: Client | None, group: int | None) -> int:
        to = recipient(item)
        if client is None:
            return group or here() or self._home
        if isinstance(to, ClientTopic) or isinstance(to, GroupThread) and to.thread_id:
            return self.group_of(client, group)  # a thread id is a topic of the client's view
        return group or here() or self.group_of_record(client.group_chat)  # General

    async def to_client(
        self,
        tx: Tx,
        client: Client,
        reply: Reply,
        *,
        automatic: str | None = None,
        follow_on: bool = False,
        via: Channel | None = None,
    ) -> None:
        """A message to the client. `automatic` names the kind of a message the bot sends on
        its own (survey, birthday, deal news...): a channel with a messaging window (WhatsApp)
        sends those as templates, or holds them; `follow_on` marks the rest of such a message.
        `via`: on another channel than the client's own (`Channel.SMS`: to their number; see
        `address`), else `Unreachable`."""
        item = Text(
            CLIENT_CHAT,
            reply.text,
            reply.buttons,
            automatic=automatic,
            follow_on=bool(automatic) and follow_on,
            short=reply.short,
        )
        await self.put(tx, item, client, via=via)

    async def copy_to_client(
        self,
        tx: Tx,
        client: Client,
        group_message_id: int,
        reply_to_group: int | None,
        text: str | None = None,
        media: tuple[Media, ...] = (),
        caption: str | None = None,
        via: Channel | None = None,
    ) -> None:
        """A manager's message from the topic, as the client's chat shows it. A Telegram chat
        gets a copy (with `caption` instead of the original's, if given); other channels get
        the content itself (text, file ids), since no API can copy a Telegram message to them.
        `via`: as in `to_client` (`Channel.SMS` carries the text only)."""
        item: Item
        if (via or client.channel) is Channel.TELEGRAM:
            item = Copy(
                CLIENT_CHAT, self._group, group_message_id, reply_to_group, group_message_id,
                caption,
            )
        else:
            item = Content(
                CLIENT_CHAT, text, media, reply_to_group, group_message_id, self._group
            )
        await self.put(tx, item, client, via=via)

    async def hold_for_topic(self, tx: Tx, client: Client, inbound: Inbound) -> None:
        """What a new client sent before their topic opens (bot/services/desk/topics.py): kept
        as its item until `release` queues it behind the topic."""
        assert inbound.message_id is not None
        if client.channel is Channel.TELEGRAM:
            item: Item = Copy(CLIENT_TOPIC, client.chat_id, inbound.message_id, inbound.reply_to,
                              inbound.message_id)
        else:
            text = escape(inbound.text) if inbound.text else None
            item = Content(CLIENT_TOPIC, text, inbound.media, inbound.reply_to, inbound.message_id,
                           channel=client.channel)
        await topic_states.hold(tx, client.id, inbound.kind, codec.encode(item), self._clock.now())

    async def release(self, tx: Tx, client: Client) -> list[str]:
        """What was held for the client's topic, queued (behind its opening) in the order it
        was written; the kinds of message released."""
        kinds = []
        for kind, payload in await topic_states.take_held(tx, client.id):
            await self.put(tx, codec.decode(kind, payload), client)
            kinds.append(kind)
        return kinds

    async def relay_to_topic(self, tx: Tx, client: Client, inbound: Inbound) -> None:
        """What the client sent, in their topic: a copy from Telegram, else its content."""
        assert inbound.message_id is not None
        if client.channel is Channel.TELEGRAM:
            await self.copy_to_topic(tx, client, inbound.message_id, inbound.reply_to)
            return
        text = escape(inbound.text) if inbound.text else None
        item = Content(CLIENT_TOPIC, text, inbound.media, inbound.reply_to, inbound.message_id,
                       channel=client.channel)
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
        group: int | None = None,
        buttons: tuple[tuple[Button, ...], ...] = (),
        dedup_key: str | None = None,  # also what finds the message when a manager replies to it
    ) -> None:
        item = Text(CLIENT_TOPIC, text, buttons, reply_to=reply_to_group, card=card, pinned=pin)
        await self.put(tx, item, client, group=group, dedup_key=dedup_key)

    async def to_group(
        self,
        tx: Tx,
        text: str,
        thread_id: int | None,
        reply_to: int | None = None,
        buttons: tuple[tuple[Button, ...], ...] = (),
        about: Client | None = None,
        dedup_key: str | None = None,
        group: int | None = None,
    ) -> None:
        """A message in the group (`group`, else as `put` finds it). `about`: the client it
        names (a dead letter, an alert), so erasing the client finds it by id, whatever name it
        shows."""
        item = Text(GroupThread(thread_id), text, buttons, reply_to=reply_to)
        await self.put(tx, item, about, dedup_key=dedup_key, group=group)

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

    async def open_topic(
        self, tx: Tx, client: Client, title: str, card_text: str, after: int | None = None
    ) -> bool:
        """Queue the client's topic with its pinned card, once per client and group (the
        group `group_of` says); one that failed for good (Topics off, a right missing) is
        tried again now, with the client's next message, which waits behind it and lands in
        the topic. `after`: the closed topic a new one replaces (bot/services/desk/topics.py),
        once per old topic."""
        chat = self.group_of(client)
        key = f"topic:{client.id}" if chat == self._home else f"topic:{client.id}:{chat}"
        key += f":after:{after}" if after is not None else ""
        if await self.put(tx, OpenTopic(title, card_text), client, dedup_key=key, group=chat):
            return True
        return await queue.reopen(tx, key, self._clock.now())

    def now(self) -> datetime:
        return self._clock.now()

    async def rename_topic(self, tx: Tx, client: Client, title: str) -> None:
        await self.put(tx, RenameTopic(title), client)

    async def close_topic(self, tx: Tx, client: Client, reopen: bool = False) -> None:
        await self.put(tx, CloseTopic(reopen), client)

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
        """Edit the pinned request card in place (stage, flags, dates): the request's own, in
        the group of car requests."""
        group = self.groups.for_business(Business.CAR_REQUEST)
        await self.put(tx, EditCard(text, request_id), client, group=group)

    async def report_bundle(
        self, tx: Tx, client: Client, report_id: int, card: Reply, delay: timedelta
    ) -> None:
        """The report's photos, then its card: sent after `delay`, so photos can gather."""
        item = Report(report_id, card.text, card.buttons, from_chat=self._group)
        await self.put(tx, item, client, delay=delay)

    async def clear_buttons(self, tx: Tx, client: Client, message_id: int) -> None:
        await self.put(tx, ClearButtons(message_id), client)

    def wake(self) -> None:
        self._idle.clear()
        self._wake.set()

    async def wait_idle(self) -> None:
        """Until the worker finds nothing due (tests and graceful shutdown use it)."""
        await self._idle.wait()
