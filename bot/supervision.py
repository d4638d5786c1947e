"""Workers that never end on an error, and what /healthz says about them.

A worker's round that raises is logged once (the first failure of a streak, with its
traceback; the recovery in one line), tried again after a capped backoff, and reported as
stalled, with the reason and since when (by the injected clock), until a round succeeds.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock

log = logging.getLogger(__name__)

UPDATES = "updates"  # Telegram updates waiting for the database, as /healthz names them
FIRST_BACKOFF = 0.1  # seconds of real time before the first retry
MAX_BACKOFF = 30.0


def retry_delay(failures: int) -> float:
    """Seconds before the next round after `failures` failed rounds in a row."""
    return min(MAX_BACKOFF, FIRST_BACKOFF * 2 ** max(0, failures - 1))


def reason(error: BaseException) -> str:
    """A short reason for an operator: SQLite's own words ("database is locked"), else the
    error's type."""
    if isinstance(error, sqlite3.Error) and str(error):
        return str(error)
    return type(error).__name__


@dataclass
class Stall:
    since: datetime
    reason: str
    failures: int = 1


class Health:
    """Each supervised worker's state: running, or stalled since when and why."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._stalls: dict[str, Stall] = {}

    def failed(self, worker: str, error: BaseException) -> float:
        """Record a failed round (logged only when a streak begins); the delay before the next."""
        stall = self._stalls.get(worker)
        if stall is None:
            log.error("%s failed, trying again: %s", worker, reason(error), exc_info=error)
            stall = self._stalls[worker] = Stall(self._clock.now(), reason(error), 0)
        stall.failures += 1
        stall.reason = reason(error)
        return retry_delay(stall.failures)

    def succeeded(self, worker: str) -> None:
        stall = self._stalls.pop(worker, None)
        if stall is not None:
            log.warning("%s works again after %d failed tries (%s)", worker, stall.failures,
                        stall.reason)

    def stalled(self, worker: str) -> str | None:
        """'database is locked for 42 s', or None while the worker makes progress."""
        stall = self._stalls.get(worker)
        if stall is None:
            return None
        seconds = int((self._clock.now() - stall.since).total_seconds())
        return f"{stall.reason} for {seconds} s"

    def problems(self) -> dict[str, str]:
        return {worker: said for worker in self._stalls if (said := self.stalled(worker))}


def supervised(
    worker: str, job: Callable[[], Awaitable[object]], health: Health
) -> Callable[[], Awaitable[None]]:
    """A scheduled job whose failure is logged once per streak and reported by /healthz; the
    scheduler's next tick is its retry."""

    async def run() -> None:
        try:
            await job()
        except Exception as error:  # noqa: BLE001 - supervised: logged by Health
            health.failed(worker, error)
            return
        health.succeeded(worker)

    return run
