"""How long personal data of an inactive client is kept: '3y', '18mo', '90d', or '0' (keep)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

_FORM = re.compile(r"(\d{1,4})\s*(y|mo|w|d)")
_DAYS = {"y": 365, "mo": 30, "w": 7, "d": 1}
# The longest period: a date that far back is still a date (9999y would overflow every day).
MAX_YEARS = 100
UNIT_NAMES = {"y": "years", "mo": "months", "w": "weeks", "d": "days"}


@dataclass(frozen=True)
class Retention:
    amount: int
    unit: str  # y | mo | w | d

    @property
    def period(self) -> timedelta:
        return timedelta(days=self.amount * _DAYS[self.unit])

    @property
    def unit_name(self) -> str:
        return UNIT_NAMES[self.unit]


def parse_retention(text: str) -> Retention | None:
    """None for '0' (kept until the client or a manager erases it); ValueError if malformed."""
    value = text.strip().lower()
    if value == "0":
        return None
    match = _FORM.fullmatch(value)
    if match is None or int(match.group(1)) == 0:
        raise ValueError("expected a period like 3y, 18mo, 12w or 90d, or 0 to keep data")
    found = Retention(int(match.group(1)), match.group(2))
    if found.period > timedelta(days=MAX_YEARS * _DAYS["y"]):
        raise ValueError(f"expected at most {MAX_YEARS} years ({MAX_YEARS}y), or 0 to keep data")
    return found
