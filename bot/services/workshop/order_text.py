r"""What managers write in the workshop's commands, read: the days and times of `/book`, `/slots` and
`/ready`; the `/order` and `/extra` texts into lines, a promised time and a policy. What cannot be
read is a `Refusal` naming the answer.

Digits are ASCII only (`[0-9]`, never `\d`, which also takes '²' or '٣'), numbers are bounded
before they are read, and days lie within a year of today: nothing a manager types can reach
`int()`, a date's arithmetic or SQLite unchecked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from typing import NamedTuple
from zoneinfo import ZoneInfo

from domain.refusal import Refusal
from domain.workshop import ExtraPolicy, parse_length

_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})(?:\.([0-9]{4}))?$|([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})$")
_READY = re.compile(r"^(готово|готовность|ready)\s*:\s*(.+)$", re.IGNORECASE)
_POLICY = re.compile(r"^(доп\.?\s*работы|доп\.?|extras?|extra work)\s*:\s*(.+)$", re.IGNORECASE)
_LIMIT = re.compile(r"^(до|up to)\s*([0-9][0-9\s\u202f\u00a0]*)\s*(₽|руб\.?|rub)?$", re.IGNORECASE)
_PRICE = re.compile(r"^([0-9][0-9\s\u202f\u00a0]*)\s*(₽|р\.?|руб\.?|rub)?$", re.IGNORECASE)
MAX_PRICE = 100_000_000
MAX_LINES = 30
FAR = timedelta(days=366)  # a day further from today than this is a typo (and 31.12.9999 overflows)


def parse_day(text: str, today: date) -> date:
    """'24.11', '24.11.2026' or '2026-11-24'; a day and month alone mean the next such date.
    A day more than a year from today is refused."""
    found = _read_day(text, today)
    if abs(found - today) > FAR:
        raise Refusal("ws-date-far")
    return found


def _read_day(text: str, today: date) -> date:
    match = _DATE.match(text.strip())
    if match is None:
        raise Refusal("ws-bad-date")
    try:
        if match.group(4):
            return date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
        day, month = int(match.group(1)), int(match.group(2))
        if match.group(3):
            return date(int(match.group(3)), month, day)
        found = date(today.year, month, day)
        return found if found >= today else date(today.year + 1, month, day)
    except (ValueError, OverflowError):  # 31.02, or the year after 9999
        raise Refusal("ws-bad-date") from None


def parse_clock(text: str) -> time:
    """'18:00' or '9:30'."""
    match = _CLOCK.match(text.strip())
    if match is None:
        raise Refusal("ws-bad-time")
    try:
        return time(int(match.group(1)), int(match.group(2)))
    except ValueError:  # 25:00
        raise Refusal("ws-bad-time") from None


def read_amount(text: str) -> int | None:
    """'6 200' → 6200; None past MAX_PRICE (read by its length first: int() of a 5000-digit
    string fails, and SQLite takes no integer beyond 2**63)."""
    digits = re.sub(r"[^0-9]", "", text)
    if not digits or len(digits.lstrip("0")) > len(str(MAX_PRICE)):
        return None
    amount = int(digits)
    return amount if amount <= MAX_PRICE else None


class LineText(NamedTuple):
    title: str
    price: int
    minutes: int | None  # norm hours, when the line names them


@dataclass(frozen=True)
class OrderText:
    title: str
    lines: list[LineText]
    promised: datetime
    policy: ExtraPolicy
    limit: int | None


def parse_line(text: str) -> LineText:
    """'Колодки передние | 6 200' → ('Колодки передние', 6200, None); norm hours may follow the
    price: 'Колодки передние | 6 200 | 1,5ч' (or '1.5h', '90m', '90 мин': up to 24 hours)."""
    minutes = None
    rest, sep, last = text.rpartition("|")
    if sep and (length := parse_length(last)) is not None:
        text, minutes = rest, int(length.total_seconds() // 60)
    title, sep, price = text.rpartition("|")
    match = _PRICE.match(price.strip())
    if not sep or not title.strip() or match is None:
        raise Refusal("ws-order-bad-line", line=_quote(text))
    amount = read_amount(match.group(1))
    if amount is None:
        raise Refusal("ws-order-bad-line", line=_quote(text))
    return LineText(" ".join(title.split())[:200], amount, minutes)


def _quote(line: str, limit: int = 80) -> str:
    """The line a refusal names, as much of it as the manager needs to find it."""
    line = line.strip()
    return escape(line if len(line) <= limit else line[: limit - 1] + "…")


def parse_when(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """'18:00' (today, or tomorrow if already past) or '25.11 18:00'."""
    parts = text.split()
    local = now.astimezone(zone)
    if len(parts) == 1:
        clock = parse_clock(parts[0])
        day: date = local.date()
        moment = datetime.combine(day, clock, tzinfo=zone)
        return moment
    if len(parts) == 2:
        return datetime.combine(parse_day(parts[0], local.date()), parse_clock(parts[1]), tzinfo=zone)
    raise Refusal("ws-bad-time")


def parse_policy(text: str) -> tuple[ExtraPolicy, int | None]:
    value = text.strip().casefold()
    if value in ("спросить", "спрашивать", "ask"):
        return ExtraPolicy.ASK, None
    if value in ("нет", "никогда", "never", "no"):
        return ExtraPolicy.NEVER, None
    match = _LIMIT.match(value)
    if match is None:
        raise Refusal("ws-order-bad-policy")
    limit = read_amount(match.group(2))
    if limit is None:
        raise Refusal("ws-order-limit-too-big", most=f"{MAX_PRICE:,}".replace(",", "\u202f"))
    return ExtraPolicy.LIMIT, limit


def parse_order(text: str, now: datetime, zone: ZoneInfo) -> OrderText:
    rows = [row.strip() for row in text.strip().splitlines() if row.strip()]
    if len(rows) < 2:
        raise Refusal("ws-order-usage")
    title, lines, promised, policy, limit = rows[0], [], None, ExtraPolicy.ASK, None
    for row in rows[1:]:
        if match := _READY.match(row):
            promised = parse_when(match.group(2), now, zone)
        elif match := _POLICY.match(row):
            policy, limit = parse_policy(match.group(2))
        else:
            lines.append(parse_line(row))
    if not lines or len(lines) > MAX_LINES:
        raise Refusal("ws-order-usage")
    if promised is None:
        raise Refusal("ws-order-no-ready")
    if promised <= now:
        raise Refusal("ws-ready-past")
    return OrderText(title[:200], lines, promised, policy, limit)
