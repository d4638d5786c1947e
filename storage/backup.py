"""A consistent copy of the database while the bot runs: SQLite's online backup API.

The copy is read in steps from one read transaction held from the first step to the last. The
backup API restarts from page one whenever it sees that another connection changed the source
between steps; a read transaction held across the steps is one snapshot, which the bot's writes
(in WAL mode, to the `-wal` file) do not change, so every step is progress and a busy bot
cannot keep the copy from finishing. The bot writes on meanwhile; its WAL grows by what it
writes during the copy (its checkpoint cannot pass the snapshot until the copy ends).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from storage.files import SQLITE_COMPANIONS, owner_only

PAGES_PER_STEP = 4096  # 16 MB of 4 KB pages a step


class BackupError(Exception):
    """A backup that cannot be made; the message says why in one line, for the operator."""


class LiveTarget(BackupError):
    """The target is the live database, one of its companion files, or resolves to one."""


def backup(source: Path, target: Path, progress: Callable[[int, int], None] | None = None) -> Path:
    """Copy `source` to `target` (a new file, or an old copy to replace) as one consistent
    snapshot; returns the target's resolved path. `progress(remaining, total)` after each step."""
    if not source.exists():
        raise BackupError(f"there is no database at {source}")
    final = check_target(source, target)
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(final.name + ".partial")
    check_target(source, partial)
    partial.unlink(missing_ok=True)  # a copy an interrupted run left behind
    owner_only(partial)  # a copy of personal data, readable by the bot's user only
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, isolation_level=None)
    try:
        src.execute("PRAGMA busy_timeout=5000")
        # One snapshot for every step: see the module's docstring.
        src.execute("BEGIN")
        src.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        dst = sqlite3.connect(partial, isolation_level=None)
        try:
            dst.execute("PRAGMA synchronous=OFF")  # made durable once, below
            src.backup(dst, pages=PAGES_PER_STEP, progress=_report(progress))
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
        src.execute("ROLLBACK")
    finally:
        src.close()
    _sync(partial)
    partial.replace(final)  # never half a copy under the real name
    _sync(final.parent)
    return final


def check_target(source: Path, target: Path) -> Path:
    """The target, resolved; LiveTarget if writing it would overwrite the live database or
    one of its files (the path itself, a symlink to it, a relative path, its -wal...)."""
    live = source.resolve()
    protected = {live, *(Path(f"{live}{suffix}") for suffix in (*SQLITE_COMPANIONS, ".lock"))}
    resolved = target.expanduser().resolve()
    if resolved in protected or _same_file(resolved, protected):
        raise LiveTarget(
            f"{target} is the live database or one of its files ({live}); give a path elsewhere"
        )
    if resolved.is_dir():
        raise BackupError(f"{target} is a directory; give the path of the copy's file")
    return resolved


def _same_file(path: Path, protected: set[Path]) -> bool:
    """A hard link to one of the live files is the same file under another name."""
    if not path.exists():
        return False
    return any(other.exists() and os.path.samefile(path, other) for other in protected)


def _report(progress: Callable[[int, int], None] | None) -> Callable[[int, int, int], None] | None:
    if progress is None:
        return None
    return lambda _status, remaining, total: progress(remaining, total)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
