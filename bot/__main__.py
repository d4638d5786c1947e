"""`python -m bot [COMMAND]`: the command line of bot/cli.py (`carcare-bot` once installed).

Without a command it runs the bot with long polling (or a webhook), configured from the
environment and .env; `python -m bot --help` lists the commands.
"""

from __future__ import annotations

import sys

from bot.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
