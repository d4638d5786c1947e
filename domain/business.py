"""Time that counts only while the firm works, in the firm's zone: the clocks of the firm's
promises do not run while it is closed.

- The news clock counts business days (BUSINESS_DAYS, read by domain/weekdays.py): whole days.
- The answer clocks (REPLY_SLA, a critique's answer, contact about an accepted service) count
  working time: WORKING_HOURS (domain/hours.py) on business days, never on HOLIDAYS; a message
  written at night starts its clock at the next opening.

`WorkingTime` is the one calendar; `elapsed` and `since` below are its business-days form."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.hours import END_OF_DAY, parse_hours
from domain.workshop import parse_week

EVERY_DAY = frozenset(range(7))
ALL_DAY = (time(0), END_OF_DAY)
DAY = timedelta(days=1)
REACH = 366 * 10  # days walked at most: past that, the calendar is taken as never open
Week = tuple[tuple[time, time] | None, ...]  # Monday .. Sunday: the hours, or None (closed)


def parse_working_hours(text: str, days: frozenset[int]) -> dict[int, tuple[time, time]]:
    """WORKING_HOURS: '10:00-20:00' on `days` (BUSINESS_DAYS), or a week of its own as
    WORKSHOP_HOURS writes it ('Mon-Fri 10:00-20:00; Sat 10:00-16:00')."""
    text = text.strip()
    if text[:1].isdigit():
        hours = parse_hours(text)
        return {day: hours for day in days}
    return parse_week(text)


def parse_holidays(text: str) -> frozenset[date]:
    """'2027-01-01;2027-01-02' (also ',' or spaces between) → the dates; empty for none."""
    found: set[date] = set()
    for piece in text.replace(",", ";").replace(" ", ";").split(";"):
        if not piece.strip():
            continue
        try:
            day = date.fromisoformat(piece.strip())
        except ValueError:
            raise ValueError(f"{piece.strip()!r} is not a date like 2027-01-01") from None
        if not 2000 <= day.year <= 2100:
            raise ValueError(f"{piece.strip()!r} is not a date between 2000 and 2100")
        found.add(day)
    return frozenset(found)


@dataclass(frozen=True)
class WorkingTime:
    """When the firm works: the hours of each weekday (`week`, Monday first; None: closed),
    except `holidays`, in `zone`. Every day, all day, is plain wall time."""

    zone: ZoneInfo
    week: Week = (ALL_DAY,) * 7
    holidays: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def of(cls, zone: ZoneInfo, hours: Mapping[int, tuple[time, time]],
           holidays: frozenset[date] = frozenset()) -> WorkingTime:
        """From hours by weekday (0 = Monday; a day not named is closed)."""
        return cls(zone, tuple(hours.get(day) for day in range(7)), holidays)

    @classmethod
    def business_days(cls, zone: ZoneInfo, days: frozenset[int]) -> WorkingTime:
        """Whole business days (the news clock)."""
        return cls.of(zone, dict.fromkeys(days, ALL_DAY))

    @property
    def always(self) -> bool:
        return self.week == (ALL_DAY,) * 7 and not self.holidays

    @property
    def day_length(self) -> timedelta:
        """The longest working day: what a day in an answer clock's setting counts as."""
        lengths = [_length(hours) for hours in self.week if hours is not None]
        return max(lengths, default=DAY)

    def in_working_time(self, span: timedelta) -> timedelta:
        """A setting's span on this calendar: each whole day of it is a working day
        (`day_length`), what is left over are working hours ('24h' at 10:00-20:00 is 10 h)."""
        days, rest = divmod(span, DAY)
        return days * self.day_length + rest

    def _open_span(self, day: date) -> tuple[datetime, datetime] | None:
        """The working span of one local day, in UTC; None on a day off."""
        hours = self.week[day.weekday()]
        if hours is None or day in self.holidays:
            return None
        low, high = hours
        start = datetime.combine(day, low, tzinfo=self.zone)
        end = (datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone)
               if high == END_OF_DAY else datetime.combine(day, high, tzinfo=self.zone))
        return start.astimezone(UTC), end.astimezone(UTC)

    def _spans(self, moment: datetime, step: int) -> Iterator[tuple[datetime, datetime]]:
        """Working spans day by day from the local day of `moment`, forward (1) or back (-1)."""
        day = moment.astimezone(self.zone).date()
        for offset in range(REACH):
            try:
                current = day + timedelta(days=offset * step)
            except OverflowError:
                return
            span = self._open_span(current)
            if span is not None:
                yield span

    def is_open(self, moment: datetime) -> bool:
        return self.next_opening(moment) == moment

    def next_opening(self, moment: datetime) -> datetime:
        """`moment` while open; else when the firm opens next (far away if it never does)."""
        if self.always:
            return moment
        for start, end in self._spans(moment, 1):
            if moment < end:
                return max(start, moment.astimezone(UTC))
        return moment + timedelta(days=REACH)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """The working time from `start` to `end`."""
        if end <= start:
            return timedelta(0)
        if self.always:
            return end - start
        total = timedelta(0)
        for low, high in self._spans(start, 1):
            if low >= end:
                break
            total += max(min(high, end) - max(low, start), timedelta(0))
        return total

    def since(self, now: datetime, span: timedelta) -> datetime:
        """The latest moment from which `span` of working time has passed by `now`: whatever
        happened at or before it is at least `span` old in working time."""
        if self.always:
            return now - span
        remaining, last = span, now
        for low, high in self._spans(now, -1):
            if low >= now:
                continue
            high = min(high, now)
            if high - low >= remaining:
                return high - remaining
            remaining -= high - low
            last = low
        return last - remaining - timedelta(days=REACH)

    def after(self, start: datetime, span: timedelta) -> datetime:
        """When `span` of working time will have passed since `start`."""
        if self.always:
            return start + span
        remaining = span
        for low, high in self._spans(start, 1):
            if high <= start:
                continue
            low = max(low, start)
            if high - low >= remaining:
                return low + remaining
            remaining -= high - low
        return start + span + timedelta(days=REACH)


def _length(hours: tuple[time, time]) -> timedelta:
    low, high = hours
    end = DAY if high == END_OF_DAY else timedelta(hours=high.hour, minutes=high.minute,
                                                   seconds=high.second)
    return end - timedelta(hours=low.hour, minutes=low.minute, seconds=low.second)


def elapsed(start: datetime, end: datetime, days: frozenset[int], zone: ZoneInfo) -> timedelta:
    """The time from `start` to `end` that falls on business days."""
    return WorkingTime.business_days(zone, days).elapsed(start, end)


def since(now: datetime, span: timedelta, days: frozenset[int], zone: ZoneInfo) -> datetime:
    """The latest moment from which `span` of business time has passed by `now`."""
    if not days:
        return now - span
    return WorkingTime.business_days(zone, days).since(now, span)
