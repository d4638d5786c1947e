"""Clock hours as the settings write them ('10:00-20:00'): a value type every layer may parse."""

from __future__ import annotations

from datetime import time

END_OF_DAY = time(23, 59, 59, 999999)


def parse_hours(text: str) -> tuple[time, time]:
    """'10:00-20:00' → (10:00, 20:00); '24:00' is the end of the day."""
    start, sep, end = text.replace("–", "-").partition("-")
    if not sep:
        raise ValueError("expected HH:MM-HH:MM, like 10:00-20:00")
    low, high = clock_time(start), clock_time(end)
    if low >= high:
        raise ValueError("the start must be before the end")
    return low, high


def clock_time(text: str) -> time:
    """'10:00', '10' or '24:00' (the end of the day) as a time."""
    text = text.strip()
    if text in ("24:00", "24"):
        return END_OF_DAY
    try:
        return time.fromisoformat(text if ":" in text else f"{int(text):02d}:00")
    except ValueError:
        raise ValueError(f"{text!r} is not a time like 10:00") from None
