"""Send no faster than the platforms allow, so that 429s stay rare.

Limits are sliding windows in real (monotonic) time, separate from the business clock that
tests move: a flood limit is about seconds on the wire, not about promises to clients.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


class SlidingWindow:
    """At most `limit` events in any `period` seconds."""

    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self._events: deque[float] = deque(maxlen=limit)

    def wait(self, now: float) -> float:
        """Seconds until one more event fits (0: now)."""
        if len(self._events) < self.limit:
            return 0.0
        return max(0.0, self._events[0] + self.period - now)

    def record(self, now: float) -> None:
        self._events.append(now)


@dataclass(frozen=True)
class Limits:
    """Messages per window; 0 switches a limit off."""

    per_bot_per_second: int = 30
    per_chat_per_second: int = 1
    per_group_per_minute: int = 20


class Pacer:
    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self._limits = limits
        self._clock = clock
        self._bot = SlidingWindow(limits.per_bot_per_second, 1.0) if limits.per_bot_per_second else None
        self._chats: dict[str, SlidingWindow] = {}

    def wait(self, chat: str, own_only: bool = False) -> float:
        """Seconds before a message to `chat` may go; with `own_only`, by the chat's own limit
        alone (the bot's aside)."""
        now = self._clock()
        window = self._chat_window(chat)
        own = window.wait(now) if window else 0.0
        if own_only or self._bot is None:
            return own
        return max(own, self._bot.wait(now))

    def limited(self, chat: str) -> bool:
        """Whether `chat` has a limit of its own (0 switches it off)."""
        return self._chat_window(chat) is not None

    def sent(self, chat: str) -> None:
        now = self._clock()
        if self._bot:
            self._bot.record(now)
        window = self._chat_window(chat)
        if window:
            window.record(now)

    def seed(self, chat: str, seconds_ago: float) -> None:
        """A message that went to `chat` before this pacer existed (call oldest first)."""
        at = self._clock() - max(0.0, seconds_ago)
        if self._bot:
            self._bot.record(at)
        window = self._chat_window(chat)
        if window:
            window.record(at)

    def _chat_window(self, chat: str) -> SlidingWindow | None:
        if chat not in self._chats:
            group = chat.startswith("-")  # Telegram groups and channels have negative ids
            limit = self._limits.per_group_per_minute if group else self._limits.per_chat_per_second
            if not limit:
                return None
            self._chats[chat] = SlidingWindow(limit, 60.0 if group else 1.0)
        return self._chats[chat]
