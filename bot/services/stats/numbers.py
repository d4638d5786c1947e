"""Numbers as the owner reads them: rounded the school way, signed changes, durations in words."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal

from bot.i18n import Translator
from bot.services.stats.lines import Kind, half_up

MINUS = "\u2212"


class Numbers:
    def __init__(self, translate: Translator, lang: str) -> None:
        self._t = translate
        self._lang = lang

    def value(self, kind: Kind, value: Any) -> str:
        match kind:
            case Kind.COUNT:
                return self.number(value)
            case Kind.PERCENT:
                return self._t(self._lang, "stats-percent", value=self.number(half_up(value * 100)))
            case Kind.NPS:
                rounded = half_up(value)
                return self.signed(rounded) if rounded else "0"
            case Kind.SCORE | Kind.RATIO:
                return self.number(half_up(value, 1), "0.0")
            case Kind.DAYS:
                return self._t(self._lang, "stats-days", value=self.number(half_up(value, 1), "0.0"))
            case Kind.SPREAD:
                return self._t(self._lang, "stats-spread", median=self.duration(value.quantile(0.5)),
                               p90=self.duration(value.quantile(0.9)))
        raise ValueError(kind)

    def change(self, kind: Kind, value: Any, previous: Any) -> str:
        if previous is None:
            return self._t(self._lang, "stats-no-earlier")
        match kind:
            case Kind.COUNT:
                return self.signed(Decimal(value - previous))
            case Kind.PERCENT:
                points = self.signed(half_up((value - previous) * 100))
                return self._t(self._lang, "stats-points", value=points)
            case Kind.NPS:
                return self.signed(half_up(value - previous))
            case Kind.SCORE | Kind.RATIO:
                return self.signed(half_up(value - previous, 1), "0.0")
            case Kind.DAYS:
                days = self.signed(half_up(value - previous, 1), "0.0")
                return self._t(self._lang, "stats-days", value=days)
            case Kind.SPREAD:
                delta = value.quantile(0.5) - previous.quantile(0.5)
                if abs(delta) < 30:  # under half a minute: no change worth a sign
                    return "±0"
                return ("+" if delta > 0 else MINUS) + self.duration(abs(delta))
        raise ValueError(kind)

    def signed(self, value: Decimal, pattern: str = "#,##0") -> str:
        if not value:
            return "±0"
        return ("+" if value > 0 else MINUS) + self.number(abs(value), pattern)

    def number(self, value: Any, pattern: str = "#,##0") -> str:
        return format_decimal(value, format=pattern, locale=self._lang)

    def duration(self, seconds: float) -> str:
        """45 s, 25 min, 3 h 10 min, 3 d 5 h: as precise as a person needs."""
        if seconds < 60:
            return self._t(self._lang, "stats-seconds", n=int(half_up(seconds)))
        minutes = int(half_up(seconds / 60))
        if minutes < 60:
            return self._t(self._lang, "stats-minutes", n=minutes)
        hours, minutes = divmod(minutes, 60)
        if hours < 72:  # "48 h" reads better than "2 d" for the promise and the SLA
            parts = [self._t(self._lang, "stats-hours", n=hours)]
            if minutes:
                parts.append(self._t(self._lang, "stats-minutes", n=minutes))
            return " ".join(parts)
        days, hours = divmod(hours + (minutes >= 30), 24)
        parts = [self._t(self._lang, "stats-days-short", n=days)]
        if hours:
            parts.append(self._t(self._lang, "stats-hours", n=hours))
        return " ".join(parts)
