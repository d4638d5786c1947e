"""Updates of different chats at once, of one chat in order; the polling offset moves only
past handled updates. Through the real dispatcher, polling the fake Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.app import CarCareApp
from bot.concurrency.lanes import IN_FLIGHT, Lanes
from bot.concurrency.polling import poll
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import GROUP, WAIT, Gate, Harness, make_settings

ANNA = TgUser(id=301, first_name="Анна")
BORIS = TgUser(id=302, first_name="Борис")
VERA = TgUser(id=303, first_name="Вера")


@asynccontextmanager
async def polled(app: CarCareApp, lanes: Lanes | None = None) -> AsyncIterator[Gate]:
    """The app's bot polling the fake Bot API, with a gate inside the dispatcher."""
    gate = Gate()
    app.dispatcher.update.outer_middleware(gate)
    task = asyncio.create_task(poll(app.bot, app.dispatcher, lanes or Lanes(), grace=WAIT))
    try:
        yield gate
    finally:
        for event in gate.held.values():
            event.set()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


@pytest.fixture
async def polling(harness: Harness) -> AsyncIterator[Gate]:
    async with polled(harness.app) as gate:
        yield gate


def copied(h: Harness) -> list[tuple[int, int]]:
    """(client chat, client message id) of each copy into the group, in the order sent."""
    return [(int(call["from_chat_id"]), call["message_id"]) for call in h.tg.sent("copyMessage", GROUP)]


async def known(h: Harness, *users: TgUser) -> None:
    """The clients wrote once already: their topics exist."""
    for user in users:
        await h.feed(h.updates.text(user, "Здравствуйте"))


async def test_one_chat_waits_for_its_previous_update_while_others_go_on(
    harness: Harness, polling: Gate
) -> None:
    h, gate = harness, polling
    await known(h, ANNA, BORIS)
    first, second = h.updates.text(ANNA, "первое"), h.updates.text(ANNA, "второе")
    other = h.updates.text(BORIS, "другой клиент")
    release = gate.hold(first)
    for update in (first, second, other):
        h.tg.push_update(update)

    await gate.handled(other)  # Boris is not kept waiting behind Anna
    assert first["update_id"] in gate.began
    assert second["update_id"] not in gate.began  # Anna's second waits for her first
    await h.app.outbox.wait_idle()
    assert copied(h)[-1] == (BORIS.id, other["message"]["message_id"])
    # Boris's update is handled, Anna's first is not: Telegram must keep offering her first.
    assert h.tg.polled_offset <= first["update_id"]

    release.set()
    await gate.handled(second)
    await h.app.outbox.wait_idle()
    anna = [message for chat, message in copied(h) if chat == ANNA.id]
    assert anna[-2:] == [first["message"]["message_id"], second["message"]["message_id"]]
    await h.tg.handled(second["update_id"])  # now the offset moves past all three


async def test_a_slow_chat_does_not_delay_one_that_writes_later(
    harness: Harness, polling: Gate
) -> None:
    h, gate = harness, polling
    await known(h, ANNA, BORIS)
    slow = h.updates.text(ANNA, "долгое")
    release = gate.hold(slow)
    h.tg.push_update(slow)
    await gate.started(slow)  # Anna's update is being handled...
    later = h.updates.text(BORIS, "пишу позже")
    h.tg.push_update(later)  # ...when Boris writes
    await gate.handled(later)
    assert not release.is_set() and slow["update_id"] not in gate.ended
    release.set()
    await gate.handled(slow)


async def test_a_new_clients_burst_makes_one_topic_in_order(harness: Harness, polling: Gate) -> None:
    """A topic is being created for a new client while their next messages arrive."""
    h = harness
    bursts = {user.id: [h.updates.text(user, f"сообщение {n}") for n in range(4)]
              for user in (ANNA, BORIS, VERA)}
    for n in range(4):  # the three clients' messages interleaved, as they would arrive
        for burst in bursts.values():
            h.tg.push_update(burst[n])
    await polling.handled(bursts[VERA.id][-1])
    for burst in bursts.values():
        await polling.handled(burst[-1])
    await h.app.outbox.wait_idle()

    topics = h.tg.sent("createForumTopic")
    assert len(topics) == 3
    for user_id, burst in bursts.items():
        got = [message for chat, message in copied(h) if chat == user_id]
        assert got == [update["message"]["message_id"] for update in burst]
    rows = await h.rows("SELECT COUNT(*), COUNT(DISTINCT topic_id) FROM clients")
    assert rows == [(3, 3)]


