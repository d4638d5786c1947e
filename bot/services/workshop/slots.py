"""Free time: opening hours cut into slot starts; a visit takes one bay for its whole length
(the kind's duration), so a start is free when, all the way from it to its end, fewer than
WORKSHOP_BAYS visits overlap, and the visit ends by closing time. None in the past.

Bays are alike, so a day's visits fit on the bays exactly when no moment has more of them at
once than there are bays (intervals need as many bays as their deepest overlap); `bays_of`
lays them out per bay for `/slots`."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.workshop import WeekHours

LOOK_AHEAD_DAYS = 21  # how far ahead a client may book
Span = tuple[datetime, datetime]  # a visit's [start, end)


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


def closing_of(week: WeekHours, day: date, zone: ZoneInfo) -> datetime | None:
    hours = week.get(day.weekday())
    return datetime.combine(day, hours[1], tzinfo=zone) if hours else None


def at_once(spans: list[Span], moment: datetime) -> int:
    """Visits holding a bay at this moment."""
    return sum(1 for start, end in spans if start <= moment < end)


def fits(start: datetime, length: timedelta, closing: datetime, spans: list[Span], bays: int) -> bool:
    """A visit of `length` from `start` ends by closing and finds a bay free all the way: the
    overlap is deepest at its start or where another visit begins inside it."""
    end = start + length
    if end > closing:
        return False
    moments = [start] + [s for s, _ in spans if start < s < end]
    return all(at_once(spans, moment) < bays for moment in moments)


def free(starts: list[datetime], spans: list[Span], bays: int, now: datetime, length: timedelta,
         closing: datetime) -> list[datetime]:
    """Starts still in the future where a visit of `length` fits."""
    return [s for s in starts if s > now and fits(s, length, closing, spans, bays)]


def bays_of(spans: list[Span], bays: int) -> list[list[int]]:
    """The visits (indexes into `spans`) laid out per bay, each on the first bay free at its
    start (the earliest first); more than the bays hold (booked before a setting changed) go on
    extra rows rather than vanish."""
    rows: list[list[int]] = [[] for _ in range(bays)]
    ends: list[datetime | None] = [None] * bays
    for index in sorted(range(len(spans)), key=lambda i: spans[i]):
        start, end = spans[index]
        bay = next((b for b, busy in enumerate(ends) if busy is None or busy <= start), None)
        if bay is None:
            rows.append([])
            ends.append(None)
            bay = len(rows) - 1
        rows[bay].append(index)
        ends[bay] = end
    return rows


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
    return start, start + timedelta(days=1)


def days_ahead(today: date, count: int = LOOK_AHEAD_DAYS) -> list[date]:
    return [today + timedelta(days=n) for n in range(count)]
