"""Delivery that loses nothing: flood limits, 429s, retries, permanent failures, order."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.delivery.pacing import Limits, Pacer, SlidingWindow
from domain import Channel, Reply
from storage import clients
from storage import outbox as queue
from storage.db import from_db
from tests.fakes.clock import Monotonic
from tests.steps import GROUP, IVAN, JOHN, Harness


def test_sliding_window_allows_limit_per_period() -> None:
    window = SlidingWindow(limit=3, period=1.0)
    for t in (0.0, 0.1, 0.2):
        assert window.wait(t) == 0
        window.record(t)
    assert window.wait(0.3) == 0.7  # the oldest of the three leaves the window at 1.0
    assert window.wait(1.0) == 0


def test_pacer_limits_each_chat_the_group_and_the_bot() -> None:
    clock = Monotonic()
    pacer = Pacer(Limits(per_bot_per_second=30, per_chat_per_second=1, per_group_per_minute=20), clock)
    pacer.sent("111")
    assert pacer.wait("111") == 1.0  # one per second per chat
    assert pacer.wait("222") == 0  # another chat is free
    for _ in range(20):
        assert pacer.wait("-100123") == 0
        pacer.sent("-100123")
        clock.now += 0.1
    assert 57.9 < pacer.wait("-100123") <= 58.0  # twenty a minute in a group
    clock.now += 10
    for chat in range(30):
        pacer.sent(str(5000 + chat))
    assert pacer.wait("999") == 1.0  # thirty a second for the bot as a whole
    assert pacer.wait("999", own_only=True) == 0  # ...while that chat's own limit is free
    assert pacer.wait("5000", own_only=True) == 1.0


def test_zero_switches_a_limit_off() -> None:
    pacer = Pacer(Limits(0, 0, 0), Monotonic())
    for _ in range(100):
        pacer.sent("111")
    assert pacer.wait("111") == 0


async def wait_until(h: Harness, condition, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await h.tg.wait_for_call()


async def test_a_burst_to_the_group_is_delivered_complete_and_in_order_late_not_lost(
    harness: Harness,
) -> None:
    h = harness
    mono = Monotonic()
    h.app.worker.pacers["telegram"] = Pacer(Limits(0, 0, per_group_per_minute=20), mono)
    # Each quotes the greeting: replies are copied one per call (a run of plain messages would
    # go several per call: tests/test_fair_queue.py).
    burst = [h.updates.text(IVAN, f"сообщение {n}", reply_to=1) for n in range(30)]
    for update in burst:
        await h.app.feed(update)
    # open_topic makes three calls (topic, card, pin); then 17 copies fit into the minute
    await wait_until(h, lambda: len(h.tg.sent("copyMessage", GROUP)) == 17)
    assert h.tg.sent("sendMessage", IVAN.id)  # the client is not held back by the group
    await asyncio.sleep(0)  # let the worker reach its wait
    assert len(h.tg.sent("copyMessage", GROUP)) == 17
    mono.now += 61
    h.app.outbox.wake()
    await wait_until(h, lambda: len(h.tg.sent("copyMessage", GROUP)) == 30)
    copied = [call["message_id"] for call in h.tg.sent("copyMessage", GROUP)]
    assert copied == [u["message"]["message_id"] for u in burst]


async def test_a_group_backlog_longer_than_a_batch_does_not_hold_back_a_client(
    harness: Harness,
) -> None:
    """The worker reads the queue a batch at a time: the group's own backlog, waiting for its
    minute, must not fill every look and starve a client queued behind it."""
    h = harness
    await h.say(IVAN, "здравствуйте")  # the topic exists
    mono = Monotonic()
    pacer = h.app.worker.pacers["telegram"] = Pacer(Limits(0, 0, per_group_per_minute=1), mono)
    pacer.sent(str(GROUP))  # the group's minute is used up
    for n in range(120):  # more than a batch (50) of copies wait for the group
        await h.app.feed(h.updates.text(IVAN, f"сообщение {n}"))
    async with h.app.db.transaction() as tx:
        client = await clients.by_identity(tx, Channel.TELEGRAM, str(IVAN.id))
        assert client is not None
        await h.app.outbox.to_client(tx, client, Reply("Нашли машину"))
    found = lambda: [c for c in h.tg.sent("sendMessage", IVAN.id) if c.text == "Нашли машину"]  # noqa: E731
    await wait_until(h, lambda: len(found()) == 1, timeout=5)
    waiting = await h.rows(
        "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND recipient = ?", str(GROUP)
    )
    assert waiting == [(120,)]  # the copies still wait, in the queue


async def test_a_retry_falling_due_is_not_held_behind_a_paced_group(harness: Harness) -> None:
    """The group's minute is used up; a client's message refused with 429 must still go as
    soon as its retry_after has passed, not when the group's minute ends."""
    h = harness
    await h.say(IVAN, "вопрос")  # the topic exists
    mono = Monotonic()
    pacer = h.app.worker.pacers["telegram"] = Pacer(Limits(0, 0, per_group_per_minute=1), mono)
    pacer.sent(str(GROUP))  # the group's minute is used up
    await h.app.feed(h.updates.text(IVAN, "ещё вопрос"))  # its copy must wait for the minute
    h.tg.fail("sendMessage", 429, "Too Many Requests: retry after 1", {"retry_after": 1})
    async with h.app.db.transaction() as tx:
        client = await clients.by_identity(tx, Channel.TELEGRAM, str(IVAN.id))
        assert client is not None
        await h.app.outbox.to_client(tx, client, Reply("Нашли машину"))
    found = lambda: [c for c in h.tg.sent("sendMessage", IVAN.id) if c.text == "Нашли машину"]  # noqa: E731
    await wait_until(h, lambda: len(found()) == 1)  # refused with 429
    async with asyncio.timeout(5):  # until the worker has put it back for a retry
        while await h.rows("SELECT 1 FROM outbox WHERE status = 'pending' AND attempts = 1") == []:
            await asyncio.sleep(0.01)
    h.clock.advance(seconds=1)
    await wait_until(h, lambda: len(found()) == 2, timeout=5)
    assert found()[-1].result is not None  # delivered this time
    assert len(h.tg.sent("copyMessage", GROUP)) == 1  # the second copy still waits its minute


