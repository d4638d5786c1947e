"""`python -m bot demo [--port N] [--lang ru|en] [--data DIR] [--flood]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.demo import run_demo


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot demo",
                                     description="the bot against Telegram and WhatsApp stand-ins, on a page")
    parser.add_argument("--port", type=int, default=8080, help="the page's port (8080)")
    parser.add_argument("--lang", choices=("ru", "en"), default="ru", help="language (ru)")
    parser.add_argument("--data", type=Path, default=Path("data/demo"), help="its own data folder")
    parser.add_argument("--flood", action="store_true", help="keep Telegram's flood limits")
    args = parser.parse_args(argv)
    return run_demo(args.port, args.lang, args.data, flood=args.flood)
