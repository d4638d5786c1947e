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

from domain.price_list import MAX_PRICE, PriceList
from domain.refusal import Refusal
from domain.workshop import ExtraPolicy, parse_length

_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})(?:\.([0-9]{4}))?$|([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})$")
_READY = re.compile(r"^(готово|готовность|ready)\s*:\s*(.+)$", re.IGNORECASE)
_POLICY = re.compile(r"^(доп\.?\s*работы|доп\.?|extras?|extra work)\s*:\s*(.+)$", re.IGNORECASE)
_LIMIT = re.compile(r"^(до|up to)\s*([0-9][0-9\s\u202f\u00a0]*)\s*(₽|руб\.?|rub)?$", re.IGNORECASE)
# One part of a line's price: '2 000', 'работа 2000', 'запчасти 3 500 ₽', 'parts 3500'.
_PART = re.compile(r"^(?:(работа|раб\.?|labou?r|work)|(запчасти|з/ч|зч|детали|parts))?\s*"
                   r"([0-9][0-9\s\u202f\u00a0]*?)\s*(₽|р\.?|руб\.?|rub)?$", re.IGNORECASE)
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
    price: int  # the total the client approves
    minutes: int | None  # norm hours, when the line names them
    code: str | None = None  # the price list's code the line was named by
    labour: int | None = None  # the price split, when the line gives it (labour + parts = price)
    parts: int | None = None


@dataclass(frozen=True)
class OrderText:
    title: str
    lines: list[LineText]
    promised: datetime
    policy: ExtraPolicy
    limit: int | None


def parse_line(text: str, prices: PriceList | None = None) -> LineText:
    """A line of `/order` or `/extra`, in one of three forms:

    - 'Колодки передние | 6 200': the work and its price (labour and parts not told apart);
    - 'Колодки передние | 2 000 + 4 200' (labour + parts), or with the words in any order:
      'работа 2 000 + запчасти 4 200', 'запчасти 4 200' (labour 0), 'labour 2000 + parts 4200';
    - 'ТО-1' alone: the price list's code (any case), with its name, hours, labour and parts.

    Norm hours may follow: 'Колодки передние | 6 200 | 1,5ч' (or '1.5h', '90m', '90 мин': up to
    24 hours), 'ТО-1 | 2ч' (the list's hours replaced)."""
    minutes = None
    rest, sep, last = text.rpartition("|")
    if sep and (length := parse_length(last)) is not None:
        text, minutes = rest, int(length.total_seconds() // 60)
    title, sep, price = text.rpartition("|")
    if not sep:
        return _coded(text, minutes, prices)
    read = _price(price)
    if not title.strip() or read is None:
        raise Refusal("ws-order-bad-line", line=_quote(text))
    return LineText(" ".join(title.split())[:200], read[0], minutes, None, read[1], read[2])


def _coded(text: str, minutes: int | None, prices: PriceList | None) -> LineText:
    """A line without a price: a code of the price list, else what to write instead."""
    if not prices:
        raise Refusal("ws-order-bad-line", line=_quote(text))
    item = prices.find(text)
    if item is None:
        near = prices.nearest(text)
        if near:
            raise Refusal("ws-order-unknown-code", code=_quote(text, 30),
                          near=", ".join(escape(code) for code in near))
        raise Refusal("ws-order-unknown-code-none", code=_quote(text, 30))
    return LineText(item.name, item.price, minutes or item.minutes, item.code, item.labour,
                    item.parts)


def _price(text: str) -> tuple[int, int | None, int | None] | None:
    """(total, labour, parts) of '6 200', '2 000 + 4 200' or 'работа 2000 + запчасти 4200';
    labour and parts are None when the price is one number."""
    pieces = text.split("+")
    if len(pieces) > 2:
        return None
    read: list[tuple[str | None, int]] = []
    for piece in pieces:
        match = _PART.match(piece.strip())
        amount = read_amount(match.group(3)) if match else None
        if match is None or amount is None:
            return None
        read.append(("labour" if match.group(1) else "parts" if match.group(2) else None, amount))
    if len(read) == 1:
        role, amount = read[0]
        if role is None:
            return amount, None, None
        return (amount, amount, 0) if role == "labour" else (amount, 0, amount)
    (first, a), (second, b) = read
    if first is not None and first == second:
        return None  # 'работа 1000 + работа 2000'
    if first == "parts" or second == "labour":
        a, b = b, a  # the words say which is which; unnamed, labour comes first
    return (a + b, a, b) if a + b <= MAX_PRICE else None


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


def parse_order(text: str, now: datetime, zone: ZoneInfo, prices: PriceList | None = None) -> OrderText:
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
            lines.append(parse_line(row, prices))
    if not lines or len(lines) > MAX_LINES:
        raise Refusal("ws-order-usage")
    if promised is None:
        raise Refusal("ws-order-no-ready")
    if promised <= now:
        raise Refusal("ws-ready-past")
    return OrderText(title[:200], lines, promised, policy, limit)