async def test_a_new_topic_meeting_the_group_limit_is_finished_later_not_held_in_place(
    harness: Harness,
) -> None:
    h = harness
    mono = Monotonic()
    h.app.worker.pacers["telegram"] = Pacer(Limits(0, 0, per_group_per_minute=2), mono)
    await h.app.feed(h.updates.text(IVAN, "здравствуйте"))
    await wait_until(h, lambda: len(h.tg.sent("sendMessage", IVAN.id)) == 1)  # the client's answer
    def calls() -> list[str]:
        return [c.method for c in h.tg.sent(chat_id=GROUP) if c.method not in ("getChat", "getChatMember")]
    assert calls() == ["createForumTopic", "sendMessage"]  # the pin would be the third this minute
    topic_rows = await h.rows("SELECT status, error FROM outbox WHERE kind = 'open_topic'")
    assert topic_rows == [("pending", "flood limit")]
    mono.now += 61
    h.clock.advance(seconds=61)
    h.app.outbox.wake()
    await wait_until(h, lambda: "copyMessage" in calls())
    assert calls() == ["createForumTopic", "sendMessage", "pinChatMessage", "copyMessage"]
    card = h.tg.sent("sendMessage", GROUP)[0].result["message_id"]
    assert h.tg.sent("pinChatMessage")[0]["message_id"] == card


async def test_429_waits_exactly_retry_after(harness: Harness) -> None:
    h = harness
    h.tg.fail("sendMessage", 429, "Too Many Requests: retry after 7", {"retry_after": 7})
    await h.say(IVAN, "/start")
    row = await h.rows("SELECT status, not_before, attempts FROM outbox")
    assert row[0][0] == "pending" and row[0][2] == 1
    assert from_db(row[0][1]) == h.clock.now() + timedelta(seconds=7)
    h.clock.advance(seconds=6)
    h.app.outbox.wake()
    await h.app.outbox.wait_idle()
    assert len(h.tg.sent("sendMessage", IVAN.id)) == 1  # only the refused attempt
    h.clock.advance(seconds=1)
    h.app.outbox.wake()
    await h.app.outbox.wait_idle()
    assert len(h.tg.sent("sendMessage", IVAN.id)) == 2
    assert await h.rows("SELECT status FROM outbox") == [("sent",)]


