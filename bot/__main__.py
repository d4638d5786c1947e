"""`python -m bot`: run the bot with long polling, configured from the environment and .env."""

from __future__ import annotations

import asyncio
import logging
import sys

from bot.app import CarCareApp, StartupError
from bot.config import ConfigError, load_settings


async def _run() -> None:
    app = CarCareApp(load_settings())
    try:
        await app.start()
        await app.run_polling()
    finally:
        await app.stop()


def main() -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        asyncio.run(_run())
    except (ConfigError, StartupError) as problem:
        print(f"carcare-bot cannot start: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
