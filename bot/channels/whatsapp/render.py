"""Our texts and buttons as WhatsApp shows them: plain text with *bold*, numbered options."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import asdict
from typing import Any

from domain import Button
from domain.numbers import is_number

BODY_LIMIT = 1600  # Twilio's limit for one WhatsApp message body
_TAGS = (
    (re.compile(r"</?(b|strong)>"), "*"),
    (re.compile(r"</?(i|em)>"), "_"),
    (re.compile(r"</?(s|strike|del)>"), "~"),
    (re.compile(r"</?(code|pre)>"), "```"),
)
_LINK = re.compile(r'<a\s+href="([^"]*)"\s*>(.*?)</a>', re.S)
_ANY_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Telegram-style HTML (our texts) as WhatsApp formatting."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", text)
    for pattern, mark in _TAGS:
        text = pattern.sub(mark, text)
    return html.unescape(_ANY_TAG.sub("", text))


def split(text: str, limit: int = BODY_LIMIT) -> list[str]:
    """Pieces of at most `limit` characters, cut at a paragraph, line or word where possible."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def options(rows: tuple[tuple[Button, ...], ...]) -> tuple[list[Button], list[Button]]:
    """(buttons to number, link buttons) in reading order."""
    flat = [button for row in rows for button in row]
    return [b for b in flat if not b.url], [b for b in flat if b.url]


def numbered(choices: list[Button]) -> str:
    return "\n".join(f"{index}. {plain(button.label)}" for index, button in enumerate(choices, 1))


def numbers_hint(count: int, word_or: str) -> str:
    """'1, 2 or 3' in the client's language."""
    if count == 1:
        return "1"
    head = ", ".join(str(n) for n in range(1, count))
    return f"{head} {word_or} {count}"


def stored(choices: list[Button]) -> list[dict[str, Any]]:
    return [asdict(button) for button in choices]


def _words(text: str) -> str:
    """Letters, digits and single spaces, case-folded: '✅ Всё верно!' -> 'всё верно'."""
    kept = "".join(
        ch if unicodedata.category(ch)[0] in "LN" else " " for ch in text.casefold()
    )
    return " ".join(kept.split())


def match(answer: str, choices: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The option the client meant: its exact words first (so "0" on a 0-10 scale is the
    option labelled 0), then its number, then the one option whose label starts with the words."""
    said = _words(answer)
    if not said:
        return None
    labels = [_words(choice["label"]) for choice in choices]
    exact = [choice for choice, label in zip(choices, labels, strict=True) if label == said]
    if len(exact) == 1:
        return exact[0]
    if is_number(said):
        number = int(said)
        return choices[number - 1] if 1 <= number <= len(choices) else None
    if len(said) >= 3:
        starts = [c for c, label in zip(choices, labels, strict=True) if label.startswith(said)]
        if len(starts) == 1:
            return starts[0]
    return None
