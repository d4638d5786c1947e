"""Topic titles from names clients chose: nothing in a name can make one client's topic look
like another's (bidi overrides, invisible characters, a fake request number)."""

from __future__ import annotations

import unicodedata

TITLE_LIMIT = 128  # Telegram's limit for a forum topic's name
_DROPPED = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # controls, bidi and other format marks
_LOOKALIKES = str.maketrans({"#": " ", "№": " ", "·": " ", "•": " ", "＃": " "})


def clean_name(name: str) -> str:
    """Letters, digits, punctuation and single spaces; no control or direction characters, and
    none of the marks our titles use ('·', '#'), so the number shown is always the bot's."""
    kept = "".join(ch for ch in name if unicodedata.category(ch) not in _DROPPED)
    return " ".join(kept.translate(_LOOKALIKES).split())


def topic_title(name: str, number: int | None, fallback: str) -> str:
    suffix = f" · #{number}" if number is not None else ""
    clean = clean_name(name) or fallback
    return clean[: TITLE_LIMIT - len(suffix)].rstrip() + suffix
