"""`carcare-bot check`: the settings, Telegram, Twilio and the database, one line each; nothing
is started and nothing written.

The Telegram and Twilio checks are the start-up's own (bot/preflight.py); the database is read
as a restore would read a backup (storage/restore.py), with SQLite's quick check.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

import aiohttp
from aiogram.exceptions import AiogramError

from bot import preflight
from bot.cli.lines import PROG, printable
from bot.config import ConfigError, Settings, load_settings
from bot.factory.channels import build_bot, build_twilio_api
from bot.factory.web import DEFAULT_HTTP_PORT
from bot.preflight import StartupError
from storage.restore import NotRestorable, inspect

ANSWER_LIMIT = 30.0  # seconds Telegram or Twilio may take to answer the check


class Report:
    """Lines of the check, and whether any said a problem."""

    def __init__(self, secrets: list[str] | None = None) -> None:
        self.problems = 0
        self._secrets = [secret for secret in secrets or [] if secret]

    def good(self, part: str, said: str) -> None:
        self._say("ok  ", part, said)

    def warn(self, part: str, said: str) -> None:
        self._say("warn", part, said)

    def bad(self, part: str, said: str) -> None:
        self.problems += 1
        self._say("FAIL", part, said)

    def finish(self) -> int:
        if self.problems:
            print(f"{PROG} check: {self.problems} to fix (the lines marked FAIL); then check again")
            return 1
        print(f"{PROG} check: ready; `{PROG} run` starts the bot")
        return 0

    def _say(self, mark: str, part: str, said: str) -> None:
        for secret in self._secrets:
            said = said.replace(secret, "***")
        print(printable(f"{mark} {part}: {said}", limit=2000), flush=True)


def check(env_file: Path) -> int:
    try:
        settings = load_settings(_env_file=env_file)
    except ConfigError as problem:
        report = Report()
        for line in str(problem).splitlines():
            report.bad("settings", line)
        return report.finish()
    report = Report([
        settings.bot_token.get_secret_value(),
        settings.twilio_auth_token.get_secret_value(),
        settings.telegram_webhook_secret.get_secret_value(),
    ])
    source = f"{env_file} and the environment" if env_file.is_file() else "the environment"
    report.good("settings", f"read from {source}")
    asyncio.run(_reach(settings, report))
    _database(settings.database_path, report)
    return report.finish()


async def _reach(settings: Settings, report: Report) -> None:
    await _telegram(settings, report)
    if settings.whatsapp_enabled:
        await _twilio(settings, report)
        if settings.sms_enabled:  # the same account; Twilio says whether the number may send
            report.good("sms", f"from {settings.twilio_sms_from}, replies at"
                        f" {settings.public_url}/twilio/sms")
    else:
        report.good("whatsapp", "off (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_WHATSAPP_FROM unset)")
    if settings.webhook_enabled:
        report.good("telegram", f"updates by webhook at {settings.telegram_webhook_url}")
    if settings.http_enabled:
        port = DEFAULT_HTTP_PORT if settings.http_port is None else settings.http_port
        report.good("web", f"the bot will listen on {settings.http_host}:{port}")


async def _telegram(settings: Settings, report: Report) -> None:
    bot = build_bot(settings)
    warnings = _Collect()
    logger = logging.getLogger(preflight.__name__)
    logger.addHandler(warnings)
    logger.propagate = False  # said once, as a line of the report
    try:
        async with asyncio.timeout(ANSWER_LIMIT):
            await preflight.check_telegram(bot, settings.telegram_api_url, settings.groups)
            me = await bot.me()
    except StartupError as problem:
        report.bad("telegram", str(problem))
    except TimeoutError:
        report.bad("telegram", f"no answer from {settings.telegram_api_url} in {ANSWER_LIMIT:.0f} s:"
                   " check the network and TELEGRAM_API_URL")
    except (AiogramError, aiohttp.ClientError, OSError) as error:
        report.bad("telegram", f"the Bot API at {settings.telegram_api_url} answered unexpectedly"
                   f" ({type(error).__name__}): check TELEGRAM_API_URL")
    else:
        chats = settings.groups.chats()
        where = (f"the manager group {chats[0]}" if len(chats) == 1
                 else "the manager groups " + ", ".join(str(chat) for chat in chats))
        report.good("telegram", f"@{me.username} in {where}")
        for line in warnings.lines:
            report.warn("telegram", line)
    finally:
        logger.removeHandler(warnings)
        logger.propagate = True
        await bot.session.close()


async def _twilio(settings: Settings, report: Report) -> None:
    api = build_twilio_api(settings)
    try:
        async with asyncio.timeout(ANSWER_LIMIT):
            await preflight.check_twilio(api, settings.twilio_account_sid)
    except StartupError as problem:
        report.bad("whatsapp", str(problem))
    except TimeoutError:
        report.bad("whatsapp", f"no answer from {settings.twilio_api_url} in {ANSWER_LIMIT:.0f} s:"
                   " check the network and TWILIO_API_URL")
    else:
        report.good("whatsapp", f"Twilio account {settings.twilio_account_sid} is active")
    finally:
        await api.close()


def _database(path: Path, report: Report) -> None:
    if not path.exists():
        folder = next(parent for parent in path.absolute().parents if parent.exists())
        if os.access(folder, os.W_OK | os.X_OK):
            report.good("database", f"{path} does not exist yet: the first start creates it")
        else:
            report.bad("database", f"{path} cannot be created: the bot's user may not write {folder}")
        return
    try:
        snapshot = inspect(path, thorough=False)
    except NotRestorable as problem:
        report.bad("database", f"{problem}")
        return
    pending = snapshot.pending
    later = f"; the next start applies {len(pending)} newer" if pending else ", the newest"
    report.good("database", f"{path} at migration {snapshot.level}{later}")


class _Collect(logging.Handler):
    """The pre-flight's warnings (a right the bot lacks but can work without), as lines."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
