"""`python -m bot demo`: the real application against Telegram and Twilio served in-process.

Entry point for the command line (stable; the CLI calls it):

    run_demo(port: int = 8080, lang: str = "ru", data_dir: Path = Path("data/demo"),
             *, flood: bool = False) -> int

It starts the page on http://127.0.0.1:<port>/ (port 0: any free port), prints that URL on
stdout as its first line, runs until SIGINT or SIGTERM and returns the process's exit code
(0, or 2 with one line on stderr when it cannot start, e.g. the port is taken). `lang` is
"ru" or "en": the bot's default language, the demo clients' and the page's. `data_dir` is
emptied of the demo's own files and holds its database. `flood=True` keeps Telegram's flood
limits: the app paces itself and the stand-in answers 429 past them.

The layout of this package and what each part stands in for: docs/demo.md.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["run_demo"]


def run_demo(
    port: int = 8080, lang: str = "ru", data_dir: Path = Path("data/demo"), *, flood: bool = False
) -> int:
    from bot.demo.main import run  # the application is imported only when the demo runs

    return run(port, lang, data_dir, flood=flood)
