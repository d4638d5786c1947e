"""Which stretch of time the owner asks about, and the firm's local calendar inside it.

`/stats` → the last 30 days; `7d`, `90d` → the last N days; `2026-11` (or `11.2026`) → that
month; two dates (`01.11.2026 15.11.2026`, ISO too) → those days, both included. Months and
dates are whole local days in the firm's time zone. Each period is compared with the one just
before it: the same number of days, or the month before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.services.validation import InvalidAnswer, parse_date

DEFAULT_DAYS = 30
MAX_DAYS = 3660  # ten years: more is a typo, and would reach before any data
MANAGERS = frozenset({"managers", "manager", "менеджеры", "менеджер", "менеджерам"})
_DAYS = re.compile(r"(\d{1,5})\s*(?:d|days?|д|дн|дней|дня)", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})|(\d{1,2})\.(\d{4})")
_RANGE_MARKS = ("–", "—", "..", " - ")


class PeriodError(Exception):
    """The words after the command are not a period; `key` names the explanation."""

    def __init__(self, key: str, **details: object) -> None:
        super().__init__(key)
        self.key = key
        self.details = details


@dataclass(frozen=True)
class Period:
    start: datetime  # UTC, inclusive
    end: datetime  # UTC, exclusive
    kind: str  # "days" (the last N days up to now), "month" or "dates"
    zone: ZoneInfo

    @property
    def days(self) -> int:
        return round((self.end - self.start) / timedelta(days=1))

    @property
    def first_day(self) -> date:
        return self.start.astimezone(self.zone).date()

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(microseconds=1)).astimezone(self.zone).date()

    def previous(self) -> Period:
        if self.kind == "month":
            return _month_of(self.first_day - timedelta(days=1), self.zone)
        if self.kind == "dates":  # whole local days, even across a daylight-saving change
            last = self.first_day - timedelta(days=1)
            return _dates(last - timedelta(days=(self.last_day - self.first_day).days), last, self.zone)
        span = self.end - self.start
        return Period(self.start - span, self.start, self.kind, self.zone)

    def weeks(self) -> list[date]:
        """The Mondays of the local weeks the period touches."""
        monday = self.first_day - timedelta(days=self.first_day.weekday())
        weeks = []
        while monday <= self.last_day:
            weeks.append(monday)
            monday += timedelta(days=7)
        return weeks

    def offsets(self) -> list[tuple[datetime, int]]:
        """(from, UTC offset in seconds) for every offset the zone has inside the period, so
        SQL can read local time exactly across a daylight-saving change."""
        found = [(self.start, _offset(self.zone, self.start))]
        moment = self.start
        while moment < self.end:
            step = min(moment + timedelta(days=1), self.end)
            if _offset(self.zone, step) != found[-1][1]:
                change = _change_between(self.zone, moment, step)
                found.append((change, _offset(self.zone, change)))
            moment = step
        return found


@dataclass(frozen=True)
class StatsQuery:
    by_manager: bool
    period: Period


def parse_query(args: str, now: datetime, zone: ZoneInfo) -> StatsQuery:
    """'/stats managers 7d' → per manager, the last 7 days. Raises PeriodError."""
    words = args.split()
    period_words = [word for word in words if word.lower() not in MANAGERS]
    return StatsQuery(len(period_words) != len(words), parse_period(" ".join(period_words), now, zone))


def parse_period(text: str, now: datetime, zone: ZoneInfo) -> Period:
    text = text.strip()
    if not text:
        return _last_days(DEFAULT_DAYS, now, zone)
    if match := _DAYS.fullmatch(text):
        return _last_days(int(match.group(1)), now, zone)
    if match := _MONTH.fullmatch(text):
        year, month = match.group(1, 2) if match.group(1) else match.group(4, 3)
        if not 1 <= int(month) <= 12:
            raise PeriodError("stats-period-invalid", given=text)
        return _month_of(date(int(year), int(month), 1), zone)
    return _between(text, zone)


def _last_days(days: int, now: datetime, zone: ZoneInfo) -> Period:
    if not 1 <= days <= MAX_DAYS:
        raise PeriodError("stats-period-length", days=MAX_DAYS)
    return Period(now - timedelta(days=days), now, "days", zone)


def _month_of(day: date, zone: ZoneInfo) -> Period:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period(_midnight(first, zone), _midnight(following, zone), "month", zone)


def _between(text: str, zone: ZoneInfo) -> Period:
    for mark in _RANGE_MARKS:
        text = text.replace(mark, " ")
    words = text.split()
    if len(words) != 2:
        raise PeriodError("stats-period-invalid", given=text)
    try:
        first, last = parse_date(words[0]), parse_date(words[1])
    except InvalidAnswer:
        raise PeriodError("stats-period-invalid", given=text) from None
    if last < first:
        raise PeriodError("stats-period-reversed")
    if (last - first).days + 1 > MAX_DAYS:
        raise PeriodError("stats-period-length", days=MAX_DAYS)
    return _dates(first, last, zone)


def _dates(first: date, last: date, zone: ZoneInfo) -> Period:
    return Period(_midnight(first, zone), _midnight(last + timedelta(days=1), zone), "dates", zone)


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _offset(zone: ZoneInfo, moment: datetime) -> int:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None
    return int(offset.total_seconds())


def _change_between(zone: ZoneInfo, low: datetime, high: datetime) -> datetime:
    """The moment in (low, high] the offset changes (zones change on a whole second)."""
    target = _offset(zone, high)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if _offset(zone, middle) == target:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)
