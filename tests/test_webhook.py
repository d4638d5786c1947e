"""Telegram webhook mode: the secret is checked on every request, each update handled once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.app import CarCareApp
from bot.config import ConfigError
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser, Updates
from tests.steps import GROUP, IVAN, Gate, make_settings

SECRET = "webhook-secret-for-tests_0123"
URL = "https://bot.example.org/telegram/webhook"
KIRA = TgUser(id=301, first_name="Кира")
LEV = TgUser(id=302, first_name="Лев")


@pytest.fixture
async def app(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[CarCareApp]:
    app = CarCareApp(make_settings(tg, db_path, telegram_webhook_url=URL,
                                   telegram_webhook_secret=SECRET, http_port=0,
                                   http_host="127.0.0.1"), clock)
    await app.start()
    run = None
    try:
        import asyncio
        run = asyncio.create_task(app.run())
        async with asyncio.timeout(10):
            while not tg.sent("setWebhook"):
                await tg.wait_for_call()
        yield app
    finally:
        if run is not None:
            run.cancel()
        await app.stop()


async def post(app: CarCareApp, body: object, secret: str | None) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    url = f"http://127.0.0.1:{app.web.port}/telegram/webhook"
    async with aiohttp.ClientSession() as session, session.post(url, json=body, headers=headers) as answer:
        return answer.status


async def test_webhook_is_registered_with_its_secret(app: CarCareApp, tg: FakeTelegram) -> None:
    call = tg.sent("setWebhook")[0]
    assert call["url"] == URL and call["secret_token"] == SECRET
    assert "message" in call["allowed_updates"] and "callback_query" in call["allowed_updates"]


async def test_an_update_with_the_secret_is_handled_once(app: CarCareApp, tg: FakeTelegram) -> None:
    update = Updates(GROUP).command(IVAN, "/start")
    assert await post(app, update, SECRET) == 200
    assert await post(app, update, SECRET) == 200  # Telegram retrying
    await app.outbox.wait_idle()
    greetings = [c for c in tg.to_chat(IVAN.id) if "Здравствуйте" in (c.text or "")]
    assert len(greetings) == 1


@pytest.mark.parametrize("secret", [None, "", "wrong-secret-0000000000", SECRET + "x"])
async def test_a_wrong_or_missing_secret_is_refused(app: CarCareApp, tg: FakeTelegram, secret) -> None:
    assert await post(app, Updates(GROUP).command(IVAN, "/start"), secret) == 403
    await app.outbox.wait_idle()
    assert tg.to_chat(IVAN.id) == []
    async with app.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM clients") == 0


async def test_garbage_is_a_bad_request_not_a_traceback(app: CarCareApp) -> None:
    assert await post(app, ["not", "an", "update"], SECRET) == 400


def test_half_a_webhook_configuration_stops_start_up(tg: FakeTelegram, db_path: Path) -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET is missing"):
        make_settings(tg, db_path, telegram_webhook_url=URL)
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_URL is missing"):
        make_settings(tg, db_path, telegram_webhook_secret=SECRET)


async def test_requests_are_handled_at_once_across_chats_and_in_order_within_one(
    app: CarCareApp, tg: FakeTelegram
) -> None:
    """Several requests at once; each answered 200 only once its update is handled."""
    gate = Gate()
    app.dispatcher.update.outer_middleware(gate)
    updates = Updates(GROUP)
    first, second = updates.text(KIRA, "первое"), updates.text(KIRA, "второе")
    other = updates.text(LEV, "другой клиент")
    release = gate.hold(first)
    posted = {"first": asyncio.create_task(post(app, first, SECRET))}
    await gate.started(first)
    posted["second"] = asyncio.create_task(post(app, second, SECRET))
    posted["other"] = asyncio.create_task(post(app, other, SECRET))

    assert await asyncio.wait_for(posted["other"], 10) == 200  # Boris does not wait for Anna
    assert second["update_id"] not in gate.began  # Anna's second waits for her first
    assert not posted["first"].done() and not posted["second"].done()  # not answered yet
    release.set()
    assert await posted["first"] == 200 and await posted["second"] == 200
    began = gate.began
    assert began.index(first["update_id"]) < began.index(second["update_id"])
    await app.outbox.wait_idle()
    kira = [c["message_id"] for c in tg.sent("copyMessage", GROUP) if int(c["from_chat_id"]) == KIRA.id]
    assert kira == [first["message"]["message_id"], second["message"]["message_id"]]
