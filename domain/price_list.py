"""The workshop's price list (`PRICE_LIST`, issue 24): a CSV of operations a work order's line may
name by its code (`ТО-1`) instead of writing the work and its price.

Columns, in this order, after one header row: code; name; norm hours; labour price; parts price.
The delimiter is ';' when the header row has a ';', else ',' (a decimal comma in the hours then
needs quotes: "1,5"), read by the csv module. Hours may be written '1,5' or '1.5' (up to 24, whole
minutes, empty for none); prices are whole roubles ('2 000', '2000', '2000,00'; empty is 0).
Every bad row is reported with its line number; the list is refused if any row is bad."""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

MAX_PRICE = 100_000_000  # as a work order's line (bot/services/workshop/order_text.py)
MAX_ITEMS = 5000
MAX_CODE = 30
MAX_NAME = 200
CLOSE = 0.5  # how alike a code must be to be offered for a typo (difflib's ratio)
MAX_REPORTED = 10  # bad rows named in the error; the rest are counted
COLUMNS = ("code", "name", "norm hours", "labour price", "parts price")
_HOURS = re.compile(r"([0-9]{1,2})(?:[.,]([0-9]{1,2}))?")
_PRICE = re.compile(r"([0-9][0-9 \u00a0\u202f]*?)(?:[.,]0{1,2})?")


class PriceListError(ValueError):
    """The list cannot be used; the message has one line per bad row."""


@dataclass(frozen=True)
class PriceItem:
    code: str  # as the list writes it
    name: str
    minutes: int | None  # norm hours
    labour: int
    parts: int

    @property
    def price(self) -> int:
        return self.labour + self.parts


@dataclass(frozen=True)
class PriceList:
    items: dict[str, PriceItem] = field(default_factory=dict)  # by code_key(code)

    def __bool__(self) -> bool:
        return bool(self.items)

    def find(self, code: str) -> PriceItem | None:
        return self.items.get(code_key(code))

    def nearest(self, code: str, count: int = 3) -> list[str]:
        """The codes most like `code` (a typo, another number), as the list writes them."""
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(code_key(code))  # as difflib.get_close_matches; ties by code
        scored = []
        for key in self.items:
            matcher.set_seq1(key)
            if matcher.real_quick_ratio() >= CLOSE and matcher.quick_ratio() >= CLOSE \
                    and (ratio := matcher.ratio()) >= CLOSE:
                scored.append((-ratio, key))
        return [self.items[key].code for _, key in sorted(scored)[:count]]


def code_key(code: str) -> str:
    """Codes match whatever their case and spacing: 'то-1' is 'ТО-1'."""
    return " ".join(code.split()).casefold()


def parse_price_list(text: str, name: str) -> PriceList:
    """The list from the file's text (BOM already removed); `name` is the file, for the errors."""
    lines = io.StringIO(text, newline="").readlines()  # csv's own reading of line ends
    header_at = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_at is None:
        return PriceList()
    delimiter = ";" if ";" in lines[header_at] else ","
    reader = csv.reader(lines, delimiter=delimiter)
    items: dict[str, PriceItem] = {}
    seen: dict[str, int] = {}
    problems: list[str] = []
    header = True
    for number, row in _rows(reader):
        if row is None:
            problems.append(f"{name} line {number}: not a CSV row the bot can read"
                            " (an unclosed quote, or a cell over 128 KB?)")
            break
        if not any(cell.strip() for cell in row):
            continue
        if header:
            header = False
            if len(row) < len(COLUMNS):
                problems.append(f"{name} line {number}: expected a header row of {len(COLUMNS)}"
                                f" columns ({', '.join(COLUMNS)}) separated by ';' or ','")
                break
            continue
        try:
            item = _item(row)
        except ValueError as error:
            problems.append(f"{name} line {number}: {error}")
            continue
        key = code_key(item.code)
        if key in seen:
            problems.append(f"{name} line {number}: code '{item.code}' is already on line {seen[key]}")
            continue
        seen[key] = number
        items[key] = item
        if len(items) > MAX_ITEMS:
            problems.append(f"{name} line {number}: more than {MAX_ITEMS} rows")
            break
    if problems:
        more = len(problems) - MAX_REPORTED
        shown = problems[:MAX_REPORTED] + ([f"{name}: {more} more bad rows"] if more > 0 else [])
        raise PriceListError("\n".join(shown))
    return PriceList(items)


def _rows(reader: Any) -> Iterator[tuple[int, list[str] | None]]:
    """(line number, row); None for what the csv module cannot read (a cell over its limit)."""
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error:
        yield reader.line_num, None


def _item(row: list[str]) -> PriceItem:
    cells = [cell.strip() for cell in row]
    if len(cells) < len(COLUMNS) or any(cells[len(COLUMNS):]):
        raise ValueError(f"expected {len(COLUMNS)} columns ({', '.join(COLUMNS)}), found {len(cells)}")
    code, name, hours, labour, parts = cells[: len(COLUMNS)]
    code = " ".join(code.split())
    if not code or len(code) > MAX_CODE or "|" in code:
        raise ValueError(f"the code must be 1 to {MAX_CODE} characters, without '|'")
    if not name or len(name) > MAX_NAME:
        raise ValueError(f"the name must be 1 to {MAX_NAME} characters")
    item = PriceItem(code, " ".join(name.split()), _minutes(hours), _price(labour, "labour price"),
                     _price(parts, "parts price"))
    if item.price > MAX_PRICE:
        raise ValueError(f"labour and parts together are over {MAX_PRICE} roubles")
    return item


def _minutes(text: str) -> int | None:
    """'1,5' → 90; '' → None. ASCII digits, up to 24 hours, whole minutes, above zero."""
    if not text:
        return None
    match = _HOURS.fullmatch(text)
    if match is None:
        raise ValueError(f"norm hours '{_shown(text)}' are not a number of hours like 1,5")
    minutes = Decimal(f"{match.group(1)}.{match.group(2) or 0}") * 60
    if minutes != minutes.to_integral_value() or not 0 < minutes <= 24 * 60:
        raise ValueError(f"norm hours '{_shown(text)}' must be above 0 and up to 24, in whole minutes")
    return int(minutes)


def _price(text: str, what: str) -> int:
    """'2 000' or '2000,00' → 2000; '' → 0. Whole roubles, ASCII digits, up to MAX_PRICE."""
    if not text:
        return 0
    match = _PRICE.fullmatch(text)
    digits = re.sub(r"[^0-9]", "", match.group(1)) if match else ""
    if not digits or len(digits.lstrip("0")) > len(str(MAX_PRICE)) or int(digits) > MAX_PRICE:
        raise ValueError(f"{what} '{_shown(text)}' is not a whole number of roubles"
                         f" up to {MAX_PRICE}")
    return int(digits)


def _shown(text: str, limit: int = 20) -> str:
    """A cell as an error quotes it: on one line (a quoted cell may span lines), shortened."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
