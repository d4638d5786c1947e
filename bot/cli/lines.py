"""What the commands print: one line per outcome, whatever the arguments held."""

from __future__ import annotations

import sys
from typing import TextIO

PROG = "carcare-bot"


def printable(text: str, limit: int = 300) -> str:
    """`text` on one line whatever it quotes: control characters, line breaks and undecodable
    bytes of an argument escaped as Python would write them, and a long one cut short."""
    shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def say(line: str, stream: TextIO | None = None) -> None:
    """One line of a command's outcome (paths in it may hold anything a file name can)."""
    print(printable(line, limit=2000), file=stream or sys.stdout)
