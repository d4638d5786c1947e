"""BUSINESS_DAYS and the days of WORKSHOP_HOURS are read by one parser: every form either
setting accepts, the other accepts too, and a bad day is named in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError
from tests.fakes.telegram import FakeTelegram
from tests.steps import make_settings

WEEKDAYS = frozenset(range(5))
FORMS = [
    ("Mon-Fri", WEEKDAYS),
    ("Пн-Пт", WEEKDAYS),
    ("Monday-Friday", WEEKDAYS),
    ("понедельник–пятница", WEEKDAYS),  # an en dash, as a word processor writes it
    ("пн-ПТ", WEEKDAYS),
    ("Sat", frozenset({5})),
    ("Вс", frozenset({6})),
    ("Mon,Wed,Fri", frozenset({0, 2, 4})),
    ("Пн, Ср, Пятница", frozenset({0, 2, 4})),
    ("Fri-Mon", frozenset({4, 5, 6, 0})),  # round the weekend
    ("Mon-Fri, Sun", WEEKDAYS | {6}),
]
BAD = [  # the setting's days, and what the one line says of them
    ("Mon-Xyz", "unknown day 'Xyz'"), ("Monkey", "unknown day 'Monkey'"),
    ("1-5", "unknown day '1'"), ("Пн-Пн-Пт", "unknown day 'Пн-Пт'"), ("Mo-Fr", "unknown day 'Mo'"),
    ("Mon-", "a day is missing"), ("Mon,,Fri", "a day is missing"),
]


@pytest.mark.parametrize(("days", "expected"), FORMS)
def test_business_days_read_every_form(
    tg: FakeTelegram, db_path: Path, days: str, expected: frozenset[int]
) -> None:
    assert make_settings(tg, db_path, business_days=days).workdays == expected


@pytest.mark.parametrize(("days", "expected"), FORMS)
def test_workshop_hours_read_the_same_forms(
    tg: FakeTelegram, db_path: Path, days: str, expected: frozenset[int]
) -> None:
    settings = make_settings(tg, db_path, workshop_hours=f"{days} 09:00-19:00")
    assert set(settings.workshop_week) == expected


@pytest.mark.parametrize(("days", "says"), BAD)
@pytest.mark.parametrize(("name", "value"), [
    ("business_days", "{}"),
    ("workshop_hours", "{} 09:00-19:00; Sat 10:00-16:00"),
])
def test_a_bad_day_is_named_in_one_line(
    tg: FakeTelegram, db_path: Path, days: str, says: str, name: str, value: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        make_settings(tg, db_path, **{name: value.format(days)})
    message = str(refused.value)
    assert message == (f"Setting {name.upper()} is malformed: {says}: "
                       "expected days like Mon-Fri, Пн-Пт, Monday-Friday or Mon,Wed,Fri.")


def test_no_day_at_all_is_refused(tg: FakeTelegram, db_path: Path) -> None:
    with pytest.raises(ConfigError, match="Setting BUSINESS_DAYS is malformed: expected days like"):
        make_settings(tg, db_path, business_days=" ")
