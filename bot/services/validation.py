"""Parse and validate a client's free-text answers during the guided intake.

Pure functions only. Failures raise InvalidAnswer carrying a locale key, so the
caller can re-ask in the client's language; no user-facing text lives here.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import phonenumbers


class InvalidAnswer(ValueError):
    """The answer cannot be accepted; `key` names the localized re-ask message."""

    key: str

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


BUDGET_MIN = 50_000
BUDGET_MAX = 1_000_000_000

# [0-9] rather than \d throughout: \d also matches non-ASCII digits, which
# Decimal/int would silently accept.
_LETTER = r"[a-zа-яё]"
_MULTIPLIERS: tuple[tuple[str, int], ...] = (
    (r"млрд|миллиард[а-яё]*|billion[a-z]*|bn", 1_000_000_000),
    (r"млн|миллион[а-яё]*|million[a-z]*|mln|mio|m|м", 1_000_000),
    (r"тыс[а-яё]*|thousand[a-z]*|тр|k|к|т", 1_000),
)
_MULT_GROUPS = "|".join(f"(?P<m{i}>{p})" for i, (p, _) in enumerate(_MULTIPLIERS))
# The lookahead keeps "m"/"т" from matching the start of an unrelated word.
_TERM_RE = re.compile(
    rf"(?P<num>[0-9]+(?:[.,][0-9]+)?)\s*(?:(?:{_MULT_GROUPS})(?!{_LETTER}))?"
)
# "1 500 000", "1'500'000", "1\u202f500\u202f000": a lone separator before
# exactly three digits is grouping, never a decimal point.
_GROUP_SEP_RE = re.compile(r"(?<=[0-9])[\s'’_](?=[0-9]{3}(?![0-9]))")
# "1.500.000" / "1,500,000": only two or more groups are unambiguous; a single
# "1,5" or "1.500" stays a decimal fraction.
_DOTTED_GROUPS_RE = re.compile(r"(?<![0-9.,])[0-9]{1,3}([.,])[0-9]{3}(?:\1[0-9]{3})+(?![0-9])")
# Anything longer is absurd as roubles; capping it keeps Decimal from overflowing.
_MAX_INT_DIGITS = 12


@dataclass
class _Term:
    value: Decimal
    mult: int | None
    start: int
    end: int


def _normalize_budget(text: str) -> str:
    text = _GROUP_SEP_RE.sub("", text.lower())
    return _DOTTED_GROUPS_RE.sub(lambda m: re.sub(r"[.,]", "", m.group()), text)


def _read_terms(text: str) -> list[_Term]:
    terms = []
    for match in _TERM_RE.finditer(text):
        number = match["num"].replace(",", ".")
        if len(number.split(".")[0].lstrip("0")) > _MAX_INT_DIGITS:
            raise InvalidAnswer("budget-out-of-range")
        mult = next((m for i, (_, m) in enumerate(_MULTIPLIERS) if match[f"m{i}"]), None)
        terms.append(_Term(Decimal(number), mult, match.start(), match.end()))
    return terms


def _merge_compound(terms: list[_Term], text: str) -> list[_Term]:
    # "2 млн 500 тыс" is one amount, not a range: join a term with the next
    # when only whitespace separates them and the multiplier shrinks.
    merged: list[_Term] = []
    for term in terms:
        prev = merged[-1] if merged else None
        if (prev and prev.mult and term.mult and term.mult < prev.mult
                and not text[prev.end:term.start].strip()):
            prev.value = prev.value * prev.mult + term.value * term.mult
            prev.mult, prev.end = 1, term.end
        else:
            merged.append(term)
    return merged


def parse_budget(text: str) -> int:
    """Budget in roubles; for a range ("1.5-2 млн") the upper bound."""
    normalized = _normalize_budget(text)
    terms = _merge_compound(_read_terms(normalized), normalized)
    # More than a range is ambiguous enough to be worth re-asking.
    if not terms or len(terms) > 2:
        raise InvalidAnswer("budget-invalid")
    # In "1.5-2 млн" the unit is written once for both ends; the < 1000 guard
    # stops "1500000-2 млн" from becoming 1.5 trillion.
    if len(terms) == 2 and terms[0].mult is None and terms[0].value < 1000:
        terms[0].mult = terms[1].mult
    amount = max(t.value * (t.mult or 1) for t in terms)
    if not BUDGET_MIN <= amount <= BUDGET_MAX:
        raise InvalidAnswer("budget-out-of-range")
    return int(amount.to_integral_value())


AMOUNT_MAX = BUDGET_MAX


def parse_amount(text: str) -> int:
    """One sum in whole roubles, read as the budget is ('150 000', '150 тыс', '1,85 млн'); a
    range, two numbers or a fraction of a rouble is not one sum."""
    normalized = _normalize_budget(text)
    try:
        terms = _merge_compound(_read_terms(normalized), normalized)
    except InvalidAnswer:
        raise InvalidAnswer("amount-out-of-range") from None
    if len(terms) != 1:
        raise InvalidAnswer("amount-invalid")
    amount = terms[0].value * (terms[0].mult or 1)
    if amount != amount.to_integral_value():
        raise InvalidAnswer("amount-invalid")
    if not 1 <= amount <= AMOUNT_MAX:
        raise InvalidAnswer("amount-out-of-range")
    return int(amount)


YEAR_MIN = 1950

_ANY_YEAR = frozenset({"any", "any year", "любой", "любые", "любая", "неважно", "не важно",
                       "без разницы", "все равно", "всё равно"})
_UPTO_WORDS = r"\bдо\b|\bup\s+to\b|\bto\b|\buntil\b|старше|ранее|раньше|older|earlier"
# "после 2018" is taken inclusively: a slightly wider search beats a wrong exact year.
_FROM_WORDS = r"\+|\bот\b|\bс\b|\bfrom\b|\bsince\b|новее|позже|позднее|после|after|newer|later"
# Order matters: negated forms ("не старше" = from) must win over their bare
# counterparts ("старше" = up to).
_YEAR_BOUNDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"не\s+(?:старше|ранее|раньше)"), "from"),
    (re.compile(r"не\s+(?:новее|позже|позднее)"), "upto"),
    (re.compile(_UPTO_WORDS), "upto"),
    (re.compile(_FROM_WORDS), "from"),
)


def _year_bound(text: str) -> str | None:
    return next((kind for pattern, kind in _YEAR_BOUNDS if pattern.search(text)), None)


def parse_years(text: str, current_year: int) -> tuple[int, int]:
    """Inclusive (from, to) range of manufacture years."""
    lowered = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
    if lowered in _ANY_YEAR:
        return YEAR_MIN, current_year
    numbers = re.findall(r"[0-9]+", text)
    # Two-digit years ("18") are rejected outright rather than guessed.
    if not 1 <= len(numbers) <= 2 or any(len(n) != 4 for n in numbers):
        raise InvalidAnswer("years-invalid")
    years = sorted(int(n) for n in numbers)
    if years[0] < YEAR_MIN or years[-1] > current_year + 1:
        raise InvalidAnswer("years-out-of-range")
    if len(years) == 2:
        return years[0], years[1]
    year, bound = years[0], _year_bound(text.lower())
    if bound == "from":
        # Next year's models are allowed, so never return an inverted range.
        return year, max(year, current_year)
    if bound == "upto":
        return YEAR_MIN, year
    return year, year


_DMY_RE = re.compile(r"([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4})")
_ISO_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")

MIN_AGE = 16
MAX_AGE = 110


def parse_date(text: str) -> datetime.date:
    """Day-first dates (12.03.1985, 12/03/1985, 12-03-1985) or ISO 1985-03-12."""
    text = text.strip()
    if match := _DMY_RE.fullmatch(text):
        day, month, year = match.group(1, 3, 4)
    elif match := _ISO_RE.fullmatch(text):
        year, month, day = match.groups()
    else:
        raise InvalidAnswer("date-invalid")
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        # Well-formed but impossible, e.g. 31.02.1990.
        raise InvalidAnswer("date-invalid") from None


def _age_on(birth: datetime.date, today: datetime.date) -> int:
    before_birthday = (today.month, today.day) < (birth.month, birth.day)
    return today.year - birth.year - before_birthday


def parse_birth_date(text: str, today: datetime.date) -> datetime.date:
    """A birth date of someone aged MIN_AGE..MAX_AGE on `today`."""
    birth = parse_date(text)
    if not MIN_AGE <= _age_on(birth, today) <= MAX_AGE:
        raise InvalidAnswer("birth-date-out-of-range")
    return birth


def parse_phone(text: str, default_region: str) -> str:
    """A valid phone number in E.164; `default_region` covers local formats."""
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException:
        raise InvalidAnswer("phone-invalid") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidAnswer("phone-invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def clean_text(text: str, max_len: int = 500) -> str:
    """Free text with whitespace runs (newlines included) collapsed to one space."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidAnswer("text-empty")
    if len(cleaned) > max_len:
        raise InvalidAnswer("text-too-long")
    return cleaned


