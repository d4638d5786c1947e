"""Spreadsheet cells that cannot run: a value a spreadsheet would read as a formula gets a
leading apostrophe (OWASP's 'CSV injection' advice). Plain numbers and phone numbers such as
+79161234567 stay as they are: without letters or operators they cannot call anything.

`csv_file` is the one way an export file is written, so no file can miss the rule."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def inert(value: str) -> str:
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_file(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    """An export file: the header and rows with every cell inert (None is an empty cell), UTF-8
    with a byte order mark so spreadsheet programs read the Cyrillic right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in (header, *rows):
        writer.writerow([inert("" if cell is None else str(cell)) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")
