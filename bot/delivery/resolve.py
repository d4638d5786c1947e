"""Message links, both ways: an item's references found at send time, its pair recorded after.

An item names its topic and the messages it answers or edits by what they are (the client's
topic, the twin of message N); here they become ids, read in the same transaction that marks
the item 'sending'. Once sent, a relayed message's pair (client message <-> group message) is
recorded, so replies and edits find their way both ways.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.delivery.items import (
    ClearButtons,
    ClientChat,
    ClientTopic,
    CloseTopic,
    Content,
    Copy,
    EditCard,
    EditTwin,
    File,
    GroupThread,
    Item,
    Recipient,
    RenameTopic,
    Report,
    Text,
    to_client,
)
from bot.delivery.ports import Delivery, Op
from bot.i18n import Translator
from domain import Channel, Client
from storage import clients, deals, links, reports, topics
from storage.db import Tx
from storage.outbox import OutboxItem


class Resolver:
    def __init__(self, translate: Translator, home: int) -> None:
        self._t = translate
        self._lang = translate.default_language
        self.home = home  # the home manager group (MANAGER_CHAT_ID)

    def t(self, key: str, **args: object) -> str:
        """A text in the managers' language."""
        return self._t(self._lang, key, **args)

    async def client(self, tx: Tx, row: OutboxItem, item: Item) -> Client | None:
        """The item's client; for an item to a manager group, as that group sees them (its
        topic, its card)."""
        client = await clients.get(tx, row.client_id) if row.client_id else None
        if client is None or to_client(item):
            return client
        return await topics.view(tx, client, department(row, self.home))

    async def delivery(self, tx: Tx, row: OutboxItem, item: Item) -> Delivery | None:
        """The item as one call, every reference found now; None: nothing left to do (an edit
        of a message that never reached the other side)."""
        client = await self.client(tx, row, item)
        chat, about = row.recipient, row.client_id
        match item:
            case Text() | Report():
                return await self._text(tx, row, item, client)
            case Copy() | Content():
                return await _relayed(tx, row, item, client, self.home)
            case File():
                return Delivery(
                    item.op,
                    chat,
                    text=item.caption,
                    thread_id=item.to.thread_id if isinstance(item.to, GroupThread) else None,
                    reply_to_message_id=item.reply_to,
                    client_id=about,
                    file=item.content,
                    filename=item.filename,
                )
            case RenameTopic():
                return Delivery(
                    Op.RENAME_TOPIC,
                    chat,
                    text=item.title,
                    client_id=about,
                    thread_id=client.topic_id if client else None,
                )
            case CloseTopic():
                return Delivery(
                    Op.REOPEN_TOPIC if item.reopen else Op.CLOSE_TOPIC,
                    chat,
                    client_id=about,
                    thread_id=client.topic_id if client else None,
                )
            case EditTwin() | EditCard():
                return await _edit(tx, row, item, client, self.home)
            case ClearButtons():
                return Delivery(Op.CLEAR_BUTTONS, chat, message_id=item.message_id, client_id=about)
        raise TypeError(f"not a single-call item: {type(item).__name__}")

    async def _text(
        self, tx: Tx, row: OutboxItem, item: Text | Report, client: Client | None
    ) -> Delivery:
        if isinstance(item, Report):  # a report's card, after its photos
            return Delivery(
                Op.TEXT,
                row.recipient,
                text=item.text,
                buttons=item.buttons,
                client_id=row.client_id,
            )
        text = item.text
        thread = _thread(item.to, client)
        if isinstance(item.to, ClientTopic) and thread is None and client is not None and text:
            # No topic (the client never wrote anything to relay, say blocked the bot at
            # /start): the note goes to General, saying whom it is about.
            who = client.name or (f"@{client.username}" if client.username else client.external_id)
            text = f"{self._t(self._lang, 'general-about-client', name=escape(who))}\n{text}"
        return Delivery(
            Op.TEXT,
            row.recipient,
            text=text,
            buttons=item.buttons,
            thread_id=thread,
            reply_to_message_id=item.reply_to,
            client_id=row.client_id,
            automatic=item.automatic,
            follow_on=item.follow_on,
            short=item.short,
        )


def department(row: OutboxItem, home: int) -> int | None:
    """The manager group an item for a group goes to, as stored beside a client (None: home)."""
    chat = int(row.recipient)
    return None if chat == home else chat


