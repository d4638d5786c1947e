"""APScheduler wiring: it only ticks. What is owed lives in the database (see Followups)."""

from __future__ import annotations

from datetime import time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

if TYPE_CHECKING:
    from bot.services.followups.jobs import Followups


def build_scheduler(
    followups: Followups, tick: timedelta, digest_at: time, timezone: ZoneInfo
) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=timezone)
    # A late or overlapping run is harmless (claims are transactional): never skip one.
    common = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
    scheduler.add_job(
        followups.tick, IntervalTrigger(seconds=tick.total_seconds()), id="tick", **common
    )
    scheduler.add_job(
        followups.digest,
        CronTrigger(hour=digest_at.hour, minute=digest_at.minute, timezone=timezone),
        id="digest",
        **common,
    )
    return scheduler
