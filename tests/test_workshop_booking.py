"""Booking in chat: free slots as buttons, capacity from the bays, the card, the reminder with
Confirm / Reschedule / Cancel; managers' /book and /slots. Through the dispatcher and fake APIs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.db import from_db
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import GROUP, IVAN, JOHN, PAVEL, TOPIC, Harness, topic_texts
from tests.steps_workshop import ADDRESS, book, book_en, labels_to, manager, start, tick


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path, workshop_bays=1)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def bookings(h: Harness) -> list[tuple]:
    return await h.rows("SELECT client_id, kind, car, odometer, slot_at, status, source"
                        " FROM ws_bookings ORDER BY id")


async def test_a_booking_takes_a_free_slot_with_a_pinned_card(h: Harness) -> None:
    await book(h, IVAN)
    (row,) = await bookings(h)
    assert row[1:4] == ("ТО", "Kia Rio 2019, А123ВС777", 68200)
    assert from_db(row[4]) == datetime(2026, 11, 24, 7, 0, tzinfo=UTC)  # 10:00 Moscow
    assert row[5:] == ("booked", "client")
    confirmation = h.last_text_to(IVAN)
    assert "вт, 24 ноября, 10:00" in confirmation and ADDRESS in confirmation
    card = next(c for c in h.tg.to_chat(GROUP) if "Запись в сервис #1" in (c.text or ""))
    pins = [c for c in h.tg.sent("pinChatMessage") if c["message_id"] == card.result["message_id"]]
    assert pins, "the booking card is pinned in the topic"


async def test_a_full_slot_and_past_slots_are_not_offered(h: Harness) -> None:
    await book_en(h, JOHN)  # takes Tue 10:00, the only bay
    await h.say(IVAN, "/book")
    await h.tap(IVAN, "ТО")
    await h.say(IVAN, "Плановое ТО")
    await h.say(IVAN, "Kia Rio 2019")
    await h.say(IVAN, "68200")
    await h.tap(IVAN, "вт 24.11")
    offered = labels_to(h, IVAN)
    assert "10:00" not in offered and "09:00" in offered and "11:00" in offered
    await h.tap(IVAN, "← Другой день")
    await h.tap(IVAN, "пн 23.11")  # today: it is 12:00 in Moscow
    today = labels_to(h, IVAN)
    assert "12:00" not in today and "11:00" not in today and "13:00" in today
    assert "18:00" in today and "19:00" not in today  # the last slot ends at closing


async def test_a_slot_taken_meanwhile_is_refused_at_confirmation(h: Harness) -> None:
    await h.say(IVAN, "/book")
    await h.tap(IVAN, "ТО")
    await h.say(IVAN, "Плановое ТО")
    await h.say(IVAN, "Kia Rio 2019")
    await h.say(IVAN, "68200")
    await h.tap(IVAN, "вт 24.11")
    await h.tap(IVAN, "10:00")  # the summary waits for "Book it"
    await book_en(h, JOHN)  # John takes the slot first
    await h.tap(IVAN, "Записаться")
    assert len(await bookings(h)) == 1
    assert any("только что заняли" in t for t in h.texts_to(IVAN))


async def test_the_reminder_reschedule_moves_the_booking(h: Harness) -> None:
    await book(h, IVAN, day="ср 25.11")
    h.clock.current = datetime(2026, 11, 24, 6, 59, tzinfo=UTC)  # 24 h before, minus a minute
    await tick(h)
    assert not any("Напоминаем" in t for t in h.texts_to(IVAN))
    h.clock.advance(minutes=1)
    await tick(h)
    await tick(h)  # a second tick sends nothing more
    reminders = [t for t in h.texts_to(IVAN) if "Напоминаем" in t]
    assert len(reminders) == 1 and "ср, 25 ноября, 10:00" in reminders[0]
    await h.tap(IVAN, "Перенести")
    offered = labels_to(h, IVAN)
    assert offered[:2] == ["вт 24.11 11:00", "вт 24.11 12:00"]  # the next free slots, one tap each
    await h.tap(IVAN, "вт 24.11 12:00")
    (row,) = await bookings(h)
    assert from_db(row[4]) == datetime(2026, 11, 24, 9, 0, tzinfo=UTC) and row[5] == "booked"
    assert "вт, 24 ноября, 12:00" in h.last_text_to(IVAN)
    assert any("перенёс визит #1" in t for t in topic_texts(h))
    h.clock.advance(days=2)
    await tick(h)  # the old slot's reminder is not sent again
    assert len([t for t in h.texts_to(IVAN) if "Напоминаем" in t]) == 1


async def reminded(h: Harness) -> None:
    await book(h, IVAN, day="ср 25.11")
    h.clock.current = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    await tick(h)


async def test_the_reminder_confirm_and_cancel(h: Harness) -> None:
    await reminded(h)
    await h.tap(IVAN, "Подтверждаю")
    assert (await bookings(h))[0][5] == "confirmed"
    assert any("подтвердил визит #1" in t for t in topic_texts(h))
    reminder = next(c for c in reversed(h.tg.to_chat(IVAN.id)) if "Напоминаем" in (c.text or ""))
    await h.feed(h.updates.press(IVAN, reminder.button_data("Отменить"), reminder.result["message_id"]))
    assert (await bookings(h))[0][5] == "cancelled"
    assert any("отменил визит #1" in t for t in topic_texts(h))


async def test_a_press_on_another_clients_booking_is_refused(h: Harness) -> None:
    await reminded(h)
    reminder = h.tg.last_to(IVAN.id)
    await h.say(JOHN, "/start")
    await h.feed(h.updates.press(JOHN, reminder.button_data("Отменить"), reminder.result["message_id"]))
    assert (await bookings(h))[0][5] == "booked"
    assert h.last_text_to(JOHN).startswith("That button is out of date")


async def test_manager_books_a_client_who_phoned_and_sees_the_load(h: Harness) -> None:
    await h.say(IVAN, "Здравствуйте, хочу на ТО")  # opens the topic
    await manager(h, "/book 24.11 15:00 диаг стук справа")
    (row,) = await bookings(h)
    assert row[1] == "Диагностика" and row[6] == "manager"
    assert from_db(row[4]) == datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    assert "вт, 24 ноября, 15:00" in h.last_text_to(IVAN)
    await manager(h, "/book 24.11 15:00 ТО")  # the only bay is taken
    assert "занято" in topic_texts(h)[-1]
    await manager(h, "/book 24.11 15:30 ТО")
    assert "по слотам" in topic_texts(h)[-1]
    await manager(h, "/book 24.11 16:00 Покраска")
    assert "Виды: ТО" in topic_texts(h)[-1]
    assert len(await bookings(h)) == 1
    await manager(h, "/slots 24.11", thread=None)
    load = topic_texts(h, None)[-1]
    assert "15:00\u00a0— 1/1: Иван (Диагностика)" in load and "16:00\u00a0— 0/1" in load


async def test_a_manager_writing_only_workshop_commands_is_remembered(h: Harness) -> None:
    """The workshop's commands sit beneath the manager group's parent router, which remembers
    whoever writes there: the figures per manager name Pavel though he only ran /slots."""
    assert await h.rows("SELECT id FROM managers WHERE id = ?", PAVEL.id) == []
    await h.feed(h.updates.in_topic(PAVEL, None, text="/slots 24.11"))
    assert "24.11" in topic_texts(h, None)[-1]  # the workshop answered it
    assert await h.rows("SELECT id, name FROM managers WHERE id = ?", PAVEL.id) == [(PAVEL.id, "Pavel")]


async def test_the_workshop_is_invisible_when_off(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> None:
    h = await start(tg, clock, db_path, workshop_hours="")
    try:
        await h.say(IVAN, "/start")
        assert not any("сервис" in label for label in labels_to(h, IVAN))
        await h.say(IVAN, "/book")
        assert not any("Какая работа" in t for t in h.texts_to(IVAN))
    finally:
        await h.app.stop()


async def test_manager_help_lists_the_workshop_commands(h: Harness) -> None:
    await manager(h, "/help", thread=None)
    texts = topic_texts(h, None)
    assert any("/stage" in t for t in texts)  # the usual list
    (workshop,) = [t for t in texts if "<b>Сервис</b>" in t]
    for command in ("/book", "/slots", "/arrived", "/order", "/extra", "/ready", "/done"):
        assert command in workshop


async def test_a_restart_mid_booking_resumes_where_the_client_was(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    first = await start(tg, clock, db_path)
    await first.say(IVAN, "/book")
    await first.tap(IVAN, "ТО")
    await first.say(IVAN, "Плановое ТО")
    await first.app.stop()
    h = await start(tg, clock, db_path)  # the conversation waits in the database
    h.updates = first.updates  # Telegram's update ids go on from where they were
    try:
        await h.say(IVAN, "Kia Rio 2019")
        await h.say(IVAN, "68200")
        await h.tap(IVAN, "вт 24.11")
        await h.tap(IVAN, "10:00")
        await h.tap(IVAN, "Записаться")
        assert [row[1:4] for row in await bookings(h)] == [("ТО", "Kia Rio 2019", 68200)]
    finally:
        await h.app.stop()


async def test_words_written_instead_of_a_button_reach_the_topic(h: Harness) -> None:
    await h.say(IVAN, "/book")
    await h.say(IVAN, "А можно в субботу вечером?")  # the kinds of work wait for a button
    assert "Выберите вариант кнопкой" in h.last_text_to(IVAN)
    copies = [c for c in h.tg.sent("copyMessage") if c.chat_id == GROUP]
    assert len(copies) == 1 and copies[0].get("message_thread_id") == TOPIC
    await h.tap(IVAN, "ТО")  # and the booking goes on
    assert "своими словами" in h.last_text_to(IVAN)


async def test_a_no_show_is_told_to_the_topic_at_the_slots_end(h: Harness) -> None:
    await book(h, IVAN)  # Tue 24.11 10:00-11:00 Moscow
    h.clock.current = datetime(2026, 11, 24, 7, 59, tzinfo=UTC)
    await tick(h)
    assert not any("не приехал" in t for t in topic_texts(h))
    h.clock.advance(minutes=1)
    await tick(h)
    await tick(h)
    assert sum("не приехал на визит #1" in t for t in topic_texts(h)) == 1
    assert (await bookings(h))[0][5] == "no_show"
    await manager(h, "/arrived")  # came late after all: the booking is still the one received
    assert (await bookings(h))[0][5] == "arrived"
    assert await h.rows("SELECT booking_id FROM ws_orders") == [(1,)]


async def test_an_arrived_car_is_no_no_show(h: Harness) -> None:
    await book(h, IVAN)
    h.clock.current = datetime(2026, 11, 24, 7, 5, tzinfo=UTC)
    await manager(h, "/arrived")
    h.clock.advance(hours=2)
    await tick(h)
    assert not any("не приехал" in t for t in topic_texts(h))


async def test_a_booking_in_the_middle_of_a_request_leaves_the_request_waiting(h: Harness) -> None:
    await h.say(IVAN, "/new")
    await h.say(IVAN, "Иван Петров")  # the request's first answer; its second question waits
    question = h.last_text_to(IVAN)
    await book(h, IVAN)
    assert len(await bookings(h)) == 1
    assert "вернёмся к тому, что вы не закончили" in h.last_text_to(IVAN)
    (flow,) = await h.rows("SELECT flow FROM conversations")
    assert flow == ("intake",)
    await h.say(IVAN, "/new")  # resumes, nothing answered is asked again
    assert h.last_text_to(IVAN) == question


async def test_cancelling_a_booking_midway_keeps_the_request_waiting(h: Harness) -> None:
    await h.say(IVAN, "/new")
    await h.say(IVAN, "Иван Петров")
    question = h.last_text_to(IVAN)
    await h.say(IVAN, "/book")
    await h.tap(IVAN, "ТО")
    await h.tap(IVAN, "Отмена")
    assert any("Запись отменена" in t for t in h.texts_to(IVAN)[-2:])
    assert await bookings(h) == []
    await h.say(IVAN, "/new")
    assert h.last_text_to(IVAN) == question
