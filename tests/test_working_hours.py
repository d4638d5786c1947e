"""Working hours (issue 25): a client writing while the firm is closed (outside WORKING_HOURS, on
a day off or on one of HOLIDAYS) is told, once per closed period, when we open; the reply clock
(REPLY_SLA, counted in working time) starts at that opening, and its warning comes ¾ of it after.
Weekends and holidays with the injected clock; bad settings named in one line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import ConfigError
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import (
    IVAN,
    JOHN,
    Harness,
    make_settings,
    manager,
    start_app,
    tick,
    topic_texts,
    with_request,
)

CLOSED = {"ru": "Сейчас мы не работаем", "en": "We are closed now"}
WARNED = "Через 2\u00a0ч клиент будет ждать ответа 10\u00a0ч"  # ¾ of REPLY_SLA=24h: one working day
BROKEN = "ждёт ответа уже 10\u00a0ч"
HOURS = {"business_days": "Mon-Fri", "working_hours": "10:00-20:00"}


def moscow(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of November–December 2026 in Moscow (UTC+3); 23 November is a Monday."""
    month, day = (11, day) if day <= 30 else (12, day - 30)
    return datetime(2026, month, day, hour - 3, minute, tzinfo=UTC)


def closed_answers(h: Harness, user=IVAN) -> list[str]:
    return [t for t in h.texts_to(user) if any(words in t for words in CLOSED.values())]


async def test_a_weekend_night_is_answered_once_and_the_reply_clock_starts_on_monday(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_app(tg, clock, db_path, **HOURS)
    try:
        await with_request(h)  # Monday noon: open, no closed answer
        assert closed_answers(h) == []
        await manager(h, "Здравствуйте! Начинаем поиск.")
        h.clock.current = moscow(27, 21)  # Friday 21:00, after closing
        await h.say(IVAN, "Есть новости?")
        assert closed_answers(h) == [
            "Передали менеджеру. Сейчас мы не работаем: откроемся в 10:00 в понедельник\u00a0— "
            "тогда менеджер и ответит."]
        h.clock.current = moscow(27, 23, 30)  # the same night
        await h.say(IVAN, "Алло?")
        h.clock.current = moscow(28, 12)  # Saturday noon: the same closed period
        await h.say(IVAN, "Ответьте, пожалуйста")
        assert len(closed_answers(h)) == 1
        assert await h.rows("SELECT COUNT(*) FROM messages WHERE author = 'client'") == [(3,)]
        h.clock.current = moscow(30, 17, 29)  # Monday: 7 h 29 min of working time since 10:00
        await tick(h)
        assert not any(WARNED in t for t in topic_texts(h))
        h.clock.current = moscow(30, 17, 31)  # ¾ of the working day since the opening
        await tick(h)
        await tick(h)
        assert sum(WARNED in t for t in topic_texts(h)) == 1
        h.clock.current = moscow(30, 20, 1)  # ten working hours since the opening
        await tick(h)
        assert sum(BROKEN in t for t in topic_texts(h)) == 1
    finally:
        await h.app.stop()


async def test_a_holiday_moves_the_opening_and_stays_one_closed_period(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_app(tg, clock, db_path, **HOURS, holidays="2026-11-30;2026-12-01")
    try:
        await with_request(h)
        await manager(h, "Здравствуйте!")
        h.clock.current = moscow(28, 11)  # Saturday
        await h.say(IVAN, "Вопрос по машине")
        assert closed_answers(h)[-1].startswith(
            "Передали менеджеру. Сейчас мы не работаем: откроемся в 10:00 в среду")
        h.clock.current = moscow(30, 12)  # Monday, a holiday: the same closed period
        await h.say(IVAN, "Есть кто?")
        assert len(closed_answers(h)) == 1
        h.clock.current = moscow(31, 18)  # Tuesday 1 December, a holiday too
        await tick(h)
        assert not any("клиент будет ждать ответа" in t for t in topic_texts(h))
        h.clock.current = moscow(32, 17, 31)  # Wednesday: ¾ of the working day since 10:00
        await tick(h)
        assert sum(WARNED in t for t in topic_texts(h)) == 1
    finally:
        await h.app.stop()


async def test_each_closed_period_gets_its_own_answer_in_the_clients_language(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_app(tg, clock, db_path, **HOURS)
    try:
        h.clock.current = moscow(24, 8)  # Tuesday before opening
        await h.say(JOHN, "Hello, are you there?")
        assert closed_answers(h, JOHN) == [
            "Passed to a manager. We are closed now: we open today at 10:00, and a manager will "
            "answer then."]
        await manager(h, "Good morning!")  # (the topic opened with John's message)
        h.clock.current = moscow(24, 21)  # the same evening, after closing: a new closed period
        await h.say(JOHN, "One more question")
        assert closed_answers(h, JOHN)[-1].startswith(
            "Passed to a manager. We are closed now: we open tomorrow at 10:00")
        h.clock.current = moscow(24, 22)
        await h.say(JOHN, "And another")
        assert len(closed_answers(h, JOHN)) == 2
    finally:
        await h.app.stop()


async def test_working_hours_of_their_own_days_open_on_saturday(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_app(tg, clock, db_path, business_days="Mon-Fri",
                        working_hours="Пн-Пт 10:00-20:00; Сб 11:00-16:00")
    try:
        h.clock.current = moscow(27, 21)  # Friday night
        await h.say(IVAN, "Добрый вечер")
        assert "откроемся завтра в 11:00" in closed_answers(h)[-1]
        h.clock.current = moscow(28, 17)  # Saturday after closing: next opening is Monday
        await h.say(IVAN, "Снова я")
        assert "откроемся в 10:00 в понедельник" in closed_answers(h)[-1]
    finally:
        await h.app.stop()


def test_working_hours_default_to_contact_hours(tg: FakeTelegram, db_path: Path) -> None:
    settings = make_settings(tg, db_path, working_hours="", contact_hours="09:00-18:00",
                             business_days="Mon-Fri", holidays="2027-01-01; 2027-01-02")
    working = settings.working_time
    assert working.is_open(moscow(23, 9)) and not working.is_open(moscow(23, 18))
    assert not working.is_open(moscow(28, 12))  # Saturday
    assert working.next_opening(datetime(2026, 12, 31, 16, tzinfo=UTC)) == datetime(
        2027, 1, 4, 6, tzinfo=UTC)  # past New Year's holidays and the weekend


@pytest.mark.parametrize(("name", "value", "says"), [
    ("holidays", "2027-13-01", "'2027-13-01' is not a date like 2027-01-01"),
    ("holidays", "01.01.2027", "'01.01.2027' is not a date like 2027-01-01"),
    ("holidays", "9999-01-01", "'9999-01-01' is not a date between 2000 and 2100"),
    ("holidays", "2027-01-0²", "'2027-01-0²' is not a date like 2027-01-01"),
    ("working_hours", "10:00", "expected HH:MM-HH:MM, like 10:00-20:00"),
    ("working_hours", "20:00-10:00", "the start must be before the end"),
    ("working_hours", "Mon-Xyz 10:00-20:00", "unknown day 'Xyz'"),
])
def test_a_bad_setting_is_named_in_one_line(
    tg: FakeTelegram, db_path: Path, name: str, value: str, says: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        make_settings(tg, db_path, **{name: value})
    message = str(refused.value)
    assert message.startswith(f"Setting {name.upper()} is malformed: ") and says in message
    assert "\n" not in message
