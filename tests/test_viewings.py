"""Viewings and test drives of a reported car (issue 23): "I'd like to see it" under a report, a
viewing or a test drive, a time (free words, or a free time of VIEWING_HOURS); the topic's
Confirm / Propose another time and /viewing; the client takes a proposal with one tap; a
reminder before and the impression after (the report's own reaction buttons); cancelled by
either side or with the deal. Through the real dispatcher, services, scheduler tick and SQLite
against the fake Bot API and fake Twilio."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.app import CarCareApp
from bot.config import ConfigError
from domain import Action
from domain.presses import pack, unpack
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import (
    GROUP,
    IVAN,
    MANAGER,
    TOPIC,
    Harness,
    Wa,
    group_press,
    intake,
    make_settings,
    manager,
    plain,
    request,
    send_report,
    start_app,
    tick,
    topic_texts,
)

CALENDAR = "Mon-Sun 10:00-18:00"  # the clock starts on Monday 23.11.2026, 12:00 in Moscow
PETR = TgUser(id=333, first_name="Пётр", language_code="ru", username="petr_s")
STATE = "SELECT status, kind, wished, at FROM viewings ORDER BY id"


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start_app(tg, clock, db_path)
    try:
        yield harness
    finally:
        await harness.app.stop()


@pytest.fixture
async def cal(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start_app(tg, clock, db_path, viewing_hours=CALENDAR)
    try:
        yield harness
    finally:
        await harness.app.stop()  # the app swapped in by a restart, if any


def topic_call(h: Harness, part: str) -> Any:
    """The newest message in Ivan's topic with this text."""
    for call in reversed(h.tg.to_chat(GROUP)):
        if call.thread_id == TOPIC and part in plain(call.text or ""):
            return call
    raise AssertionError(f"no {part!r} in the topic")


async def press_in_topic(h: Harness, label: str, part: str) -> None:
    call = topic_call(h, part)
    await h.feed(group_press(h, MANAGER, call.button_data(label), call.result["message_id"]))


async def wish(h: Harness, kind: str = "осмотр") -> None:
    """Ivan's request, a report, and his wish to see the car: up to the question of time."""
    await request(h)
    await send_report(h, "Kia Sportage, 2020")
    await h.tap(IVAN, "Хочу посмотреть")
    assert "осмотреть машину или прокатиться" in h.last_text_to(IVAN)
    await h.tap(IVAN, kind)


def at_utc(*args: int) -> str:
    return datetime(*args, tzinfo=UTC).isoformat(" ", "microseconds")[:-6]


