"""The command line (bot/cli.py): each command through `main(argv)` or a real process, bad
arguments said in one line, and a fuzz over odd arguments. Telegram and Twilio are the fakes;
the databases are real files."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import main
from storage.lock import DatabaseLock
from storage.migrate import known, migrate
from tests.fakes.telegram import FakeTelegram
from tests.fakes.twilio import FakeTwilio
from tests.steps import AUTH, GROUP, SID, TOKEN, env_for

SETTING_PREFIXES = (
    "BOT_", "MANAGER_", "TELEGRAM_", "DATABASE_", "TIMEZONE", "DEFAULT_LANGUAGE", "TWILIO_",
    "PUBLIC_URL", "HTTP_",
)
COMMANDS = ("run", "demo", "check", "backup", "restore", "migrate", "version")
NEWEST = max(known())
# Migrations newer than level 8 (numbers may leave gaps: each helper is given its own).
AFTER_8 = sum(1 for number in known() if number > 8)

Env = Callable[..., Path]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Env:
    """Settings for the command in the environment (no .env: the working directory is empty);
    returns the database's path."""
    monkeypatch.chdir(tmp_path)
    for key in list(os.environ):
        if key.startswith(SETTING_PREFIXES):
            monkeypatch.delenv(key)

    def set_up(api: str = "http://127.0.0.1:9", **changes: str | None) -> Path:
        db = tmp_path / "data" / "carcare.sqlite3"
        values: dict[str, str | None] = {
            "BOT_TOKEN": TOKEN, "MANAGER_CHAT_ID": str(GROUP), "TELEGRAM_API_URL": api,
            "DATABASE_URL": f"sqlite:///{db}", **changes,
        }
        for key, value in values.items():
            if value is None:
                monkeypatch.delenv(key, raising=False)
            else:
                monkeypatch.setenv(key, value)
        return db

    return set_up


