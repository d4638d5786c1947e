"""When a client may be written to: contact hours, narrowed by their preferred time of day."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

PREFERRED = {
    "morning": (time(9), time(12)),
    "afternoon": (time(12), time(17)),
    "evening": (time(17), time(21)),
}


def window(contact_hours: tuple[time, time], preferred: str | None) -> tuple[time, time]:
    """Contact hours narrowed by the client's preference; the hours alone if they do not meet."""
    low, high = contact_hours
    if preferred in PREFERRED:
        p_low, p_high = PREFERRED[preferred]
        low2, high2 = max(low, p_low), min(high, p_high)
        if low2 < high2:
            return low2, high2
    return low, high


def next_opening(now: datetime, zone: ZoneInfo, hours: tuple[time, time]) -> datetime:
    """`now` if the window is open, else when it next opens (aware, in UTC's terms)."""
    local = now.astimezone(zone)
    low, high = hours
    if low <= local.time() < high:
        return now
    day = local.date() if local.time() < low else local.date() + timedelta(days=1)
    return datetime.combine(day, low, tzinfo=zone)
