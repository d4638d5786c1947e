"""Faults an operator meets (issue 13): a database locked by another program, a full disk, a
restart after a busy minute, a second bot on the same file, a damaged file. The real app
against the fake Bot API; time moves by the injected clock, real waits are kept short."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import CarCareApp
from bot.delivery.failures import classify
from bot.delivery.items import GroupThread, Text
from bot.delivery.pacing import Limits, Pacer
from bot.delivery.ports import FailureKind
from storage import outbox as queue
from tests.fakes.clock import FakeClock, Monotonic
from tests.fakes.telegram import FakeTelegram
from tests.steps import (
    GROUP,
    IVAN,
    JOHN,
    SHORT_LOCK_WAIT_MS,
    Harness,
    client_id_of,
    inject_fault_for,
    make_settings,
    remove_fault,
    retry_after_backoff,
)


async def started(tg: FakeTelegram, clock: FakeClock, db_path: Path, **extra: Any) -> Harness:
    app = CarCareApp(make_settings(tg, db_path, http_host="127.0.0.1", http_port=0, **extra), clock)
    app.db.busy_timeout_ms = SHORT_LOCK_WAIT_MS
    await app.start()
    return Harness(app, tg, clock)


@pytest.fixture
async def web_harness(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    h = await started(tg, clock, db_path)
    try:
        yield h
    finally:
        await h.app.stop()


async def healthz(h: Harness) -> tuple[int, dict[str, Any]]:
    assert h.app.web is not None
    url = f"http://127.0.0.1:{h.app.web.port}/healthz"
    async with aiohttp.ClientSession() as session, session.get(url) as answer:
        return answer.status, await answer.json()


async def until_stalled(h: Harness, worker: str, timeout: float = 10.0) -> None:
    """Until /healthz names `worker` as stalled: the bot, working in this loop, has met the
    fault (real waiting, kept short: there is no clock to move for another program's lock)."""
    async with asyncio.timeout(timeout):
        while True:
            status, body = await healthz(h)
            if status == 503 and worker in body:
                return
            await asyncio.sleep(0.01)


async def queue_later(h: Harness, texts: list[str], minutes: int) -> None:
    """Messages to the group that fall due later (as a delayed report or a retry would)."""
    for text in texts:
        async with h.app.db.transaction() as tx:
            await h.app.outbox.put(tx, _general(text), None, delay=timedelta(minutes=minutes))


def _general(text: str) -> Text:
    return Text(GroupThread(None), text)


def texts_in_group(h: Harness) -> list[str]:
    return [c.text or "" for c in h.tg.sent("sendMessage", GROUP)]


async def test_a_write_lock_held_by_another_program_stalls_delivery_then_all_goes(
    web_harness: Harness, db_path: Path
) -> None:
    h = web_harness
    await queue_later(h, ["первое", "второе", "третье"], minutes=5)
    status, body = await healthz(h)
    assert status == 200 and body["ok"] is True and body["waiting"] == 0

    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a backup script, a sqlite3 shell left open
    try:
        h.clock.advance(minutes=5)
        h.app.outbox.wake()
        await until_stalled(h, "outbox")
        h.clock.advance(seconds=42)
        status, body = await healthz(h)
        assert status == 503
        assert body["ok"] is False and body["outbox"] == "database is locked for 42 s"
        assert body["waiting"] == 3 and body["oldest_waiting_s"] == 42
        assert texts_in_group(h) == []
    finally:
        other.execute("ROLLBACK")
        other.close()
    h.app.outbox.wake()
    await asyncio.wait_for(h.app.outbox.wait_idle(), 10)
    assert texts_in_group(h) == ["первое", "второе", "третье"]
    assert h.app._worker_task is not None and not h.app._worker_task.done()
    status, body = await healthz(h)
    assert status == 200 and body == {"ok": True, "outbox": "ok", "waiting": 0, "oldest_waiting_s": 0}


# -- errors classified once ---------------------------------------------------------------------


async def test_a_failed_topic_is_created_with_the_clients_next_message_and_general_is_told(
    harness: Harness,
) -> None:
    h = harness
    h.tg.fail("createForumTopic", 400, "Bad Request: not enough rights to create a topic")
    await h.say(IVAN, "Здравствуйте")
    told = [t for t in texts_in_group(h) if "Не удалось создать тему" in t]
    assert len(told) == 1 and "not enough rights" in told[0] and "Управление темами" in told[0]
    await h.say(IVAN, "Вы здесь?")
    assert len(h.tg.sent("createForumTopic")) == 2
    last = h.tg.sent("copyMessage", GROUP)[-1]
    assert last.thread_id == 500  # the new topic
    assert await h.rows("SELECT status FROM outbox WHERE kind = 'open_topic'") == [("sent",)]


async def test_a_permanent_failure_in_the_group_is_told_in_general_once_an_hour(
    harness: Harness,
) -> None:
    h = harness
    await h.say(IVAN, "Здравствуйте")
    for n in range(3):
        h.tg.fail("copyMessage", 400, "Bad Request: message thread not found")
        await h.say(IVAN, f"сообщение {n}")
    told = [t for t in texts_in_group(h) if "не доставлено" in t]
    assert len(told) == 1 and "Иван" in told[0] and "message thread not found" in told[0]
    h.clock.advance(hours=1)
    h.tg.fail("copyMessage", 400, "Bad Request: message thread not found")
    await h.say(IVAN, "ещё одно")
    assert len([t for t in texts_in_group(h) if "не доставлено" in t]) == 2


async def test_when_general_itself_fails_the_log_says_it(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    h = harness
    h.tg.fail("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat")
    async with h.app.db.transaction() as tx:
        await h.app.outbox.to_group(tx, "Сводка за день", None)
    await h.app.outbox.wait_idle()
    assert "a message to General failed for good" in caplog.text
    assert await h.rows("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == [(0,)]


async def test_a_413_is_permanent_not_retried_without_end(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "Здравствуйте")
    h.tg.fail("copyMessage", 413, "Request Entity Too Large")
    await h.say(IVAN, "большой файл")
    await h.say(IVAN, "а это после него")
    assert await h.rows("SELECT status, error FROM outbox WHERE status = 'failed'") == [
        ("failed", "Request Entity Too Large")
    ]
    assert h.tg.sent("copyMessage", GROUP)[-1].thread_id == 500  # the next one is not held back


async def test_a_transient_failure_is_given_up_after_24_hours(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "Здравствуйте")
    h.tg.fail("sendMessage", 502, "Bad Gateway")
    async with h.app.db.transaction() as tx:
        await h.app.outbox.to_group(tx, "Отчёт", 500)
    await h.app.outbox.wait_idle()
    assert await h.rows("SELECT status FROM outbox WHERE payload LIKE '%Отчёт%'") == [("pending",)]
    h.clock.advance(hours=25)
    h.tg.fail("sendMessage", 502, "Bad Gateway")
    h.app.outbox.wake()
    await h.app.outbox.wait_idle()
    assert await h.rows("SELECT status, error FROM outbox WHERE payload LIKE '%Отчёт%'") == [
        ("failed", "gave up after 24 h: TelegramServerError")
    ]


# -- a failing handler ----------------------------------------------------------------------------


async def test_a_failing_update_is_kept_retried_then_reported_once_and_others_go_on(
    harness: Harness, db_path: Path
) -> None:
    h = harness
    await h.say(JOHN, "Hello")
    inject_fault_for(db_path, await client_id_of(h, JOHN))
    failing = h.updates.text(JOHN, "Where is my car? It was due on Monday.")
    await h.feed(failing)
    assert await h.rows("SELECT update_id, attempts, dead_at FROM failed_updates") == [
        (failing["update_id"], 1, None)
    ]
    await h.say(IVAN, "Здравствуйте")  # the next updates are handled
    assert h.tg.sent("copyMessage", GROUP)[-1]["from_chat_id"] == str(IVAN.id)
    for attempt in range(2, 6):
        await retry_after_backoff(h)
        [(attempts,)] = await h.rows("SELECT attempts FROM failed_updates")
        assert attempts == attempt
    told = [t for t in texts_in_group(h) if "could not be handled" in t or "не удалось обработать" in t]
    assert len(told) == 1
    assert "John" in told[0] and "Where is my car? It was due on Monday." in told[0]
    await retry_after_backoff(h, seconds=3600)  # a dead letter is not tried again
    assert await h.rows("SELECT attempts, dead_at IS NOT NULL FROM failed_updates") == [(5, 1)]
    assert len([t for t in texts_in_group(h) if "не удалось обработать" in t]) == 1


async def test_a_kept_update_succeeds_on_a_retry_after_a_restart(
    harness: Harness, db_path: Path, tg: FakeTelegram, clock: FakeClock
) -> None:
    h = harness
    await h.say(JOHN, "Hello")
    inject_fault_for(db_path, await client_id_of(h, JOHN))
    failing = h.updates.text(JOHN, "Second message")
    await h.feed(failing)
    assert await h.rows("SELECT attempts FROM failed_updates") == [(1,)]
    await h.app.stop()
    remove_fault(db_path)
    h.app = CarCareApp(make_settings(tg, db_path), clock)
    await h.app.start()  # a restart tries kept updates again
    await h.app.outbox.wait_idle()
    copied = [c["message_id"] for c in h.tg.sent("copyMessage", GROUP)]
    assert copied[-1] == failing["message"]["message_id"]
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert await h.rows("SELECT 1 FROM processed_updates WHERE update_id = ?", failing["update_id"]) == [(1,)]


async def test_clients_who_write_while_the_database_is_locked_lose_nothing(
    web_harness: Harness, db_path: Path
) -> None:
    h = web_harness
    await h.say(IVAN, "Здравствуйте")
    during = [h.updates.text(IVAN, f"пока заперто {n}") for n in range(3)]

    async def poll() -> None:  # one update after the other, as polling hands them over
        for update in during:
            await h.app.feed(update)

    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        polling = asyncio.create_task(poll())
        await until_stalled(h, "updates")
        h.clock.advance(seconds=10)
        status, body = await healthz(h)
        assert status == 503 and body["updates"] == "database is locked for 10 s"
        assert not polling.done()  # not acknowledged: polling does not move past them
    finally:
        other.execute("ROLLBACK")
        other.close()
    await asyncio.wait_for(polling, 10)
    await h.app.outbox.wait_idle()
    copied = [c["message_id"] for c in h.tg.sent("copyMessage", GROUP)]
    assert copied[-3:] == [update["message"]["message_id"] for update in during]
    status, body = await healthz(h)
    assert status == 200 and body["ok"] is True
    assert h.app._worker_task is not None and not h.app._worker_task.done()


# -- a full disk ----------------------------------------------------------------------------------


def disk_space(h: Harness, pages: int | None) -> int:
    """The database may grow no further than `pages` (None: as far as it likes): a full disk,
    met by SQLite itself. Returns the pages it has now."""
    conn = h.app.db._require()  # noqa: SLF001 - the fault goes into the bot's own connection
    size = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages or 1 << 30}")
    return size


async def test_a_full_disk_loses_nothing_acknowledged_and_the_bot_recovers(
    web_harness: Harness,
) -> None:
    h = web_harness
    await h.say(IVAN, "Здравствуйте")
    messages = [h.updates.text(IVAN, f"сообщение {n} " + "текст " * 400) for n in range(60)]
    fed: list[int] = []

    async def poll() -> None:
        for update in messages:
            await h.app.feed(update)
            fed.append(update["update_id"])

    disk_space(h, disk_space(h, None))  # no room to grow from now on
    polling = asyncio.create_task(poll())
    try:
        await until_stalled(h, "updates")
        h.clock.advance(seconds=30)
        status, body = await healthz(h)
        assert status == 503 and body["updates"] == "database or disk is full for 30 s"
        stuck_at = len(fed)
        assert stuck_at < len(messages)
        assert not polling.done()  # the update that met the full disk is not acknowledged
    finally:
        disk_space(h, None)  # space returns
    await asyncio.wait_for(polling, 30)
    await h.app.outbox.wait_idle()
    copied = [c["message_id"] for c in h.tg.sent("copyMessage", GROUP)][1:]
    assert copied == [update["message"]["message_id"] for update in messages]
    status, body = await healthz(h)
    assert status == 200 and body["ok"] is True and body["waiting"] == 0
    assert h.app._worker_task is not None and not h.app._worker_task.done()


# -- the pacer after a restart -------------------------------------------------------------------


async def test_after_a_restart_the_pacer_resumes_from_the_last_minute(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    settings = make_settings(tg, db_path, telegram_group_per_minute=20)
    app = CarCareApp(settings, clock)
    app.worker.pacers["telegram"] = Pacer(Limits(0, 0, per_group_per_minute=20), Monotonic())
    await app.start()
    try:
        for n in range(20):
            async with app.db.transaction() as tx:
                await app.outbox.to_group(tx, f"сводка {n}", None)
        await app.outbox.wait_idle()
        assert len(tg.sent("sendMessage", GROUP)) == 20  # a busy minute
    finally:
        await app.stop()
    clock.advance(seconds=5)
    mono = Monotonic()
    app = CarCareApp(settings, clock)
    app.worker.pacers["telegram"] = Pacer(Limits(0, 0, per_group_per_minute=20), mono)
    await app.start()
    try:
        await app.outbox.wait_idle()  # the worker has looked at the record
        assert 54 < app.worker.pacers["telegram"].wait(str(GROUP)) <= 55
        async with app.db.transaction() as tx:
            await app.outbox.to_group(tx, "после перезапуска", None)
        mono.now += 56
        app.outbox.wake()
        await app.outbox.wait_idle()
        assert tg.sent("sendMessage", GROUP)[-1].text == "после перезапуска"
    finally:
        await app.stop()


# -- the 'sending' mark ---------------------------------------------------------------------------


async def test_the_sending_mark_moves_only_a_waiting_item(harness: Harness) -> None:
    h = harness
    async with h.app.db.transaction() as tx:
        await h.app.outbox.to_group(tx, "одно", None)
    await h.app.outbox.wait_idle()
    [(item_id,)] = await h.rows("SELECT id FROM outbox")
    async with h.app.db.transaction() as tx:
        assert await queue.mark_sending(tx, item_id) is False  # sent: not taken again
        assert await queue.release_in_doubt(tx) == 0
    assert await h.rows("SELECT status, attempts FROM outbox") == [("sent", 1)]


async def test_a_write_lock_held_at_start_up_delays_delivery_and_kills_nothing(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    first = await started(tg, clock, db_path)  # makes the schema
    await first.app.stop()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        h = await started(tg, clock, db_path)
    except BaseException:
        other.execute("ROLLBACK")
        other.close()
        raise
    try:
        try:
            await until_stalled(h, "outbox")  # it could not yet look for what was in doubt
        finally:
            other.execute("ROLLBACK")
            other.close()
        await h.say(IVAN, "Здравствуйте")
        assert h.tg.sent("copyMessage", GROUP)
        status, body = await healthz(h)
        assert status == 200 and body["ok"] is True
    finally:
        await h.app.stop()


@pytest.mark.parametrize(
    ("platform", "status", "answer", "kind"),
    [
        ("telegram", 429, "Too Many Requests: retry after 5", FailureKind.TRANSIENT),
        ("telegram", 413, "Request Entity Too Large", FailureKind.PERMANENT),
        ("telegram", 400, "Bad Request: file is too big", FailureKind.PERMANENT),
        ("telegram", 400, "Bad Request: message thread not found", FailureKind.PERMANENT),
        ("telegram", 403, "Forbidden: bot was blocked by the user", FailureKind.BLOCKED),
        ("telegram", 502, "TelegramServerError", FailureKind.TRANSIENT),
        ("telegram", None, "TelegramNetworkError", FailureKind.TRANSIENT),
        ("twilio", 429, "Twilio 429 error 20429", FailureKind.TRANSIENT),
        ("twilio", 400, "Twilio 400 error 21617", FailureKind.PERMANENT),
        ("twilio", 400, "Twilio 400 error 11751", FailureKind.PERMANENT),
        ("twilio", 503, "Twilio 503", FailureKind.TRANSIENT),
        ("twilio", None, "ClientConnectorError", FailureKind.TRANSIENT),
        ("telegram", 418, "I'm a teapot", FailureKind.PERMANENT),  # unknown: recorded, not looped
    ],
)
def test_every_answer_is_classified_by_the_one_table(
    platform: str, status: int | None, answer: str, kind: FailureKind
) -> None:
    assert classify(platform, status, answer) is kind


async def test_erasure_takes_a_kept_update_too(harness: Harness, db_path: Path) -> None:
    h = harness
    await h.say(JOHN, "Hello")
    inject_fault_for(db_path, await client_id_of(h, JOHN))
    await h.feed(h.updates.text(JOHN, "My number is +7 916 000 11 22"))
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(1,)]
    remove_fault(db_path)
    await h.say(JOHN, "/delete_my_data")
    await h.tap(JOHN, "Yes, delete")
    await h.app.outbox.wait_idle()
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
