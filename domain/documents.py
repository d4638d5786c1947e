"""What the workshop's documents (the work order and the bill, docs/workshop.md#documents) print
about the firm: its details (FIRM_LEGAL_NAME, FIRM_INN, FIRM_ADDRESS, FIRM_PHONE) and the
warranty (WORKSHOP_WARRANTY), read and checked here once for the settings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from stdnum.ru import inn as ru_inn  # python-stdnum: the INN's check digits


def check_inn(text: str) -> str:
    """A Russian taxpayer number as the settings take it: 10 digits (a company) or 12 (an
    individual entrepreneur), ASCII only, with its check digits right; ValueError otherwise."""
    inn = text.strip()
    if not inn.isascii() or not inn.isdigit() or len(inn) not in (10, 12):
        raise ValueError("expected an INN of 10 or 12 digits")
    if not ru_inn.is_valid(inn):
        raise ValueError("the INN's check digits do not match (a digit mistyped?)")
    return inn


@dataclass(frozen=True)
class Firm:
    """The firm's details as the documents print them (each may be empty: then not printed)."""

    legal_name: str = ""
    inn: str = ""
    address: str = ""
    phone: str = ""


class Period(StrEnum):
    DAYS = "d"
    MONTHS = "mo"
    YEARS = "y"


@dataclass(frozen=True)
class Warranty:
    """WORKSHOP_WARRANTY: a time, a distance, or whichever comes first of both."""

    period: tuple[int, Period] | None
    km: int | None


_TERM = re.compile(r"([0-9]{1,7})\s*([a-zа-яё]+)", re.IGNORECASE)
_UNITS = {
    "d": Period.DAYS, "day": Period.DAYS, "days": Period.DAYS, "дн": Period.DAYS,
    "дней": Period.DAYS, "mo": Period.MONTHS, "month": Period.MONTHS, "months": Period.MONTHS,
    "мес": Period.MONTHS, "y": Period.YEARS, "year": Period.YEARS, "years": Period.YEARS,
    "г": Period.YEARS, "год": Period.YEARS, "года": Period.YEARS, "лет": Period.YEARS,
}
_LONGEST = {Period.DAYS: 3650, Period.MONTHS: 120, Period.YEARS: 10}
MAX_KM = 1_000_000
_USAGE = "expected a time, a distance or both, like 6mo or 10000km (d, mo, y; km)"


def parse_warranty(text: str) -> Warranty | None:
    """'6mo or 10000km', '12 мес или 20000 км', '1y', '15000km' → a Warranty; '' → None;
    ValueError naming the form otherwise (ASCII digits, a time up to ten years, up to
    1 000 000 km, at most one of each)."""
    if not text.strip():
        return None
    terms = [term.strip() for term in re.split(r"\s+(?:or|или)\s+|[;/]", text.strip(),
                                                 flags=re.IGNORECASE)]
    period: tuple[int, Period] | None = None
    km: int | None = None
    for term in terms:
        match = _TERM.fullmatch(term)
        if match is None:
            raise ValueError(_USAGE)
        number, unit = int(match[1]), match[2].lower()
        if unit in ("km", "км"):
            if km is not None or not 1 <= number <= MAX_KM:
                raise ValueError(_USAGE)
            km = number
            continue
        kind = _UNITS.get(unit)
        if kind is None or period is not None or not 1 <= number <= _LONGEST[kind]:
            raise ValueError(_USAGE)
        period = (number, kind)
    return Warranty(period, km)


class Stay(StrEnum):
    """What the client does while the car is in work (the reception act)."""

    WAIT = "wait"  # waits on site
    LEAVE = "leave"  # leaves the car
    COURTESY = "courtesy"  # takes a courtesy car


_STAY_WORDS: dict[Stay, tuple[str, ...]] = {
    Stay.WAIT: ("ждёт", "ждет", "ожида", "на месте", "wait"),
    Stay.LEAVE: ("оставл", "остав", "уех", "leave", "left"),
    Stay.COURTESY: ("подмен", "courtesy", "loan"),
}
_FRACTION = re.compile(r"([0-9])\s*/\s*([248])")
_PERCENT = re.compile(r"([0-9]{1,3})\s*%")
_FULL = frozenset({"full", "полный", "полный бак", "бак полный"})
_RESERVE = frozenset({"reserve", "empty", "резерв", "на резерве", "пустой", "пусто"})


def read_stay(text: str) -> Stay | None:
    """'ждёт', 'оставляет машину', 'подменная', 'courtesy car' → the Stay; None unless exactly
    one is meant (a line still listing the choices, 'ждёт | оставляет', is none)."""
    words = " ".join(text.lower().split())
    if not words or len(words) > 40 or any(mark in words for mark in "|/,;"):
        return None
    found = {stay for stay, stems in _STAY_WORDS.items() if any(words.startswith(s) for s in stems)}
    return found.pop() if len(found) == 1 else None


def read_fuel(text: str) -> str | None:
    """The fuel gauge as the act keeps it: '1/2', '3 / 4' → '3/4' (quarters, halves, eighths),
    '40 %' → '40%' (up to 100), 'полный' → 'full', 'резерв' → 'reserve'; ASCII digits only."""
    words = " ".join(text.lower().split())
    if (match := _FRACTION.fullmatch(words)) and int(match[1]) <= int(match[2]):
        return f"{match[1]}/{match[2]}"
    if (match := _PERCENT.fullmatch(words)) and int(match[1]) <= 100:
        return f"{int(match[1])}%"
    if words in _FULL:
        return "full"
    if words in _RESERVE:
        return "reserve"
    return None
