"""Restoring a backup: the file is checked first, no bot may hold the database meanwhile, and
the database it replaces is kept aside, never deleted."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage.files import owner_only
from storage.lock import DatabaseInUse, DatabaseLock
from storage.migrate import applied, known
from storage.problems import DatabaseProblem

# Tables every CarCare database has had since its first migration.
OUR_TABLES = ("schema_version", "clients", "outbox")
COMPANIONS = ("-wal", "-shm", "-journal")  # SQLite's files beside a database


class NotRestorable(DatabaseProblem):
    """The file cannot replace the database; the message says why and what to do."""


@dataclass(frozen=True)
class Snapshot:
    """What a database file holds, read without changing it."""

    path: Path
    versions: frozenset[int]  # the migrations applied to it

    @property
    def level(self) -> int:
        return max(self.versions, default=0)

    @property
    def pending(self) -> list[str]:
        """Migrations this code would apply to it at the next start."""
        return [name for version, name in sorted(known().items()) if version not in self.versions]


def inspect(path: Path, thorough: bool = True) -> Snapshot:
    """Read `path` as a CarCare database, or raise NotRestorable saying why it is not one.

    `thorough` runs SQLite's full integrity check (every page and index); otherwise the quick
    one (for a live database, where a check should not take long)."""
    if not path.is_file():
        raise NotRestorable(f"there is no file at {path}")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise NotRestorable(f"cannot open {path} ({error})") from None
    try:
        return _read(conn, path, thorough)
    except sqlite3.DatabaseError as error:
        raise NotRestorable(f"{path} is not a readable SQLite database ({error})") from None
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, path: Path, thorough: bool) -> Snapshot:
    check = "integrity_check" if thorough else "quick_check"
    verdict = [row[0] for row in conn.execute(f"PRAGMA {check}(1)")]
    if verdict != ["ok"]:
        raise NotRestorable(f"{path} is damaged ({verdict[0] if verdict else 'no answer'})")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [table for table in OUR_TABLES if table not in tables]
    if missing:
        raise NotRestorable(f"{path} is not a CarCare database (it has no {missing[0]} table)")
    versions = frozenset(applied(conn))
    newer = versions - known().keys()
    if newer:
        raise NotRestorable(
            f"{path} was written by a newer CarCare Bot (migration {max(newer)}; this version"
            f" knows up to {max(known())}): restore it with that version, or upgrade first"
        )
    return Snapshot(path, versions)


def restore(source: Path, database: Path, stamp: str) -> tuple[Snapshot, Path | None]:
    """Replace `database` with the backup `source`, once it has been checked.

    No bot may hold the database meanwhile (storage/lock.py): it is refused while one does, and
    none can start until the copy is in place. The database replaced is renamed, with its -wal
    file, to `<name>.before-restore-<stamp>` beside it. Returns what was restored and where the
    replaced database went (None if there was none)."""
    if database.exists() and source.resolve() == database.resolve():
        raise NotRestorable(f"{source} is the database itself: give a backup of it instead")
    snapshot = inspect(source)
    lock = DatabaseLock(database)
    try:
        lock.acquire()
    except DatabaseInUse as error:
        raise NotRestorable(f"{error}: stop it first, then restore") from None
    try:
        aside = _set_aside(database, stamp)
        try:
            _copy(source, database)
        except BaseException:
            if aside is not None:
                _move_with_companions(aside, database)  # never leave no database at all
            raise
    finally:
        lock.release()
    return snapshot, aside


def _set_aside(database: Path, stamp: str) -> Path | None:
    if not database.exists():
        for suffix in COMPANIONS:  # leftovers of a removed database must not join the new one
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        return None
    aside = database.with_name(f"{database.name}.before-restore-{stamp}")
    if aside.exists():
        raise NotRestorable(f"{aside} exists already: move it away and restore again")
    _move_with_companions(database, aside)
    return aside


def _move_with_companions(source: Path, target: Path) -> None:
    """Rename a database with its -wal file (committed rows may still be only there)."""
    Path(f"{source}-shm").unlink(missing_ok=True)  # an index of the -wal, rebuilt on opening
    for suffix in ("-wal", "-journal"):
        companion = Path(f"{source}{suffix}")
        if companion.exists():
            companion.replace(f"{target}{suffix}")
    source.replace(target)


def _copy(source: Path, database: Path) -> None:
    """A consistent copy through SQLite's backup API, put in place by one rename."""
    database.parent.mkdir(parents=True, exist_ok=True)
    partial = database.with_name(database.name + ".restoring")
    partial.unlink(missing_ok=True)
    owner_only(partial)  # personal data: the bot's user only
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file until the bot opens it
        finally:
            dst.close()
    finally:
        src.close()
    with open(partial, "rb") as copied:
        os.fsync(copied.fileno())
    partial.replace(database)
    folder = os.open(database.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a power cut
    finally:
        os.close(folder)
