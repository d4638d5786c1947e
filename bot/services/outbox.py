"""The one way out: every message is queued in the database, then sent by the worker.

Queue-time references (the client's topic, "reply to the twin of message N") are resolved at
send time, so a message queued before its topic or its twin exists still lands in order.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import random
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from bot.clock import Clock
from html import escape

from domain import Button, Channel, Client, Inbound, Media, Reply
from bot.i18n import Translator
from bot.services.pacing import Pacer
from bot.services.ports import ChannelPort, Delivery, DeliveryError, FailureKind, Op
from storage import clients, links, reports
from storage import outbox as queue
from storage.db import Database, Tx
from storage.outbox import OutboxItem

log = logging.getLogger(__name__)

TOPIC = "topic"  # payload marker: the client's own topic, whatever its id turns out to be
MAX_BACKOFF = 300.0
MAX_PACED_SLEEP = 1.0  # seconds the worker may wait in place for a flood limit


def _media(items: tuple[Media, ...]) -> list[dict[str, str]]:
    return [asdict(item) for item in items]


def _buttons(rows: tuple[tuple[Button, ...], ...]) -> list[list[dict[str, str]]]:
    return [[asdict(button) for button in row] for row in rows]


class Paced(DeliveryError):
    """A call that would break a flood limit for longer than the worker waits in place."""

    def __init__(self, wait: float) -> None:
        super().__init__(FailureKind.TRANSIENT, "flood limit", retry_after=wait)


class Outbox:
    """Queues messages inside the caller's transaction and wakes the worker."""

    def __init__(self, clock: Clock, manager_chat_id: int) -> None:
        self._clock = clock
        self._group = str(manager_chat_id)
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()

    async def _put(
        self,
        tx: Tx,
        recipient: str,
        kind: str,
        payload: dict[str, Any],
        client: Client | None,
        dedup_key: str | None = None,
        delay: timedelta | None = None,
    ) -> bool:
        queued = await queue.enqueue(
            tx,
            channel=client.channel if client and recipient != self._group else "telegram",
            recipient=recipient,
            kind=kind,
            payload=payload,
            client_id=client.id if client else None,
            now=self._clock.now(),
            dedup_key=dedup_key,
            not_before=self._clock.now() + delay if delay else None,
        )
        self.wake()
        return queued

    async def to_client(
        self, tx: Tx, client: Client, reply: Reply, *, automatic: str | None = None,
        follow_on: bool = False,
    ) -> None:
        """A message to the client. `automatic` names the kind of a message the bot sends on
        its own (survey, birthday, deal news...): a channel with a messaging window (WhatsApp)
        sends those as templates, or holds them; `follow_on` marks the rest of such a message."""
        payload: dict[str, Any] = {"text": reply.text, "buttons": _buttons(reply.buttons)}
        if automatic:
            payload["auto"] = automatic
            payload["follow_on"] = follow_on
        await self._put(tx, client.chat_id, Op.TEXT, payload, client)

    async def copy_to_client(
        self,
        tx: Tx,
        client: Client,
        group_message_id: int,
        reply_to_group: int | None,
        text: str | None = None,
        media: tuple[Media, ...] = (),
    ) -> None:
        """A manager's message from the topic, as the client's chat shows it. A Telegram chat
        gets a copy; other channels get the content itself (text, file ids), since no API can
        copy a Telegram message to them."""
        payload: dict[str, Any] = {"reply_to_group": reply_to_group, "link_out": group_message_id}
        if client.channel is Channel.TELEGRAM:
            payload |= {"from_chat_id": self._group, "message_id": group_message_id}
            await self._put(tx, client.chat_id, Op.COPY, payload, client)
            return
        payload |= {"text": text, "media": _media(media)}
        await self._put(tx, client.chat_id, Op.SEND, payload, client)

    async def relay_to_topic(self, tx: Tx, client: Client, inbound: Inbound) -> None:
        """What the client sent, in their topic: a copy from Telegram, else its content."""
        assert inbound.message_id is not None
        if client.channel is Channel.TELEGRAM:
            await self.copy_to_topic(tx, client, inbound.message_id, inbound.reply_to)
            return
        payload = {
            "text": escape(inbound.text) if inbound.text else None,
            "media": _media(inbound.media),
            "thread": TOPIC,
            "reply_to_client": inbound.reply_to,
            "link_in": inbound.message_id,
        }
        await self._put(tx, self._group, Op.SEND, payload, client)

    async def resume(self, tx: Tx, client: Client) -> int:
        """The client wrote: what waited for them (behind a template) may go now."""
        resumed = await queue.resume_recipient(tx, client.chat_id, self._clock.now())
        self.wake()
        return resumed

    async def copy_to_topic(
        self, tx: Tx, client: Client, client_message_id: int, reply_to_client: int | None
    ) -> None:
        payload = {
            "from_chat_id": client.chat_id,
            "message_id": client_message_id,
            "thread": TOPIC,
            "reply_to_client": reply_to_client,
            "link_in": client_message_id,
        }
        await self._put(tx, self._group, Op.COPY, payload, client)

    async def to_topic(
        self,
        tx: Tx,
        client: Client,
        text: str,
        *,
        reply_to_group: int | None = None,
        card: bool = False,
    ) -> None:
        payload = {"text": text, "thread": TOPIC, "reply_to": reply_to_group, "card": card}
        await self._put(tx, self._group, Op.TEXT, payload, client)

    async def to_group(
        self,
        tx: Tx,
        text: str,
        thread_id: int | None,
        reply_to: int | None = None,
        buttons: tuple[tuple[Button, ...], ...] = (),
    ) -> None:
        payload = {"text": text, "thread": thread_id, "reply_to": reply_to, "buttons": _buttons(buttons)}
        await self._put(tx, self._group, Op.TEXT, payload, None)

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
        payload = {
            "file": base64.b64encode(content).decode("ascii"),
            "filename": filename,
            "text": caption,
            "thread": thread_id,
            "reply_to": reply_to,
        }
        await self._put(tx, self._group, op, payload, None)

    async def open_topic(self, tx: Tx, client: Client, title: str, card_text: str) -> bool:
        """Queue the client's topic with its pinned card, once per client."""
        payload = {"title": title, "card_text": card_text}
        return await self._put(
            tx, self._group, "open_topic", payload, client, dedup_key=f"topic:{client.id}"
        )

    async def rename_topic(self, tx: Tx, client: Client, title: str) -> None:
        payload = {"text": title, "thread": TOPIC}
        await self._put(tx, self._group, Op.RENAME_TOPIC, payload, client)

    async def edit_in_topic(
        self, tx: Tx, client: Client, client_message_id: int, text: str, caption: bool
    ) -> None:
        op = Op.EDIT_CAPTION if caption else Op.EDIT_TEXT
        payload = {"text": text, "client_message_id": client_message_id}
        await self._put(tx, self._group, op, payload, client)

    async def edit_for_client(
        self, tx: Tx, client: Client, group_message_id: int, text: str, caption: bool
    ) -> None:
        op = Op.EDIT_CAPTION if caption else Op.EDIT_TEXT
        payload = {"text": text, "group_message_id": group_message_id}
        await self._put(tx, client.chat_id, op, payload, client)

    async def refresh_card(self, tx: Tx, client: Client, text: str) -> None:
        """Edit the pinned request card in place (stage, flags, dates)."""
        payload = {"text": text, "card_message": True, "html": True}
        await self._put(tx, self._group, Op.EDIT_TEXT, payload, client)

    async def report_bundle(
        self, tx: Tx, client: Client, report_id: int, card: Reply, delay: timedelta
    ) -> None:
        """The report's photos, then its card: sent after `delay`, so photos can gather."""
        payload = {"report_id": report_id, "text": card.text, "buttons": _buttons(card.buttons)}
        await self._put(tx, client.chat_id, "report", payload, client, delay=delay)

    async def clear_buttons(self, tx: Tx, client: Client, message_id: int) -> None:
        payload = {"message_id": message_id}
        await self._put(tx, client.chat_id, Op.CLEAR_BUTTONS, payload, client)

    def wake(self) -> None:
        self._idle.clear()
        self._wake.set()

    async def wait_idle(self) -> None:
        """Until the worker finds nothing due (tests and graceful shutdown use it)."""
        await self._idle.wait()


