"""Bans (issue 26): /ban (shadow), /ban! (the client is told), /unban in a client's topic, the
owners' /bans; a banned client's data rights, erasure and retention. Through the real
dispatcher, services and SQLite against the fake Bot API."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest

from bot.app import CarCareApp
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import (
    GROUP,
    IVAN,
    JOHN,
    MANAGER,
    PAVEL,
    TOPIC,
    Harness,
    Wa,
    group_press,
    in_general,
    intake,
    make_settings,
    manager,
    settle_erasure,
    topic_texts,
    with_request,
)


def group_sends(h: Harness, before: int) -> list:
    return [c for c in h.tg.calls[before:] if c.chat_id == GROUP]


async def test_a_shadow_ban_drops_everything_the_client_sends_and_tells_them_nothing(
    harness: Harness,
) -> None:
    h = harness
    await with_request(h)
    await h.say(IVAN, "Когда будут новости?")  # waits for an answer
    assert await h.rows("SELECT first_unanswered_at IS NOT NULL FROM clients WHERE id = 1") == [(1,)]
    to_ivan = len(h.tg.to_chat(IVAN.id))
    await manager(h, "/ban")
    assert "заблокирован тихо" in topic_texts(h)[-1]
    assert len(h.tg.to_chat(IVAN.id)) == to_ivan  # not a word to him
    assert await h.rows("SELECT banned_by, ban_told, first_unanswered_at FROM clients WHERE id = 1") == [
        (MANAGER.id, 0, None)]  # and nobody is reminded of his waiting message

    journal = await h.rows("SELECT COUNT(*) FROM messages")
    before = len(h.tg.calls)
    await h.say(IVAN, "Купите у меня крипту")
    await h.feed(h.updates.media(IVAN, "photo", caption="реклама"))
    await h.say(IVAN, "/start")
    await h.say(IVAN, "/new")
    await h.feed(h.updates.press(IVAN, "a:menu:", 1))
    await h.feed(h.updates.edited(IVAN, 1, "правка"))
    await h.feed(h.updates.membership(IVAN, "kicked"))
    # Nothing to the group, nothing to him (the press's spinner is stopped, as for anyone).
    assert [c.method for c in h.tg.calls[before:]] == ["answerCallbackQuery"]
    assert await h.rows("SELECT COUNT(*) FROM messages") == journal
    assert await h.rows("SELECT COUNT(*) FROM conversations") == [(0,)]
    assert await h.rows("SELECT COUNT(*) FROM requests") == [(1,)]

    # Another client is not touched.
    await h.say(JOHN, "Hello")
    assert any(c.method == "copyMessage" for c in group_sends(h, before))

    await manager(h, "/unban")
    assert "Блокировка снята" in topic_texts(h)[-1]
    before = len(h.tg.calls)
    await h.say(IVAN, "Я снова здесь")
    copies = [c for c in group_sends(h, before) if c.method == "copyMessage"]
    assert len(copies) == 1 and copies[0].thread_id == TOPIC


async def test_ban_told_blocks_and_says_so_and_unban_says_it_is_over(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/ban!")
    assert "сообщили ему об этом" in topic_texts(h)[-1]
    assert "Вы заблокированы" in h.last_text_to(IVAN)
    before = len(h.tg.calls)
    await h.say(IVAN, "Почему?")
    assert group_sends(h, before) == []
    assert "Вы заблокированы" in h.last_text_to(IVAN)  # each time he writes

    await manager(h, "/ban")  # already banned: said, nothing changes
    assert "уже заблокирован (с уведомлением)" in topic_texts(h)[-1]
    assert await h.rows("SELECT ban_told FROM clients WHERE id = 1") == [(1,)]

    await manager(h, "/unban")
    assert "Блокировка снята" in h.last_text_to(IVAN)
    await manager(h, "/unban")
    assert "не заблокирован" in topic_texts(h)[-1]


async def test_ban_is_refused_outside_a_topic_and_with_arguments(harness: Harness) -> None:
    h = harness
    await with_request(h)
    sent = await in_general(h, MANAGER, "/ban")
    assert [c.text for c in sent if c.method == "sendMessage"] == [
        "Эта команда работает в теме клиента."]
    await manager(h, "/ban спамер")
    assert "ничего писать не нужно" in topic_texts(h)[-1]
    await manager(h, "/unban 1")
    assert "ничего писать не нужно" in topic_texts(h)[-1]
    assert await h.rows("SELECT banned_at FROM clients") == [(None,)]


async def test_bans_lists_for_owners_and_admins_only(harness: Harness) -> None:
    h = harness
    sent = await in_general(h, MANAGER, "/bans")
    assert "Заблокированных нет" in sent[-1].text
    await with_request(h)
    await manager(h, "/ban")
    await h.say(JOHN, "/start")
    await h.say(JOHN, "Hello")  # his topic opens
    [(john_topic,)] = await h.rows("SELECT topic_id FROM clients WHERE name = 'John'")
    await manager(h, "/ban!", thread=john_topic)

    sent = await in_general(h, PAVEL, "/bans")  # a member who is no administrator
    [refusal] = [c for c in sent if c.method == "sendMessage"]
    assert "/bans" in refusal.text and "Olga" in refusal.text and "Иван" not in refusal.text

    sent = await in_general(h, MANAGER, "/bans")
    [listing] = [c.text for c in sent if c.method == "sendMessage"]
    assert "Заблокированные клиенты: 2" in listing
    assert "Иван Петров" in listing and "тихо" in listing and "John" in listing
    assert "с уведомлением" in listing and "Olga" in listing and "сегодня" in listing
    assert f"/{TOPIC}\"" in listing  # linked to the topic
    h.clock.advance(days=3)
    sent = await in_general(h, MANAGER, "/bans")
    assert "3\u00a0дня назад" in sent[-1].text
    sent = await in_general(h, MANAGER, "/bans all")
    assert "ничего писать не нужно" in sent[-1].text


async def test_a_banned_client_keeps_the_right_to_erasure(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/ban")
    await h.say(IVAN, "/delete_my_data")
    await h.tap(IVAN, "Да, удалить")
    await settle_erasure(h)
    assert await h.rows("SELECT name, banned_at, banned_by, external_id FROM clients WHERE id = 1") == [
        (None, None, None, "erased:1")]
    sent = await in_general(h, MANAGER, "/bans")
    assert "Заблокированных нет" in sent[-1].text


async def test_forget_erases_a_banned_client(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/ban!")
    before = len(h.tg.calls)
    await manager(h, "/forget")
    ask = [c for c in h.tg.calls[before:] if c.method == "sendMessage" and c.chat_id == GROUP][-1]
    await h.feed(group_press(h, MANAGER, ask.button_data("Да, удалить"), ask.result["message_id"]))
    await settle_erasure(h)
    assert await h.rows("SELECT name, banned_at, ban_told FROM clients WHERE id = 1") == [(None, None, 0)]
    await h.say(IVAN, "Привет")  # a new client now, not banned
    assert await h.rows("SELECT banned_at FROM clients WHERE external_id = ?", str(IVAN.id)) == [(None,)]


async def test_retention_erases_banned_clients(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> None:
    app = CarCareApp(make_settings(tg, db_path, retention="1y"), clock)
    await app.start()
    h = Harness(app, tg, clock)
    try:
        await with_request(h)
        await manager(h, "/ban")
        h.clock.advance(days=200)
        await h.say(IVAN, "всё ещё пишу")  # a banned client's messages keep nobody's data alive
        h.clock.advance(days=200)
        assert await h.app.erasure.daily() == 1
        assert await h.rows("SELECT name, banned_at, erased_at IS NOT NULL FROM clients") == [
            (None, None, 1)]
    finally:
        await h.app.stop()


async def test_a_client_sending_the_ban_commands_is_refused_politely(harness: Harness) -> None:
    h = harness
    for command in ("/ban", "/ban!", "/unban", "/bans"):
        await h.say(IVAN, command)
        assert "только для менеджеров" in h.last_text_to(IVAN).lower() or "менеджер" in h.last_text_to(IVAN)
    assert await h.rows("SELECT banned_at FROM clients") == [(None,)]


ODD = ["²", "①", "٣", "-1", "9" * 40, "<b>", "'; DROP TABLE clients; --", "\u202e", "🚫" * 30,
       "@olga", "#1", "all", "\n", "ё" * 500, "{ $name }"]


async def test_fuzz_ban_commands_answer_in_one_line(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    h = harness
    await with_request(h)
    rng = random.Random(26)
    caplog.set_level(logging.ERROR)
    for _ in range(40):
        command = rng.choice(["/ban", "/ban!", "/unban", "/bans", "/BAN", "/ban@carcare_bot"])
        args = " ".join(rng.choice(ODD) for _ in range(rng.randint(0, 3)))
        thread = rng.choice([TOPIC, None, 999])
        who = rng.choice([MANAGER, PAVEL])
        before = len(h.tg.calls)
        await h.feed(h.updates.in_topic(who, thread, text=f"{command} {args}".strip()))
        answers = [c for c in group_sends(h, before) if c.method == "sendMessage"]
        assert len(answers) == 1, (command, args, thread)
        assert "Traceback" not in answers[0].text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]


async def test_a_banned_whatsapp_client_is_dropped_too(wa: Wa) -> None:
    await intake(wa)
    await wa.manager("/ban!")
    assert "Вы заблокированы" in wa.bodies()[-1]
    group_before, to_anna = len(wa.tg.to_chat(GROUP)), len(wa.sent())
    await wa.say("Спам спам спам")
    await wa.say("1")  # a numbered option of the menu
    assert len(wa.tg.to_chat(GROUP)) == group_before
    blocked = "Вы заблокированы: ваши сообщения больше не доходят до наших менеджеров."
    assert [m.body for m in wa.sent()[to_anna:]] == [blocked] * 2
    await wa.manager("/unban")
    await wa.say("Я снова здесь")
    assert any("Я снова здесь" in text for text in wa.topic_texts())
