"""Updates of different chats at once, of one chat in order; the polling offset moves only
past handled updates. Through the real dispatcher, polling the fake Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.concurrency.lanes import Lanes
from bot.concurrency.polling import poll
from tests.fakes.updates import TgUser
from tests.steps import GROUP, WAIT, Gate, Harness

ANNA = TgUser(id=301, first_name="Анна")
BORIS = TgUser(id=302, first_name="Борис")
VERA = TgUser(id=303, first_name="Вера")


@pytest.fixture
async def polling(harness: Harness) -> AsyncIterator[Gate]:
    """The harness's bot polling the fake Bot API, with a gate inside the dispatcher."""
    gate = Gate()
    app = harness.app
    app.dispatcher.update.outer_middleware(gate)
    task = asyncio.create_task(poll(app.bot, app.dispatcher, Lanes(), grace=WAIT))
    yield gate
    for event in gate.held.values():
        event.set()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


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
