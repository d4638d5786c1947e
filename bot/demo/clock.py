"""The demo's clock: real time plus an offset that the page moves forward."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class DemoClock:
    """Runs like a wall clock (the outbox's delays and the report window pass by themselves)
    and jumps when the page says "+1 day"."""

    def __init__(self, start: datetime) -> None:
        self._offset = start - datetime.now(UTC)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> None:
        self._offset += delta


def first_morning(now: datetime, zone_name: str, opens: int, workdays: frozenset[int]) -> datetime:
    """The demo starts at `opens` o'clock of the first working day from today, in the firm's zone,
    so the first automatic messages fall in contact hours."""
    from zoneinfo import ZoneInfo

    local = now.astimezone(ZoneInfo(zone_name)).replace(hour=opens, minute=0, second=0, microsecond=0)
    while local.weekday() not in workdays:
        local += timedelta(days=1)
    return local.astimezone(UTC)
