"""Telegram's HTML parse mode, as the Bot API reads it: plain text and entities (offsets in
UTF-16 code units), or the 400 Telegram answers for a tag it does not know."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "code": "code", "pre": "pre", "a": "text_link",
    "blockquote": "blockquote", "span": "spoiler",
}


class EntityError(ValueError):
    """Telegram's "can't parse entities" answer."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf_16_le")) // 2


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.entities: list[dict[str, Any]] = []
        self._open: list[tuple[str, int, dict[str, Any]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            raise EntityError(f'can\'t parse entities: Unsupported start tag "{tag}"')
        extra: dict[str, Any] = {}
        if tag == "a":
            extra["url"] = dict(attrs).get("href") or ""
        self._open.append((tag, utf16_len(self.text), extra))

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1][0] != tag:
            raise EntityError(f'can\'t parse entities: Unmatched end tag "{tag}"')
        name, start, extra = self._open.pop()
        length = utf16_len(self.text) - start
        if length > 0 and not (name == "code" and self._inside("pre")):
            self.entities.append({"type": TAGS[name], "offset": start, "length": length, **extra})

    def _inside(self, tag: str) -> bool:
        return any(name == tag for name, _, _ in self._open)

    def handle_data(self, data: str) -> None:
        self.text += data


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    reader = _Reader()
    reader.feed(source)
    reader.close()
    if reader._open:  # noqa: SLF001 - our own reader
        raise EntityError(f'can\'t parse entities: Can\'t find end tag corresponding to start tag '
                          f'"{reader._open[-1][0]}"')  # noqa: SLF001
    entities = sorted(reader.entities, key=lambda e: (e["offset"], -e["length"]))
    return reader.text, entities


def commands(text: str) -> list[dict[str, Any]]:
    """The bot_command entity Telegram adds to a message that starts with /command."""
    if not text.startswith("/"):
        return []
    word = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(word)}]