async def test_a_wish_in_words_a_proposal_taken_a_reminder_and_the_impression(h: Harness) -> None:
    await wish(h, "тест-драйв")
    assert "Напишите день и время" in h.last_text_to(IVAN)
    await h.say(IVAN, "в субботу после обеда")
    assert "Менеджер предложит точное время" in plain(h.last_text_to(IVAN))
    asked = topic_call(h, "хочет посмотреть")
    assert "№ 1, Kia Sportage, 2020 по заявке № 1: тест-драйв, «в субботу после обеда»" in plain(
        asked.text)
    assert asked.button_labels() == ["🕑 Предложить другое время"]  # no time to confirm yet
    assert await h.rows(STATE) == [("asked", "test_drive", "в субботу после обеда", None)]

    await press_in_topic(h, "Предложить другое время", "хочет посмотреть")
    assert "/viewing #1 12.12 15:00" in topic_texts(h)[-1]
    await manager(h, "/viewing 28.11 15:00")
    assert "сб, 28 ноября, 15:00" in plain(h.last_text_to(IVAN))
    assert "Клиенту предложено время" in topic_texts(h)[-1]
    await h.tap(IVAN, "Хочу посмотреть")  # again under the report: the proposal, once more
    assert "Предлагаем время" in h.last_text_to(IVAN)
    assert "✅ Подходит" in h.tg.last_to(IVAN.id).button_labels()
    await h.tap(IVAN, "Подходит")
    assert "Договорились: тест-драйв" in plain(h.last_text_to(IVAN))
    assert await h.rows("SELECT status, at, confirmed_by FROM viewings") == [
        ("confirmed", at_utc(2026, 11, 28, 12, 0), MANAGER.id)]
    await h.tap(IVAN, "Подходит")  # the same button again: one record, one word to the topic
    assert "уже назначен" in h.last_text_to(IVAN)
    assert len([t for t in topic_texts(h) if "назначен:" in t]) == 1

    h.clock.current = datetime(2026, 11, 28, 9, 59, tzinfo=UTC)  # 12:59 in Moscow
    await tick(h)
    assert "Напоминаем" not in h.last_text_to(IVAN)
    h.clock.current = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)  # two hours before
    await tick(h)
    assert "Напоминаем: тест-драйв" in plain(h.last_text_to(IVAN))
    h.clock.current = datetime(2026, 11, 28, 13, 0, tzinfo=UTC)  # an hour after it began
    await tick(h)
    assert "Как прошёл тест-драйв машины № 1, Kia Sportage, 2020" in plain(h.last_text_to(IVAN))
    assert "прошло — спросили клиента" in plain(topic_texts(h)[-1])
    assert await h.rows("SELECT status FROM viewings") == [("held",)]
    await h.tap(IVAN, "Интересно")  # the report's own reaction: the answer lands in the topic
    assert "клиент ответил 👍 интересно" in topic_texts(h)[-1]
    assert await h.rows("SELECT reaction FROM reports") == [("interested",)]
    await tick(h)
    assert len([t for t in h.texts_to(IVAN) if "Напоминаем" in t]) == 1

    h.clock.advance(days=1)  # the period's days end with yesterday
    before = len(h.tg.calls)
    await h.feed(h.updates.in_topic(MANAGER, None, text="/stats 7d"))
    await h.app.outbox.wait_idle()
    text = plain("\n".join(c.text or "" for c in h.tg.calls[before:] if c.method == "sendMessage"))
    assert "Показы и тест-драйвы</b> за период: попросили 1, назначено 1, прошло 1" in text


async def test_a_free_time_of_the_calendar_confirmed_once_across_a_restart(
    cal: Harness, tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = cal
    await wish(h)
    offered = h.tg.last_to(IVAN.id).button_labels()
    assert offered[:6] == ["пн 23.11 13:00", "пн 23.11 14:00", "пн 23.11 15:00", "пн 23.11 16:00",
                           "пн 23.11 17:00", "вт 24.11 10:00"]
    await h.tap(IVAN, "пн 23.11 15:00")
    assert "Записали: осмотр, пн, 23 ноября, 15:00" in plain(h.last_text_to(IVAN))
    assert topic_call(h, "хочет посмотреть").button_labels() == [
        "✅ Подтвердить", "🕑 Предложить другое время"]

    await h.app.stop()  # a restart between the wish and its confirmation
    h.app = CarCareApp(make_settings(tg, db_path, viewing_hours=CALENDAR), clock)
    await h.app.start()
    await press_in_topic(h, "Подтвердить", "хочет посмотреть")
    assert "Договорились: осмотр" in plain(h.last_text_to(IVAN))
    assert "назначен: осмотр, пн 23.11 15:00" in plain(topic_texts(h)[-1])
    await press_in_topic(h, "Подтвердить", "хочет посмотреть")  # twice: one record
    assert "уже подтверждён" in topic_texts(h)[-1]
    assert await h.rows("SELECT status, confirmed_by FROM viewings") == [("confirmed", MANAGER.id)]
    assert await h.rows("SELECT COUNT(*) FROM due_tasks WHERE kind LIKE 'viewing%'") == [(2,)]

    # The time is taken now: the next wish (another report) is not offered it.
    await send_report(h, "Skoda Kodiaq, 2021")
    await h.tap(IVAN, "Хочу посмотреть")
    await h.tap(IVAN, "осмотр")
    assert "пн 23.11 15:00" not in h.tg.last_to(IVAN.id).button_labels()
    forged = h.updates.press(IVAN, "a:view:s.202611231500", h.tg.last_to(IVAN.id).result["message_id"])
    await h.feed(forged)  # a taken time pressed anyway
    assert "уже занято" in h.texts_to(IVAN)[-2]
    assert await h.rows("SELECT COUNT(*) FROM viewings") == [(1,)]


async def test_a_confirmed_viewing_moved_and_then_cancelled_with_the_deal(h: Harness) -> None:
    await wish(h)
    await h.say(IVAN, "28.11 15:00")  # a time the bot reads: the topic can confirm it
    assert "Записали: осмотр, сб, 28 ноября, 15:00" in plain(h.last_text_to(IVAN))
    await press_in_topic(h, "Подтвердить", "хочет посмотреть")
    await manager(h, "/viewing 29.11 11:00")  # moved: the client takes the new time
    await h.tap(IVAN, "Подходит")
    assert "вс, 29 ноября, 11:00" in plain(h.last_text_to(IVAN))
    h.clock.current = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)  # the old time's reminder
    await tick(h)
    assert not any("Напоминаем" in t for t in h.texts_to(IVAN))
    await manager(h, "/stage cancelled клиент передумал")
    assert await h.rows("SELECT status FROM viewings") == [("cancelled",)]
    h.clock.current = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)  # the new time's reminder
    await tick(h)
    assert not any("Напоминаем" in t for t in h.texts_to(IVAN))
    await manager(h, "/viewing")
    assert "осмотр, вс 29.11 11:00 — отменён" in plain(topic_texts(h)[-1])
    await h.tap(IVAN, "Хочу посмотреть")
    assert "уже закрыта" in h.last_text_to(IVAN)


