"""The database's own faults (issue 21): one bot per database file however its path is
spelled, and an error told from a busy database by SQLite's code, not by its words."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from storage.db import Database
from storage.lock import DatabaseInUse
from storage.problems import unavailable
from tests.steps import IVAN, Harness


async def test_a_symlink_to_the_database_does_not_start_a_second_bot(
    harness: Harness, db_path: Path, tmp_path: Path
) -> None:
    link = tmp_path / "elsewhere" / "bot.sqlite3"
    link.parent.mkdir()
    link.symlink_to(db_path)
    folder = tmp_path / "linked-folder"
    folder.symlink_to(db_path.parent, target_is_directory=True)
    for path in (link, folder / db_path.name):
        with pytest.raises(DatabaseInUse, match=f"is using {path}"):
            await Database(path).connect()
    await harness.say(IVAN, "/start")  # the running bot is untouched
    assert await harness.rows("SELECT COUNT(*) FROM clients") == [(1,)]


async def test_a_fault_whose_words_say_locked_is_kept_not_waited_on(
    harness: Harness, db_path: Path
) -> None:
    """A broken trigger names a table "locked_slots": that is the update's own fault (kept
    and retried later), not another program's lock to wait for in place forever."""
    h = harness
    await h.say(IVAN, "Здравствуйте")
    [(client_id,)] = await h.rows("SELECT id FROM clients WHERE external_id = ?", str(IVAN.id))
    conn = sqlite3.connect(db_path)
    conn.execute(
        "CREATE TRIGGER broken BEFORE INSERT ON messages WHEN NEW.client_id ="
        f" {client_id} BEGIN INSERT INTO locked_slots VALUES (1); END"
    )
    conn.commit()
    conn.close()
    failing = h.updates.text(IVAN, "Машина готова?")
    await asyncio.wait_for(h.feed(failing), 10)
    assert await h.rows("SELECT update_id, attempts, error FROM failed_updates") == [
        (failing["update_id"], 1, "no such table: main.locked_slots")
    ]


def test_errors_are_told_by_their_code() -> None:
    held = sqlite3.connect(":memory:")
    busy = sqlite3.OperationalError("some words")
    busy.sqlite_errorcode = sqlite3.SQLITE_BUSY_SNAPSHOT
    assert unavailable(busy)  # an extended code counts by its primary one
    with pytest.raises(sqlite3.OperationalError) as own_fault:
        held.execute("SELECT * FROM database_is_locked")
    assert "locked" in str(own_fault.value) and not unavailable(own_fault.value)
    assert not unavailable(sqlite3.OperationalError("database is locked"))  # no code: not SQLite's
    held.close()
