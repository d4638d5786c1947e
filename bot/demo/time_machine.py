"""The page's "+1 hour / +1 day / +1 week": the injected clock moves, and the scheduler's jobs
run as they would have while that time passed.

APScheduler keeps real time, so here it would tick only every SCHEDULER_TICK of real time and
run the daily jobs at real 09:00. Instead the time is moved an hour at a time, and after each
hour the jobs run that the scheduler holds: the interval jobs (the tick: due follow-ups,
nags, the workshop, retries) once, the daily ones (digest, retention) if their time of day fell
within the hour. The daily jobs are paused in the scheduler itself, so the wall clock does not
run them at the wrong demo time. What is due is still decided by the application, from its
tables, in its contact hours.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.demo.clock import DemoClock

log = logging.getLogger(__name__)
STEP = timedelta(hours=1)


class TimeMachine:
    def __init__(
        self,
        clock: DemoClock,
        scheduler: AsyncIOScheduler,
        settle: Callable[[], Awaitable[None]],
        wake: Callable[[], None],
        moved: Callable[[datetime, bool], None],
    ) -> None:
        self._clock = clock
        self._scheduler = scheduler
        self._settle = settle
        self._wake = wake
        self._moved = moved  # the page hears the time after each step, and when it is done
        self._lock = asyncio.Lock()

    def pause_daily_jobs(self) -> None:
        for job in self._scheduler.get_jobs():
            if isinstance(job.trigger, CronTrigger):
                job.pause()

    @property
    def busy(self) -> bool:
        return self._lock.locked()

    async def advance(self, span: timedelta) -> None:
        async with self._lock:
            left = span
            while left > timedelta(0):
                step = min(STEP, left)
                before = self._clock.now()
                self._clock.advance(step)
                left -= step
                await self._run_due(before, self._clock.now())
                self._moved(self._clock.now(), left > timedelta(0))

    async def _run_due(self, before: datetime, after: datetime) -> None:
        self._wake()  # the outbox worker: items delayed until now are due
        for job in self._scheduler.get_jobs():
            if isinstance(job.trigger, CronTrigger):
                fires = job.trigger.get_next_fire_time(None, before + timedelta(microseconds=1))
                if fires is None or fires > after:
                    continue
            try:
                await job.func(*job.args, **job.kwargs)
            except Exception:  # a job's own failure: logged as the scheduler would
                log.exception("demo: job %s failed", job.id)
        await self._settle()
