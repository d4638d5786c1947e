"""Concurrent across keys, in order within a key, bounded in flight overall and per key.

The idea of grammY runner's `sequentialize`: each piece of work waits for the one submitted
before it under the same key (a chat, a topic, a WhatsApp sender) and for nothing else. The
number of pieces submitted and not finished, waiting ones included, is bounded, so a burst
holds at most that many updates in memory and the receiver stops taking more until one ends.
One key holds at most PER_KEY of those slots, so a chat that floods (or whose update is stuck)
cannot take them all: the receiver leaves its next updates where they are (with Telegram, in
the database) and goes on taking other chats'.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
IN_FLIGHT = 64  # updates taken and not yet handled, at most (a burst waits at the receiver)
PER_KEY = 4  # of those, at most this many of one chat (its order makes them wait anyway)


class Lanes:
    def __init__(self, limit: int = IN_FLIGHT, per_key: int = PER_KEY) -> None:
        self._slots = asyncio.Semaphore(limit)
        self._per_key = per_key
        self._key_slots: dict[Hashable, asyncio.Semaphore] = {}
        self._key_users: dict[Hashable, int] = {}  # submits under way or unfinished, per key
        self._tails: dict[Hashable, asyncio.Task[object]] = {}  # the newest work of each key
        self._running: set[asyncio.Task[object]] = set()
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def in_flight(self) -> int:
        return len(self._running)

    def has_room(self, key: Hashable) -> bool:
        """Whether `key` may submit without waiting for its own earlier work (the poller leaves
        a full chat's updates with Telegram instead of waiting behind them)."""
        slots = self._key_slots.get(key)
        return slots is None or not slots.locked()

    async def submit(self, key: Hashable, work: Callable[[], Awaitable[T]]) -> asyncio.Task[T]:
        """Start `work` after the work submitted before it under `key`; waits for a free slot
        of the key, then for one overall. The task's result or exception is the work's."""
        self._key_users[key] = self._key_users.get(key, 0) + 1
        key_slots = self._key_slots.setdefault(key, asyncio.Semaphore(self._per_key))
        try:
            await key_slots.acquire()  # first the key's: a full chat holds no overall slot
            try:
                await self._slots.acquire()
            except BaseException:
                key_slots.release()
                raise
        except BaseException:
            self._leave(key)
            raise
        previous = self._tails.get(key)
        task: asyncio.Task[T] = asyncio.create_task(self._after(previous, work))
        self._tails[key] = task
        self._running.add(task)
        self._idle.clear()
        task.add_done_callback(lambda done: self._finished(key, done))
        return task

    async def run(self, key: Hashable, work: Callable[[], Awaitable[T]]) -> T:
        """Submit and wait for the result (a webhook answers only after its update)."""
        return await (await self.submit(key, work))

    async def wait_idle(self) -> None:
        """Until nothing submitted is left unfinished."""
        await self._idle.wait()

    async def close(self, grace: float) -> bool:
        """At a stop: give the work in hand `grace` seconds, then cancel what is left (it was
        not confirmed, so it comes again). True if everything finished."""
        try:
            await asyncio.wait_for(self._idle.wait(), grace)
            return True
        except TimeoutError:
            left = list(self._running)
            for task in left:
                task.cancel()
            await asyncio.gather(*left, return_exceptions=True)
            return False

    @staticmethod
    async def _after(previous: asyncio.Task[object] | None, work: Callable[[], Awaitable[T]]) -> T:
        if previous is not None:
            await asyncio.wait([previous])  # its failure is its own; the order is what matters
        return await work()

    def _leave(self, key: Hashable) -> None:
        self._key_users[key] -= 1
        if not self._key_users[key]:  # nothing of this key left: forget it (bounded memory)
            del self._key_users[key]
            del self._key_slots[key]

    def _finished(self, key: Hashable, task: asyncio.Task[object]) -> None:
        self._slots.release()
        self._key_slots[key].release()
        self._leave(key)
        self._running.discard(task)
        if self._tails.get(key) is task:
            del self._tails[key]  # the lane is empty: forget the key (bounded memory)
        if not self._running:
            self._idle.set()