async def test_the_client_moves_and_cancels_it_and_the_manager_cancels(h: Harness) -> None:
    await wish(h)
    await h.say(IVAN, "28.11 15:00")
    await press_in_topic(h, "Подтвердить", "хочет посмотреть")
    await h.tap(IVAN, "Другое время")
    await h.say(IVAN, "29.11 12:30")
    assert await h.rows("SELECT status, at FROM viewings") == [
        ("asked", at_utc(2026, 11, 29, 9, 30))]
    await h.tap(IVAN, "Хочу посмотреть")  # again under the report: where it stands
    assert "уже попросили показ" in h.last_text_to(IVAN)
    await h.tap(IVAN, "Отменить показ")
    assert "Показ отменили" in h.last_text_to(IVAN)
    assert "Клиент отменил показ" in topic_texts(h)[-1]
    await press_in_topic(h, "Подтвердить", "хочет посмотреть")  # the wish was cancelled
    assert "неактуальна" in topic_texts(h)[-1]
    await h.tap(IVAN, "Хочу посмотреть")
    await h.tap(IVAN, "осмотр")
    await h.say(IVAN, "в пятницу вечером")
    await manager(h, "/viewing cancel")
    assert "отменён" in h.last_text_to(IVAN)
    assert await h.rows("SELECT status FROM viewings ORDER BY id") == [
        ("cancelled",), ("cancelled",)]


async def test_a_managers_reply_with_a_time_to_the_wish_proposes_it(h: Harness) -> None:
    await wish(h)
    await h.say(IVAN, "в субботу после обеда")
    asked = topic_call(h, "хочет посмотреть").result["message_id"]
    copies = len(h.tg.sent("copyMessage", IVAN.id))
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text="23.11 10:00", reply_to=asked))
    assert "уже прошло" in topic_texts(h)[-1]  # one line; nothing reaches the client
    assert len(h.tg.sent("copyMessage", IVAN.id)) == copies
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text="Сейчас уточню у продавца",
                                    reply_to=asked))  # words: an ordinary answer to the client
    assert len(h.tg.sent("copyMessage", IVAN.id)) == copies + 1
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text="28.11 15:00", reply_to=asked))
    assert "Предлагаем время" in h.last_text_to(IVAN) and "сб, 28 ноября, 15:00" in plain(
        h.last_text_to(IVAN))
    assert await h.rows("SELECT status, at, proposed_by FROM viewings") == [
        ("proposed", at_utc(2026, 11, 28, 12, 0), MANAGER.id)]
    assert len(h.tg.sent("copyMessage", IVAN.id)) == copies + 1
    await h.tap(IVAN, "Отменить показ")
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text="29.11 15:00", reply_to=asked))
    assert "неактуальна" in topic_texts(h)[-1]
    assert await h.rows("SELECT status FROM viewings") == [("cancelled",)]


