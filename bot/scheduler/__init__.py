"""APScheduler wiring: it only ticks. What is owed lives in the database (see Followups)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.services.followups.jobs import Followups
from bot.supervision import Health, supervised


def build_scheduler(
    followups: Followups,
    tick: timedelta,
    digest_at: time,
    timezone: ZoneInfo,
    health: Health,
    retry: Callable[[], Awaitable[object]],
) -> AsyncIOScheduler:
    """The tick (what is due, kept failures tried again) and the daily digest; every job is
    supervised: one that fails is logged once, shown by /healthz, and run again next time."""
    scheduler = AsyncIOScheduler(timezone=timezone)
    # A late or overlapping run is harmless (claims are transactional): never skip one.
    common = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
    due_work = supervised("scheduler", followups.tick, health)
    kept_work = supervised("retries", retry, health)

    async def ticked() -> None:  # each part fails on its own: one never stops the other
        await due_work()
        await kept_work()

    every = IntervalTrigger(seconds=tick.total_seconds())
    scheduler.add_job(ticked, every, id="tick", **common)
    scheduler.add_job(
        supervised("digest", followups.digest, health),
        CronTrigger(hour=digest_at.hour, minute=digest_at.minute, timezone=timezone),
        id="digest",
        **common,
    )
    return scheduler
