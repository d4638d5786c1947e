"""The procedure's delays and hours, as the firm set them (see bot/config.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain import business
from domain.business import WorkingTime


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
    # When managers answer (WORKING_HOURS, BUSINESS_DAYS, HOLIDAYS): the answer clocks' time.
    working: WorkingTime = field(default_factory=lambda: WorkingTime(ZoneInfo("UTC")))
    critique_reply: timedelta = timedelta(hours=24)  # CRITIQUE_REPLY, in working time
    extra_service_reply: timedelta = timedelta(days=1)  # EXTRA_SERVICE_REPLY, in working time

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Time on the news clock: business days only (BUSINESS_DAYS)."""
        return business.elapsed(start, end, self.business_days, self.timezone)

    def since(self, now: datetime, span: timedelta) -> datetime:
        """What happened at or before this moment is at least `span` old on the news clock."""
        return business.since(now, span, self.business_days, self.timezone)

    @property
    def reply_span(self) -> timedelta:
        """REPLY_SLA in working time: its whole days are working days."""
        return self.working.in_working_time(self.reply_sla)

    def answer_elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Time on the answer clocks: working time only (a night's message counts from the
        opening)."""
        return self.working.elapsed(start, end)

    def answer_since(self, now: datetime, span: timedelta) -> datetime:
        """What happened at or before this moment is at least `span` old in working time."""
        return self.working.since(now, span)
