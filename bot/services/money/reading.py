r"""What managers write in the money commands, read: a sum in roubles at the head of `/paid`'s
text (the rest says what it was for). A sum is read by the intake budget's parser
(`parse_amount`); what cannot be read is a `Refusal` naming the answer.

Digits are ASCII only (`[0-9]`, never `\d`): '150²000' or '١٥٠' is answered, never guessed."""

from __future__ import annotations

import re
import unicodedata

from bot.services.validation import AMOUNT_MAX, InvalidAnswer, parse_amount
from domain.refusal import Refusal

MAX_WHAT = 200  # what a payment was for, in characters

# A sum: digits with their group separators, then a multiplier word and a currency, if any.
_SUM = re.compile(
    r"^(?P<sum>[0-9][0-9\s'’_.,\u00a0\u202f]*"
    r"(?:(?:млрд|млн|тыс\.?|тр|mln|bn|k|к|m|м)(?![a-zа-яё]))?)"
    r"\s*(?:₽|руб\.?|р\.|rub\b|rur\b)?\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def odd_digit(text: str) -> bool:
    """A digit of another script or style ('²', '①', '٣') in the text."""
    return any(unicodedata.category(ch)[0] == "N" and not ch.isascii() for ch in text)


def split_sum(text: str, usage: str) -> tuple[int, str]:
    """'150 000 задаток' → (150000, 'задаток'); `usage` names the answer when no sum leads."""
    text = text.strip()
    match = _SUM.match(text)
    head = re.split(r"[a-zа-яё]", text, maxsplit=1, flags=re.IGNORECASE)[0]
    if odd_digit(head):
        raise Refusal("money-odd-digits")
    if match is None:
        raise Refusal(usage)
    rest = match["rest"].strip()
    if rest[:1].isdigit():  # '150 000 2 000': two numbers, not a sum and its purpose
        raise Refusal("amount-invalid")
    try:
        return parse_amount(match["sum"]), rest
    except InvalidAnswer as problem:
        raise Refusal(problem.key, most=f"{AMOUNT_MAX:,}".replace(",", "\u202f")) from None

