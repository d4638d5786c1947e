"""The workshop's opening hours as the settings write them: a value type every layer may parse.

'Mon-Fri 09:00-19:00; Sat 10:00-16:00' → {0: (09:00, 19:00), ..., 5: (10:00, 16:00)}.
"""

from __future__ import annotations

from datetime import time

from domain.hours import parse_hours

DAYS = {
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "пн": 0, "вт": 1, "ср": 2, "чт": 3, "пт": 4, "сб": 5, "вс": 6,
}
WeekHours = dict[int, tuple[time, time]]


def parse_week(text: str) -> WeekHours:
    """Opening hours per weekday (0 = Monday); days not named are closed."""
    week: WeekHours = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        days, _, hours = part.partition(" ")
        if not hours.strip():
            raise ValueError("expected days and hours, like 'Mon-Fri 09:00-19:00; Sat 10:00-16:00'")
        span = parse_hours(hours.strip())
        for day in _days(days):
            week[day] = span
    if not week:
        raise ValueError("expected days and hours, like 'Mon-Fri 09:00-19:00'")
    return week


def _days(text: str) -> list[int]:
    found: list[int] = []
    for piece in text.replace("–", "-").split(","):
        first, sep, last = piece.strip().lower().partition("-")
        if first not in DAYS or (sep and last not in DAYS):
            raise ValueError(f"unknown day {piece.strip()!r}: use Mon Tue Wed Thu Fri Sat Sun")
        start, end = DAYS[first], DAYS[last] if sep else DAYS[first]
        found += list(range(start, end + 1)) if start <= end else [*range(start, 7), *range(end + 1)]
    return found
