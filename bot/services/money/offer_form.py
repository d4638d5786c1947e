"""The `/offer` form as managers type it, read:

    /offer Toyota RAV4, 2019, белый
    Цена: 2 150 000
    Комиссия: 100 000
    Включено: проверка, доставка до Москвы, оформление
    Задаток: 100 000
    Условия: задаток в течение 3 дней, остаток при получении
    Действует до: 20.12.2026

The first line is the car; the other lines are `Label: value` (ru or en labels, any order). Sums
are read as the budget is; the deposit may be 0 (`0`, `нет`, `no`); the last day is within a
year from today. What cannot be read is a `Refusal` naming the answer."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.services.money.reading import odd_digit
from bot.services.validation import AMOUNT_MAX, InvalidAnswer, parse_amount, parse_date
from domain.money import OfferTerms
from domain.refusal import Refusal

MAX_TEXT = 500  # a field's words, in characters
FAR = timedelta(days=366)
_LINE = re.compile(r"^([^:]{1,40}):\s*(.*)$")
OFFER_LABELS: dict[str, tuple[str, ...]] = {
    "price": ("цена", "цена машины", "стоимость", "price", "car price"),
    "fee": ("комиссия", "вознаграждение", "наша комиссия", "fee", "our fee"),
    "included": ("включено", "входит", "что входит", "в цену входит", "included", "includes"),
    "deposit": ("задаток", "аванс", "предоплата", "deposit"),
    "terms": ("условия", "terms"),
    "valid_until": ("действует до", "действительно до", "срок", "до", "valid until", "valid to",
                    "until"),
}
FIELDS = tuple(OFFER_LABELS)
_NO_DEPOSIT = {"0", "нет", "без задатка", "no", "none", "—", "-"}


def _field(label: str) -> str | None:
    label = " ".join(label.lower().split())
    return next((name for name, words in OFFER_LABELS.items() if label in words), None)


def parse_offer(text: str, today: date) -> OfferTerms:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise Refusal("offer-usage")
    car, values = lines[0], {}
    first = _LINE.match(car)
    if first is not None and _field(first[1]) is not None:  # the car's line was left out
        raise Refusal("offer-no-car")
    for line in lines[1:]:
        match = _LINE.match(line)
        name = _field(match[1]) if match else None
        if match is None or name is None:
            raise Refusal("offer-bad-line", line=line[:80])
        if name in values:
            raise Refusal("offer-twice", line=line[:80])
        values[name] = match[2].strip()
    missing = [name for name in FIELDS if not values.get(name)]
    if missing:
        raise Refusal("offer-missing", fields=", ".join(OFFER_LABELS[name][0] for name in missing))
    for name in ("included", "terms"):
        if len(values[name]) > MAX_TEXT:
            raise Refusal("offer-too-long", most=MAX_TEXT)
    if len(car) > MAX_TEXT:
        raise Refusal("offer-too-long", most=MAX_TEXT)
    price, fee = _sum(values["price"]), _sum(values["fee"], zero=True)
    deposit = _sum(values["deposit"], zero=True)
    if deposit > price + fee:
        raise Refusal("offer-deposit-over")
    return OfferTerms(car, price, fee, values["included"], deposit, values["terms"],
                     _day(values["valid_until"], today))


def _sum(value: str, zero: bool = False) -> int:
    if zero and value.lower() in _NO_DEPOSIT:
        return 0
    if odd_digit(value):
        raise Refusal("money-odd-digits")
    try:
        return parse_amount(value.removesuffix("₽").strip())
    except InvalidAnswer as problem:
        raise Refusal(problem.key, most=f"{AMOUNT_MAX:,}".replace(",", "\u202f")) from None


def _day(value: str, today: date) -> date:
    if odd_digit(value):
        raise Refusal("offer-bad-date")
    try:
        day = parse_date(value)
    except InvalidAnswer:
        raise Refusal("offer-bad-date") from None
    if day < today:
        raise Refusal("offer-date-past")
    if day - today > FAR:
        raise Refusal("offer-date-far")
    return day
