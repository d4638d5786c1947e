"""Spreadsheet cells that cannot run: a value a spreadsheet would read as a formula gets a
leading apostrophe (OWASP's 'CSV injection' advice). Plain numbers and phone numbers such as
+79161234567 stay as they are: without letters or operators they cannot call anything."""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def inert(value: str) -> str:
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value
