"""The procedure's delays and hours, as the firm set them (see bot/config.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Timing:
    satisfaction_check: timedelta
    long_followup: timedelta
    progress_interval: timedelta
    reply_sla: timedelta
    digest_time: time
    contact_hours: tuple[time, time]
    timezone: ZoneInfo