async def test_server_errors_retry_with_capped_backoff_and_jitter(harness: Harness) -> None:
    h = harness
    for _ in range(3):
        h.tg.fail("sendMessage", 502, "Bad Gateway")
    await h.say(IVAN, "/start")
    delays = []
    for attempt in range(1, 4):
        (not_before, attempts), = await h.rows("SELECT not_before, attempts FROM outbox")
        assert attempts == attempt
        delay = (from_db(not_before) - h.clock.now()).total_seconds()
        assert 0.8 * 2**attempt <= delay <= 1.2 * 2**attempt
        delays.append(delay)
        h.clock.advance(seconds=delay)
        h.app.outbox.wake()
        await h.app.outbox.wait_idle()
    assert await h.rows("SELECT status, error FROM outbox") == [("sent", "TelegramServerError")]


async def test_permanent_failure_is_recorded_and_not_retried(harness: Harness) -> None:
    h = harness
    h.tg.fail("sendMessage", 400, "Bad Request: chat not found")
    await h.say(IVAN, "/start")
    assert await h.rows("SELECT status, error, attempts FROM outbox") == [
        ("failed", "Bad Request: chat not found", 1)
    ]
    h.clock.advance(hours=1)
    h.app.outbox.wake()
    await h.app.outbox.wait_idle()
    assert len(h.tg.sent("sendMessage", IVAN.id)) == 1


async def test_a_failing_chat_does_not_hold_back_others(harness: Harness) -> None:
    h = harness
    for _ in range(5):
        h.tg.fail("sendMessage", 500, "Internal Server Error")
    await h.say(IVAN, "/start")  # fails and waits its backoff
    await h.say(IVAN, "/help")  # queued behind it, same chat: must wait
    await h.say(JOHN, "/start")
    assert any(call.chat_id == JOHN.id for call in h.tg.sent("sendMessage"))
    statuses = await h.rows("SELECT recipient, status FROM outbox ORDER BY id")
    assert statuses[:2] == [(str(IVAN.id), "pending"), (str(IVAN.id), "pending")]


async def test_the_item_in_flight_holds_its_chat_back_until_it_is_known_to_be_sent(
    harness: Harness,
) -> None:
    """Order per chat: the next message waits while the one before it is 'sending', unless
    the worker says it was delivered (its 'sent' mark is committed before the next goes)."""
    h = harness
    h.app.worker.stop()
    await h.app._worker_task  # noqa: SLF001 - the queue alone is under test here
    async with h.app.db.transaction() as tx:
        for text in ("первое", "второе"):
            await queue.enqueue(tx, channel="telegram", recipient="555", kind="text",
                                payload={"text": text}, client_id=None, now=h.clock.now())
    async with h.app.db.transaction() as tx:
        first, second = await queue.due(tx, h.clock.now(), 10)  # a chat's run, in order
        assert (first.payload["text"], second.payload["text"]) == ("первое", "второе")
        await queue.mark_sending(tx, first.id)
        assert await queue.due(tx, h.clock.now(), 10) == []
        after, = await queue.due(tx, h.clock.now(), 10, delivered=first.id)
        assert after.id == second.id


async def test_an_item_not_due_yet_holds_back_the_rest_of_its_chat_only(harness: Harness) -> None:
    """A message waiting for its retry keeps its chat's later messages behind it; another
    chat's messages, queued after all of them, go meanwhile."""
    h = harness
    h.app.worker.stop()
    await h.app._worker_task  # noqa: SLF001 - the queue alone is under test here
    async with h.app.db.transaction() as tx:
        for recipient, text in (("555", "первое"), ("555", "второе"), ("777", "другой чат")):
            await queue.enqueue(tx, channel="telegram", recipient=recipient, kind="text",
                                payload={"text": text}, client_id=None, now=h.clock.now())
        first, *_ = await queue.due(tx, h.clock.now(), 10)
        await queue.retry_later(tx, first.id, h.clock.now() + timedelta(seconds=30), "timeout")
        assert [item.payload["text"] for item in await queue.due(tx, h.clock.now(), 10)] == [
            "другой чат"
        ]
        due = await queue.due(tx, h.clock.now() + timedelta(seconds=31), 10)
        later = [item.payload["text"] for item in due]
        assert later == ["первое", "второе", "другой чат"]
