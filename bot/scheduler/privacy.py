"""Privacy jobs: erased clients' addresses each tick, retention once a day (before the digest)."""

from __future__ import annotations

from datetime import time, timedelta
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

if TYPE_CHECKING:
    from bot.services.privacy.erasure import Erasure

RETENTION_AT = time(4, 0)  # local time: the quietest hour


def add_privacy_jobs(scheduler: AsyncIOScheduler, erasure: Erasure, tick: timedelta) -> None:
    common = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
    scheduler.add_job(erasure.sweep, IntervalTrigger(seconds=tick.total_seconds()),
                      id="erasure", **common)
    at = CronTrigger(hour=RETENTION_AT.hour, minute=RETENTION_AT.minute, timezone=scheduler.timezone)
    scheduler.add_job(erasure.daily, at, id="retention", **common)
