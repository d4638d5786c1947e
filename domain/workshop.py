"""The workshop's value types: its opening hours as the settings write them, and the states of a
booking, a work order and its lines as they are stored (the values are the database's).

'Mon-Fri 09:00-19:00; Sat 10:00-16:00' → {0: (09:00, 19:00), ..., 5: (10:00, 16:00)}.
"""

from __future__ import annotations

import re
from datetime import time, timedelta
from enum import StrEnum

from domain.hours import parse_hours
from domain.weekdays import parse_days

WeekHours = dict[int, tuple[time, time]]
# Where the days end and the hours begin: the first word that starts with a digit.
_SPLIT = re.compile(r"^(?P<days>.*?)\s+(?P<hours>\d.*)$", re.DOTALL)


def parse_week(text: str) -> WeekHours:
    """Opening hours per weekday (0 = Monday); days not named are closed. The days are read as
    BUSINESS_DAYS reads them (domain/weekdays.py): 'Mon-Fri', 'Пн-Пт', 'Monday-Friday'."""
    week: WeekHours = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = _SPLIT.match(part)
        if match is None:
            raise ValueError("expected days and hours, like 'Mon-Fri 09:00-19:00; Sat 10:00-16:00'")
        span = parse_hours(match["hours"].strip())
        for day in parse_days(match["days"]):
            week[day] = span
    if not week:
        raise ValueError("expected days and hours, like 'Mon-Fri 09:00-19:00'")
    return week


# A kind's duration in SERVICE_KINDS ('ТО:2h', 'Ремонт:1.5h', 'Диагностика:45m'; 'ч'/'мин' too).
_LENGTH = re.compile(r"([0-9]{1,3}(?:[.,][0-9]{1,2})?)\s*(h|ч|m|мин)", re.IGNORECASE)
LONGEST_KIND = timedelta(hours=24)


def parse_length(text: str) -> timedelta | None:
    """'2h' → 2 h, '1,5ч' → 1 h 30 min, '45m' → 45 min; None for what is not a duration (ASCII
    digits only, up to LONGEST_KIND, above zero, in whole minutes)."""
    match = _LENGTH.fullmatch(text.strip())
    if match is None:
        return None
    number = float(match.group(1).replace(",", "."))
    minutes = number * (60 if match.group(2).casefold() in ("h", "ч") else 1)
    if minutes != int(minutes) or not 0 < minutes <= LONGEST_KIND.total_seconds() / 60:
        return None
    return timedelta(minutes=int(minutes))


def parse_kinds(text: str) -> list[tuple[str, timedelta | None]]:
    """SERVICE_KINDS: 'ТО:2h;Диагностика:1h;Другое' → [('ТО', 2 h), ('Диагностика', 1 h),
    ('Другое', None)]; a kind without a duration (the old form) takes one WORKSHOP_SLOT. Text after
    the last colon with no digit in it is part of the name, as the old form allowed."""
    kinds: list[tuple[str, timedelta | None]] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        name, sep, written = part.rpartition(":")
        if not sep or not any(char.isdigit() for char in written):
            kinds.append((part, None))  # no duration: a colon in a name ("Ремонт: ходовая") is kept
            continue
        length = parse_length(written)
        if not name.strip() or length is None:
            raise ValueError("expected each kind with an optional duration, like ТО:2h;Ремонт:90m;Другое")
        kinds.append((name.strip(), length))
    if not kinds:
        raise ValueError("expected kinds of work separated by ';', like ТО:2h;Ремонт:3h")
    return kinds


class BookingStatus(StrEnum):
    BOOKED = "booked"
    CONFIRMED = "confirmed"  # the client pressed "I'll come" on the reminder
    ARRIVED = "arrived"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"  # the slot ended without the car; it may still arrive late


class BookingSource(StrEnum):
    """Who booked the visit."""

    CLIENT = "client"  # in chat
    MANAGER = "manager"  # `/book` for a client who phoned
    INVITATION = "invitation"  # one tap on a maintenance invitation or a deferred line


class OrderStatus(StrEnum):
    OPEN = "open"  # the car arrived; no order sent yet
    SENT = "sent"  # the client decides line by line
    DONE = "done"  # billed


class LineStatus(StrEnum):
    OFFERED = "offered"  # waiting for the client's decision
    APPROVED = "approved"
    DECLINED = "declined"


class Decision(StrEnum):
    """A decision on a line (the client's press, or their extra-work policy); the line then
    holds it as its status."""

    APPROVED = "approved"
    DECLINED = "declined"

    @property
    def status(self) -> LineStatus:
        return LineStatus(self.value)


class DecidedBy(StrEnum):
    CLIENT = "client"
    POLICY = "policy"  # the order's extra-work policy, for a defect found during the work


class ExtraPolicy(StrEnum):
    """What to do with a defect found during the work (`/order`'s "extras:" row)."""

    ASK = "ask"
    LIMIT = "limit"  # approved up to the order's limit, asked above it
    NEVER = "never"  # declined without asking


class LineOrigin(StrEnum):
    ORDER = "order"  # in the order as first sent
    EXTRA = "extra"  # found during the work (`/extra`)


class DeclineReason(StrEnum):
    """Why the client declined a line."""

    PRICE = "price"
    LATER = "later"  # put off: it comes back at the time they chose
    ELSEWHERE = "elsewhere"
    OTHER = "other"
