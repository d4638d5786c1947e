"""Spam waves (issue 26): a new client's topic opens only once they do something a person does
(a second message, an intake answer, a button), never on /start or a lone first message, and
nothing they wrote is lost (it is relayed when the topic opens); new topics beyond
NEW_TOPICS_PER_MINUTE wait in order, announced once in General, and a restart loses none.
Through the real dispatcher, services, scheduler job and SQLite against the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import GROUP, IVAN, TOPIC, Harness, start_app, with_request

GUARDED = {"hold_lone_first_message": "true", "new_topics_per_minute": "4"}  # the defaults


@pytest.fixture
async def harness(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    """The app with the spam-wave guards on, as a firm runs it."""
    h = await start_app(tg, clock, db_path, **GUARDED)
    yield h
    await h.app.stop()


ANNA = TgUser(id=401, first_name="Анна", language_code="ru", username="anna")


def created(h: Harness) -> list:
    return h.tg.sent("createForumTopic", GROUP)


def copied(h: Harness, user: TgUser) -> list[int]:
    """The client's messages copied into the group, by their message ids, in order."""
    return [int(c["message_id"]) for c in h.tg.sent("copyMessage", GROUP)
            if int(c["from_chat_id"]) == user.id]


def general(h: Harness) -> list[str]:
    return [c.text or "" for c in h.tg.sent("sendMessage", GROUP) if c.thread_id is None]


async def tick(h: Harness) -> None:
    await h.app.followups.tick()
    await h.app.outbox.wait_idle()


async def test_start_and_a_lone_first_message_open_no_topic_a_second_opens_it_with_both(
    harness: Harness,
) -> None:
    h = harness
    await h.say(ANNA, "/start")
    assert created(h) == []
    await h.say(ANNA, "Здравствуйте, ищу машину")
    assert created(h) == [] and copied(h, ANNA) == []
    assert h.texts_to(ANNA)  # her normal answers meanwhile
    assert await h.rows("SELECT COUNT(*) FROM held_messages") == [(1,)]
    await h.say(ANNA, "Kia Rio до миллиона")
    [topic] = created(h)
    assert len(copied(h, ANNA)) == 2 and copied(h, ANNA) == sorted(copied(h, ANNA))
    thread = topic.result["message_thread_id"]
    assert all(c.thread_id == thread for c in h.tg.sent("copyMessage", GROUP))
    assert await h.rows("SELECT COUNT(*) FROM held_messages") == [(0,)]
    # The reply clock starts when managers can see her words.
    assert await h.rows("SELECT COUNT(*) FROM messages WHERE client_id = 1") == [(2,)]


async def test_an_intake_answer_opens_the_topic_with_what_was_held(harness: Harness) -> None:
    h = harness
    await h.say(ANNA, "Добрый день")
    await h.say(ANNA, "/new")
    assert created(h) == []
    await h.say(ANNA, "Анна Смирнова")  # the first intake answer: a person
    assert len(created(h)) == 1 and len(copied(h, ANNA)) == 1


async def test_a_menu_button_opens_the_topic(harness: Harness) -> None:
    h = harness
    await h.say(ANNA, "Добрый день")
    assert created(h) == []
    await h.tap(ANNA, "Мои заявки")
    assert len(created(h)) == 1 and len(copied(h, ANNA)) == 1


async def test_a_client_with_a_request_gets_the_topic_with_the_card(harness: Harness) -> None:
    h = harness
    await with_request(h)  # answered the intake: the topic opens with the card, as before
    assert [c.result["message_thread_id"] for c in created(h)] == [TOPIC]


def people(count: int) -> list[TgUser]:
    return [TgUser(id=1000 + n, first_name=f"Клиент{n}", language_code="ru") for n in range(count)]


async def wave(h: Harness, who: list[TgUser]) -> None:
    for user in who:
        await h.say(user, "Здравствуйте")
        await h.say(user, "Срочно нужна машина")


async def test_a_wave_beyond_the_limit_waits_in_order_announced_once(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_app(tg, clock, db_path, hold_lone_first_message="true", new_topics_per_minute="2")
    try:
        await with_request(h)  # Ivan: an existing client (his topic was this minute's first)
        h.clock.advance(seconds=61)
        crowd = people(5)
        await wave(h, crowd)
        assert len(created(h)) == 1 + 2  # Ivan's, and two of the wave
        assert [copied(h, u) != [] for u in crowd] == [True, True, False, False, False]
        # An existing client never waits behind the wave.
        await h.say(IVAN, "Есть новости?")
        assert h.tg.sent("copyMessage", GROUP)[-1].thread_id == TOPIC

        await tick(h)
        announced = [t for t in general(h) if t.startswith("⏳")]
        assert len(announced) == 1 and "3\u00a0новых клиента" in announced[0]
        await tick(h)  # the same minute: nothing opens, nothing is said again
        assert len(created(h)) == 3 and len([t for t in general(h) if t.startswith("⏳")]) == 1

        h.clock.advance(seconds=61)
        await tick(h)
        assert [copied(h, u) != [] for u in crowd] == [True, True, True, True, False]
        h.clock.advance(seconds=61)
        await tick(h)
        assert all(len(copied(h, u)) == 2 for u in crowd)  # both of each, nothing lost
        assert len([t for t in general(h) if t.startswith("⏳")]) == 1  # once for the wave
        assert await h.rows("SELECT COUNT(*) FROM held_messages") == [(0,)]

        h.clock.advance(seconds=61)
        await wave(h, people(8)[5:])  # a new wave later is announced again
        await tick(h)
        announced = [t for t in general(h) if t.startswith("⏳")]
        assert len(announced) == 2 and "1\u00a0новый клиент ждёт темы" in announced[1]
    finally:
        await h.app.stop()


async def test_a_restart_mid_wave_loses_no_waiting_client(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_app(tg, clock, db_path, hold_lone_first_message="true", new_topics_per_minute="1")
    crowd = people(3)
    try:
        await wave(h, crowd)
        await h.say(crowd[2], "Вы здесь?")  # a third message while waiting: kept too
        assert len(created(h)) == 1
    finally:
        await h.app.stop()
    h = await start_app(tg, clock, db_path, hold_lone_first_message="true", new_topics_per_minute="1")
    try:
        for _ in range(2):
            h.clock.advance(seconds=61)
            await tick(h)
        assert len(created(h)) == 3
        assert [len(copied(h, u)) for u in crowd] == [2, 2, 3]
        assert copied(h, crowd[2]) == sorted(copied(h, crowd[2]))
    finally:
        await h.app.stop()
