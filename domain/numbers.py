"""Numbers typed or carried in callback data: ASCII digits only. str.isdigit() also accepts
'²', '①' or '٣', which int() then refuses or reads unexpectedly."""

from __future__ import annotations

import unicodedata

MAX_ID_DIGITS = 18  # every such number is below 2**63, SQLite's largest integer


def is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def read_id(text: str) -> int | None:
    """An id (or a small count) carried in a button; None unless ASCII digits that SQLite can
    hold ('²' or twenty-five nines in forged callback data name nothing)."""
    return int(text) if is_number(text) and len(text) <= MAX_ID_DIGITS else None


def looks_numeric(text: str) -> bool:
    """Digits of another script or style ('²', '①', '٣'): the sender meant a number."""
    return bool(text) and not is_number(text) and all(
        unicodedata.category(ch)[0] == "N" for ch in text
    )
