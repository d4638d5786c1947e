"""The storage layer's promises: a transaction that returned is on disk; a burst of them
shares commits; one that fails takes back only its own changes; a failed commit fails every
transaction that relied on it."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.db import BUSY_TIMEOUT_MS, Database, to_db
from storage.migrate import _migrations, _statements, migrate

NOW = to_db(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "storage.sqlite3")
    await database.connect()
    yield database
    await database.close()


def on_disk(db: Database, sql: str) -> list[tuple[object, ...]]:
    """What another connection (another process, or this one after a crash) sees."""
    other = sqlite3.connect(db.path)
    try:
        return [tuple(row) for row in other.execute(sql)]
    finally:
        other.close()


async def record(db: Database, update_id: int) -> list[tuple[object, ...]]:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)", (update_id, NOW)
        )
    # The moment the transaction returns, its row is committed, whoever committed it.
    return on_disk(db, f"SELECT update_id FROM processed_updates WHERE update_id = {update_id}")


async def test_a_burst_of_transactions_shares_commits_and_each_is_on_disk_when_it_returns(
    db: Database,
) -> None:
    commits_before = db.commits
    seen = await asyncio.gather(*(record(db, n) for n in range(1, 41)))

    assert seen == [[(n,)] for n in range(1, 41)]
    assert db.commits - commits_before < 40 / 4  # grouped: far fewer fsyncs than transactions
    assert on_disk(db, "SELECT COUNT(*) FROM processed_updates") == [(40,)]


async def test_one_failing_transaction_takes_back_only_its_own_changes(db: Database) -> None:
    async def failing() -> None:
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)", (99, NOW)
            )
            raise ValueError("a bug in the middle of a change")

    results = await asyncio.gather(
        record(db, 1), failing(), record(db, 2), return_exceptions=True
    )

    assert results[0] == [(1,)] and results[2] == [(2,)]
    assert isinstance(results[1], ValueError)
    assert on_disk(db, "SELECT update_id FROM processed_updates ORDER BY 1") == [(1,), (2,)]


async def test_a_failed_commit_fails_every_transaction_that_shared_it(db: Database) -> None:
    other = sqlite3.connect(db.path)
    other.executescript(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER "
        "REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);"
    )
    other.close()

    queued = asyncio.Event()

    async def fine() -> None:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO parent (id) VALUES (7)")
            await queued.wait()  # the other one is now waiting for the connection: one group

    async def orphan() -> None:  # checked only at COMMIT: the group's commit fails
        queued.set()
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO child (id, parent) VALUES (1, 42)")

    results = await asyncio.gather(fine(), orphan(), return_exceptions=True)

    assert all(isinstance(result, sqlite3.IntegrityError) for result in results), results
    assert on_disk(db, "SELECT COUNT(*) FROM parent") == [(0,)]
    assert on_disk(db, "SELECT COUNT(*) FROM child") == [(0,)]
    assert await record(db, 5) == [(5,)]  # and the connection works on


async def test_a_read_sees_committed_changes_and_a_snapshot_runs_beside_a_transaction(
    db: Database,
) -> None:
    await record(db, 1)
    async with db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM processed_updates") == 1
    async with db.snapshot() as report:
        assert await report.scalar("SELECT COUNT(*) FROM processed_updates") == 1
        await record(db, 2)  # a writer does not wait for a report, nor changes what it reads
        assert await report.scalar("SELECT COUNT(*) FROM processed_updates") == 1
    async with db.snapshot() as report:
        assert await report.scalar("SELECT COUNT(*) FROM processed_updates") == 2


async def test_waiting_for_another_process_s_write_lock_does_not_stall_the_bot(db: Database) -> None:
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a script writing to the same file
    try:
        writing = asyncio.create_task(record(db, 1))
        loop = asyncio.get_running_loop()
        started = loop.time()
        for _ in range(20):
            await asyncio.sleep(0)  # the event loop goes round: it is not blocked in the wait
        assert loop.time() - started < BUSY_TIMEOUT_MS / 1000 / 2  # (a blocked loop: 5 s)
        assert not writing.done()
        async with db.snapshot() as report:  # and reports still read meanwhile
            assert await report.scalar("SELECT COUNT(*) FROM processed_updates") == 0
    finally:
        other.execute("COMMIT")
        other.close()
    assert await writing == [(1,)]


def test_a_migration_numbered_below_the_newest_applied_is_still_applied(tmp_path: Path) -> None:
    """Work built side by side lands its migrations in any order: a database that has 11
    but not 10 gets 10 on the next start."""
    conn = sqlite3.connect(tmp_path / "order.sqlite3", isolation_level=None)
    migrate(conn, up_to=9)
    [(_, _, eleven)] = [m for m in _migrations() if m[0] == 11]
    for statement in _statements(eleven):
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version (version) VALUES (11)")
    migrate(conn)
    versions = [row[0] for row in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    assert 10 in versions and versions.count(11) == 1
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'calls'").fetchone() == (1,)
    conn.close()


def test_every_migration_has_a_number_of_its_own() -> None:
    """Two migrations with one number would apply only the first: the second is taken as
    applied. Work built side by side must pick distinct numbers."""
    numbers = [number for number, _, _ in _migrations()]
    assert len(numbers) == len(set(numbers)), sorted(numbers)


def test_message_pairs_written_before_their_channel_was_kept_get_their_clients(tmp_path: Path) -> None:
    """Migration 0043: a pair names its client message's channel; older pairs take their
    client's, or, moved by a merge, the channel of the client they were first moved from."""
    conn = sqlite3.connect(tmp_path / "links.sqlite3", isolation_level=None)
    migrate(conn, up_to=40)
    now = to_db(datetime(2026, 12, 1, tzinfo=UTC))
    for client, channel in ((1, "telegram"), (2, "whatsapp")):
        conn.execute("INSERT INTO clients (id, channel, external_id, chat_id, language, created_at)"
                     " VALUES (?, ?, ?, ?, 'ru', ?)", (client, channel, f"x{client}", f"c{client}", now))
    conn.execute("UPDATE clients SET merged_into = 1 WHERE id = 2")
    conn.execute("INSERT INTO merges (id, kept_id, merged_id, merged_at) VALUES (1, 1, 2, ?)", (now,))
    for link, (client_message, group_message) in enumerate(((7, 100), (8, 101)), start=1):
        conn.execute("INSERT INTO message_links (id, client_id, client_message_id, group_message_id,"
                     " direction, created_at) VALUES (?, 1, ?, ?, 'in', ?)",
                     (link, client_message, group_message, now))
    conn.execute("INSERT INTO merge_moves (merge_id, tbl, row_id) VALUES (1, 'message_links', 2)")
    migrate(conn)
    assert conn.execute("SELECT id, channel FROM message_links ORDER BY id").fetchall() == [
        (1, "telegram"), (2, "whatsapp")]
    conn.close()
