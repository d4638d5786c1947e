"""A long text in Telegram's HTML, cut into messages Telegram takes.

Telegram refuses a message longer than 4,096 characters (counted after the HTML is parsed, in
UTF-16 code units) and one whose tags are not closed. So the text is cut at a line boundary
where it can be (else at a space, else anywhere between two characters, never inside a tag or
an entity like `&lt;`), and the tags open at a cut are closed at the end of one part and opened
again at the start of the next, so each part is well formed and shows what the whole would.
"""

from __future__ import annotations

import re

TEXT_LIMIT = 4096  # Telegram's limit for one message's text
_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[\s\S]")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][\w-]*)")


def visible_length(text: str) -> int:
    """The length Telegram counts: tags take nothing, an entity one character, UTF-16 units."""
    return sum(_width(token) for token in _TOKEN.findall(text))


def split_html(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Parts of at most `limit` visible characters each, in order; the text itself if it fits."""
    if visible_length(text) <= limit:
        return [text]
    tokens = _TOKEN.findall(text)
    parts: list[str] = []
    opened: list[tuple[str, str]] = []  # (name, the opening tag as written) at the part's start
    start = 0
    while start < len(tokens):
        end, closing_stack, skip = _cut(tokens, start, opened, limit)
        body = "".join(tag for _, tag in opened) + "".join(tokens[start:end])
        body += "".join(f"</{name}>" for name, _ in reversed(closing_stack))
        if visible_length(body) > 0:
            parts.append(body)
        opened, start = closing_stack, end + skip
    return parts


def _cut(
    tokens: list[str], start: int, opened: list[tuple[str, str]], limit: int
) -> tuple[int, list[tuple[str, str]], int]:
    """Where the part that begins at `start` ends: (the end index, the tags open there, how
    many tokens to drop after it: the line break or space cut at)."""
    stack = list(opened)
    size = 0
    line: tuple[int, list[tuple[str, str]]] | None = None
    space: tuple[int, list[tuple[str, str]]] | None = None
    index = start
    while index < len(tokens):
        token = tokens[index]
        width = _width(token)
        if size + width > limit and size > 0:
            break
        if token == "\n" and size > 0:
            line = (index, list(stack))
        elif token == " " and size > 0:
            space = (index, list(stack))
        size += width
        _follow(stack, token)
        index += 1
    if index == len(tokens):
        return index, stack, 0
    if line is not None:
        return line[0], line[1], 1
    if space is not None:
        return space[0], space[1], 1
    return index, stack, 0


def _width(token: str) -> int:
    if token.startswith("<") and len(token) > 1:
        return 0
    if token.startswith("&") and len(token) > 1:
        return 1
    return len(token) + sum(1 for char in token if ord(char) > 0xFFFF)  # astral: two UTF-16 units


def _follow(stack: list[tuple[str, str]], token: str) -> None:
    """Keep the stack of open tags up to date with one token."""
    if not token.startswith("<") or len(token) == 1:
        return
    match = _TAG_NAME.match(token)
    if match is None:
        return
    name = match.group(1).lower()
    if token.startswith("</"):
        for position in range(len(stack) - 1, -1, -1):
            if stack[position][0] == name:
                del stack[position]
                break
    elif not token.endswith("/>"):
        stack.append((name, token))
