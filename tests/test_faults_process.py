"""Faults met by `python -m bot` itself (issue 13): a second copy on the same database, a lock
left by a killed copy, a damaged file, a failing migration, SIGKILL in the middle of one, and
a backup taken while the bot runs. Real processes against the fake Bot API."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
from pathlib import Path

from storage.migrate import migrate
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import Updates
from tests.steps import GROUP, IVAN, env_for, run_bot


async def started_bot(tg: FakeTelegram, db: Path, cwd: Path) -> asyncio.subprocess.Process:
    """A bot past its start-up: it holds the database and has asked Telegram who it is."""
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=cwd, env=env_for(tg.url, db),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )
    async with asyncio.timeout(30):
        while not tg.sent("getMe"):
            await tg.wait_for_call()
    return bot


async def stop(bot: asyncio.subprocess.Process) -> None:
    if bot.returncode is None:
        bot.send_signal(signal.SIGINT)
        await asyncio.wait_for(bot.wait(), 30)


def version_8(db: Path) -> None:
    """A database as the previous release left it, with a client in it."""
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, up_to=8)
    conn.execute(
        "INSERT INTO clients (channel, external_id, chat_id, name, language, contact_time,"
        " created_at) VALUES ('telegram', '111', '111', 'Иван', 'ru', 'any',"
        " '2026-01-01 00:00:00.000000')"
    )
    conn.close()


def schema(db: Path) -> tuple[int, set[str], list[str]]:
    """(version, tables, wa_messages' columns)."""
    conn = sqlite3.connect(db)
    try:
        version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = [row[1] for row in conn.execute("PRAGMA table_info(wa_messages)")]
        return version, tables, columns
    finally:
        conn.close()


async def test_a_second_bot_on_the_same_database_refuses_to_start(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    db = tmp_path / "carcare.sqlite3"
    first = await started_bot(tg, db, tmp_path)
    try:
        code, output = await run_bot(env_for(tg.url, db), tmp_path)
    finally:
        await stop(first)
    assert code == 2
    assert output.strip() == (
        f"carcare-bot cannot start: another carcare-bot (pid {first.pid}) is using {db}"
    )


async def test_a_lock_left_by_a_killed_bot_does_not_block_a_restart(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    db = tmp_path / "carcare.sqlite3"
    killed = await started_bot(tg, db, tmp_path)
    killed.send_signal(signal.SIGKILL)
    await killed.wait()
    assert Path(f"{db}.lock").read_text().strip() == str(killed.pid)  # the file stays behind
    tg.clear()
    again = await started_bot(tg, db, tmp_path)
    try:
        update = Updates(GROUP).command(IVAN, "/start")
        tg.push_update(update)
        await tg.handled(update["update_id"], timeout=30)
    finally:
        await stop(again)
    assert again.returncode == 0
    assert tg.sent("sendMessage", IVAN.id)


async def test_a_damaged_database_stops_with_one_line(tg: FakeTelegram, tmp_path: Path) -> None:
    db = tmp_path / "carcare.sqlite3"
    db.write_bytes(b"this is no database at all " * 200)
    code, output = await run_bot(env_for(tg.url, db), tmp_path)
    assert code == 2 and "Traceback" not in output
    assert output.strip() == (
        f"carcare-bot cannot start: the database {db} is damaged (file is not a database):"
        " stop the bot and restore the latest backup (carcare-bot restore PATH), or salvage it with"
        f" `sqlite3 {db} .recover`"
    )


async def test_a_failing_migration_leaves_the_database_as_it_was_and_says_which(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    db = tmp_path / "carcare.sqlite3"
    version_8(db)
    conn = sqlite3.connect(db)
    conn.execute("CREATE INDEX outbox_sent_at ON outbox (id)")  # 0009's last statement fails
    conn.commit()
    conn.close()
    code, output = await run_bot(env_for(tg.url, db), tmp_path)
    assert code == 2 and "Traceback" not in output and len(output.strip().splitlines()) == 1
    assert output.startswith("carcare-bot cannot start: migration 0009_faults.sql failed on")
    assert "index outbox_sent_at already exists" in output and "left as it was" in output
    version, tables, columns = schema(db)
    assert version == 8 and "failed_updates" not in tables and "attempts" not in columns


MID_MIGRATION = """
import sqlite3, sys, time
import storage.migrate as db
statements = db._statements
def one_by_one(sql):
    for n, statement in enumerate(statements(sql)):
        yield statement
        if "failed_updates" in sql and n == 3:  # inside 0009, some of it done
            print("mid-migration", flush=True)
            time.sleep(60)
db._statements = one_by_one
db.migrate(sqlite3.connect(sys.argv[1], isolation_level=None))
"""


async def test_sigkill_in_the_middle_of_a_migration_leaves_the_database_as_it_was(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    db = tmp_path / "carcare.sqlite3"
    version_8(db)
    migrating = await asyncio.create_subprocess_exec(
        sys.executable, "-c", MID_MIGRATION, str(db), cwd=Path(__file__).parent.parent,
        stdout=asyncio.subprocess.PIPE,
    )
    assert migrating.stdout is not None
    line = await asyncio.wait_for(migrating.stdout.readline(), 30)
    assert line.strip() == b"mid-migration"
    migrating.send_signal(signal.SIGKILL)
    await migrating.wait()
    version, tables, columns = schema(db)
    assert version == 8 and "failed_updates" not in tables and "attempts" not in columns
    bot = await started_bot(tg, db, tmp_path)  # the next start migrates from there
    await stop(bot)
    version, tables, columns = schema(db)
    assert version >= 9 and "failed_updates" in tables and "attempts" in columns
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT name FROM clients").fetchall() == [("Иван",)]
    conn.close()


async def test_a_backup_taken_while_the_bot_runs_is_a_consistent_copy(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    db = tmp_path / "carcare.sqlite3"
    bot = await started_bot(tg, db, tmp_path)
    target = tmp_path / "backups" / "carcare-copy.sqlite3"
    try:
        update = Updates(GROUP).command(IVAN, "/start")
        tg.push_update(update)
        await tg.handled(update["update_id"], timeout=30)
        backup = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "backup", str(target), cwd=tmp_path,
            env=env_for(tg.url, db), stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await asyncio.wait_for(backup.communicate(), 30)
        assert backup.returncode == 0, output
        assert bot.returncode is None  # the bot ran on
    finally:
        await stop(bot)
    assert target.stat().st_mode & 0o777 == 0o600  # personal data: the bot's user only
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT external_id FROM clients").fetchall() == [(str(IVAN.id),)]
        assert copy.execute("SELECT COUNT(*) FROM processed_updates").fetchone() == (1,)
    finally:
        copy.close()
