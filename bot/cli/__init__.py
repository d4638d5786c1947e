"""The command line: `carcare-bot [COMMAND]`, the same as `python -m bot [COMMAND]` (main.py
parses and runs the commands, check.py is `check`, lines.py what they print)."""

from bot.cli.main import main

__all__ = ["main"]
