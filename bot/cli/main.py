"""The commands of `carcare-bot [COMMAND]`, the same as `python -m bot [COMMAND]`.

Every command says what went wrong in one line and exits non-zero; none shows a traceback.
Exit codes: 0 done, 1 the command was refused or failed (the line says why), 2 bad arguments
or settings.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import sqlite3
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, NoReturn

from bot.cli.lines import PROG, printable, say
from bot.config import ConfigError, Settings, load_settings
from storage.backup import BackupError, backup
from storage.db import Database
from storage.migrate import applied, known
from storage.problems import DatabaseProblem
from storage.restore import restore

OK, FAILED, USAGE = 0, 1, 2
DEFAULT_ENV_FILE = Path(".env")  # in the working directory; missing is fine (the environment)


class UsageError(Exception):
    """Bad arguments: the message is the one line to show."""


class _Parser(argparse.ArgumentParser):
    """argparse, with a bad argument said in one line (argparse's own is usage plus error)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {printable(message)} (see {self.prog} --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="CarCare Bot: client care for car-sourcing firms. Without a command: run.",
        epilog="Settings come from the environment and .env (see .env.example).",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {package_version()}")
    env_file = {
        "metavar": "PATH", "type": Path,
        "help": "read settings from this file instead of .env (the environment still overrides it)",
    }
    parser.add_argument("--env-file", **env_file)  # type: ignore[arg-type]
    # Also after the command; there it leaves alone a value given before it.
    common = _Parser(add_help=False, allow_abbrev=False)
    common.add_argument("--env-file", default=argparse.SUPPRESS, **env_file)  # type: ignore[arg-type]
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, **options: Any) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], allow_abbrev=False, **options)

    command("run", help="run the bot (the default)")
    demo = commands.add_parser(
        "demo", allow_abbrev=False,
        help="the demo page: a client's phone, the managers' group and a clock (no token, no network)",
    )
    demo.add_argument("--port", type=port, default=8080, help="the page's port (8080; 0: any free one)")
    demo.add_argument("--lang", choices=("ru", "en"), default="ru", help="the language (ru)")
    demo.add_argument(
        "--data", metavar="DIR", type=Path, default=Path("data/demo"),
        help="the demo's own folder, emptied of its files at each start (data/demo)",
    )
    demo.add_argument("--flood", action="store_true", help="keep Telegram's flood limits")
    command(
        "check",
        help="check the settings, Telegram, Twilio and the database; start nothing",
    )
    backup = command(
        "backup", help="copy the database to PATH, also while the bot runs"
    )
    backup.add_argument("path", metavar="PATH", type=Path, help="the backup file to write")
    restore = command(
        "restore",
        help="replace the database with the backup PATH (the bot must be stopped);"
        " the replaced database is kept beside it",
    )
    restore.add_argument("path", metavar="PATH", type=Path, help="the backup file to restore")
    command("migrate", help="bring the database's schema up to date")
    commands.add_parser("version", allow_abbrev=False, help="print the version")
    return parser


def port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, not {text!r}")
    return int(text)


def package_version() -> str:
    try:
        return version(PROG)  # the package is named as its command
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def _is_file(path: Path) -> bool:
    """Path.is_file() raises on a name the file system refuses (ENAMETOOLONG): no such file."""
    try:
        return path.is_file()
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    try:
        options = parser.parse_args(args)
        command = options.command or "run"
        if options.env_file is None:
            options.env_file = DEFAULT_ENV_FILE
        elif not _is_file(options.env_file):
            parser.error(f"--env-file: there is no file {options.env_file}")
    except UsageError as error:
        print(error, file=sys.stderr)
        return USAGE
    except SystemExit as done:  # --help and --version print, then exit
        return done.code if isinstance(done.code, int) else OK
    if command == "version":
        print(f"{PROG} {package_version()}")
        return OK
    try:
        return COMMANDS[command](options)
    except KeyboardInterrupt:
        return OK


def _settings(options: argparse.Namespace) -> Settings:
    return load_settings(_env_file=options.env_file)


