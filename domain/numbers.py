"""Numbers typed or carried in callback data: ASCII digits only. str.isdigit() also accepts
'²', '①' or '٣', which int() then refuses or reads unexpectedly."""

from __future__ import annotations

import unicodedata


def is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def looks_numeric(text: str) -> bool:
    """Digits of another script or style ('²', '①', '٣'): the sender meant a number."""
    return bool(text) and not is_number(text) and all(
        unicodedata.category(ch)[0] == "N" for ch in text
    )
