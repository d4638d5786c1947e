"""Weekdays as people write them in the settings, one parser for BUSINESS_DAYS and the days of
WORKSHOP_HOURS: English or Russian, short or full, by Babel's own day names
('Mon-Fri', 'Пн-Пт', 'Monday-Friday', 'понедельник-пятница', 'Sat', 'Mon,Wed,Fri')."""

from __future__ import annotations

from babel.dates import get_day_names

EXAMPLE = "Mon-Fri, Пн-Пт, Monday-Friday or Mon,Wed,Fri"


def _names() -> dict[str, int]:
    """Every spelling Babel knows for a weekday in English and Russian → 0 (Monday) .. 6."""
    names: dict[str, int] = {}
    for locale in ("en", "ru"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for day, name in get_day_names(width, context, locale).items():
                    names[name.casefold().rstrip(".")] = day
    return names


NAMES = _names()


def parse_days(text: str) -> frozenset[int]:
    """The weekdays named (0 = Monday): single days and ranges, comma-separated; a range may
    wrap round the week ('Fri-Mon'). At least one day."""
    if not text.strip():
        raise ValueError(f"expected days like {EXAMPLE}")
    found: set[int] = set()
    for piece in text.replace("–", "-").replace("—", "-").split(","):
        first, sep, last = piece.partition("-")
        start = _day(first)
        end = _day(last) if sep else start
        found.update(day % 7 for day in range(start, end + 1 + (7 if end < start else 0)))
    return frozenset(found)


def _day(name: str) -> int:
    if not name.strip():
        raise ValueError(f"a day is missing: expected days like {EXAMPLE}")
    try:
        return NAMES[name.strip().casefold().rstrip(".")]
    except KeyError:
        raise ValueError(f"unknown day {name.strip()!r}: expected days like {EXAMPLE}") from None