def carcare_database(path: Path, up_to: int | None = None, clients: tuple[str, ...] = ("Иван",)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        migrate(conn, up_to=up_to)
        for number, name in enumerate(clients, start=1):
            add_client(conn, number, name)
    finally:
        conn.close()


def add_client(conn: sqlite3.Connection, number: int, name: str) -> None:
    conn.execute(
        "INSERT INTO clients (channel, external_id, chat_id, name, language, contact_time,"
        " created_at) VALUES ('telegram', ?, ?, ?, 'ru', 'any', '2026-01-01 00:00:00.000000')",
        (str(number), str(number), name),
    )


def names(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM clients ORDER BY id")]
    finally:
        conn.close()


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


# --- the parser: help, version, bad arguments ---------------------------------------------


def test_help_lists_every_command_from_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    for command in COMMANDS:
        assert f"\n    {command} " in done.stdout
    assert done.stderr == ""


def test_the_console_script_is_the_same_command() -> None:
    script = Path(sys.executable).with_name("carcare-bot")
    if not script.exists():
        pytest.skip("carcare-bot is not installed in this venv: run pip install -e '.[test]' again")
    done = subprocess.run([script, "version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, f"carcare-bot {version('carcare-bot')}\n")


@pytest.mark.parametrize("argv", [["version"], ["--version"]])
def test_version(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert capsys.readouterr().out == f"carcare-bot {version('carcare-bot')}\n"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["Run"], "invalid choice: 'Run'"),
        (["back"], "invalid choice: 'back'"),  # no abbreviations: a command is spelled out
        (["backup"], "required: PATH"),
        (["backup", "a", "b"], "unrecognized arguments: b"),
        (["restore"], "required: PATH"),
        (["run", "now"], "unrecognized arguments: now"),
        (["migrate", "--all"], "unrecognized arguments: --all"),
        (["version", "2"], "unrecognized arguments: 2"),
        (["--env-file"], "expected one argument"),
        (["--env-file", "missing.env", "check"], "there is no file missing.env"),
        (["--env", ".env", "check"], "invalid choice: '.env'"),  # --env is no --env-file
    ],
)
def test_bad_arguments_get_one_line(
    env: Env, argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = env()
    assert main(argv) == 2
    output = capsys.readouterr()
    line = one_line(output.err)
    assert line.startswith("carcare-bot") and expected in line and "--help" in line
    assert output.out == ""
    assert not db.exists()


def test_bad_arguments_from_a_real_process(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "restore", "a.sqlite3", "--force"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert done.returncode == 2
    assert one_line(done.stderr) == (
        "carcare-bot: unrecognized arguments: --force (see carcare-bot --help)"
    )
    assert done.stdout == ""


ODD = st.one_of(
    st.sampled_from([*COMMANDS, "-h", "--help", "--version", "--env-file", "--", "-", "",
                     "--env-file=", "²", "١٢", "\x00", "\udcff", "-" * 300, "a" * 5000, "--run"]),
    st.text(max_size=30),
)


def test_an_env_file_name_too_long_for_the_file_system_is_no_such_file(env: Env) -> None:
    """Path.is_file() raised OSError (ENAMETOOLONG) for it: a traceback the fuzz below found."""
    env(MANAGER_CHAT_ID=None)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["--env-file", "a" * 5000]) == 2
    assert err.getvalue().startswith("carcare-bot: --env-file: there is no file aaaa")
    assert len(err.getvalue().strip().splitlines()) == 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.lists(ODD, max_size=4))
def test_fuzz_odd_arguments_never_show_a_traceback(
    env: Env, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    # MANAGER_CHAT_ID missing: a command that gets past its arguments stops at the settings
    # (one line), so nothing starts and nothing is written; the demo is left out likewise.
    db = env(MANAGER_CHAT_ID=None)
    monkeypatch.setitem(sys.modules, "bot.demo", None)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    said = out.getvalue() + err.getvalue()
    assert code in (0, 1, 2), (argv, code)
    assert "Traceback" not in said
    if code:
        assert said.strip(), argv
        assert len(err.getvalue().strip().splitlines()) <= 1, (argv, err.getvalue())
    assert not db.exists()


# --- run and demo ---------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [[], ["run"]])
def test_run_is_the_default_and_says_a_bad_setting_in_one_line(
    env: Env, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    env(MANAGER_CHAT_ID="managers")
    assert main(argv) == 2
    assert one_line(capsys.readouterr().err).startswith(
        "carcare-bot cannot start: Setting MANAGER_CHAT_ID is malformed"
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["demo", "--port", "http"], "argument --port: expected a port number from 0 to 65535, not 'http'"),
        (["demo", "--port", "65536"], "not '65536'"),
        (["demo", "--port", "８０"], "not '８０'"),  # full-width digits are not a port
        (["demo", "--port", "-1"], "not '-1'"),
        (["demo", "--lang", "de"], "argument --lang: invalid choice: 'de'"),
        (["demo", "--data"], "argument --data: expected one argument"),
        (["demo", "now"], "unrecognized arguments: now"),
    ],
)
def test_bad_demo_arguments_get_one_line(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith("carcare-bot") and expected in line and "--help)" in line, line


def test_demo_without_the_demo_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "bot.demo", None)
    assert main(["demo", "--port", "8090"]) == 1
    assert one_line(capsys.readouterr().err) == (
        "carcare-bot demo: the demo is not part of this version (no bot.demo)"
    )


async def test_demo_opens_its_page_and_stops_on_sigterm(tmp_path: Path) -> None:
    """The real demo through the command line, as the README's first command starts it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "demo", "--port", "0", "--lang", "en", "--data", str(tmp_path / "demo"),
        cwd=tmp_path, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        first = (await asyncio.wait_for(process.stdout.readline(), 120)).decode()
        found = re.search(r"http://127\.0\.0\.1:\d+/", first)
        assert found, first
        url = found.group(0)
        async with aiohttp.ClientSession() as session, session.get(url) as page:
            assert page.status == 200 and "text/html" in page.content_type
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    assert "Traceback" not in err.decode()
    assert (tmp_path / "demo").is_dir()


# --- check --------------------------------------------------------------------------------


async def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    """`check` in a thread of its own (it runs its own event loop) while the fakes answer here."""
    code = await asyncio.to_thread(main, ["check", *argv])
    output = capsys.readouterr()
    assert "Traceback" not in output.out + output.err
    assert TOKEN.split(":")[1] not in output.out + output.err
    return code, output.out.splitlines()


async def test_check_says_ready_and_starts_nothing(
    env: Env, tg: FakeTelegram, capsys: pytest.CaptureFixture[str]
) -> None:
    db = env(tg.url)
    code, lines = await check(capsys)
    assert code == 0, lines
    assert lines == [
        "ok   settings: read from the environment",
        f"ok   telegram: @carcare_test_bot in the manager group {GROUP}",
        "ok   whatsapp: off (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_WHATSAPP_FROM unset)",
        f"ok   database: {db} does not exist yet: the first start creates it",
        "carcare-bot check: ready; `carcare-bot run` starts the bot",
    ]
    assert {call.method for call in tg.calls} <= {"getMe", "getChat", "getChatMember"}
    assert not db.exists() and not db.parent.exists()


async def test_check_reads_the_env_file_it_is_given(
    env: Env, tg: FakeTelegram, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env(tg.url, MANAGER_CHAT_ID=None)
    (tmp_path / "prod.env").write_text(f"MANAGER_CHAT_ID={GROUP}\n", encoding="utf-8")
    code, lines = await check(capsys, "--env-file", "prod.env")  # after the command, too
    assert code == 0, lines
    assert lines[0] == "ok   settings: read from prod.env and the environment"


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda tg: setattr(tg, "group_is_forum", False), "FAIL telegram: The manager group"),
        (lambda tg: setattr(tg, "token", "1:other"), "FAIL telegram: BOT_TOKEN was rejected"),
        (lambda tg: setattr(tg, "group_id", -1009999), "FAIL telegram: The bot cannot open"),
    ],
)
async def test_check_says_what_to_fix_in_telegram(
    env: Env, tg: FakeTelegram, capsys: pytest.CaptureFixture[str], setup, expected: str
) -> None:
    env(tg.url)
    setup(tg)
    code, lines = await check(capsys)
    assert code == 1
    assert [line for line in lines if line.startswith("FAIL")] == [
        next(line for line in lines if line.startswith(expected))
    ]
    assert lines[-1] == "carcare-bot check: 1 to fix (the lines marked FAIL); then check again"


async def test_check_warns_of_a_missing_pin_right(
    env: Env, tg: FakeTelegram, capsys: pytest.CaptureFixture[str]
) -> None:
    env(tg.url)
    tg.bot_rights["can_pin_messages"] = False
    code, lines = await check(capsys)
    assert code == 0
    assert "warn telegram: @carcare_test_bot may not pin messages: request cards will not be pinned" in lines


async def test_check_names_every_missing_setting(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    env(BOT_TOKEN=None, MANAGER_CHAT_ID=None)
    code, lines = await check(capsys)
    assert code == 1
    assert lines == [
        "FAIL settings: Setting BOT_TOKEN is missing: add it to .env (see .env.example).",
        "FAIL settings: Setting MANAGER_CHAT_ID is missing: add it to .env (see .env.example).",
        "carcare-bot check: 2 to fix (the lines marked FAIL); then check again",
    ]


async def test_check_says_when_telegram_cannot_be_reached(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    env("http://127.0.0.1:9")  # nothing listens there
    code, lines = await check(capsys)
    assert code == 1
    assert lines[1].startswith("FAIL telegram: Cannot reach the Bot API at http://127.0.0.1:9")


@pytest.mark.parametrize(("status", "expected"), [("active", "ok   whatsapp: Twilio account"),
                                                  ("suspended", "FAIL whatsapp: The Twilio account")])
async def test_check_reaches_twilio(
    env: Env, tg: FakeTelegram, twilio: FakeTwilio, capsys: pytest.CaptureFixture[str],
    status: str, expected: str,
) -> None:
    env(tg.url, TWILIO_ACCOUNT_SID=SID, TWILIO_AUTH_TOKEN=AUTH, TWILIO_WHATSAPP_FROM="whatsapp:+15550001111",
        TWILIO_API_URL=twilio.url, PUBLIC_URL="https://bot.example.com", TWILIO_SMS_FROM="+15005550006")
    twilio.account_status = status
    code, lines = await check(capsys)
    assert code == (0 if status == "active" else 1)
    assert any(line.startswith(expected) for line in lines), lines
    assert "ok   web: the bot will listen on 0.0.0.0:8080" in lines
    assert "ok   sms: from +15005550006, replies at https://bot.example.com/twilio/sms" in lines
    assert AUTH not in "\n".join(lines)


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda db: db.write_bytes(b"not a database at all" * 100), "is not a readable SQLite database"),
        (lambda db: sqlite3.connect(db).execute("CREATE TABLE other (x)").connection.commit(),
         "is not a CarCare database (it has no schema_version table)"),
        (lambda db: (carcare_database(db), newer(db)),
         f"migration {NEWEST + 1}; this version knows up to {NEWEST}"),
    ],
)
async def test_check_reads_the_database(
    env: Env, tg: FakeTelegram, capsys: pytest.CaptureFixture[str], damage, expected: str
) -> None:
    db = env(tg.url)
    db.parent.mkdir()
    damage(db)
    before = db.read_bytes()
    code, lines = await check(capsys)
    assert code == 1
    assert [line for line in lines if line.startswith("FAIL")] == [
        line for line in lines if line.startswith(f"FAIL database: {db}") and expected in line
    ] != []
    assert db.read_bytes() == before


async def test_check_says_the_migration_level(
    env: Env, tg: FakeTelegram, capsys: pytest.CaptureFixture[str]
) -> None:
    db = env(tg.url)
    carcare_database(db, up_to=8)
    code, lines = await check(capsys)
    assert code == 0
    assert f"ok   database: {db} at migration 8; the next start applies {AFTER_8} newer" in lines


def newer(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (NEWEST + 1,))
    conn.commit()
    conn.close()


# --- backup, restore, migrate ---------------------------------------------------------------


def test_backup_copies_the_database(env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = env()
    carcare_database(db)
    assert main(["backup", "backups/copy.sqlite3"]) == 0
    assert capsys.readouterr().out == f"backed up {db} to backups/copy.sqlite3\n"
    assert names(tmp_path / "backups" / "copy.sqlite3") == ["Иван"]


def test_backup_without_a_database_fails_in_one_line(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    env()
    assert main(["backup", "copy.sqlite3"]) == 1
    assert one_line(capsys.readouterr().err).startswith("carcare-bot backup failed: ")
    assert not Path("copy.sqlite3").exists()


def test_restore_replaces_the_database_and_keeps_the_old_one(
    env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = env()
    carcare_database(db, clients=("Иван",))
    assert main(["backup", "monday.sqlite3"]) == 0
    conn = sqlite3.connect(db)  # the day goes on: a second client, still in the -wal file
    conn.execute("PRAGMA journal_mode=WAL")
    add_client(conn, 2, "Пётр")
    conn.commit()
    capsys.readouterr()
    assert main(["restore", "monday.sqlite3"]) == 0
    conn.close()
    said = one_line(capsys.readouterr().out)
    assert said.startswith(f"restored {db} from monday.sqlite3 (migration {NEWEST});")
    aside = next(db.parent.glob("carcare.sqlite3.before-restore-*Z"))
    assert said.endswith(f"the database it replaced is kept as {aside}")
    assert names(db) == ["Иван"]
    assert names(aside) == ["Иван", "Пётр"]  # nothing of the replaced day is lost
    assert Path(f"{aside}-wal").exists()  # Пётр was there: it went aside with its database
    assert db.stat().st_mode & 0o777 == 0o600
    assert not Path(f"{db}-wal").exists()


def test_restore_of_an_older_backup_then_migrate(
    env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = env()
    carcare_database(tmp_path / "old.sqlite3", up_to=8)
    assert main(["restore", "old.sqlite3"]) == 0  # no database yet: nothing to keep aside
    assert one_line(capsys.readouterr().out) == (
        f"restored {db} from old.sqlite3 (migration 8; the next start applies {AFTER_8} newer migrations)"
    )
    assert main(["migrate"]) == 0
    applied = [name for number, name in sorted(known().items()) if number > 8]
    assert one_line(capsys.readouterr().out) == (
        f"applied to {db}: {', '.join(applied)} (now at migration {NEWEST})"
    )
    assert names(db) == ["Иван"]
    assert main(["migrate"]) == 0
    assert one_line(capsys.readouterr().out) == f"nothing to apply: {db} is at migration {NEWEST}, the newest"


def test_migrate_creates_a_new_database(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    db = env()
    assert main(["migrate"]) == 0
    assert one_line(capsys.readouterr().out) == (
        f"applied to {db}: {', '.join(name for _, name in sorted(known().items()))}"
        f" (now at migration {NEWEST})"
    )


def test_migrate_refuses_a_newer_database(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    db = env()
    carcare_database(db)
    newer(db)
    before = db.read_bytes()
    assert main(["migrate"]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"carcare-bot migrate refused: {db} was written by a newer CarCare Bot (migration"
        f" {NEWEST + 1}; this version knows up to {NEWEST}): upgrade the bot"
    )
    assert db.read_bytes() == before


def test_migrate_says_a_damaged_database_in_one_line(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    db = env()
    db.parent.mkdir()
    db.write_bytes(b"not a database at all" * 100)
    assert main(["migrate"]) == 1
    assert one_line(capsys.readouterr().err).startswith("carcare-bot migrate failed: ")


@pytest.fixture
def held(env: Env) -> Iterator[Path]:
    """The database, held as a running bot holds it."""
    db = env()
    carcare_database(db, up_to=8)
    lock = DatabaseLock(db)
    lock.acquire()
    yield db
    lock.release()


def test_migrate_refuses_while_a_bot_holds_the_database(
    held: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate"]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"carcare-bot migrate failed: another carcare-bot (pid {os.getpid()}) is using {held}"
    )
    assert max(known()) > 8 and names(held) == ["Иван"]


def test_restore_refuses_while_a_bot_holds_the_database(
    held: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    carcare_database(tmp_path / "backup.sqlite3", clients=("Анна",))
    before = held.read_bytes()
    assert main(["restore", "backup.sqlite3"]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"carcare-bot restore refused: another carcare-bot (pid {os.getpid()}) is using {held}:"
        " stop it first, then restore"
    )
    assert held.read_bytes() == before
    assert sorted(path.name for path in held.parent.iterdir()) == [held.name, held.name + ".lock"]


def damaged(path: Path) -> None:
    carcare_database(path)
    size = path.stat().st_size
    with open(path, "r+b") as file:  # pages past the first overwritten: the schema still reads
        file.seek(4096 * 2)
        file.write(b"\xff" * (size - 4096 * 3))


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda path: None, "there is no file at backup.sqlite3"),
        (lambda path: path.write_bytes(b"SQLite format 2\x00" + b"x" * 5000),
         "is not a readable SQLite database"),
        (damaged, "backup.sqlite3"),
        (lambda path: sqlite3.connect(path).execute("CREATE TABLE notes (x)").connection.commit(),
         "is not a CarCare database"),
        (lambda path: (carcare_database(path), newer(path)),
         f"was written by a newer CarCare Bot (migration {NEWEST + 1}; this version knows up to {NEWEST})"),
    ],
)
def test_restore_checks_the_file_first(
    env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], object], expected: str,
) -> None:
    db = env()
    carcare_database(db, clients=("Иван",))
    before = db.read_bytes()
    make(tmp_path / "backup.sqlite3")
    assert main(["restore", "backup.sqlite3"]) == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith("carcare-bot restore refused: ") and expected in line, line
    assert db.read_bytes() == before
    assert sorted(path.name for path in db.parent.iterdir()) == ["carcare.sqlite3"]


def test_restore_refuses_the_database_itself(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    db = env()
    carcare_database(db)
    assert main(["restore", str(db)]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"carcare-bot restore refused: {db} is the database itself: give a backup of it instead"
    )
    assert names(db) == ["Иван"]


async def test_restore_refuses_while_the_bot_runs_as_a_process(tg: FakeTelegram, tmp_path: Path) -> None:
    db = tmp_path / "carcare.sqlite3"
    carcare_database(tmp_path / "backup.sqlite3")
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env=env_for(tg.url, db),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        async with asyncio.timeout(60):  # past its start-up: it holds the database
            while not tg.sent("getMe"):
                await tg.wait_for_call()
        restore = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "restore", "backup.sqlite3", cwd=tmp_path,
            env=env_for(tg.url, db), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(restore.communicate(), 60)
        assert restore.returncode == 1 and out == b""
        assert one_line(err.decode()) == (
            f"carcare-bot restore refused: another carcare-bot (pid {bot.pid}) is using {db}:"
            " stop it first, then restore"
        )
        assert bot.returncode is None
    finally:
        bot.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(bot.wait(), 60) == 0
