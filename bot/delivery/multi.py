"""Items that make several calls: the client's topic (create, post the card, pin it) and an
inspection report (its photos as an album, then its card).

Each step that leaves something behind is recorded as soon as it is done, so an item tried
again (after a flood limit, a restart) skips what already happened.
"""

from __future__ import annotations

from bot.clock import Clock
from bot.delivery.items import OpenTopic, Report
from bot.delivery.ports import Delivery, Op
from bot.delivery.queue import Outbox
from bot.delivery.resolve import Resolver, department
from bot.delivery.sending import Sender
from domain import Channel
from domain.groups import topic_link
from storage import clients, reports, topics
from storage.db import Database
from storage.outbox import OutboxItem


class MultiCall:
    def __init__(
        self, db: Database, sender: Sender, resolver: Resolver, outbox: Outbox, clock: Clock
    ) -> None:
        self._db = db
        self._sender = sender
        self._resolver = resolver
        self._outbox = outbox
        self._clock = clock

    async def perform(self, row: OutboxItem, item: OpenTopic | Report) -> int | None:
        if isinstance(item, OpenTopic):
            return await self.open_topic(row, item)
        return await self.report(row, item)

    async def open_topic(self, row: OutboxItem, item: OpenTopic) -> int | None:
        """Create the topic in its group, then post and pin the card; each step is skipped
        once done. A client with a topic in another group too: the card links it, and that
        topic is told of this one."""
        group = department(row, self._resolver.home)
        async with self._db.read() as tx:
            client = await self._resolver.client(tx, row, item)
            others = await topics.elsewhere(tx, client.id, group) if client else []
        if client is None:
            return None
        topic_id = client.topic_id
        if topic_id is None:
            create = Delivery(Op.CREATE_TOPIC, row.recipient, text=item.title)
            topic_id = await self._sender.send("telegram", create)
            assert topic_id is not None
            async with self._db.transaction() as tx:
                if group is None:
                    await clients.set_topic(tx, client.id, topic_id)
                else:
                    await topics.set_topic(tx, client.id, group, topic_id, self._clock.now())
        card_id = client.card_message_id
        if card_id is None:
            text = "\n".join((item.card_text, *(self._also(g, t) for g, t in others)))
            card = Delivery(Op.TEXT, row.recipient, text=text, thread_id=topic_id)
            card_id = await self._sender.send("telegram", card)
            if card_id is not None:
                async with self._db.transaction() as tx:
                    if group is None:
                        await clients.set_card(tx, client.id, card_id)
                    else:
                        await topics.set_card(tx, client.id, group, card_id)
                    for other, thread in others:  # their card links here from now on
                        chat = other or self._resolver.home
                        await self._outbox.to_group(
                            tx, self._also(group, topic_id), thread, about=client, group=chat
                        )
        if card_id is not None:
            # Pinning again (a retry after the group's minute, a restart) changes nothing.
            await self._sender.pin(row.recipient, card_id, wait_if_paced=True)
        return topic_id

    def _also(self, group: int | None, topic_id: int) -> str:
        """'This client also has a topic in <group>: <link>'."""
        chat = group or self._resolver.home
        name = self._outbox.groups.name(chat) or self._resolver.t("group-home")
        return self._resolver.t("topic-elsewhere", group=name, link=topic_link(chat, topic_id))

    async def report(self, row: OutboxItem, item: Report) -> int | None:
        """The photos (copied from the group as one album, or sent as files), then the card."""
        async with self._db.read() as tx:
            media = await reports.media(tx, item.report_id)
            files = await reports.media_files(tx, item.report_id)
        if media and row.channel == Channel.TELEGRAM:
            album = Delivery(
                Op.COPY_MANY,
                row.recipient,
                from_chat_id=item.from_chat or str(self._resolver.home),
                message_ids=tuple(media),
            )
            await self._sender.send(row.channel, album)
        elif files:
            album = Delivery(Op.SEND, row.recipient, media=tuple(files), client_id=row.client_id)
            await self._sender.send(row.channel, album)
        async with self._db.read() as tx:
            card = await self._resolver.delivery(tx, row, item)
        return await self._sender.send(row.channel, card) if card else None
