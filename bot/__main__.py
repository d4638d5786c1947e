"""`python -m bot`: run the bot with long polling, configured from the environment and .env."""

from __future__ import annotations

import asyncio
import sys

from bot.app import CarCareApp
from bot.config import ConfigError, Settings, load_settings
from bot.logs import setup_logging
from bot.preflight import StartupError


async def _run(settings: Settings) -> None:
    app = CarCareApp(settings)
    try:
        await app.start()
        await app.run()
    finally:
        await app.stop()


def main() -> int:
    try:
        settings = load_settings()
        secrets = [
            settings.bot_token.get_secret_value(),
            settings.twilio_auth_token.get_secret_value(),
            settings.telegram_webhook_secret.get_secret_value(),
        ]
        setup_logging([secret for secret in secrets if secret])
        asyncio.run(_run(settings))
    except (ConfigError, StartupError) as problem:
        print(f"carcare-bot cannot start: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