CLIENT_TIMES = [
    ("1².12 15:00", "обычными цифрами 0–9"),
    ("23.11 10:00", "уже прошло"),  # today, earlier
    ("20.11 10:00", "больше чем через 60 дней"),  # read as next year's
    ("31.02 10:00", "Не получилось разобрать дату"),
    ("28.11 25:00", "Не получилось разобрать время"),
    ("12.12.2099 10:00", "больше чем на год"),
    ("я" * 400, "не больше 300 символов"),
]


async def test_odd_times_from_the_client_are_answered_in_one_line(h: Harness) -> None:
    await wish(h)
    for text, answer in CLIENT_TIMES:
        before = len(h.texts_to(IVAN))
        await h.say(IVAN, text)
        said = h.texts_to(IVAN)[before:]
        assert answer in plain(said[0]) and "Напишите день и время" in said[1], (text, said)
    assert await h.rows("SELECT COUNT(*) FROM viewings") == [(0,)]


MANAGER_TIMES = [
    ("/viewing 1².12 15:00", "Формат: /viewing #1"),
    ("/viewing 28.11", "Формат: /viewing #1"),
    ("/viewing 23.11 10:00", "Это время уже прошло"),
    ("/viewing 30.03.2027 10:00", "больше чем через 60 дней"),
    ("/viewing 31.02 10:00", "Не получилось разобрать дату"),
    ("/viewing завтра утром", "Не получилось разобрать дату"),
    ("/viewing #2 28.11 15:00", "нет заявки № 2"),
]


async def test_odd_viewing_commands_are_answered_in_one_line(h: Harness) -> None:
    await request(h)
    await manager(h, "/viewing 28.11 15:00")
    assert "нет открытых показов" in topic_texts(h)[-1]
    await manager(h, "/viewing")
    assert "показов нет" in topic_texts(h)[-1]
    await send_report(h, "Kia Sportage, 2020")
    await h.tap(IVAN, "Хочу посмотреть")
    await h.tap(IVAN, "осмотр")
    await h.say(IVAN, "в субботу")
    to_ivan = len(h.texts_to(IVAN))
    for command, answer in MANAGER_TIMES:
        before = len(topic_texts(h))
        await manager(h, command)
        said = topic_texts(h)[before:]
        assert len(said) == 1 and answer in plain(said[0]), (command, said)
    assert len(h.texts_to(IVAN)) == to_ivan
    assert await h.rows("SELECT status FROM viewings") == [("asked",)]


async def test_forged_and_foreign_presses_are_answered_never_a_dead_letter(h: Harness) -> None:
    await wish(h)
    await h.say(IVAN, "28.11 15:00")
    await h.say(PETR, "Здравствуйте")  # another client: Ivan's viewing is not his
    for data in ("a:view:yes.1.202611281500", "a:view:x.1", "a:view:re.1", "a:view:want.1"):
        before = len(h.texts_to(PETR))
        await h.feed(h.updates.press(PETR, data, 1))
        assert "неактуальна" in h.texts_to(PETR)[before], data
    for data in ("a:view:yes.1.²", "a:view:x." + "9" * 25, "a:view:zz.1", "a:view:s.1",
                 "a:view:k.boat", "a:view:yes.1.209912121500", "a:view:", "a:view:ok.1.1"):
        before = len(h.texts_to(IVAN))
        await h.feed(h.updates.press(IVAN, data, 1))
        assert "неактуальна" in h.texts_to(IVAN)[before], data
    for data in ("a:view:ok.²", "a:view:ok.1.202611281600", "a:view:ok.99.202611281500",
                 "a:view:pr.1.²", "a:view:pr.1.202011281500", "a:view:yes.1.202611281500",
                 "a:view:ok." + "9" * 25 + ".1", "a:view:"):
        before = len(topic_texts(h))
        await h.feed(group_press(h, MANAGER, data, 1))
        assert "неактуальна" in topic_texts(h)[before], data
    assert await h.rows("SELECT status FROM viewings") == [("asked",)]
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]


ODD = ["28.11", "15:00", "28.11 15:00", "cancel", "#1", "#²", "²", "٣٠.١١", "31.12.9999",
       "99:99", "<b>", "{ $x }", "\u202e", "x" * 300, "отмена", "12.12.2026", ""]


