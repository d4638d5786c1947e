"""Tests for bot.services.validation."""

from __future__ import annotations

import contextlib
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.validation import (
    InvalidAnswer,
    clean_text,
    parse_birth_date,
    parse_budget,
    parse_date,
    parse_phone,
    parse_years,
)

CURRENT_YEAR = 2026
TODAY = datetime.date(2026, 6, 15)


def _key_of(call) -> str:
    with pytest.raises(InvalidAnswer) as exc_info:
        call()
    return exc_info.value.key


# --- InvalidAnswer ----------------------------------------------------------

def test_invalid_answer_is_value_error_with_key() -> None:
    error = InvalidAnswer("budget-invalid")
    assert isinstance(error, ValueError)
    assert error.key == "budget-invalid"


# --- parse_budget -----------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5 млн", 1_500_000),
        ("1,5 млн", 1_500_000),
        ("1.5млн", 1_500_000),
        ("1 500 000", 1_500_000),
        ("1500000", 1_500_000),
        ("1 500 000 руб", 1_500_000),
        ("1 500 000 ₽", 1_500_000),
        ("1 500 000 р.", 1_500_000),
        ("900k", 900_000),
        ("900К", 900_000),
        ("900 тыс", 900_000),
        ("900 тыс.", 900_000),
        ("900 тысяч", 900_000),
        ("2 миллиона", 2_000_000),
        ("2 млн руб", 2_000_000),
        ("1.2m", 1_200_000),
        ("1.2 mln", 1_200_000),
        ("3 million", 3_000_000),
        ("до 2 млн", 2_000_000),
        ("up to 2m", 2_000_000),
        ("не больше 1.8 млн", 1_800_000),
        ("1\u00a0500\u00a0000", 1_500_000),
        ("1\u202f500\u202f000", 1_500_000),
        ("1\u202f500\u202f000 ₽", 1_500_000),
        ("1'500'000", 1_500_000),
        ("1.5-2 млн", 2_000_000),
        ("1.5 - 2 млн", 2_000_000),
        ("от 1.5 до 2 млн", 2_000_000),
        ("2-1.5 млн", 2_000_000),
        ("900-1200 тыс", 1_200_000),
        ("900к - 1.2 млн", 1_200_000),
        ("от 1 500 000 до 2 000 000", 2_000_000),
        ("1500000-2 млн", 2_000_000),
        ("1 500 000,00 руб", 1_500_000),
        ("1.500.000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("2 млн 500 тыс", 2_500_000),
        ("900 т.р.", 900_000),
        ("1.5 МЛН", 1_500_000),
        ("UP TO 2M", 2_000_000),
        ("  1.5 млн  ", 1_500_000),
        ("50000", 50_000),
        ("1000000000", 1_000_000_000),
    ],
)
def test_parse_budget_accepts(text: str, expected: int) -> None:
    assert parse_budget(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("abc", "budget-invalid"),
        ("", "budget-invalid"),
        ("   ", "budget-invalid"),
        ("млн", "budget-invalid"),
        ("1 2 3 млн", "budget-invalid"),
        ("0", "budget-out-of-range"),
        ("150", "budget-out-of-range"),
        ("49999", "budget-out-of-range"),
        ("1000000001", "budget-out-of-range"),
        ("2 млрд", "budget-out-of-range"),
        ("9" * 40, "budget-out-of-range"),
    ],
)
def test_parse_budget_rejects(text: str, key: str) -> None:
    assert _key_of(lambda: parse_budget(text)) == key


# --- parse_years ------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018", (2018, 2018)),
        ("2018-2021", (2018, 2021)),
        ("2018 – 2021", (2018, 2021)),
        ("2018—2021", (2018, 2021)),
        ("2018..2021", (2018, 2021)),
        ("с 2018 по 2021", (2018, 2021)),
        ("от 2018 до 2021", (2018, 2021)),
        ("2018 to 2021", (2018, 2021)),
        ("2021-2018", (2018, 2021)),
        ("от 2018", (2018, CURRENT_YEAR)),
        ("не старше 2018", (2018, CURRENT_YEAR)),
        ("2018+", (2018, CURRENT_YEAR)),
        ("from 2018", (2018, CURRENT_YEAR)),
        ("2018 и новее", (2018, CURRENT_YEAR)),
        ("не ранее 2018", (2018, CURRENT_YEAR)),
        ("FROM 2018", (2018, CURRENT_YEAR)),
        ("до 2015", (1950, 2015)),
        ("up to 2015", (1950, 2015)),
        ("2015 и старше", (1950, 2015)),
        ("не новее 2015", (1950, 2015)),
        ("после 2018", (2018, CURRENT_YEAR)),
        ("2018 год", (2018, 2018)),
        ("any", (1950, CURRENT_YEAR)),
        ("Any", (1950, CURRENT_YEAR)),
        ("любой", (1950, CURRENT_YEAR)),
        ("любые", (1950, CURRENT_YEAR)),
        ("неважно", (1950, CURRENT_YEAR)),
        ("не важно", (1950, CURRENT_YEAR)),
        ("Не важно!", (1950, CURRENT_YEAR)),
        ("1950", (1950, 1950)),
        ("2027", (2027, 2027)),
        ("от 2027", (2027, 2027)),
    ],
)
def test_parse_years_accepts(text: str, expected: tuple[int, int]) -> None:
    assert parse_years(text, CURRENT_YEAR) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("abc", "years-invalid"),
        ("", "years-invalid"),
        ("0", "years-invalid"),
        ("18", "years-invalid"),
        ("18-21", "years-invalid"),
        ("2018-21", "years-invalid"),
        ("2018 2019 2020", "years-invalid"),
        ("20180", "years-invalid"),
        ("2030", "years-out-of-range"),
        ("1900-2000", "years-out-of-range"),
        ("1949", "years-out-of-range"),
        ("2028", "years-out-of-range"),
        ("от 1900", "years-out-of-range"),
    ],
)
def test_parse_years_rejects(text: str, key: str) -> None:
    assert _key_of(lambda: parse_years(text, CURRENT_YEAR)) == key


