"""Close and reopen (issue 26): /close in a client's topic closes it in Telegram and marks its
title, takes the client out of /open and the digest's open conversations; the client's next
message opens it again with a note; a topic closed longer than CLOSED_TOPIC_REOPEN_WITHIN is
left closed and the client gets a new topic linked to it. Through the real dispatcher, services
and SQLite against the fake Bot API."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest

from bot.app import CarCareApp
from bot.config import ConfigError, load_settings
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import (
    GROUP,
    IVAN,
    JOHN,
    MANAGER,
    PAVEL,
    TOKEN,
    TOPIC,
    Harness,
    in_general,
    make_settings,
    manager,
    start_app,
    topic_texts,
    with_request,
)

SALES = -1001111111111


def group_calls(h: Harness, before: int) -> list:
    return [c for c in h.tg.calls[before:] if c.chat_id == GROUP]


async def test_close_closes_marks_and_takes_the_client_out_of_open(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await h.say(IVAN, "Когда будут новости?")  # waits for an answer
    before = len(h.tg.calls)
    await manager(h, "/close")
    calls = group_calls(h, before)
    assert [c.method for c in calls] == ["sendMessage", "editForumTopic", "closeForumTopic"]
    assert "Тема закрыта" in calls[0].text and "#1" in calls[0].text  # the open request named
    assert h.tg.topic_names[TOPIC].startswith("✓ Иван Петров")
    assert h.tg.closed_topics == {TOPIC}
    assert await h.rows("SELECT topic_closed_by, first_unanswered_at FROM clients WHERE id = 1") == [
        (MANAGER.id, None)]  # and nobody is reminded of his waiting message

    sent = await in_general(h, MANAGER, "/open")
    assert "Открытых заявок нет" in sent[-1].text

    await manager(h, "/close")
    assert "уже закрыта" in topic_texts(h)[-1]
    assert h.tg.sent("closeForumTopic") and len(h.tg.sent("closeForumTopic")) == 1


async def test_the_clients_next_message_opens_the_topic_again_with_a_note(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/close")
    h.clock.advance(days=30)
    before = len(h.tg.calls)
    await h.say(IVAN, "Я передумал, ищем дальше")
    calls = group_calls(h, before)
    assert [c.method for c in calls] == [
        "reopenForumTopic", "editForumTopic", "sendMessage", "copyMessage"]
    assert all(c.thread_id == TOPIC for c in calls if c.method in ("sendMessage", "copyMessage"))
    assert "снова написал" in calls[2].text
    assert h.tg.topic_names[TOPIC] == "Иван Петров · #1"
    assert h.tg.closed_topics == set()
    assert await h.rows("SELECT topic_closed_at FROM clients WHERE id = 1") == [(None,)]
    sent = await in_general(h, MANAGER, "/open")
    assert "Иван Петров" in sent[-1].text
    before = len(h.tg.calls)
    await h.say(IVAN, "И ещё вопрос")  # open now: just relayed
    assert [c.method for c in group_calls(h, before)] == ["copyMessage"]


async def test_a_new_request_opens_a_closed_topic_again(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/stage cancelled передумал")
    await manager(h, "/close")
    before = len(h.tg.calls)
    await with_request(h)  # another car
    methods = [c.method for c in group_calls(h, before)]
    assert methods.count("reopenForumTopic") == 1 and methods.count("editForumTopic") == 1
    assert h.tg.topic_names[TOPIC] == "Иван Петров · #2" and h.tg.closed_topics == set()
    assert "Заявка №\u00a02" in topic_texts(h)[-1]  # the new card, in the same topic


async def test_a_topic_closed_long_ago_stays_closed_and_a_new_one_links_it(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/close")
    h.clock.advance(days=91)  # CLOSED_TOPIC_REOPEN_WITHIN: 90 days by default
    before = len(h.tg.calls)
    await h.say(IVAN, "Здравствуйте, снова нужна машина")
    calls = group_calls(h, before)
    assert [c.method for c in calls] == [
        "createForumTopic", "sendMessage", "pinChatMessage", "sendMessage", "copyMessage"]
    [(new_topic, card)] = await h.rows("SELECT topic_id, card_message_id FROM clients WHERE id = 1")
    assert new_topic != TOPIC and card == calls[1].result["message_id"]
    assert "Toyota RAV4" in calls[1].text  # a fresh card
    link = calls[3].text
    assert "91\u00a0день назад" in link and f"/{TOPIC}\"" in link and calls[3].thread_id == new_topic
    assert calls[4].thread_id == new_topic
    assert h.tg.closed_topics == {TOPIC}  # the old one is left closed, with its history
    # The new topic is the client's now: a manager's answer there reaches him.
    await manager(h, "Добрый день! Что ищем?", thread=new_topic)
    assert h.tg.last_to(IVAN.id).method == "copyMessage"
    sent = await in_general(h, MANAGER, "/open")
    assert f"/{new_topic}\"" in sent[-1].text


async def test_the_digest_counts_open_conversations(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await h.say(JOHN, "/start")
    await h.say(JOHN, "Hello")
    await h.say(JOHN, "I need a car")
    await h.app.followups.digest()
    await h.app.outbox.wait_idle()
    digest = [c.text for c in h.tg.to_chat(GROUP) if c.method == "sendMessage" and c.thread_id is None][-1]
    assert "Открытых переписок: 2" in digest
    await manager(h, "/close")
    h.clock.advance(days=1)
    await h.app.followups.digest()
    await h.app.outbox.wait_idle()
    digest = [c.text for c in h.tg.to_chat(GROUP) if c.method == "sendMessage" and c.thread_id is None][-1]
    assert "Открытых переписок: 1" in digest


async def test_close_is_refused_outside_a_topic_and_with_arguments(harness: Harness) -> None:
    h = harness
    await with_request(h)
    sent = await in_general(h, MANAGER, "/close")
    assert [c.text for c in sent if c.method == "sendMessage"] == [
        "Эта команда работает в теме клиента."]
    await manager(h, "/close всё")
    assert "ничего писать не нужно" in topic_texts(h)[-1]
    assert await h.rows("SELECT topic_closed_at FROM clients") == [(None,)]
    assert h.tg.sent("closeForumTopic") == []
    await h.say(IVAN, "/close")  # a client: a manager's command
    assert "менеджер" in h.last_text_to(IVAN)


ODD = ["²", "①", "٣", "-1", "9" * 40, "<b>", "'; DROP TABLE clients; --", "\u202e", "✓" * 30,
       "@olga", "#1", "all", "\n", "ё" * 500, "{ $name }", "90d"]


async def test_fuzz_close_answers_in_one_line(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    h = harness
    await with_request(h)
    rng = random.Random(35)
    caplog.set_level(logging.ERROR)
    for _ in range(40):
        command = rng.choice(["/close", "/CLOSE", "/close@carcare_bot"])
        args = " ".join(rng.choice(ODD) for _ in range(rng.randint(0, 3)))
        thread = rng.choice([TOPIC, None, 999])
        who = rng.choice([MANAGER, PAVEL])
        before = len(h.tg.calls)
        await h.feed(h.updates.in_topic(who, thread, text=f"{command} {args}".strip()))
        answers = [c for c in group_calls(h, before) if c.method == "sendMessage"]
        assert len(answers) == 1, (command, args, thread)
        assert "Traceback" not in answers[0].text
        if rng.random() < 0.3:
            await h.say(IVAN, "ещё вопрос")  # opens it again
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert await h.rows("SELECT COUNT(*) FROM outbox WHERE status = 'failed'") == [(0,)]


async def test_the_reopen_window_is_a_setting(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> None:
    h = await start_app(tg, clock, db_path, closed_topic_reopen_within="7d")
    try:
        await with_request(h)
        await manager(h, "/close")
        h.clock.advance(days=8)
        await h.say(IVAN, "Снова я")
        assert len(h.tg.sent("createForumTopic")) == 2 and h.tg.sent("reopenForumTopic") == []
    finally:
        await h.app.stop()
    with pytest.raises(ConfigError, match="CLOSED_TOPIC_REOPEN_WITHIN"):
        load_settings(_env_file=None, bot_token=TOKEN, manager_chat_id=GROUP,
                      closed_topic_reopen_within="soon")


async def test_close_and_reopen_in_a_department_group(clock: FakeClock, db_path: Path) -> None:
    tg = FakeTelegram(token=TOKEN, group_id=GROUP, admins={MANAGER.id: MANAGER.first_name},
                      more_groups=(SALES,))
    await tg.start()
    app = CarCareApp(make_settings(tg, db_path, manager_groups=f"sales:{SALES}"), clock)
    await app.start()
    h = Harness(app, tg, clock)
    try:
        await with_request(h)  # a car request: its topic is in sales
        [created] = tg.sent("createForumTopic", SALES)
        thread = created.result["message_thread_id"]
        await h.feed(h.updates.in_topic(MANAGER, thread, text="/close", group=SALES))
        assert tg.closed_topics == {thread} and len(tg.sent("closeForumTopic", SALES)) == 1
        assert tg.sent("closeForumTopic", GROUP) == []
        await h.say(IVAN, "Есть новости?")
        assert tg.closed_topics == set() and len(tg.sent("reopenForumTopic", SALES)) == 1
        assert tg.sent("copyMessage", SALES)[-1].thread_id == thread
    finally:
        await app.stop()
        await tg.stop()