async def test_fuzzed_viewing_commands_are_all_answered(h: Harness) -> None:
    await wish(h)
    await h.say(IVAN, "в субботу")
    rng = random.Random(20261212)
    for _ in range(40):
        command = "/viewing " + " ".join(rng.choice(ODD) for _ in range(rng.randint(0, 3)))
        before = len(topic_texts(h))
        await manager(h, command)
        assert len(topic_texts(h)) > before, f"no answer to {command[:80]!r}"
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert topic_texts(h, None) == []


@given(st.text(max_size=80))
def test_any_viewing_button_reads_as_a_press_of_its_own_or_none(arg: str) -> None:
    press = unpack(Action.VIEWING, arg)
    assert press is None or pack(press)[0] == Action.VIEWING


PRESS_ARGS = ["want.1", "k.viewing", "k.test_drive", "s.202611281500", "yes.1.202611281500",
              "re.1", "x.1", "ok.1.202611281500", "pr.1", "pr.1.202611281600", "²", "yes.²",
              "ok.1.٢٠٢٦١١٢٨١٥٠٠", "s." + "9" * 40, "want." + "9" * 25, "k.", "", "zz"]


async def test_fuzzed_viewing_presses_are_all_answered(h: Harness) -> None:
    await wish(h)
    await h.say(IVAN, "28.11 15:00")
    rng = random.Random(20261213)
    for _ in range(40):
        data = "a:view:" + rng.choice(PRESS_ARGS)
        if rng.random() < 0.5:
            before = len(h.tg.to_chat(IVAN.id))
            await h.feed(h.updates.press(IVAN, data, rng.choice([1, 10**9])))
            assert len(h.tg.to_chat(IVAN.id)) > before, data
        else:
            answered = len(h.tg.sent("answerCallbackQuery"))
            await h.feed(group_press(h, MANAGER, data, rng.choice([1, 10**9])))
            assert len(h.tg.sent("answerCallbackQuery")) > answered, data
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert topic_texts(h, None) == []


async def test_a_whatsapp_client_asks_and_takes_a_time_by_number(wa: Wa) -> None:
    await intake(wa)
    await wa.manager("/report Kia Sportage, 2020\n+ хорошо\n- плохо")
    wa.clock.advance(seconds=21)
    wa.app.outbox.wake()
    await wa.app.outbox.wait_idle()
    assert "4. 👀 Хочу посмотреть" in wa.bodies()[-1]
    await wa.say("4")
    assert "1. осмотр" in wa.bodies()[-1] and "2. тест-драйв" in wa.bodies()[-1]
    await wa.say("2")
    await wa.say("28.11 15:00")
    assert "Записали: тест-драйв" in plain(wa.bodies()[-1])
    asked = next(c for c in reversed(wa.topic()) if "хочет посмотреть" in (c.text or ""))
    update = wa.updates.press(MANAGER, asked.button_data("Подтвердить"), asked.result["message_id"])
    message = update["callback_query"]["message"]
    message.update(chat={"id": GROUP, "type": "supergroup", "title": "Managers", "is_forum": True},
                   message_thread_id=TOPIC, is_topic_message=True)
    await wa.app.feed(update)
    await wa.app.settle()
    assert "Договорились: тест-драйв" in plain(wa.bodies()[-1])
    assert "1. 🕑 Другое время" in wa.bodies()[-1]
    await wa.say("2")  # cancel by number
    assert await wa.rows("SELECT status FROM viewings") == [("cancelled",)]


def test_a_bad_calendar_is_named_in_one_line(tg: FakeTelegram, db_path: Path) -> None:
    with pytest.raises(ConfigError, match="VIEWING_HOURS"):
        make_settings(tg, db_path, viewing_hours="every day")
    with pytest.raises(ConfigError, match="VIEWING_REMINDER"):
        make_settings(tg, db_path, viewing_reminder="-2h")


async def test_the_report_keeps_its_reactions_and_the_new_button_comes_last(h: Harness) -> None:
    await request(h)
    await send_report(h, "Kia Sportage, 2020")
    labels = h.tg.last_to(IVAN.id).button_labels()
    assert labels == ["👍 Интересно", "👎 Не подходит", "❓ Задать вопрос", "👀 Хочу посмотреть"]