async def test_the_number_in_flight_is_bounded() -> None:
    """A burst waits at the receiver: no more than the limit is taken, waiting ones included."""
    lanes = Lanes(limit=2)
    release = asyncio.Event()
    await lanes.submit("anna", release.wait)
    await lanes.submit("anna", release.wait)  # waits behind the first, and counts
    third = asyncio.create_task(lanes.submit("boris", release.wait))
    await asyncio.sleep(0)  # let it try: there is no free slot
    assert not third.done() and lanes.in_flight == 2
    release.set()
    await (await third)
    await lanes.wait_idle()
    assert lanes.in_flight == 0


async def test_a_stuck_update_with_a_flood_behind_it_does_not_stop_other_chats(
    harness: Harness, polling: Gate
) -> None:
    """Anna's update hangs and she writes as many more as the whole bound: Boris, who writes
    after all of them, is still handled; Anna holds only her share of the slots."""
    h, gate = harness, polling
    await known(h, ANNA, BORIS)
    stuck = h.updates.text(ANNA, "зависло")
    flood = [h.updates.text(ANNA, f"ещё {n}") for n in range(IN_FLIGHT)]
    other = h.updates.text(BORIS, "я пишу после всех")
    release = gate.hold(stuck)
    for update in (stuck, *flood, other):
        h.tg.push_update(update)

    await gate.handled(other)
    assert stuck["update_id"] not in gate.ended
    assert flood[0]["update_id"] not in gate.began  # Anna's next wait behind her first
    assert h.tg.polled_offset <= stuck["update_id"]  # nothing of Anna's confirmed
    release.set()
    await gate.handled(flood[-1])
    await h.app.outbox.wait_idle()
    anna = [message for chat, message in copied(h) if chat == ANNA.id]
    assert anna[-len(flood) - 1:] == [u["message"]["message_id"] for u in (stuck, *flood)]
    await h.tg.handled(flood[-1]["update_id"])


async def test_one_chat_holds_at_most_its_share_of_the_slots() -> None:
    lanes = Lanes(limit=10, per_key=2)
    release = asyncio.Event()
    for _ in range(2):
        await lanes.submit("anna", release.wait)
    assert not lanes.has_room("anna") and lanes.has_room("boris")
    third = asyncio.create_task(lanes.submit("anna", release.wait))
    await asyncio.sleep(0)  # let it try: Anna has no free slot
    assert not third.done() and lanes.in_flight == 2
    await lanes.submit("boris", release.wait)  # Boris does not wait behind her
    assert lanes.in_flight == 3
    release.set()
    await (await third)
    await lanes.wait_idle()
    assert lanes.has_room("anna") and lanes.in_flight == 0


async def test_a_stuck_update_is_timed_out_kept_as_failed_and_its_chat_goes_on(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    app = CarCareApp(make_settings(tg, db_path, update_timeout="0.2s"), clock)
    await app.start()
    h = Harness(app, tg, clock)
    try:
        async with polled(app) as gate:
            await known(h, ANNA)
            stuck, after = h.updates.text(ANNA, "зависло"), h.updates.text(ANNA, "следующее")
            release = gate.hold(stuck)
            for update in (stuck, after):
                tg.push_update(update)

            await gate.handled(after)  # Anna's chat went on without the stuck update
            assert not release.is_set()
            assert await h.rows("SELECT update_id, attempts, error, dead_at FROM failed_updates") \
                == [(stuck["update_id"], 1, "TimeoutError", None)]
            await tg.handled(after["update_id"])  # both confirmed: the stuck one is kept
            await app.outbox.wait_idle()
            anna = [message for chat, message in copied(h) if chat == ANNA.id]
            assert anna[-1] == after["message"]["message_id"]
            assert stuck["message"]["message_id"] not in anna

            release.set()  # whatever held it is gone: the retry goes through, once
            clock.advance(seconds=10)
            await app.retry_kept()
            await app.outbox.wait_idle()
            anna = [message for chat, message in copied(h) if chat == ANNA.id]
            assert anna.count(stuck["message"]["message_id"]) == 1
            assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    finally:
        await app.stop()
