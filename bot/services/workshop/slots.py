"""Free slots: opening hours cut into slots, each holding WORKSHOP_BAYS cars; none in the past."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.workshop import WeekHours

LOOK_AHEAD_DAYS = 21  # how far ahead a client may book


def day_slots(week: WeekHours, day: date, length: timedelta, zone: ZoneInfo) -> list[datetime]:
    """Every slot start of a day (aware, in the workshop's zone); none on a closed day."""
    hours = week.get(day.weekday())
    if hours is None:
        return []
    opening = datetime.combine(day, hours[0], tzinfo=zone)
    closing = datetime.combine(day, hours[1], tzinfo=zone)
    starts, start = [], opening
    while start + length <= closing:
        starts.append(start)
        start += length
    return starts


def free(starts: list[datetime], taken: dict[datetime, int], bays: int, now: datetime) -> list[datetime]:
    """Starts still in the future with a bay left."""
    return [s for s in starts if s > now and taken.get(s, 0) < bays]


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
    return start, start + timedelta(days=1)


def days_ahead(today: date, count: int = LOOK_AHEAD_DAYS) -> list[date]:
    return [today + timedelta(days=n) for n in range(count)]
