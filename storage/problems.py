"""A database file the bot cannot use, said in one line: which file, and what to do; and
whether an error only means "not just now". Both told by SQLite's result codes
(`sqlite3.Error.sqlite_errorcode`), never by the words of the message."""

from __future__ import annotations

import errno
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
    code = _primary(error)
    if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        advice = (
            f"the database {path} is damaged ({said}): stop the bot and restore the latest backup"
            f" (carcare-bot restore PATH), or salvage it with `sqlite3 {path} .recover`"
        )
    elif code == sqlite3.SQLITE_READONLY or getattr(error, "errno", None) == errno.EROFS:
        advice = (
            f"the database {path} is read-only: let the bot's user write it, its folder and its"
            " -wal and -shm files"
        )
    elif code == sqlite3.SQLITE_FULL or getattr(error, "errno", None) == errno.ENOSPC:
        advice = f"the disk holding {path} is full: free some space and start again"
    elif code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
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


# SQLite's primary result codes for "not just now": another connection's lock, a full disk,
# the disk failing, a transaction SQLite rolled back because of one of these.
_NOT_NOW = frozenset({
    sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_ABORT,
})


def unavailable(error: BaseException) -> bool:
    """The database cannot be written just now (another program's lock, a full disk, the
    disk failing): not the fault of the work at hand, which is to wait and go again.

    Told by SQLite's result code, never by the message: a table or trigger whose name says
    "locked" or "full" is a fault of the work, kept and retried later, not waited on."""
    return isinstance(error, sqlite3.Error) and _primary(error) in _NOT_NOW


def _primary(error: BaseException) -> int | None:
    """SQLite's primary result code of an error (the extended code's low byte), if any."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def rolled_back() -> sqlite3.OperationalError:
    """The error for a member of a group that SQLite rolled back whole (after another
    member's I/O error or full disk), with the code SQLite gives such a transaction."""
    error = sqlite3.OperationalError("the transaction was rolled back")
    error.sqlite_errorcode = sqlite3.SQLITE_ABORT_ROLLBACK
    error.sqlite_errorname = "SQLITE_ABORT_ROLLBACK"
    return error
