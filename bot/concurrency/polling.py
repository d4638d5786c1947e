"""Long polling that takes many updates at once and confirms only handled ones.

Telegram confirms every update below the `offset` given to getUpdates, so the offset asked for
is the lowest update still being handled (or, with none, one past the newest taken): a crash
makes Telegram deliver again exactly the updates that were not finished, and the update_id
record (OncePerUpdate) skips the ones finished above them. Updates already taken are
recognised by their id and not taken twice. aiogram's own polling cannot do this: with
`handle_as_tasks` it confirms an update as soon as its task is created.

A chat that already holds its share of the slots (lanes.PER_KEY) has its next updates left
with Telegram, unconfirmed, and taken on a later poll; the other chats' go on meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable, Hashable

from aiogram import Bot, Dispatcher
from aiogram.methods import GetUpdates
from aiogram.types import Update
from aiogram.utils.backoff import Backoff, BackoffConfig

from bot.concurrency.keys import lane_of
from bot.concurrency.lanes import Lanes

log = logging.getLogger(__name__)
POLL_TIMEOUT = 30  # seconds Telegram holds a getUpdates open when there is nothing new
BATCH = 100  # updates per getUpdates (Telegram's maximum)
# With an update held up, getUpdates answers at once with it: ask again after this long, or
# sooner when the lowest unfinished update is done.
REPOLL = 0.1
BACKOFF = BackoffConfig(min_delay=1.0, max_delay=30.0, factor=1.5, jitter=0.1)


class Ledger:
    """The updates taken and not finished, and the offset that confirms only finished ones."""

    def __init__(self) -> None:
        self._open: set[int] = set()
        self._left: set[int] = set()  # seen, left with Telegram until their chat has room
        self._newest: int | None = None
        # The lowest unfinished update was finished, or a chat with updates left got room.
        self.advanced = asyncio.Event()

    def is_new(self, update_id: int) -> bool:
        return self._newest is None or update_id > self._newest or update_id in self._left

    def take(self, update_id: int) -> None:
        self._left.discard(update_id)
        self._open.add(update_id)
        self._newest = update_id if self._newest is None else max(self._newest, update_id)

    def leave(self, update_id: int) -> None:
        """Not taken now: Telegram keeps it (the offset stays at or below it)."""
        self._left.add(update_id)
        self._newest = update_id if self._newest is None else max(self._newest, update_id)

    def finish(self, update_id: int) -> None:
        lowest = min(self._open)
        self._open.discard(update_id)
        if update_id == lowest or self._left:
            self.advanced.set()

    @property
    def offset(self) -> int | None:
        if self._open or self._left:
            return min(self._open | self._left)
        return None if self._newest is None else self._newest + 1


class Poller:
    def __init__(
        self,
        bot: Bot,
        handle: Callable[[Update], Awaitable[object]],
        lanes: Lanes,
        allowed_updates: list[str] | None = None,
        timeout: int = POLL_TIMEOUT,
    ) -> None:
        self._bot = bot
        self._handle = handle
        self._lanes = lanes
        self._allowed = allowed_updates
        self._timeout = timeout
        self.ledger = Ledger()

    async def run(self) -> None:
        """Take updates until cancelled; the caller then waits for `lanes.wait_idle()`."""
        backoff = Backoff(BACKOFF)
        while True:
            try:
                updates = await self._fetch()
            except Exception as error:  # noqa: BLE001 - the network: keep polling, with backoff
                log.warning("getUpdates failed (%s: %s); again in %.0f s",
                            type(error).__name__, error, backoff.next_delay)
                await backoff.asleep()
                continue
            backoff.reset()
            taken = await self._take([update for update in updates
                                      if self.ledger.is_new(update.update_id)])
            if updates and not taken:  # only updates in hand or left: nothing until one ends
                await self._until_advanced()

    async def _take(self, fresh: list[Update]) -> int:
        """Hand the new updates to their lanes, in order; a chat without room keeps the rest
        of its updates with Telegram. Returns how many were taken."""
        full: set[Hashable] = set()
        taken = 0
        for update in fresh:
            lane = lane_of(update)
            if lane in full or not self._lanes.has_room(lane):
                full.add(lane)  # and its later updates in this batch too: order holds
                self.ledger.leave(update.update_id)
                continue
            self.ledger.take(update.update_id)
            await self._lanes.submit(lane, functools.partial(self._one, update))
            taken += 1
        return taken

    async def _fetch(self) -> list[Update]:
        self.ledger.advanced.clear()
        method = GetUpdates(offset=self.ledger.offset, limit=BATCH, timeout=self._timeout,
                            allowed_updates=self._allowed)
        # The HTTP request must outlast the long poll it asks for.
        return await self._bot(method, request_timeout=int(self._bot.session.timeout + self._timeout))

    async def _until_advanced(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.ledger.advanced.wait(), REPOLL)

    async def _one(self, update: Update) -> None:
        try:
            await self._handle(update)
        except Exception:  # one update must not stop the others (the errors router logs first)
            log.exception("update %s failed", update.update_id)
        finally:
            self.ledger.finish(update.update_id)


async def poll(bot: Bot, dispatcher: Dispatcher, lanes: Lanes, grace: float) -> None:
    """Receive and handle updates until cancelled; then give the updates in hand `grace`
    seconds to finish (those that do not are delivered again after the restart)."""
    poller = Poller(bot, lambda update: dispatcher.feed_update(bot, update), lanes,
                    dispatcher.resolve_used_update_types())
    try:
        await poller.run()
    finally:
        unfinished = lanes.in_flight
        if not await lanes.close(grace):
            log.warning("stopped with updates unfinished (of %d): Telegram delivers them again",
                        unfinished)
