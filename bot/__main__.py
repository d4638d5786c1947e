"""`python -m bot`: run the bot with long polling, configured from the environment and .env.

`python -m bot backup PATH`: copy the database to PATH while the bot runs (see README).
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path

from bot.app import CarCareApp
from bot.config import ConfigError, Settings, load_settings
from bot.logs import setup_logging
from bot.preflight import StartupError
from storage.backup import BackupError, backup
from storage.problems import DatabaseProblem


async def _run(settings: Settings) -> None:
    app = CarCareApp(settings)
    try:
        await app.start()
        app.stats_desk.warm_up()  # the chart process, started while the bot begins receiving
        await app.run()
    finally:
        await app.stop()


def _backup(settings: Settings, target: str) -> int:
    try:
        backup(settings.database_path, Path(target))
    except (BackupError, OSError, sqlite3.Error) as error:
        print(f"carcare-bot backup failed: {error}", file=sys.stderr)
        return 1
    print(f"backed up {settings.database_path} to {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["demo"]:  # a minimal hook until the command line lands (issue 22)
        from bot.demo.cli import main as demo

        return demo(args[1:])
    try:
        settings = load_settings()
        if args[:1] == ["backup"]:
            if len(args) != 2:
                print("usage: python -m bot backup PATH", file=sys.stderr)
                return 2
            return _backup(settings, args[1])
        secrets = [
            settings.bot_token.get_secret_value(),
            settings.twilio_auth_token.get_secret_value(),
            settings.telegram_webhook_secret.get_secret_value(),
        ]
        setup_logging([secret for secret in secrets if secret])
        asyncio.run(_run(settings))
    except (ConfigError, StartupError, DatabaseProblem) as problem:
        print(f"carcare-bot cannot start: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
