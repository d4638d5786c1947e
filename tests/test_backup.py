"""`python -m bot backup` under a busy bot, and never over the live database (issue 21,
finding 7). The copy is made by storage.backup; another connection commits all the while, as
the bot would."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from storage.backup import BackupError, LiveTarget, backup
from storage.db import Database

SIZE_MB = 200
DEADLINE_S = 8.0  # far more than the copy needs; the old code never finished under these writes


def big_database(path: Path) -> None:
    """~200 MB in a second or two: 1 MB blobs written with no journal, then WAL as the bot has it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB)")
    conn.execute("CREATE TABLE ticks (n INTEGER PRIMARY KEY, at REAL)")
    conn.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER)")
    conn.execute("INSERT INTO counter VALUES (1, 0)")
    conn.execute("BEGIN")
    conn.execute(
        "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < ?)"
        " INSERT INTO filler (data) SELECT zeroblob(1048576) FROM i", (SIZE_MB,))
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()


def test_a_backup_finishes_under_steady_writes_and_is_consistent(tmp_path: Path) -> None:
    source, target = tmp_path / "carcare.sqlite3", tmp_path / "copies" / "copy.sqlite3"
    big_database(source)
    assert source.stat().st_size > SIZE_MB * 1_000_000
    done, commits = threading.Event(), [0]
    outcome: list[BaseException | Path] = []

    def write() -> None:  # a commit every ~2 ms: each one changes the source under the copy
        conn = sqlite3.connect(source, isolation_level=None)
        conn.execute("PRAGMA synchronous=NORMAL")
        stop_at = time.monotonic() + DEADLINE_S
        while not done.is_set() and time.monotonic() < stop_at:
            conn.execute("BEGIN IMMEDIATE")
            n = conn.execute("UPDATE counter SET n = n + 1 RETURNING n").fetchone()[0]
            conn.execute("INSERT INTO ticks VALUES (?, ?)", (n, time.time()))
            conn.execute("UPDATE filler SET data = zeroblob(1048576) WHERE id = ?", (n % SIZE_MB + 1,))
            conn.execute("COMMIT")
            commits[0] += 1
            time.sleep(0.002)
        conn.close()

    def copy() -> None:
        try:
            outcome.append(backup(source, target))
        except BaseException as error:  # noqa: BLE001 - handed to the test
            outcome.append(error)
        finally:
            done.set()

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    while commits[0] < 5:  # writes are going on before the copy starts
        time.sleep(0.001)
    started = time.monotonic()
    copier = threading.Thread(target=copy, daemon=True)
    copier.start()
    finished = done.wait(DEADLINE_S)
    took = time.monotonic() - started
    writer.join()
    assert finished and took < DEADLINE_S, f"the backup did not finish in {DEADLINE_S} s of writes"
    assert outcome == [target.resolve()]
    assert commits[0] > 20  # the bot wrote throughout
    copy_conn = sqlite3.connect(target)
    try:
        assert copy_conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert copy_conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
        (n,) = copy_conn.execute("SELECT n FROM counter").fetchone()
        # one snapshot: the counter and the ticks agree, whatever moment it was taken at
        assert copy_conn.execute("SELECT COUNT(*), MAX(n) FROM ticks").fetchone() == (n, n)
        assert copy_conn.execute("SELECT COUNT(*) FROM filler").fetchone() == (SIZE_MB,)
    finally:
        copy_conn.close()
    assert target.stat().st_mode & 0o777 == 0o600
    assert not target.with_name(target.name + ".partial").exists()
    live = sqlite3.connect(source)
    assert live.execute("SELECT n FROM counter").fetchone()[0] == commits[0]  # the source went on
    live.close()


async def test_the_live_database_is_never_a_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "data" / "carcare.sqlite3"
    db = Database(source)
    await db.connect()  # the bot runs: its WAL, its lock file
    try:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO clients (channel, external_id, chat_id, language, created_at)"
                             " VALUES ('telegram', '1', '1', 'ru', '2026-01-01')")
        monkeypatch.chdir(tmp_path / "data")
        (tmp_path / "link.sqlite3").symlink_to(source)
        os.link(source, tmp_path / "hard.sqlite3")
        for target in (source, Path("carcare.sqlite3"), Path("../data/./carcare.sqlite3"),
                       tmp_path / "link.sqlite3", tmp_path / "hard.sqlite3",
                       Path(f"{source}-wal"), Path(f"{source}-shm"), Path(f"{source}.lock")):
            with pytest.raises(LiveTarget, match="live database"):
                backup(source, target)
        with pytest.raises(BackupError, match="is a directory"):
            backup(source, tmp_path)
        with pytest.raises(BackupError, match="there is no database"):
            backup(tmp_path / "nothing.sqlite3", tmp_path / "copy.sqlite3")
        async with db.transaction() as tx:  # the bot goes on with its own file, untouched
            await tx.execute("INSERT INTO clients (channel, external_id, chat_id, language, created_at)"
                             " VALUES ('telegram', '2', '2', 'ru', '2026-01-01')")
        assert backup(source, Path("../copy.sqlite3")) == tmp_path / "copy.sqlite3"
    finally:
        await db.close()
    for path in (source, tmp_path / "copy.sqlite3"):
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT external_id FROM clients").fetchall() == [("1",), ("2",)]
        conn.close()