def _source(item: Copy | Content, home: int) -> int | None:
    """The manager group an item to the client was written in (None: the home group)."""
    chat = item.from_chat_id if isinstance(item, Copy) else item.from_chat
    return None if chat is None or int(chat) == home else int(chat)


async def record(
    tx: Tx, row: OutboxItem, item: Item, message_id: int | None, now: datetime, home: int
) -> None:
    """What a sent item leaves behind: a relayed message's pair, the card's id, a report sent."""
    if message_id is None or row.client_id is None:
        return
    if isinstance(item, Copy | Content) and item.twin_of:
        channel = await _client_side(tx, row, item)
        if isinstance(item.to, ClientTopic):
            group = department(row, home)
            await links.add(tx, row.client_id, channel, item.twin_of, message_id, "in", now, group)
        else:
            group = _source(item, home)
            await links.add(tx, row.client_id, channel, message_id, item.twin_of, "out", now, group)
    if isinstance(item, Text) and item.card:
        group = department(row, home)
        if group is None:
            await clients.set_card(tx, row.client_id, message_id)
        else:
            await topics.set_card(tx, row.client_id, group, message_id)
    if isinstance(item, Report):
        await reports.mark_sent(tx, item.report_id, now)


async def _client_side(tx: Tx, row: OutboxItem, item: Copy | Content | EditTwin) -> str:
    """The channel of the client's message in a pair: the one the item goes out on, or for an
    item to the topic the one it came from (a copy: Telegram; carried content names it)."""
    if not isinstance(item.to, ClientTopic):
        return row.channel
    if isinstance(item, Content) and item.channel:
        return item.channel
    if isinstance(item, Content) and row.client_id is not None:  # queued before it was named
        client = await clients.get(tx, row.client_id)
        return str(client.channel) if client else str(Channel.TELEGRAM)
    return str(Channel.TELEGRAM)


async def _relayed(
    tx: Tx, row: OutboxItem, item: Copy | Content, client: Client | None, home: int
) -> Delivery:
    """A message relayed from the other side: copied (Telegram) or its content carried."""
    chat = row.recipient
    reply_to = await _twin(tx, row, item, client, item.reply_to_twin, home)
    thread = _thread(item.to, client)
    about = client.id if client else None
    if isinstance(item, Copy):
        return Delivery(
            Op.COPY,
            chat,
            thread_id=thread,
            client_id=about,
            from_chat_id=item.from_chat_id,
            message_id=item.message_id,
            reply_to_message_id=reply_to,
            text=item.caption,
        )
    return Delivery(
        Op.SEND,
        chat,
        text=item.text,
        media=item.media,
        client_id=about,
        thread_id=thread,
        reply_to_message_id=reply_to,
    )


def _thread(to: Recipient, client: Client | None) -> int | None:
    if isinstance(to, ClientTopic):
        return client.topic_id if client else None
    if isinstance(to, ClientChat):
        return None
    return to.thread_id


async def _twin(
    tx: Tx, row: OutboxItem, item: Copy | Content | EditTwin, client: Client | None,
    message_id: int | None, home: int,
) -> int | None:
    """The twin, on the side `item.to`, of message `message_id` of the other side (in a
    manager group: the twin in the group the item goes to; in the client's chat: only a twin
    on the channel the item goes out on)."""
    if not message_id or client is None:
        return None
    channel = await _client_side(tx, row, item)
    if isinstance(item.to, ClientTopic):
        group = department(row, home)
        return await links.group_message_for(tx, client.id, channel, message_id, group)
    pair = await links.client_message_for(tx, message_id, client.id)
    return pair[2] if pair and pair[1] == channel else None


async def _edit(
    tx: Tx, row: OutboxItem, item: EditTwin | EditCard, client: Client | None, home: int
) -> Delivery | None:
    chat = row.recipient
    if isinstance(item, EditCard):
        own = await deals.card_of(tx, item.request_id) if item.request_id else None
        target = own or (client.card_message_id if client else None)
        op, html = Op.EDIT_TEXT, True
    else:
        target = await _twin(tx, row, item, client, item.twin_of, home)
        op, html = (Op.EDIT_CAPTION if item.caption else Op.EDIT_TEXT), False
    if target is None:
        return None  # the original never reached the other side: nothing to edit
    return Delivery(
        op,
        chat,
        text=item.text,
        message_id=target,
        html=html,
        client_id=client.id if client else None,
    )
