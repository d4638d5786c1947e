"""When a client may be written to: contact hours, narrowed by their preferred time of day."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

PREFERRED = {
    "morning": (time(9), time(12)),
    "afternoon": (time(12), time(17)),
    "evening": (time(17), time(21)),
}
END_OF_DAY = time(23, 59, 59, 999999)


def parse_hours(text: str) -> tuple[time, time]:
    """'10:00-20:00' → (10:00, 20:00); '24:00' is the end of the day."""
    start, sep, end = text.replace("–", "-").partition("-")
    if not sep:
        raise ValueError("expected HH:MM-HH:MM, like 10:00-20:00")
    low, high = _clock_time(start), _clock_time(end)
    if low >= high:
        raise ValueError("the start must be before the end")
    return low, high


def _clock_time(text: str) -> time:
    text = text.strip()
    if text in ("24:00", "24"):
        return END_OF_DAY
    try:
        return time.fromisoformat(text if ":" in text else f"{int(text):02d}:00")
    except ValueError:
        raise ValueError(f"{text!r} is not a time like 10:00") from None


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
