"""The money of a deal, shared by every layer: what a payment is for, what kind of payment it
is, and what a deal's money stands at. Amounts are whole roubles (int), as the workshop's prices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Subject(StrEnum):
    """What a payment pays for: a sourcing deal (a request's id) or a workshop work order."""

    DEAL = "deal"
    ORDER = "order"


class PaymentKind(StrEnum):
    DEPOSIT = "deposit"
    PURCHASE = "purchase"
    FEE = "fee"
    DELIVERY = "delivery"
    OTHER = "other"
    CORRECTION = "correction"  # `/paid -<sum> <why>`: takes a sum off what was paid (a mistake)


# Words of what a manager writes after the amount that name its kind (ru and en stems).
_KIND_WORDS: dict[PaymentKind, tuple[str, ...]] = {
    PaymentKind.DEPOSIT: ("deposit", "задаток", "задатк", "аванс", "предоплат", "депозит"),
    PaymentKind.PURCHASE: ("purchase", "car", "покупк", "машин", "авто"),
    PaymentKind.FEE: ("fee", "комисси", "вознагражд", "услуг"),
    PaymentKind.DELIVERY: ("delivery", "shipping", "доставк", "перегон", "логист"),
}


def payment_kind(what: str) -> PaymentKind:
    """'задаток по договору' → DEPOSIT, 'оплата доставки' → DELIVERY: the first word that
    starts like a kind's word names it; none → OTHER."""
    for word in what.lower().split():
        for kind, stems in _KIND_WORDS.items():
            if any(word.startswith(stem) for stem in stems):
                return kind
    return PaymentKind.OTHER


@dataclass(frozen=True)
class Payment:
    id: int
    subject: Subject
    subject_id: int
    client_id: int
    amount: int
    kind: PaymentKind
    what: str
    manager_id: int


@dataclass(frozen=True)
class Money:
    """A deal's money as it stands: offered is the newest offer's total (price and fee), None
    while no offer was made; paid is the sum of its payments."""

    offered: int | None
    paid: int

    @property
    def remaining(self) -> int | None:
        return None if self.offered is None else self.offered - self.paid

    @property
    def any(self) -> bool:
        return self.offered is not None or self.paid > 0


def rub(amount: int) -> str:
    """3500 → '3 500 ₽' (a narrow no-break space between thousands, a no-break space before ₽,
    so the sign never wraps away from its number)."""
    return f"{amount:,}".replace(",", "\u202f") + "\u00a0₽"


def summary_args(money: Money) -> dict[str, str]:
    """The values of the `money-summary` texts: its state (none: no offer yet; due; settled;
    over: paid past the offer) and the sums written out."""
    remaining = money.remaining
    if remaining is None:
        state = "none"
    else:
        state = "due" if remaining > 0 else "settled" if remaining == 0 else "over"
    return {"state": state, "paid": rub(money.paid), "offered": rub(money.offered or 0),
            "remaining": rub(abs(remaining or 0))}


@dataclass(frozen=True)
class OfferTerms:
    """What an offer says: the car, its price and our fee, what the price includes, the
    deposit and the terms, the last day it stands (as the manager's /offer form gives them)."""

    car: str
    price: int
    fee: int
    included: str
    deposit: int
    terms: str
    valid_until: date

    @property
    def total(self) -> int:
        return self.price + self.fee


@dataclass(frozen=True)
class Offer(OfferTerms):
    """One version of a deal's offer, as the client was sent it (`text`, in their language)."""

    id: int
    request_id: int
    version: int
    text: str
    lapsed: bool


_TOLERANCE = re.compile(r"([0-9]{1,3})(?:[.,]([0-9]{1,2}))?\s*%?")


def parse_tolerance(text: str) -> Decimal:
    """BUDGET_TOLERANCE: '5%', '5', '2,5%' → the percent a price may pass the budget by before
    a manager must give a reason (0 to 100); ValueError if malformed."""
    match = _TOLERANCE.fullmatch(text.strip())
    if match is None:
        raise ValueError("expected a percent like 5% (0% to 100%)")
    percent = Decimal(f"{match[1]}.{match[2] or 0}")
    if percent > 100:
        raise ValueError("expected a percent like 5% (0% to 100%)")
    return percent


def over_budget(price: int, budget: int, tolerance: Decimal) -> bool:
    """The price passes the budget by more than the tolerance (in percent)."""
    return price * 100 > budget * (100 + tolerance)


def overrun(price: int, budget: int) -> int:
    """How far the price passes the budget, in whole percent (0 within it), rounded half up."""
    if price <= budget or budget <= 0:
        return 0
    return int((Decimal(price - budget) * 100 / budget).quantize(Decimal(1), "ROUND_HALF_UP"))
