"""A consistent copy of the database while the bot runs: SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.files import owner_only

PAGES_PER_STEP = 1024  # the bot's writes go on between steps


def backup(source: Path, target: Path) -> None:
    """Copy `source` to `target` (a new file, or one to replace) as one consistent snapshot."""
    if not source.exists():
        raise FileNotFoundError(f"there is no database at {source}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    owner_only(partial)  # a copy of personal data, readable by the bot's user only
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=PAGES_PER_STEP)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(target)  # never half a copy under the real name
