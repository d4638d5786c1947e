"""The service workshop's job: its own tick (reminders, promise warnings, checks, invitations),
supervised like the others (a failure is logged once, shown by /healthz, retried next tick)."""

from __future__ import annotations

from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.services.workshop.desk import Workshop
from bot.supervision import Health, supervised


def add_workshop_job(
    scheduler: AsyncIOScheduler, workshop: Workshop, tick: timedelta, health: Health
) -> None:
    common = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
    scheduler.add_job(supervised("workshop", workshop.tick, health),
                      IntervalTrigger(seconds=tick.total_seconds()), id="workshop", **common)
