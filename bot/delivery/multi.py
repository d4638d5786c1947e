"""Items that make several calls: the client's topic (create, post the card, pin it) and an
inspection report (its photos as an album, then its card).

Each step that leaves something behind is recorded as soon as it is done, so an item tried
again (after a flood limit, a restart) skips what already happened.
"""

from __future__ import annotations

from bot.delivery.items import OpenTopic, Report
from bot.delivery.ports import Delivery, Op
from bot.delivery.resolve import Resolver
from bot.delivery.sending import Sender
from domain import Channel
from storage import clients, reports
from storage.db import Database
from storage.outbox import OutboxItem


class MultiCall:
    def __init__(self, db: Database, sender: Sender, resolver: Resolver, group: str) -> None:
        self._db = db
        self._sender = sender
        self._resolver = resolver
        self._group = group

    async def perform(self, row: OutboxItem, item: OpenTopic | Report) -> int | None:
        if isinstance(item, OpenTopic):
            return await self.open_topic(row, item)
        return await self.report(row, item)

    async def open_topic(self, row: OutboxItem, item: OpenTopic) -> int | None:
        """Create the topic, then post and pin the card; each step is skipped once done."""
        async with self._db.read() as tx:
            client = await clients.get(tx, row.client_id) if row.client_id else None
        if client is None:
            return None
        topic_id = client.topic_id
        if topic_id is None:
            create = Delivery(Op.CREATE_TOPIC, self._group, text=item.title)
            topic_id = await self._sender.send("telegram", create)
            assert topic_id is not None
            async with self._db.transaction() as tx:
                await clients.set_topic(tx, client.id, topic_id)
        card_id = client.card_message_id
        if card_id is None:
            card = Delivery(Op.TEXT, self._group, text=item.card_text, thread_id=topic_id)
            card_id = await self._sender.send("telegram", card)
            if card_id is not None:
                async with self._db.transaction() as tx:
                    await clients.set_card(tx, client.id, card_id)
        if card_id is not None:
            # Pinning again (a retry after the group's minute, a restart) changes nothing.
            await self._sender.pin(card_id, wait_if_paced=True)
        return topic_id

    async def report(self, row: OutboxItem, item: Report) -> int | None:
        """The photos (copied from the group as one album, or sent as files), then the card."""
        async with self._db.read() as tx:
            media = await reports.media(tx, item.report_id)
            files = await reports.media_files(tx, item.report_id)
        if media and row.channel == Channel.TELEGRAM:
            album = Delivery(
                Op.COPY_MANY, row.recipient, from_chat_id=self._group, message_ids=tuple(media)
            )
            await self._sender.send(row.channel, album)
        elif files:
            album = Delivery(Op.SEND, row.recipient, media=tuple(files), client_id=row.client_id)
            await self._sender.send(row.channel, album)
        async with self._db.read() as tx:
            card = await self._resolver.delivery(tx, row, item)
        return await self._sender.send(row.channel, card) if card else None
