"""Concurrent across keys, in order within a key, bounded in flight.

The idea of grammY runner's `sequentialize`: each piece of work waits for the one submitted
before it under the same key (a chat, a topic, a WhatsApp sender) and for nothing else. The
number of pieces submitted and not finished, waiting ones included, is bounded, so a burst
holds at most that many updates in memory and the receiver stops taking more until one ends.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
IN_FLIGHT = 64  # updates taken and not yet handled, at most (a burst waits at the receiver)


class Lanes:
    def __init__(self, limit: int = IN_FLIGHT) -> None:
        self._slots = asyncio.Semaphore(limit)
        self._tails: dict[Hashable, asyncio.Task[object]] = {}  # the newest work of each key
        self._running: set[asyncio.Task[object]] = set()
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def in_flight(self) -> int:
        return len(self._running)

    async def submit(self, key: Hashable, work: Callable[[], Awaitable[T]]) -> asyncio.Task[T]:
        """Start `work` after the work submitted before it under `key`; waits for a free slot
        first. The task's result or exception is the work's."""
        await self._slots.acquire()
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

    def _finished(self, key: Hashable, task: asyncio.Task[object]) -> None:
        self._slots.release()
        self._running.discard(task)
        if self._tails.get(key) is task:
            del self._tails[key]  # the lane is empty: forget the key (bounded memory)
        if not self._running:
            self._idle.set()