def _run(options: argparse.Namespace) -> int:
    # The application (aiogram and all) is imported by the commands that need it only:
    # --help and version answer at once.
    from bot.logs import setup_logging
    from bot.preflight import StartupError

    try:
        settings = _settings(options)
        secrets = [
            settings.bot_token.get_secret_value(),
            settings.twilio_auth_token.get_secret_value(),
            settings.telegram_webhook_secret.get_secret_value(),
        ]
        setup_logging([secret for secret in secrets if secret])
        asyncio.run(_serve(settings))
    except (ConfigError, StartupError, DatabaseProblem) as problem:
        print(f"{PROG} cannot start: {problem}", file=sys.stderr)
        return USAGE
    return OK


async def _serve(settings: Settings) -> None:
    from bot.app import CarCareApp

    app = CarCareApp(settings)
    try:
        await app.start()
        app.stats_desk.warm_up()  # the chart process, started while the bot begins receiving
        await app.run()  # until SIGTERM or SIGINT; then stop() drains the outbox
    finally:
        await app.stop()


def _demo(options: argparse.Namespace) -> int:
    try:
        demo = importlib.import_module("bot.demo")
    except ModuleNotFoundError as missing:
        said = (
            "the demo is not part of this version (no bot.demo)" if missing.name == "bot.demo"
            else f"the demo needs the module {missing.name}: install the bot again (pip install -e .)"
        )
        say(f"{PROG} demo: {said}", sys.stderr)
        return FAILED
    # Its entry point (bot/demo/__init__.py) prints the page's URL and runs until a signal.
    code = demo.run_demo(options.port, options.lang, options.data, flood=options.flood)
    return int(code)


def _check(options: argparse.Namespace) -> int:
    from bot.cli.check import check

    return check(options.env_file)


def _backup(options: argparse.Namespace) -> int:
    try:
        settings = _settings(options)
    except ConfigError as problem:
        return _say_settings(problem)
    try:
        backup(settings.database_path, options.path)
    except (BackupError, OSError, sqlite3.Error, DatabaseProblem, ValueError) as error:
        say(f"{PROG} backup failed: {error}", sys.stderr)
        return FAILED
    say(f"backed up {settings.database_path} to {options.path}")
    return OK


def _restore(options: argparse.Namespace) -> int:
    try:
        settings = _settings(options)
    except ConfigError as problem:
        return _say_settings(problem)
    database = settings.database_path
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    try:
        snapshot, aside = restore(options.path, database, stamp)
    except (OSError, sqlite3.Error, DatabaseProblem) as error:
        say(f"{PROG} restore refused: {error}", sys.stderr)
        return FAILED
    kept = f"; the database it replaced is kept as {aside}" if aside else ""
    pending = snapshot.pending
    upgrade = f"; the next start applies {len(pending)} newer migrations" if pending else ""
    say(f"restored {database} from {options.path} (migration {snapshot.level}{upgrade}){kept}")
    return OK


def _migrate(options: argparse.Namespace) -> int:
    try:
        settings = _settings(options)
    except ConfigError as problem:
        return _say_settings(problem)
    path, names = settings.database_path, known()
    try:
        before = _applied(path)
        newer = before - names.keys()
        if newer:
            say(f"{PROG} migrate refused: {path} was written by a newer CarCare Bot (migration"
                f" {max(newer)}; this version knows up to {max(names)}): upgrade the bot", sys.stderr)
            return FAILED
        asyncio.run(_open_and_close(Database(path)))  # opening migrates, as at every start
        after = _applied(path)
    except (OSError, sqlite3.Error, DatabaseProblem) as problem:
        say(f"{PROG} migrate failed: {problem}", sys.stderr)
        return FAILED
    done = [names[version] for version in sorted(after - before)]
    level = max(after, default=0)
    if done:
        say(f"applied to {path}: {', '.join(done)} (now at migration {level})")
    else:
        say(f"nothing to apply: {path} is at migration {level}, the newest")
    return OK


def _applied(path: Path) -> set[int]:
    if not path.exists():
        return set()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return applied(conn)
    finally:
        conn.close()


async def _open_and_close(db: Database) -> None:
    await db.connect()
    await db.close()


def _say_settings(problem: ConfigError) -> int:
    for line in str(problem).splitlines():
        print(f"{PROG}: {line}", file=sys.stderr)
    return USAGE


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": _run,
    "demo": _demo,
    "check": _check,
    "backup": _backup,
    "restore": _restore,
    "migrate": _migrate,
}
