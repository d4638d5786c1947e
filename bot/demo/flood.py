"""Telegram's published flood limits, enforced as the real server does: a message past one of
them is refused with 429 and `retry_after` (whole seconds), and not delivered."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from dataclasses import dataclass


@dataclass(frozen=True)
class FloodRules:
    per_bot_per_second: int = 30
    per_chat_per_second: int = 1
    per_group_per_minute: int = 20


class FloodGate:
    """Sliding windows over the messages accepted (refused ones do not count).

    `scale` runs the limits' clock that many times faster than real time (the burst benchmark's
    virtual minutes); the wait it returns is in real seconds either way."""

    def __init__(self, rules: FloodRules, scale: float = 1.0) -> None:
        self._rules = rules
        self._scale = scale
        self._bot: deque[float] = deque()
        self._chats: dict[int, deque[float]] = defaultdict(deque)
        self.refused = 0

    def admit(self, chat_id: int) -> float:
        """0 if a message to `chat_id` may go now (and count it), else seconds to wait."""
        now = time.monotonic() * self._scale
        limit, period = ((self._rules.per_group_per_minute, 60.0) if chat_id < 0
                         else (self._rules.per_chat_per_second, 1.0))
        wait = max(_wait(self._bot, self._rules.per_bot_per_second, 1.0, now),
                   _wait(self._chats[chat_id], limit, period, now))
        if wait > 0:
            self.refused += 1
            return wait / self._scale
        self._bot.append(now)
        self._chats[chat_id].append(now)
        return 0.0


def _wait(events: deque[float], limit: int, period: float, now: float) -> float:
    while events and events[0] <= now - period:
        events.popleft()
    return 0.0 if len(events) < limit else events[0] + period - now
