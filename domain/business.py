"""Time that counts only on business days (BUSINESS_DAYS, read by domain/weekdays.py), in the
firm's zone: the clocks of the firm's promises (news every interval, answers within the SLA) do
not run on a day off."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

EVERY_DAY = frozenset(range(7))


def _day_start(moment: datetime, zone: ZoneInfo) -> datetime:
    """The local midnight that begins the day `moment` falls in (a midnight begins its day)."""
    local = moment.astimezone(zone)
    return datetime.combine(local.date(), time(0), tzinfo=zone)


def elapsed(start: datetime, end: datetime, days: frozenset[int], zone: ZoneInfo) -> timedelta:
    """The time from `start` to `end` that falls on business days."""
    if days == EVERY_DAY or end <= start:
        return max(end - start, timedelta(0))
    total, cursor = timedelta(0), start.astimezone(UTC)
    while cursor < end:
        day = _day_start(cursor, zone)
        following = datetime.combine(day.date() + timedelta(days=1), time(0), tzinfo=zone)
        stop = min(following.astimezone(UTC), end.astimezone(UTC))
        if day.weekday() in days:
            total += stop - cursor
        cursor = stop
    return total


def since(now: datetime, span: timedelta, days: frozenset[int], zone: ZoneInfo) -> datetime:
    """The latest moment from which `span` of business time has passed by `now`: whatever
    happened at or before it is at least `span` old in business time."""
    if days == EVERY_DAY or not days:
        return now - span
    remaining, cursor = span, now.astimezone(UTC)
    for _ in range(366 * 10):  # a bounded walk back, a day at a time
        day = _day_start(cursor, zone)
        if day.astimezone(UTC) == cursor:  # at midnight: the chunk is the day before
            day = datetime.combine(day.date() - timedelta(days=1), time(0), tzinfo=zone)
        chunk = cursor - day.astimezone(UTC)
        if day.weekday() in days:
            if chunk >= remaining:
                return cursor - remaining
            remaining -= chunk
        cursor = day.astimezone(UTC)
    return cursor
