"""A database file the bot cannot use, said in one line: which file, and what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class DatabaseProblem(Exception):
    """The database cannot be used as it is; the message says which file and what to do."""


class MigrationFailed(DatabaseProblem):
    def __init__(self, path: Path, migration: str, error: sqlite3.Error) -> None:
        super().__init__(
            f"migration {migration} failed on {path} ({error}); the database was left as it was"
            " before it: restore the latest backup if it is damaged, or report this error"
        )
        self.migration = migration


def problem(path: Path, error: sqlite3.Error | OSError) -> DatabaseProblem:
    """The one line for an error met while opening `path`."""
    said = str(error)
    text = said.lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        advice = (
            f"the database {path} is damaged ({said}): stop the bot and restore the latest backup"
            f" (see README, Backups), or salvage it with `sqlite3 {path} .recover`"
        )
    elif "readonly" in text or "read-only" in text:
        advice = (
            f"the database {path} is read-only: let the bot's user write it, its folder and its"
            " -wal and -shm files"
        )
    elif "disk is full" in text or "no space" in text:
        advice = f"the disk holding {path} is full: free some space and start again"
    elif "locked" in text or "busy" in text:
        advice = (
            f"the database {path} is locked by another program (a sqlite3 shell, a script):"
            " close it and start again"
        )
    else:
        advice = (
            f"cannot open the database {path} ({said}): check that its folder exists and that"
            " the bot's user may read and write it"
        )
    return DatabaseProblem(advice)


def unavailable(error: BaseException) -> bool:
    """The database cannot be written just now (another program's lock, a full disk, the
    disk failing): not the fault of the work at hand, which is to wait and go again."""
    if not isinstance(error, sqlite3.OperationalError):
        return False
    said = str(error).lower()
    return any(words in said for words in ("locked", "busy", "full", "disk i/o", "rolled back"))
