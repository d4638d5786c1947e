"""The bot's web server at its edges (issue 21): slow and idle callers are cut off, too many
connections refused, odd headers answered 403 (WhatsApp's side: test_faults_whatsapp.py).
Raw sockets where a well-behaved client could not say what is tested."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot import web as server
from bot.app import CarCareApp
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import Updates
from tests.steps import GROUP, IVAN, exchange, make_settings, status_of

URL = "https://bot.example.org/telegram/webhook"
SECRET = "webhook-secret-for-edge-tests_01"
SHORT = 0.2  # seconds: the server's limits, shortened so a test need not wait for them


@pytest.fixture
async def web_app(
    tg: FakeTelegram, clock: FakeClock, db_path: Path, monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> AsyncIterator[CarCareApp]:
    """The app's web server with its limits shortened (keep-alive: the test's parameter)."""
    monkeypatch.setattr(server, "KEEPALIVE", getattr(request, "param", SHORT), raising=False)
    monkeypatch.setattr(server, "BODY_TIMEOUT", SHORT, raising=False)
    monkeypatch.setattr(server, "MAX_CONNECTIONS", 3, raising=False)
    app = CarCareApp(make_settings(tg, db_path, telegram_webhook_url=URL,
                                   telegram_webhook_secret=SECRET, http_port=0,
                                   http_host="127.0.0.1"), clock)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


def post_update(secret: bytes, body: bytes, length: int | None = None) -> bytes:
    return (b"POST /telegram/webhook HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n"
            b"X-Telegram-Bot-Api-Secret-Token: " + secret + b"\r\nConnection: close\r\n"
            b"Content-Length: " + str(len(body) if length is None else length).encode()
            + b"\r\n\r\n" + body)


async def test_a_secret_header_that_is_not_utf8_is_refused_without_a_traceback(
    web_app: CarCareApp, tg: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    body = b'{"update_id": 1, "message": {}}'
    with caplog.at_level(logging.WARNING):
        answer = await exchange(web_app.web.port, post_update(b"\xff\xfe\x80secret", body))
    assert status_of(answer) == 403
    assert b"Traceback" not in answer and b"internal" not in answer
    assert not [record for record in caplog.records if record.exc_info]
    assert status_of(await exchange(web_app.web.port, post_update(SECRET.encode(), b"[]"))) == 400


async def test_a_body_that_does_not_arrive_is_answered_408_and_the_connection_closed(
    web_app: CarCareApp, tg: FakeTelegram
) -> None:
    update = json.dumps(Updates(GROUP).command(IVAN, "/start")).encode()
    cut = post_update(SECRET.encode(), update[:10], length=len(update))
    assert status_of(await exchange(web_app.web.port, cut)) == 408
    await web_app.settle()
    assert tg.to_chat(IVAN.id) == []
    whole = post_update(SECRET.encode(), update)  # the same request, sent whole, is handled
    assert status_of(await exchange(web_app.web.port, whole)) == 200
    await web_app.settle()
    assert len(tg.to_chat(IVAN.id)) == 1


async def test_an_idle_connection_is_closed(web_app: CarCareApp) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", web_app.web.port)
    try:
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: bot\r\n")  # headers never finished
        async with asyncio.timeout(5):
            assert await reader.read() == b""  # closed by the server, nothing answered
    finally:
        writer.close()


@pytest.mark.parametrize("web_app", [60.0], indirect=True)  # the held ones stay open
async def test_connections_past_the_cap_are_closed_and_the_rest_served(
    web_app: CarCareApp,
) -> None:
    port = web_app.web.port
    held = [await asyncio.open_connection("127.0.0.1", port) for _ in range(3)]
    try:
        async with asyncio.timeout(5):  # until the server has taken them
            while web_app.web.connections < 3:
                await asyncio.sleep(0.01)
        refused = await exchange(port, b"GET /healthz HTTP/1.1\r\nHost: bot\r\n\r\n")
        assert refused == b""
    finally:
        for _, writer in held:
            writer.close()
    async with asyncio.timeout(5):  # their places free up as the server sees them close
        while not (answer := await exchange(port, b"GET /healthz HTTP/1.1\r\nHost: bot\r\n"
                                                  b"Connection: close\r\n\r\n")):
            await asyncio.sleep(0.01)
    assert status_of(answer) == 200
