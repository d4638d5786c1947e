"""The procedure's delays and hours, as the firm set them (see bot/config.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain import business


@dataclass(frozen=True)
class Timing:
    satisfaction_check: timedelta
    long_followup: timedelta
    progress_interval: timedelta
    reply_sla: timedelta
    digest_time: time
    contact_hours: tuple[time, time]
    timezone: ZoneInfo
    business_days: frozenset[int] = business.EVERY_DAY

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Time on the promise clocks: business days only (BUSINESS_DAYS)."""
        return business.elapsed(start, end, self.business_days, self.timezone)

    def since(self, now: datetime, span: timedelta) -> datetime:
        """What happened at or before this moment is at least `span` old on those clocks."""
        return business.since(now, span, self.business_days, self.timezone)
