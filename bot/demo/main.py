"""`python -m bot demo`: builds the stand-ins, the real application and the page, and runs them
until stopped (see bot/demo/__init__.py for the entry point's contract)."""

from __future__ import annotations

import asyncio
import logging
import shutil
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.app import CarCareApp
from bot.config import LANGUAGES, ConfigError, Settings, load_settings
from bot.demo.actors import Actors
from bot.demo.clock import DemoClock, first_morning
from bot.demo.flood import FloodRules
from bot.demo.page import UPLOAD_LIMIT, DemoPage, Hub
from bot.demo.people import GROUP_ID, MANAGER_ID, TWILIO_SENDER, cast
from bot.demo.telegram import BotApi
from bot.demo.time_machine import TimeMachine
from bot.demo.tour import Tour
from bot.demo.twilio import TwilioStandIn
from bot.i18n import Translator
from bot.logs import setup_logging
from bot.preflight import StartupError
from storage.problems import DatabaseProblem

HOST = "127.0.0.1"
TOKEN = "7000001:DEMOtokenServedInProcessOnly00000"  # the stand-in's; never sent anywhere
TWILIO_SID = "AC" + "d" * 32
TWILIO_TOKEN = "DemoAuthTokenServedInProcessOnly"  # the stand-in's; never sent anywhere
DATABASE = "carcare.sqlite3"
# The page's texts keep their variables as {name}, filled in by the page.
PLACEHOLDERS = {name: "{" + name + "}" for name in ("name", "count", "n", "total", "reason")}
OPENS = 10  # the demo starts at this hour of a working day


def run(port: int, lang: str, data_dir: Path, *, flood: bool = False) -> int:
    if lang not in LANGUAGES:
        print(f"carcare-bot demo: --lang is one of {', '.join(LANGUAGES)}", file=sys.stderr)
        return 2
    try:
        listening = socket.create_server((HOST, port))
    except OSError as error:
        print(f"carcare-bot demo cannot start: port {port} on {HOST} is not free ({error.strerror});"
              " choose another with --port", file=sys.stderr)
        return 2
    setup_logging([])
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)  # a line per update: noise here
    try:
        asyncio.run(_serve(listening, lang, data_dir, flood))
    except (ConfigError, StartupError, DatabaseProblem, OSError) as problem:
        print(f"carcare-bot demo cannot start: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


def _free_port() -> int:
    with socket.create_server((HOST, 0)) as probe:
        return int(probe.getsockname()[1])


def _fresh(data_dir: Path) -> Path:
    """Each run starts with an empty database of its own (the stand-ins remember nothing)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for old in data_dir.glob(DATABASE + "*"):
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()
    return (data_dir / DATABASE).resolve()


def demo_settings(base: str, app_port: int, database: Path, lang: str, flood: bool,
                  translate: Translator) -> Settings:
    paced: dict[str, Any] = {} if flood else {
        "telegram_bot_per_second": 0, "telegram_chat_per_second": 0,
        "telegram_group_per_minute": 0, "whatsapp_per_second": 0,
    }
    return load_settings(
        _env_file=None,
        bot_token=TOKEN,
        manager_chat_id=GROUP_ID,
        telegram_api_url=base + "/tg",
        database_url=f"sqlite:///{database}",
        default_language=lang,
        phone_region="RU" if lang == "ru" else "GB",
        owner_ids=str(MANAGER_ID),
        extra_services=translate(lang, "demo-extra-services"),
        service_kinds=translate(lang, "demo-service-kinds"),
        workshop_hours="Mon-Fri 09:00-19:00; Sat 10:00-16:00",
        workshop_address=translate(lang, "demo-workshop-address"),
        report_photo_window=3,
        scheduler_tick="5s",
        twilio_account_sid=TWILIO_SID,
        twilio_auth_token=TWILIO_TOKEN,
        twilio_whatsapp_from=TWILIO_SENDER,
        twilio_api_url=base + "/twilio-api",
        public_url=f"http://{HOST}:{app_port}",
        http_host=HOST,
        http_port=app_port,
        **paced,
    )


async def _serve(listening: socket.socket, lang: str, data_dir: Path, flood: bool) -> None:
    base = f"http://{HOST}:{listening.getsockname()[1]}"
    translate = Translator(lang)
    settings = demo_settings(base, _free_port(), _fresh(data_dir), lang, flood, translate)
    clock = DemoClock(first_morning(datetime.now(UTC), settings.timezone, OPENS, settings.workdays))
    hub = Hub()
    clients, manager = cast(translate, lang)
    members = {person.user_id: person.user() for person in [*clients, manager] if person.user_id}
    group = {"id": GROUP_ID, "type": "supergroup", "is_forum": True,
             "title": translate(lang, "demo-group-title")}
    api = BotApi(TOKEN, clock, group, members, [MANAGER_ID], hub.publish,
                 FloodRules() if flood else None)
    twilio = TwilioStandIn(TWILIO_SID, TWILIO_TOKEN, TWILIO_SENDER, clock, hub.publish,
                           settings.public_url)
    app = CarCareApp(settings, clock)
    machine = TimeMachine(
        clock, app.scheduler, app.settle, app.outbox.wake,
        lambda now, moving: hub.publish({"type": "clock", "now": now.isoformat(), "busy": moving}),
    )
    actors = Actors(api, twilio, clients, manager, app.settle)
    tour = Tour(actors, machine, clock, settings.timezone, translate, lang, hub.publish)
    texts = {key: translate(lang, key, **PLACEHOLDERS) for key in translate.keys(lang)
             if key.startswith("demo-")}
    page = DemoPage(hub, api, twilio, actors, machine, tour, clock, lambda: texts, lang,
                    settings.timezone)
    site_app = web.Application(client_max_size=UPLOAD_LIMIT + 1024 * 1024)
    api.register(site_app, "/tg")
    twilio.register(site_app, "/twilio-api", base)
    page.register(site_app)
    runner = web.AppRunner(site_app, access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    await web.SockSite(runner, listening).start()
    try:
        await app.start()
        machine.pause_daily_jobs()
        app.stats_desk.warm_up()
        print(f"CarCare demo: {base}/  (Ctrl+C to stop)", flush=True)
        await app.run()
    finally:
        hub.close()
        await page.stop()
        await app.stop()
        await twilio.close()
        await runner.cleanup()
