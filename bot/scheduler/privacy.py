"""Privacy jobs: erased clients' addresses each tick, retention once a day (before the digest);
supervised like the others (a failure is logged once, shown by /healthz, run again next time)."""

from __future__ import annotations

from datetime import time, timedelta
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.supervision import Health, supervised

if TYPE_CHECKING:
    from bot.services.privacy.erasure import Erasure

RETENTION_AT = time(4, 0)  # local time: the quietest hour


def add_privacy_jobs(
    scheduler: AsyncIOScheduler, erasure: Erasure, tick: timedelta, health: Health
) -> None:
    common = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
    every = IntervalTrigger(seconds=tick.total_seconds())
    scheduler.add_job(supervised("erasure", erasure.sweep, health), every, id="erasure", **common)
    at = CronTrigger(hour=RETENTION_AT.hour, minute=RETENTION_AT.minute, timezone=scheduler.timezone)
    scheduler.add_job(supervised("retention", erasure.daily, health), at, id="retention", **common)