# --- parse_date -------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.03.1985", datetime.date(1985, 3, 12)),
        ("12/03/1985", datetime.date(1985, 3, 12)),
        ("12-03-1985", datetime.date(1985, 3, 12)),
        ("1985-03-12", datetime.date(1985, 3, 12)),
        ("12.3.1985", datetime.date(1985, 3, 12)),
        ("1.3.1985", datetime.date(1985, 3, 1)),
        ("  12.03.1985  ", datetime.date(1985, 3, 12)),
        ("29.02.2000", datetime.date(2000, 2, 29)),
    ],
)
def test_parse_date_accepts(text: str, expected: datetime.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "",
        "0",
        "12.13.1990",
        "31.02.1990",
        "29.02.2001",
        "00.01.1990",
        "12.03.85",
        "12.03-1985",
        "1985/03/12",
        "12 03 1985",
        "12.03.1985 г.",
        "12.03.0000",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    assert _key_of(lambda: parse_date(text)) == "date-invalid"


# --- parse_birth_date -------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.03.1985", datetime.date(1985, 3, 12)),
        ("15.06.2010", datetime.date(2010, 6, 15)),  # 16 today
        ("16.06.1915", datetime.date(1915, 6, 16)),  # 110, turns 111 tomorrow
    ],
)
def test_parse_birth_date_accepts(text: str, expected: datetime.date) -> None:
    assert parse_birth_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("16.06.2010", "birth-date-out-of-range"),  # 16 tomorrow
        ("15.06.1915", "birth-date-out-of-range"),  # 111 today
        ("01.01.2030", "birth-date-out-of-range"),  # in the future
        ("01.01.1800", "birth-date-out-of-range"),
        ("abc", "date-invalid"),
        ("31.02.1990", "date-invalid"),
        ("12.13.1990", "date-invalid"),
    ],
)
def test_parse_birth_date_rejects(text: str, key: str) -> None:
    assert _key_of(lambda: parse_birth_date(text, TODAY)) == key


# --- parse_phone ------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("+7 916 123-45-67", "RU", "+79161234567"),
        ("8 (916) 123-45-67", "RU", "+79161234567"),
        ("89161234567", "RU", "+79161234567"),
        ("+44 20 7946 0958", "RU", "+442079460958"),
        ("+44 20 7946 0958", "GB", "+442079460958"),
        ("+7 916 123-45-67", "GB", "+79161234567"),
    ],
)
def test_parse_phone_accepts(text: str, region: str, expected: str) -> None:
    assert parse_phone(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("+7 123", "RU"),
        ("abc", "RU"),
        ("", "RU"),
        ("0", "RU"),
        ("123", "RU"),
        ("+7 000 000-00-00", "RU"),
        ("89161234567", "ZZ"),  # no country code and no usable region
    ],
)
def test_parse_phone_rejects(text: str, region: str) -> None:
    assert _key_of(lambda: parse_phone(text, region)) == "phone-invalid"


# --- clean_text -------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello", "hello"),
        ("  hello  ", "hello"),
        ("Toyota   Camry", "Toyota Camry"),
        ("белый,\n\tбез  ДТП", "белый, без ДТП"),
        ("a\u00a0\u00a0b", "a b"),
    ],
)
def test_clean_text_accepts(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_clean_text_length_limit_is_inclusive() -> None:
    assert clean_text("x" * 500) == "x" * 500
    assert clean_text("abc", max_len=3) == "abc"


def test_clean_text_limit_applies_after_collapsing() -> None:
    assert clean_text("a" + " " * 600 + "b", max_len=3) == "a b"


@pytest.mark.parametrize(
    ("text", "max_len", "key"),
    [
        ("", 500, "text-empty"),
        ("   ", 500, "text-empty"),
        ("\n\t\u00a0", 500, "text-empty"),
        ("x" * 501, 500, "text-too-long"),
        ("abcd", 3, "text-too-long"),
    ],
)
def test_clean_text_rejects(text: str, max_len: int, key: str) -> None:
    assert _key_of(lambda: clean_text(text, max_len)) == key


# --- property: only InvalidAnswer ever escapes ------------------------------

# Plain st.text() rarely produces anything number-like, so mix in text built
# from the characters the parsers actually care about.
_RELEVANT_TEXT = st.text(alphabet="0123456789 .,-/'+–\u00a0\u202fмлнтыскmkдоот")
_ANY_TEXT = st.one_of(st.text(), _RELEVANT_TEXT)


def _only_invalid_answer(call) -> None:
    with contextlib.suppress(InvalidAnswer):
        call()


@given(_ANY_TEXT)
def test_parse_budget_only_raises_invalid_answer(text: str) -> None:
    _only_invalid_answer(lambda: parse_budget(text))


@given(_ANY_TEXT, st.integers(min_value=1950, max_value=2100))
def test_parse_years_only_raises_invalid_answer(text: str, current_year: int) -> None:
    _only_invalid_answer(lambda: parse_years(text, current_year))


@given(_ANY_TEXT)
def test_parse_date_only_raises_invalid_answer(text: str) -> None:
    _only_invalid_answer(lambda: parse_date(text))
