"""Clients writing at once against the fake Bot API, and what reached the managers' group.

Each client is a coroutine that writes its next message as soon as the previous one appeared
in the group (a closed loop: as many messages in flight as clients), so the rate measured is
what the bot sustains and the latency is client → topic for every message.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from bench.common import GROUP, TOKEN, FakeTelegram, TgUser, Updates

Key = tuple[int, int]  # (client chat, client message id)


class WatchedTelegram(FakeTelegram):
    """The fake Bot API, noting when each client message was copied into the group."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.arrived: dict[Key, float] = {}
        self.copies = 0  # copyMessage calls into the group (a repeat counts again)
        self._waiting: dict[Key, asyncio.Future[None]] = {}

    def expect(self, key: Key) -> asyncio.Future[None]:
        future = asyncio.get_running_loop().create_future()
        self._waiting[key] = future
        return future

    async def _m_copyMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        result = await super()._m_copyMessage(params)
        if int(params["chat_id"]) == GROUP:
            self.copies += 1
            key = (int(params["from_chat_id"]), int(params["message_id"]))
            self.arrived.setdefault(key, time.perf_counter())
            waiting = self._waiting.pop(key, None)
            if waiting is not None and not waiting.done():
                waiting.set_result(None)
        return result


def watched() -> WatchedTelegram:
    tg = WatchedTelegram(token=TOKEN, group_id=GROUP)
    tg.calls = _NoCalls()  # a long run would keep every call; only copies are counted
    return tg


class _NoCalls(list):
    def append(self, call: Any) -> None:
        if call.method != "copyMessage":
            super().append(call)


@dataclass
class Run:
    messages: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.messages / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def line(self, name: str) -> str:
        return (f"{name}: {self.rate:.0f} msg/s, client→topic p50 {self.percentile(0.5) * 1000:.0f} ms,"
                f" p99 {self.percentile(0.99) * 1000:.0f} ms")


def clients(count: int, first_id: int = 10_000) -> list[TgUser]:
    return [TgUser(id=first_id + n, first_name=f"Клиент {n}") for n in range(count)]


async def write(tg: WatchedTelegram, updates: Updates, users: list[TgUser], each: int,
                timeout: float = 600, until: asyncio.Event | None = None) -> Run:
    """Every client writes `each` messages (or, given `until`, writes until it is set), the
    next once the previous reached the group."""
    run = Run(messages=len(users) * each)

    async def client(user: TgUser) -> None:
        n = 0
        while (n < each) if until is None else not until.is_set():
            n += 1
            update = updates.text(user, f"сообщение {n}")
            arrived = tg.expect((user.id, update["message"]["message_id"]))
            sent = time.perf_counter()
            tg.push_update(update)
            await arrived
            run.latencies.append(time.perf_counter() - sent)

    started = time.perf_counter()
    async with asyncio.timeout(timeout):
        await asyncio.gather(*(client(user) for user in users))
    run.seconds = time.perf_counter() - started
    run.messages = len(run.latencies)
    return run


def median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda run: run.rate)[len(runs) // 2]


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.0f} (of {', '.join(f'{v:.0f}' for v in values)})"