_INTERVAL = re.compile(r"([0-9]+(?:[.,][0-9]+)?)\s*(h|ч|час|часа|часов|d|д|дн|дня|дней|день)")
_INTERVAL_HOURS = {"h": 1, "ч": 1, "час": 1, "часа": 1, "часов": 1}


def parse_interval(text: str) -> datetime.timedelta:
    """A news interval a manager sets: '24h', '36 ч', '2d', '1,5 дня' (1 hour to 30 days)."""
    match = _INTERVAL.fullmatch(text.strip().lower())
    if match is None:
        raise InvalidAnswer("every-invalid")
    amount = float(match.group(1).replace(",", "."))
    hours = amount * (_INTERVAL_HOURS.get(match.group(2)) or 24)
    if not 1 <= hours <= 30 * 24:
        raise InvalidAnswer("every-invalid")
    return datetime.timedelta(hours=hours)


def phone_key(text: str, default_region: str) -> str | None:
    """A phone number written any way, as stored (E.164); None if it is not one."""
    try:
        return parse_phone(text, default_region)
    except InvalidAnswer:
        return None


_ESTIMATE = re.compile(
    r"([0-9]+(?:[.,][0-9]+)?)?\s*(?:[-–—]\s*([0-9]+(?:[.,][0-9]+)?)\s*)?"
    r"(мес|month|недел|week|дн|день|дня|day)", re.IGNORECASE)


def parse_estimate(text: str) -> datetime.timedelta | None:
    """A search time as managers write it ('2–3 месяца', '6 недель', 'месяц', '3 months'):
    its upper bound; None if it names no span."""
    match = _ESTIMATE.search(text)
    if match is None:
        return None
    amount = float((match.group(2) or match.group(1) or "1").replace(",", "."))
    unit = match.group(3).lower()
    days = 30 if unit.startswith(("мес", "month")) else 7 if unit.startswith(("недел", "week")) else 1
    return datetime.timedelta(days=amount * days)