class OutboxWorker:
    """Sends due items one at a time, in order per chat, marking before and after each send.

    An item marked 'sending' when the process dies is sent again on restart: delivery is
    at-least-once, and at most one message (the one in flight) can be repeated.
    """

    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        channels: dict[str, ChannelPort],
        clock: Clock,
        translate: Translator,
        manager_chat_id: int,
        pacers: dict[str, Pacer] | None = None,
        batch: int = 50,
    ) -> None:
        self.pacers = pacers or {}
        self._stopping = False  # by channel; tests may swap one for a paced fake clock
        self._db = db
        self._outbox = outbox
        self._channels = channels  # by outbox item channel: "telegram", later "whatsapp"
        self._clock = clock
        self._t = translate
        self._lang = translate.default_language
        self._group = str(manager_chat_id)
        self._batch = batch
        self._done: tuple[OutboxItem, int | None] | None = None  # sent, its mark not committed

    async def run(self) -> None:
        async with self._db.transaction() as tx:
            released = await queue.release_in_doubt(tx)
        if released:
            log.warning("outbox: %d message(s) in doubt after a restart will be sent again", released)
        while not self._stopping:
            self._outbox._wake.clear()  # noqa: SLF001 - the pair is one mechanism
            now = self._clock.now()
            async with self._db.read() as tx:
                delivered = self._done[0].id if self._done else None
                items, held = await self._look(tx, now, delivered)
            # Chats at their flood limit wait (held); the others go now, so one slow group
            # never holds back every client. The bot's own limit can still make them wait.
            waits = [self._pace_wait(item) for item in items]
            ready = [item for item, wait in zip(items, waits, strict=True) if wait == 0]
            if ready:
                await self._deliver_all(ready)
                continue
            if self._done is not None:  # the last one sent is marked before any pause
                await self._settle_done()
                continue  # what waited behind it may be due now
            if not items and not held:
                self._outbox._idle.set()  # noqa: SLF001
            # What falls due later (a retry, a delayed report) must not wait for a chat paced
            # for a minute, nor for the idle poll.
            async with self._db.read() as tx:
                next_at = await queue.next_due_at(tx, after=now)
            until_next = 1.0
            if next_at is not None:
                until_next = min(until_next, max(0.0, (next_at - self._clock.now()).total_seconds()))
            await self._sleep(min([*waits, *held, until_next]))
        await self._settle_done()  # a clean stop leaves nothing in doubt

    def stop(self) -> None:
        """Finish the message in flight, then stop: a clean stop leaves nothing in doubt."""
        self._stopping = True
        self._outbox.wake()

    async def _sleep(self, seconds: float) -> None:
        """Until `seconds` pass or something new is queued."""
        try:
            async with asyncio.timeout(seconds):  # unlike wait_for, no task per wait
                await self._outbox._wake.wait()  # noqa: SLF001
        except TimeoutError:
            pass

    async def _look(
        self, tx: Tx, now: datetime, delivered: int | None
    ) -> tuple[list[OutboxItem], list[float]]:
        """Due items, leaving out chats at their own flood limit, and how long each chat left
        out still waits. A look that meets such a chat looks again past it, so a backlog
        waiting for the group's minute never fills the batch while a client's message waits
        behind it."""
        held: dict[str, float] = {}
        while True:
            items = await queue.due(tx, now, self._batch, delivered, skip=held.keys())
            paced = {
                item.recipient: wait for item in items
                if (wait := self._pace_wait(item, own_only=True)) > 0
            }
            if not paced:
                return items, list(held.values())
            held |= paced

    def _pace_wait(self, item: OutboxItem, own_only: bool = False) -> float:
        pacer = self.pacers.get(item.channel)
        return pacer.wait(item.recipient, own_only) if pacer else 0.0

    async def _send(self, channel: str, delivery: Delivery) -> int | None:
        """Every call to a platform goes through here, within its flood limits."""
        pacer = self.pacers.get(channel)
        if pacer is None:
            return await self._channels[channel].send(delivery)
        wait = pacer.wait(delivery.chat_id)
        if wait > MAX_PACED_SLEEP:
            # A later call of an item that makes several (topic, card, pin) meets the group's
            # minute: the item waits its turn in the queue instead of holding every chat here.
            raise Paced(wait)
        if wait:
            await asyncio.sleep(wait)  # a full bot window, or a chat's second
        try:
            return await self._channels[channel].send(delivery)
        finally:
            # Counted when the answer came: the platform saw the call no later than that,
            # so the next one can't reach it inside the window however the network jitters.
            pacer.sent(delivery.chat_id)

    async def _deliver_all(self, items: list[OutboxItem]) -> None:
        """Send items one at a time, marking each 'sending' before its call and 'sent' after.

        The mark of one item's success shares a commit with the next item's 'sending' mark and
        the reads that resolve it (across batches too: the last one is marked on its own only
        before the worker pauses or stops): one commit per message, and still at most one
        message in doubt (sent, not yet marked) at any moment.

        Several items of one chat go in a row while its flood limit allows; once a chat must
        wait, or one of its items fails, the rest of that chat waits for the next look at the
        queue, so nothing overtakes an earlier message and no chat holds the others here.
        """
        went: set[str] = set()
        held: set[str] = set()
        for item in items:
            if self._stopping:
                break
            if item.recipient in held:
                continue
            if item.recipient in went and self._pace_wait(item) > 0:
                held.add(item.recipient)
                continue
            went.add(item.recipient)
            settling = self._done
            async with self._db.transaction() as tx:
                if settling is not None:
                    await self._settle(tx, *settling)
                await queue.mark_sending(tx, item.id)
                simple = item.kind not in ("open_topic", "report")
                delivery = await self._resolve_in(tx, item) if simple else None
            self._done = None  # committed
            try:
                if simple:
                    message_id = await self._send_resolved(item, delivery)
                else:
                    message_id = await self._perform(item)
            except DeliveryError as error:
                held.add(item.recipient)
                await self._failed(item, error)
                continue
            except Exception as error:  # a bug must not stop every other chat's messages
                log.exception("outbox item %s (%s) failed unexpectedly", item.id, item.kind)
                held.add(item.recipient)
                await self._failed(item, DeliveryError(FailureKind.PERMANENT, type(error).__name__))
                continue
            self._done = (item, message_id)

    async def _settle_done(self) -> None:
        if self._done is not None:
            async with self._db.transaction() as tx:
                await self._settle(tx, *self._done)
            self._done = None

    async def _settle(self, tx: Tx, item: OutboxItem, message_id: int | None) -> None:
        await queue.mark_sent(tx, item.id, self._clock.now(), message_id)
        await self._record_pair(tx, item, message_id)

    async def _perform(self, item: OutboxItem) -> int | None:
        if item.kind == "open_topic":
            return await self._open_topic(item)
        return await self._report(item)

    async def _send_resolved(self, item: OutboxItem, delivery: Delivery | None) -> int | None:
        if delivery is None:
            return None  # nothing left to do (an edit of a message that never arrived)
        message_id = await self._send(item.channel, delivery)
        if item.payload.get("card") and message_id is not None:
            await self._pin(message_id)
        return message_id

    async def _resolve(self, item: OutboxItem) -> Delivery | None:
        async with self._db.read() as tx:
            return await self._resolve_in(tx, item)

    async def _resolve_in(self, tx: Tx, item: OutboxItem) -> Delivery | None:
        """The item as a call: its topic, the message it replies to or edits, found now."""
        p = item.payload
        client = await clients.get(tx, item.client_id) if item.client_id else None
        thread = p.get("thread")
        text = p.get("text")
        if thread == TOPIC:
            thread = client.topic_id if client else None
            if thread is None and client is not None and text and item.kind == Op.TEXT:
                # No topic (the client never wrote anything to relay, say blocked the bot at
                # /start): the note goes to General, saying whom it is about.
                who = client.name or (f"@{client.username}" if client.username else client.external_id)
                text = f"{self._t(self._lang, 'general-about-client', name=escape(who))}\n{text}"
        reply_to = p.get("reply_to")
        if p.get("reply_to_client") and client:
            reply_to = await links.group_message_for(tx, client.id, p["reply_to_client"])
        if p.get("reply_to_group"):
            pair = await links.client_message_for(tx, p["reply_to_group"])
            reply_to = pair[1] if pair else None
        target = p.get("message_id")
        if "client_message_id" in p and client:  # an edit of a relayed client message
            target = await links.group_message_for(tx, client.id, p["client_message_id"])
        if p.get("card_message") and client:
            target = client.card_message_id
        if "group_message_id" in p:  # an edit of a relayed manager message
            pair = await links.client_message_for(tx, p["group_message_id"])
            target = pair[1] if pair else None
        if item.kind in (Op.EDIT_TEXT, Op.EDIT_CAPTION) and target is None:
            return None  # the original never reached the other side: nothing to edit
        buttons = tuple(
            tuple(Button(**button) for button in row) for row in p.get("buttons", [])
        )
        return Delivery(
            media=tuple(Media(**media) for media in p.get("media", [])),
            client_id=item.client_id,
            automatic=p.get("auto"),
            follow_on=bool(p.get("follow_on")),
            op=Op.TEXT if item.kind == "report" else Op(item.kind),
            chat_id=item.recipient,
            text=text,
            buttons=buttons,
            thread_id=thread,
            from_chat_id=p.get("from_chat_id"),
            message_id=target,
            reply_to_message_id=reply_to,
            html=bool(p.get("html")),
            file=base64.b64decode(p["file"]) if "file" in p else None,
            filename=p.get("filename"),
        )

    async def _open_topic(self, item: OutboxItem) -> int | None:
        """Create the topic, then post and pin the card; each step is skipped once done."""
        async with self._db.read() as tx:
            client = await clients.get(tx, item.client_id) if item.client_id else None
        if client is None:
            return None
        topic_id = client.topic_id
        if topic_id is None:
            create = Delivery(Op.CREATE_TOPIC, self._group, text=item.payload["title"])
            topic_id = await self._send("telegram", create)
            assert topic_id is not None
            async with self._db.transaction() as tx:
                await clients.set_topic(tx, client.id, topic_id)
        card_id = client.card_message_id
        if card_id is None:
            card = Delivery(Op.TEXT, self._group, text=item.payload["card_text"], thread_id=topic_id)
            card_id = await self._send("telegram", card)
            if card_id is not None:
                async with self._db.transaction() as tx:
                    await clients.set_card(tx, client.id, card_id)
        if card_id is not None:
            # Pinning again (a retry after the group's minute, a restart) changes nothing.
            await self._pin(card_id, wait_if_paced=True)
        return topic_id

    async def _report(self, item: OutboxItem) -> int | None:
        async with self._db.read() as tx:
            media = await reports.media(tx, item.payload["report_id"])
            files = await reports.media_files(tx, item.payload["report_id"])
        if media and item.channel == Channel.TELEGRAM:
            await self._send(
                item.channel,
                Delivery(Op.COPY_MANY, item.recipient, from_chat_id=self._group, message_ids=tuple(media))
            )
        elif files:
            await self._send(
                item.channel,
                Delivery(Op.SEND, item.recipient, media=tuple(files), client_id=item.client_id)
            )
        card = await self._resolve(item)
        return await self._send(item.channel, card) if card else None

    async def _pin(self, message_id: int, wait_if_paced: bool = False) -> None:
        try:
            await self._send("telegram", Delivery(Op.PIN, self._group, message_id=message_id))
        except Paced:
            if wait_if_paced:
                raise  # the item comes back when the group's minute frees
            log.warning("the request card was not pinned: the group's flood limit")
        except DeliveryError as error:  # an unpinned card is still a card
            log.warning("could not pin the request card: %s", error.reason)

    async def _record_pair(self, tx: Tx, item: OutboxItem, message_id: int | None) -> None:
        p = item.payload
        if message_id is None or item.client_id is None:
            return
        now = self._clock.now()
        if p.get("link_in"):
            await links.add(tx, item.client_id, p["link_in"], message_id, "in", now)
        if p.get("link_out"):
            await links.add(tx, item.client_id, message_id, p["link_out"], "out", now)
        if p.get("card"):
            await clients.set_card(tx, item.client_id, message_id)
        if p.get("report_id"):
            await reports.mark_sent(tx, p["report_id"], now)

    async def _failed(self, item: OutboxItem, error: DeliveryError) -> None:
        now = self._clock.now()
        if error.kind is FailureKind.TRANSIENT:
            delay = error.retry_after
            if delay is None:
                failures = item.attempts + 1  # `item` was read before this attempt was counted
                delay = min(MAX_BACKOFF, 2.0**failures) * random.uniform(0.8, 1.2)
            async with self._db.transaction() as tx:
                await queue.retry_later(tx, item.id, now + timedelta(seconds=delay), error.reason)
            return
        if error.kind is FailureKind.HELD:
            await self._held(item, error)
            return
        log.warning("outbox item %s not delivered: %s", item.id, error.reason)
        async with self._db.transaction() as tx:
            await queue.mark_failed(tx, item.id, error.reason)
            await queue.drop_attachment(tx, item.id)
            client = await clients.get(tx, item.client_id) if item.client_id else None
            if client is None or item.recipient != client.chat_id:
                return
            if error.kind is FailureKind.BLOCKED and await clients.set_unreachable(tx, client.id, now):
                await self._outbox.to_topic(tx, client, self._t(self._lang, "topic-client-blocked"))
            if item.payload.get("link_out"):  # a manager's message: say it did not arrive
                why = "topic-not-delivered-blocked" if error.kind is FailureKind.BLOCKED else "topic-not-delivered"
                await self._outbox.to_topic(
                    tx, client, self._t(self._lang, why, reason=error.reason),
                    reply_to_group=item.payload["link_out"],
                )

    async def _held(self, item: OutboxItem, error: DeliveryError) -> None:
        """Not sent by the channel's rules: the topic hears what was held and why, at once."""
        log.info("outbox item %s held: %s", item.id, error.reason)
        auto = item.payload.get("auto")
        async with self._db.transaction() as tx:
            await queue.mark_failed(tx, item.id, f"held: {error.reason}")
            client = await clients.get(tx, item.client_id) if item.client_id else None
            if client is None or item.payload.get("follow_on"):
                return  # the first part of an automatic message already told the topic
            why = self._t(self._lang, f"held-reason-{error.reason}")  # the channel names a reason
            if auto:
                what = self._t(self._lang, f"held-kind-{auto}")
                text = self._t(self._lang, "topic-held-automatic", what=what, reason=why)
            else:
                excerpt = escape((item.payload.get("text") or "").strip()[:200])
                text = self._t(self._lang, "topic-held-message", reason=why, excerpt=excerpt)
            await self._outbox.to_topic(
                tx, client, text, reply_to_group=item.payload.get("link_out")
            )
