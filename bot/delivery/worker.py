"""The worker: sends due items one at a time, in order per chat, marking before and after each.

An item marked 'sending' when the process dies is sent again on restart: delivery is
at-least-once, and at most one message (the one in flight) can be repeated.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.delivery import codec
from bot.delivery.failures import Failures
from bot.delivery.fair import BATCH, FairQueue, copy_of_clients
from bot.delivery.items import MULTI_CALL, Item, Text
from bot.delivery.multi import MultiCall
from bot.delivery.notices import Notices
from bot.delivery.pacing import Pacer
from bot.delivery.ports import ChannelPort, Delivery, DeliveryError, FailureKind, Op
from bot.delivery.queue import Outbox
from bot.delivery.resolve import Resolver, record
from bot.delivery.sending import Sender
from bot.i18n import Translator
from bot.supervision import Health, reason
from domain.groups import Groups
from storage import outbox as queue
from storage.db import Database, Tx
from storage.outbox import OutboxItem
from storage.problems import unavailable

log = logging.getLogger(__name__)
WORKER = "outbox"
PACING_MEMORY = timedelta(minutes=1)  # the longest flood window (a group's minute)


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
        groups: Groups,
        pacers: dict[str, Pacer] | None = None,
        batch: int = 50,
        health: Health | None = None,
    ) -> None:
        self._sender = Sender(channels, pacers or {})
        self._fair = FairQueue()  # the manager groups' items, lane by lane (fair.py)
        self._batches: dict[int, list[OutboxItem]] = {}  # this look's runs to copy in one call
        self._groups = frozenset(str(chat) for chat in groups.chats())
        self.pacers = self._sender.pacers  # by channel; tests may swap one for a paced fake clock
        self._stopping = False
        self._db = db
        self._outbox = outbox
        self._clock = clock
        self._resolver = Resolver(translate, groups.home)
        self._multi = MultiCall(db, self._sender, self._resolver, outbox, clock)
        self._failures = Failures(db, clock, Notices(outbox, translate))
        self._batch = batch
        self.health = health or Health(clock)
        self._seeded = False
        # sent, its mark not committed yet
        self._done: tuple[OutboxItem, Item, int | None] | None = None

    async def run(self) -> None:
        """Rounds until stopped. A round that fails (the database locked by another program,
        the disk full) is logged once and tried again after a capped backoff: the worker
        never ends on an error, and /healthz says it is stalled meanwhile."""
        started = False
        while not self._stopping:
            try:
                if not started:
                    await self._begin()
                    started = True
                    continue  # a stop asked meanwhile is seen now, not after a round's idle wait
                await self._round()
            except Exception as error:  # noqa: BLE001 - supervised: logged by Health
                delay = self.health.failed(WORKER, error)
                started = False  # what a failed round left 'sending' goes again
                await self._sleep(delay)
                continue
            self.health.succeeded(WORKER)
        try:
            await self._settle_done()  # a clean stop leaves nothing in doubt
        except Exception as error:  # noqa: BLE001 - it stays in doubt: sent again on start
            log.warning("outbox: the last message's mark was not written: %s", reason(error))

    async def _begin(self) -> None:
        """Items left 'sending' (a crash, a failed round) go again; the flood windows resume
        from what went out in the last minute, so a restart is no excuse for a burst."""
        keep = self._done[0].id if self._done else None  # sent: only its mark is missing
        async with self._db.transaction() as tx:
            released = await queue.release_in_doubt(tx, keep)
        if released:
            log.warning(
                "outbox: %d message(s) in doubt after a restart will be sent again", released
            )
        if not self._seeded:
            now = self._clock.now()
            async with self._db.read() as tx:
                recent = await queue.sent_since(tx, now - PACING_MEMORY)
            self._sender.seed(recent, now)
            self._seeded = True

    async def _round(self) -> None:
        """One look at the queue: send what may go, or wait until something may."""
        self._outbox._wake.clear()  # Outbox and worker are one mechanism
        now = self._clock.now()
        async with self._db.read() as tx:
            delivered = self._done[0].id if self._done else None
            rows, held = await self._look(tx, now, delivered)
        # Chats at their flood limit wait (held); the others go now, so one slow group
        # never holds back every client. The bot's own limit can still make them wait.
        waits = [self._pace_wait(row) for row in rows]
        ready = [row for row, wait in zip(rows, waits, strict=True) if wait == 0]
        if ready:
            await self._deliver_all(ready)
            return
        if self._done is not None:  # the last one sent is marked before any pause
            await self._settle_done()
            return  # what waited behind it may be due now
        if not rows and not held:
            self._outbox._idle.set()
        # What falls due later (a retry, a delayed report) must not wait for a chat paced
        # for a minute, nor for the idle poll.
        async with self._db.read() as tx:
            next_at = await queue.next_due_at(tx, after=now)
        until_next = 1.0
        if next_at is not None:
            until_next = min(
                until_next, max(0.0, (next_at - self._clock.now()).total_seconds())
            )
        await self._sleep(min([*waits, *held, until_next]))

    def stop(self) -> None:
        """Finish the message in flight, then stop: a clean stop leaves nothing in doubt."""
        self._stopping = True
        self._outbox.wake()

    async def _sleep(self, seconds: float) -> None:
        """Until `seconds` pass or something new is queued."""
        try:
            async with asyncio.timeout(seconds):  # unlike wait_for, no task per wait
                await self._outbox._wake.wait()
        except TimeoutError:
            pass

    async def _look(
        self, tx: Tx, now: datetime, delivered: int | None
    ) -> tuple[list[OutboxItem], list[float]]:
        """Due items, leaving out chats at their own flood limit, and how long each chat left
        out still waits. A look that meets such a chat looks again past it, so a backlog
        waiting for the group's minute never fills the batch while a client's message waits
        behind it. A manager group's items are looked at lane by lane (fair.py)."""
        held: dict[str, float] = {}
        self._batches.clear()
        while True:
            rows = await queue.due(tx, now, self._batch, delivered, skip=held.keys() | self._groups)
            paced = {
                row.recipient: wait
                for row in rows
                if (wait := self._pace_wait(row, own_only=True)) > 0
            }
            if not paced:
                break
            held |= paced
        # The manager groups: each lane's first item, in the fair queue's order; a group's turn
        # among the other chats comes with its oldest item, as any chat's does.
        turns: list[tuple[int, list[OutboxItem]]] = [(row.id, [row]) for row in rows]
        for group in self._groups:
            heads = await queue.lane_heads(tx, group, now, delivered)
            if not heads:
                continue
            if (wait := self._pace_wait(heads[0], own_only=True)) > 0:
                held[group] = wait
                continue
            ordered = self._fair.order(heads)
            turns.append((heads[0].id, ordered))
            if self._sender.limited("telegram", group) and self._sender.copies_many("telegram"):
                for head in ordered:  # a client's messages waiting in a row: one call
                    if copy_of_clients(head) is None:
                        continue
                    run: list[OutboxItem] = []
                    for row in await queue.lane_after(tx, head, now, BATCH - 1):
                        if copy_of_clients(row) is None:
                            break
                        run.append(row)
                    if run:
                        self._batches[head.id] = run
        turns.sort(key=lambda turn: turn[0])
        return [row for _, chat_rows in turns for row in chat_rows], list(held.values())

    def _pace_wait(self, row: OutboxItem, own_only: bool = False) -> float:
        return self._sender.pace_wait(row.channel, row.recipient, own_only)

    async def _deliver_all(self, rows: list[OutboxItem]) -> None:
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
        for row in rows:
            if self._stopping:
                break
            if row.recipient in held:
                continue
            if row.recipient in went and self._pace_wait(row) > 0:
                held.add(row.recipient)
                continue
            went.add(row.recipient)
            run = self._batches.pop(row.id, None)
            if not await (self._deliver_run(row, run) if run else self._deliver(row)):
                held.add(row.recipient)
            elif row.recipient in self._groups:
                self._fair.served(row, self._clock.now())

    async def _deliver(self, row: OutboxItem) -> bool:
        """One item: marked 'sending' (with the last one's 'sent' mark), sent; False: failed."""
        try:
            item = codec.decode(row.kind, row.payload)
        except codec.UnknownItem as error:
            log.error("outbox item %s cannot be read: %s", row.id, error)
            await self._failures.failed(
                row, None, DeliveryError(FailureKind.PERMANENT, "unreadable")
            )
            return False
        settling = self._done
        async with self._db.transaction() as tx:
            if settling is not None:
                await self._settle(tx, *settling)
            taken = await queue.mark_sending(tx, row.id)
            multi = isinstance(item, MULTI_CALL)
            delivery = None if multi or not taken else await self._resolver.delivery(tx, row, item)
        self._done = None  # committed
        if not taken:
            return True  # no longer waiting (sent or taken meanwhile): not sent twice
        try:
            if isinstance(item, MULTI_CALL):
                message_id = await self._multi.perform(row, item)
            else:
                message_id = await self._send_one(row, item, delivery)
        except DeliveryError as error:
            await self._failures.failed(row, item, error)
            return False
        except Exception as error:  # a bug must not stop every other chat's messages
            if unavailable(error):
                raise  # the database, not the item: the round fails, the item goes again
            log.exception("outbox item %s (%s) failed unexpectedly", row.id, row.kind)
            await self._failures.failed(
                row, item, DeliveryError(FailureKind.PERMANENT, type(error).__name__)
            )
            return False
        self._done = (row, item, message_id)
        return True

    async def _deliver_run(self, head: OutboxItem, following: list[OutboxItem]) -> bool:
        """A client's messages waiting in a row, copied to their topic in one call; each copy
        is paired with its original. Marked 'sending' together and 'sent' together, so a crash
        between the two may repeat this one call's messages."""
        rows = [head, *following]
        copies = [copy for row in rows if (copy := copy_of_clients(row)) is not None]
        async with self._db.read() as tx:
            client = await self._resolver.client(tx, head, copies[0])
        if client is None or client.topic_id is None or len(copies) != len(rows):
            return await self._deliver(head)  # no topic yet: the one goes to General
        settling = self._done
        taken: list[OutboxItem] = []
        async with self._db.transaction() as tx:
            if settling is not None:
                await self._settle(tx, *settling)
            for row in rows:
                if not await queue.mark_sending(tx, row.id):
                    break
                taken.append(row)
        self._done = None  # committed
        if not taken:
            return True
        copies = copies[: len(taken)]
        delivery = Delivery(
            Op.COPY_MANY, head.recipient, thread_id=client.topic_id, client_id=client.id,
            from_chat_id=copies[0].from_chat_id, message_ids=tuple(c.message_id for c in copies),
        )
        try:
            ids = await self._sender.copy_many(head.channel, delivery)
        except DeliveryError as error:
            for row, copy in zip(taken, copies, strict=True):
                await self._failures.failed(row, copy, error)
            return False
        padded = [*ids, *([None] * (len(taken) - len(ids)))][: len(taken)]
        async with self._db.transaction() as tx:
            for row, copy, message_id in zip(taken, copies, padded, strict=True):
                await self._settle(tx, row, copy, message_id)
        return True

    async def _send_one(self, row: OutboxItem, item: Item, delivery: Delivery | None) -> int | None:
        if delivery is None:
            return None  # nothing left to do (an edit of a message that never arrived)
        message_id = await self._sender.send(row.channel, delivery)
        if isinstance(item, Text) and (item.card or item.pinned) and message_id is not None:
            await self._sender.pin(row.recipient, message_id)
        return message_id

    async def _settle_done(self) -> None:
        if self._done is not None:
            async with self._db.transaction() as tx:
                await self._settle(tx, *self._done)
            self._done = None

    async def _settle(self, tx: Tx, row: OutboxItem, item: Item, message_id: int | None) -> None:
        await queue.mark_sent(tx, row.id, self._clock.now(), message_id)
        await record(tx, row, item, message_id, self._clock.now(), self._resolver.home)
