"""After the visit: the check SERVICE_CHECK_DELAY later (within contact hours) with the comeback
alert and the review; deferred lines coming back; active invitations by time and by estimated
kilometres, once per due date, stopped by a booking or by "don't remind me"."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.db import from_db
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import IVAN, MANAGER, TOPIC, Harness, topic_texts
from tests.steps_workshop import labels_to, manager, start, tick

REVIEW = "https://reviews.example/service"
ORDER = "/order ТО-3\nЗамена масла | 3 500\nКолодки передние | 6 200\nГотово: {ready}"


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path, review_url=REVIEW, contact_hours="10:00-20:00")
    try:
        yield harness
    finally:
        await harness.app.stop()


async def visit(h: Harness, km: int, approve: str = "Согласовать всё") -> None:
    """A whole visit: booked in chat on the first free slot, received, ordered, agreed, done."""
    await h.say(IVAN, "/book")
    await h.tap(IVAN, "ТО")
    await h.say(IVAN, "Плановое ТО")
    known = labels_to(h, IVAN)
    if known and known[0].startswith("🚗"):
        await h.tap(IVAN, known[0])
    else:
        await h.say(IVAN, "Kia Rio 2019")
    await h.say(IVAN, str(km))
    await h.tap(IVAN, labels_to(h, IVAN)[0])
    await h.tap(IVAN, labels_to(h, IVAN)[0])
    await h.tap(IVAN, "Записаться")
    (slot,) = (await h.rows("SELECT slot_at FROM ws_bookings ORDER BY id DESC LIMIT 1"))[0]
    h.clock.current = from_db(slot)
    await manager(h, "/arrived")
    ready = h.clock.now() + timedelta(hours=3)
    await manager(h, ORDER.format(ready=f"{ready.astimezone(h.app.settings.tz):%d.%m %H:%M}"))
    await h.tap(IVAN, approve)


def sent(h: Harness, part: str) -> list[str]:
    return [t for t in h.texts_to(IVAN) if part in t]


async def test_the_check_waits_for_contact_hours_and_alerts_on_problem_back(h: Harness) -> None:
    await visit(h, 68200)
    h.clock.current = datetime(2026, 11, 23, 17, 30, tzinfo=UTC)  # 20:30 in Moscow
    await manager(h, "/done")
    h.clock.current = datetime(2026, 11, 28, 17, 30, tzinfo=UTC)  # five days on: after hours
    await tick(h)
    assert not sent(h, "Как всё прошло")
    h.clock.current = datetime(2026, 11, 29, 7, 0, tzinfo=UTC)  # 10:00 next morning
    await tick(h)
    await tick(h)
    assert len(sent(h, "Как всё прошло")) == 1
    for score in ("5", "4", "5", "5", "9"):
        await h.tap(IVAN, score)
    assert not any("Повторное обращение" in t for t in topic_texts(h))
    await h.tap(IVAN, "Да, вернулась")
    assert any("Повторное обращение" in t and "№\u00a01" in t for t in topic_texts(h))
    assert any("повторное обращение" in t for t in topic_texts(h, None))
    await h.say(IVAN, "Снова стучит спереди справа")
    (row,) = await h.rows("SELECT quality, on_time, clarity, staff, nps, problem_back, comment,"
                          " completed_at FROM ws_checks")
    assert row[:7] == (5, 4, 5, 5, 9, 1, "Снова стучит спереди справа") and row[7] is not None
    review = h.tg.last_to(IVAN.id)
    assert next(b.get("url") for r in review.buttons for b in r) == REVIEW
    h.clock.advance(days=3)
    await tick(h)
    assert len(sent(h, "будем рады вашему отзыву")) == 1  # one reminder
    h.clock.advance(days=3)
    await tick(h)
    assert len(sent(h, "будем рады вашему отзыву")) == 1


async def test_a_low_score_alerts_the_topic_once(h: Harness) -> None:
    await visit(h, 68200)
    await manager(h, "/done")
    h.clock.advance(days=5)
    await tick(h)
    await h.tap(IVAN, "2")
    await h.tap(IVAN, "3")
    low = [t for t in topic_texts(h) if "Низкая оценка после визита" in t]
    assert len(low) == 1 and "Качество\u00a0— 2" in low[0]


async def test_a_deferred_line_comes_back_with_a_slot(h: Harness) -> None:
    await visit(h, 68200, approve="✅ 1.")
    await h.tap(IVAN, "❌ Не делать 2")
    await h.tap(IVAN, "Сделаю позже")
    await h.tap(IVAN, "Через месяц")
    await manager(h, "/done")
    h.clock.advance(days=29)
    await tick(h)
    assert not sent(h, "отложенной работе")
    h.clock.advance(days=1, hours=1)
    await tick(h)
    back = sent(h, "отложенной работе")
    assert len(back) == 1 and "Колодки передние\u00a0— 6\u202f200\u00a0₽" in back[0]
    await h.tap(IVAN, labels_to(h, IVAN)[0])
    (row,) = await h.rows("SELECT source, problem, status FROM ws_bookings WHERE id = 2")
    assert row == ("invitation", "Колодки передние", "booked")


async def test_an_invitation_goes_once_at_the_interval_and_stops_after_booking(h: Harness) -> None:
    await visit(h, 68200)
    await manager(h, "/done")  # closed Tue 24.11.2026 (the first free slot was next morning)
    (closed,) = (await h.rows("SELECT closed_at FROM ws_orders"))[0]
    due = from_db(closed) + timedelta(days=90)
    h.clock.current = due - timedelta(days=1)
    await tick(h)
    assert not sent(h, "Пора на обслуживание")
    h.clock.current = due.replace(hour=8)  # 11:00 Moscow on the due date
    await tick(h)
    await tick(h)
    invitations = sent(h, "Пора на обслуживание")
    assert len(invitations) == 1 and "прошло 90 дней с последнего обслуживания" in invitations[0]
    slots = labels_to(h, IVAN)
    assert re.fullmatch(r"(пн|вт|ср|чт|пт|сб|вс) \d\d\.\d\d \d\d:\d\d", slots[0])  # a day and a time
    assert slots[-2:] == ["🕐 Выбрать другое время", "🔕 Не напоминать"]
    h.clock.advance(days=1)
    await tick(h)
    assert len(sent(h, "Пора на обслуживание")) == 1  # once per due date
    await h.tap(IVAN, labels_to(h, IVAN)[0])  # yesterday's first slot has passed meanwhile
    assert "только что заняли или оно уже прошло" in h.last_text_to(IVAN)
    await h.tap(IVAN, labels_to(h, IVAN)[0])  # one of the slots offered now
    (row,) = await h.rows("SELECT source, status FROM ws_bookings WHERE id = 2")
    assert row == ("invitation", "booked")
    async with h.app.db.transaction() as tx:  # forget the invitation and today's sweep:
        await tx.execute("DELETE FROM ws_invitations")  # only the booking stops it now
        await tx.execute("DELETE FROM manager_alerts WHERE key LIKE 'ws-invitations:%'")
    h.clock.advance(minutes=5)  # before the booked slot
    await tick(h)
    assert len(sent(h, "Пора на обслуживание")) == 1


async def test_an_invitation_waits_for_contact_hours_on_the_clients_clock(h: Harness) -> None:
    await h.say(IVAN, "/settings")
    await h.tap(IVAN, "Владивосток")  # UTC+10: the firm's 19:00 is 02:00 there
    await visit(h, 68200)
    await manager(h, "/done")
    (closed,) = (await h.rows("SELECT closed_at FROM ws_orders"))[0]
    due = from_db(closed) + timedelta(days=90)
    h.clock.current = due.replace(hour=16)  # 19:00 in Moscow, within the firm's contact hours
    await tick(h)
    assert not sent(h, "Пора на обслуживание")
    h.clock.current = due.replace(hour=23, minute=30)  # 09:30 there
    await tick(h)
    assert not sent(h, "Пора на обслуживание")
    h.clock.current = due.replace(hour=23) + timedelta(hours=1)  # 10:00 there, 03:00 in Moscow
    await tick(h)
    assert len(sent(h, "Пора на обслуживание")) == 1


async def test_dont_remind_me_ends_invitations(h: Harness) -> None:
    await visit(h, 68200)
    await manager(h, "/done")
    h.clock.advance(days=91)
    h.clock.current = h.clock.current.replace(hour=8)
    await tick(h)
    await h.tap(IVAN, "Не напоминать")
    assert any("не напоминать" in t for t in topic_texts(h))
    h.clock.advance(days=200)
    await tick(h)
    assert len(sent(h, "Пора на обслуживание")) == 1


async def test_an_invitation_by_estimated_kilometres(h: Harness) -> None:
    await visit(h, 60000)
    await manager(h, "/done")
    h.clock.advance(days=30)
    await visit(h, 63000)  # 100 km a day; the next 10 000 is 70 000, 70 days on
    await manager(h, "/done")
    (booked,) = (await h.rows("SELECT created_at FROM ws_bookings WHERE id = 2"))[0]
    crossing = from_db(booked) + timedelta(days=70)
    h.clock.current = (crossing - timedelta(days=1)).replace(hour=8)
    await tick(h)
    assert not sent(h, "Пора на обслуживание")
    h.clock.current = (crossing + timedelta(days=1)).replace(hour=8)
    await tick(h)
    (invitation,) = sent(h, "Пора на обслуживание")
    assert "70\u202f000\u00a0км" in invitation and "прошло" not in invitation


async def test_an_old_odometer_reading_is_asked_for_once(h: Harness) -> None:
    await visit(h, 60000)
    await manager(h, "/done")
    h.clock.advance(days=59)
    h.clock.current = h.clock.current.replace(hour=8)
    await tick(h)
    assert not sent(h, "Сколько сейчас на одометре")
    h.clock.advance(days=2)
    await tick(h)
    (asked,) = sent(h, "Сколько сейчас на одометре")
    assert "60\u202f000\u00a0км" in asked
    await h.say(IVAN, "66 100 км")
    assert "записали" in h.last_text_to(IVAN)
    (reading,) = await h.rows("SELECT km FROM ws_readings")
    assert reading == (66100,)
    h.clock.advance(days=1)
    await tick(h)
    assert len(sent(h, "Сколько сейчас на одометре")) == 1  # the new reading is fresh
    assert not any("66 100" in t for t in topic_texts(h))  # the answer was not relayed


async def test_odd_digits_for_the_odometer_question_are_asked_again(h: Harness) -> None:
    await visit(h, 60000)
    await manager(h, "/done")
    h.clock.advance(days=61)
    h.clock.current = h.clock.current.replace(hour=8)
    await tick(h)
    for odd in ("66²00", "٦٦١٠٠", "9" * 40):
        await h.say(IVAN, odd)
        assert "Не получилось прочитать пробег" in h.last_text_to(IVAN), odd
    await h.say(IVAN, "66 100")
    assert await h.rows("SELECT km FROM ws_readings") == [(66100,)]
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert not any("66²00" in t for t in topic_texts(h))


async def test_a_deferred_line_is_on_the_next_booking_card(h: Harness) -> None:
    await visit(h, 68200, approve="✅ 1.")
    await h.tap(IVAN, "❌ Не делать 2")
    await h.tap(IVAN, "Сделаю позже")
    await h.tap(IVAN, "При следующем визите")
    await manager(h, "/done")
    h.clock.advance(days=3)
    await h.say(IVAN, "/book")
    await h.tap(IVAN, "ТО")
    await h.say(IVAN, "Плановое ТО")
    await h.tap(IVAN, "🚗")
    await h.say(IVAN, "70000")
    await h.tap(IVAN, labels_to(h, IVAN)[0])
    await h.tap(IVAN, labels_to(h, IVAN)[0])
    await h.tap(IVAN, "Записаться")
    card = next(t for t in topic_texts(h) if "Запись в сервис #2" in t)
    assert "Отложенные клиентом работы" in card and "Колодки передние\u00a0— 6\u202f200\u00a0₽" in card


async def test_an_extra_photo_reaches_the_client_captioned_and_comes_back_with_the_line(
    h: Harness,
) -> None:
    await visit(h, 68200)
    update = h.updates.in_topic(MANAGER, TOPIC, text="/extra Колодки задние | 4 800", kind="photo")
    await h.feed(update)
    photo_id = update["message"]["message_id"]
    (copy,) = [c for c in h.tg.sent("copyMessage") if c.chat_id == IVAN.id]
    assert copy["message_id"] == photo_id and copy["caption"] == "Колодки задние\u00a0— 4\u202f800\u00a0₽"
    await h.tap(IVAN, "❌ Не делать 3")
    await h.tap(IVAN, "Сделаю позже")
    await h.tap(IVAN, "Через месяц")
    await manager(h, "/done")
    h.clock.advance(days=30, hours=1)
    await tick(h)
    copies = [c for c in h.tg.sent("copyMessage") if c.chat_id == IVAN.id]
    assert len(copies) == 2 and copies[1]["message_id"] == photo_id  # the original photo again
    assert "Колодки задние\u00a0— 4\u202f800\u00a0₽" in sent(h, "отложенной работе")[0]
