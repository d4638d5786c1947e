"""Saved replies (issue 26): the file a firm keeps them in, and their `{field}` blanks.

The file (`replies.txt` beside the database) is plain text a person can edit: a reply starts
with its name in square brackets on a line of its own, and its text follows until the next
name. Lines starting with `#` before the first name are comments.

    [address]
    We are at 12 Lenina St., open 9:00–20:00. {name}, we are waiting for you!
"""

from __future__ import annotations

import re
from string import Formatter

NAME = re.compile(r"[a-z0-9_-]{1,32}")  # ASCII only: what a manager can type after /reply
_HEADER = re.compile(r"^\[([^\]\n]*)\]\s*$")
MAX_TEXT = 3500  # fits Telegram's 4,096 characters with the fields filled in
MAX_REPLIES = 200


class BadReply(ValueError):
    """What is wrong with a saved reply, as a locale key with its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def read(text: str) -> dict[str, str]:
    """The replies in a file's text, by name (a bad name or an empty reply is skipped)."""
    found: dict[str, str] = {}
    name: str | None = None
    lines: list[str] = []
    for line in [*text.splitlines(), "[]"]:
        header = _HEADER.match(line)
        if header is None:
            if name is not None:
                lines.append(line)
            continue
        if name is not None and NAME.fullmatch(name) and "\n".join(lines).strip():
            found[name] = "\n".join(lines).strip()
        name, lines = header.group(1).strip().lower(), []
    return found


def write(replies: dict[str, str]) -> str:
    """The file's text for these replies (sorted by name)."""
    head = "# Saved replies for /reply: [name], then the text. Fields: {" + "}, {".join(FIELDS) + "}\n"
    # A text line that looks like a header would split the reply: it cannot be stored as is.
    return head + "".join(f"\n[{name}]\n{replies[name]}\n" for name in sorted(replies))


FIELDS = ("name", "car", "city", "phone", "request")


def fields_of(text: str) -> list[str]:
    """The `{field}` names a reply uses; BadReply for a field not known or broken braces."""
    try:
        parsed = list(Formatter().parse(text))
    except ValueError:
        raise BadReply("reply-braces") from None
    names = []
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in FIELDS or spec or conversion:
            raise BadReply("reply-unknown-field", field=field or "{}",
                           fields=", ".join("{" + f + "}" for f in FIELDS))
        names.append(field)
    return names


def check(name: str, text: str) -> None:
    """A new reply's name and text, or BadReply."""
    if not NAME.fullmatch(name):
        raise BadReply("reply-bad-name")
    if not text.strip():
        raise BadReply("reply-empty", name=name)
    if len(text) > MAX_TEXT:
        raise BadReply("reply-too-long", limit=MAX_TEXT)
    if any(_HEADER.match(line) for line in text.splitlines()):
        raise BadReply("reply-bracket-line")
    fields_of(text)


def fill(text: str, values: dict[str, str]) -> str:
    """The text with its fields filled (every field is known: checked when saved or read)."""
    fields_of(text)
    return Formatter().vformat(text, (), values)
