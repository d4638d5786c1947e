"""Reports computed off the path of updates.

A report over a large database takes seconds. Its update is answered at once and the report is
computed in a task of its own (on the report connections, see `Database.snapshot`), so no
client's message waits behind it. Whoever asks for the same report while it is being computed
shares that computation: two owners asking at once cost one.

Charts are drawn in a process of their own: matplotlib holds the GIL for most of a drawing, so
in a thread of the bot's process it would keep the event loop (every client's message) waiting
in 5 ms turns for the whole drawing. The process starts with the first chart, or at start-up
(`warm_up`, which imports matplotlib there), and lives until the bot stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Awaitable, Callable, Hashable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

log = logging.getLogger(__name__)
R = TypeVar("R")
DRAWING_NICENESS = 10
ORPHAN_CHECK = 1.0  # seconds between the drawing process's looks at whether the bot still runs


class ReportRuns:
    def __init__(self) -> None:
        self._computing: dict[Hashable, asyncio.Task[Any]] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self.computed = 0  # computations started (the shared ones once)
        self._drawing: ProcessPoolExecutor | None = None

    def ask(
        self,
        key: Hashable,
        compute: Callable[[], Awaitable[R]],
        deliver: Callable[[R], Awaitable[None]],
        failed: Callable[[], Awaitable[None]],
    ) -> None:
        """Compute (or join the computation of) `key`, then `deliver` its result, or tell
        `failed` if it could not be computed. Returns at once."""
        shared = self._computing.get(key)
        if shared is None:
            shared = self._track(compute())
            self.computed += 1
            self._computing[key] = shared
            shared.add_done_callback(lambda done: self._forget(key, done))
        self._track(self._deliver(shared, deliver, failed))

    def background(self, work: Awaitable[object]) -> None:
        """Work that only prepares (importing the chart library at start-up)."""
        self._track(work)

    async def draw(self, render: Callable[..., R], *args: Any) -> R:
        """Run `render` (a module-level function of picklable arguments) in the drawing process."""
        return await asyncio.get_running_loop().run_in_executor(self._drawer(), render, *args)

    def warm_up(self, prepare: Callable[[], object]) -> None:
        """Start the drawing process now and let it `prepare` (import the chart library)."""
        self.background(self.draw(prepare))

    def _drawer(self) -> ProcessPoolExecutor:
        if self._drawing is None:  # spawn: a fork would copy the loop, its threads and sockets
            self._drawing = ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn"), initializer=_prepare_drawing_process,
                initargs=(os.getpid(),))
        return self._drawing

    async def wait_idle(self) -> None:
        """Until every report asked for has been delivered (tests, a graceful stop)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await self.wait_idle()
        if self._drawing is not None:
            drawing, self._drawing = self._drawing, None
            await asyncio.to_thread(drawing.shutdown, wait=True, cancel_futures=True)

    async def _deliver(
        self, shared: asyncio.Task[R], deliver: Callable[[R], Awaitable[None]],
        failed: Callable[[], Awaitable[None]],
    ) -> None:
        try:
            result = await asyncio.shield(shared)  # one asker leaving does not end it for others
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("a report could not be computed")
            await failed()
            return
        await deliver(result)

    def _track(self, work: Awaitable[R]) -> asyncio.Task[R]:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled() or task in self._computing.values():
            return  # a computation's failure is told by those who asked for it
        if (error := task.exception()) is not None:
            log.error("a report could not be delivered", exc_info=error)

    def _forget(self, key: Hashable, task: asyncio.Task[Any]) -> None:
        if self._computing.get(key) is task:
            del self._computing[key]


def _prepare_drawing_process(bot: int) -> None:
    """In the drawing process: take the cores only when the bot's event loop does not need
    them, and end when the bot does (after a kill -9 nobody shuts this process down)."""
    with contextlib.suppress(OSError, AttributeError):  # not permitted: normal priority
        os.nice(DRAWING_NICENESS)
    threading.Thread(target=_end_with, args=(bot,), daemon=True).start()


def _end_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK)
    os._exit(0)
