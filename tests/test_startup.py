"""Configuration and start-up: one clear line on a bad setting, exact advice on a bad group."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.app import CarCareApp, StartupError
from bot.config import ConfigError, load_settings
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import Updates
from tests.steps import GROUP, IVAN, SETTING_PREFIXES, TOKEN, env_for, make_settings, run_bot


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"BOT_TOKEN": None}, "Setting BOT_TOKEN is missing"),
        ({"BOT_TOKEN": "paste-your-token-here"}, "Setting BOT_TOKEN is malformed"),
        ({"MANAGER_CHAT_ID": "managers"}, "Setting MANAGER_CHAT_ID is malformed"),
        ({"MANAGER_CHAT_ID": "12345"}, "supergroup id starting with -100"),
        ({"TIMEZONE": "Mars/Olympus"}, "Setting TIMEZONE is malformed"),
        ({"DEFAULT_LANGUAGE": "de"}, "Setting DEFAULT_LANGUAGE is malformed"),
        ({"DATABASE_URL": "postgresql://x"}, "Setting DATABASE_URL is malformed"),
        ({"TELEGRAM_API_URL": "api.telegram.org"}, "Setting TELEGRAM_API_URL is malformed"),
        # Far periods were accepted and then failed every day (issue 21, finding 8).
        ({"RETENTION": "9999y"}, "Setting RETENTION is malformed: expected at most 100 years"),
        ({"RETENTION": "1300mo"}, "Setting RETENTION is malformed: expected at most 100 years"),
        ({"SATISFACTION_CHECK_DELAY": "99999999999999999999d"},
         "Setting SATISFACTION_CHECK_DELAY is malformed: expected at most 3650 days"),
        ({"REPLY_SLA": "P99999999D"}, "Setting REPLY_SLA is malformed: expected at most 3650 days"),
        ({"LONG_FOLLOWUP_DELAY": "99999w"}, "Setting LONG_FOLLOWUP_DELAY is malformed"),
    ],
)
def test_bad_setting_stops_with_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    changes: dict[str, str | None], expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here: only the environment counts
    for key in list(os.environ):
        if key.startswith(SETTING_PREFIXES):
            monkeypatch.delenv(key)
    for key, value in env_for("http://127.0.0.1:9", tmp_path / "db.sqlite3", **changes).items():
        monkeypatch.setenv(key, value)
    assert main([]) == 2
    output = capsys.readouterr()
    assert output.out == ""
    assert expected in output.err
    assert "Traceback" not in output.err
    assert len(output.err.strip().splitlines()) == 1
    assert TOKEN.split(":")[1] not in output.err


async def test_bad_setting_from_the_command_line(tmp_path: Path) -> None:
    env = env_for("http://127.0.0.1:9", tmp_path / "db.sqlite3", MANAGER_CHAT_ID="oops")
    code, output = await run_bot(env, tmp_path)
    assert code == 2
    assert output.strip() == (
        "carcare-bot cannot start: Setting MANAGER_CHAT_ID is malformed:"
        " Input should be a valid integer, unable to parse string as an integer."
    )


def test_settings_defaults() -> None:
    settings = load_settings(_env_file=None, bot_token=TOKEN, manager_chat_id=GROUP)
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.database_url == "sqlite:///data/carcare.sqlite3"
    assert settings.timezone == "Europe/Moscow"
    assert settings.default_language == "ru"
    assert "TEST-token" not in repr(settings) and "TEST-token" not in str(settings.model_dump())


def test_missing_settings_are_named_together() -> None:
    with pytest.raises(ConfigError) as problem:
        load_settings(_env_file=None)
    lines = str(problem.value).splitlines()
    assert lines == [
        "Setting BOT_TOKEN is missing: add it to .env (see .env.example).",
        "Setting MANAGER_CHAT_ID is missing: add it to .env (see .env.example).",
    ]


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda tg: setattr(tg, "group_is_forum", False), "Topics turned off"),
        (lambda tg: setattr(tg, "group_type", "group"), "not a supergroup"),
        (lambda tg: setattr(tg, "bot_is_admin", False), "'Manage topics' right"),
        (lambda tg: tg.bot_rights.update(can_manage_topics=False), "'Manage topics' right"),
        (lambda tg: setattr(tg, "group_id", -1009999), "cannot open MANAGER_CHAT_ID"),
        (lambda tg: setattr(tg, "token", "1:other"), "BOT_TOKEN was rejected"),
    ],
)
async def test_preflight_says_what_to_fix(tg: FakeTelegram, db_path: Path, setup, expected) -> None:
    setup(tg)
    app = CarCareApp(make_settings(tg, db_path))
    try:
        with pytest.raises(StartupError, match=expected):
            await app.start()
    finally:
        await app.stop()


async def test_unreachable_api_is_reported(db_path: Path) -> None:
    tg = FakeTelegram(token=TOKEN, group_id=GROUP, url="http://127.0.0.1:9")
    app = CarCareApp(make_settings(tg, db_path))
    try:
        with pytest.raises(StartupError, match="Cannot reach the Bot API at http://127.0.0.1:9"):
            await app.start()
    finally:
        await app.stop()


async def test_preflight_failure_from_main(
    tg: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tg.group_is_forum = False
    monkeypatch.chdir(tmp_path)
    for key, value in env_for(tg.url, tmp_path / "db.sqlite3").items():
        monkeypatch.setenv(key, value)
    # main() runs its own event loop, so it runs in a thread while this loop serves the fake.
    assert await asyncio.to_thread(main, []) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        "carcare-bot cannot start: The manager group 'Managers' has Topics turned off:"
        " turn on Topics in the group settings."
    )


async def test_python_m_bot_polls_and_answers(tg: FakeTelegram, tmp_path: Path) -> None:
    """The real entry point: long polling against the fake server, then a clean stop."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env=env_for(tg.url, tmp_path / "db.sqlite3"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    try:
        update = Updates(GROUP).command(IVAN, "/start")
        tg.push_update(update)
        await tg.handled(update["update_id"], timeout=30)
        async with asyncio.timeout(10):
            while not tg.to_chat(IVAN.id):
                await tg.wait_for_call()
        assert "Здравствуйте, Иван!" in tg.to_chat(IVAN.id)[0].text
    finally:
        process.send_signal(2)
        output, _ = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0
    assert "Traceback" not in output.decode() and TOKEN not in output.decode()
    assert (tmp_path / "db.sqlite3").exists()
