"""Dates as a client reads them, in their language."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date


def long_date(lang: str, day: date) -> str:
    """«15 декабря 2026», with no «г.» a full stop could double."""
    return format_date(day, format="d MMMM y", locale=lang)


def short_date(lang: str, day: date) -> str:
    return format_date(day, format="short", locale=lang)
