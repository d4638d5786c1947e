"""Promised answers kept by their clocks (issue 25): a critique is answered within
CRITIQUE_REPLY and a client who accepted an extra service is contacted within
EXTRA_SERVICE_REPLY, both in working time. The client reads the moment from the same clock; the
topic is warned at ¾ of it, the topic and General told when it breaks; a manager's message
closes it. With OWNER_IDS the critique is shown to the owners too, and the client is told so."""

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
    MANAGER,
    Harness,
    group_texts,
    make_settings,
    manager,
    start_app,
    tick,
    topic_texts,
    with_request,
)

CRITIQUE = "Менеджер три дня не отвечал"


def moscow(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of November 2026 in Moscow (UTC+3); 23 November is a Monday."""
    return datetime(2026, 11, day, hour - 3, minute, tzinfo=UTC)


def general(h: Harness) -> list[str]:
    return topic_texts(h, thread=None)


async def critique(h: Harness, user=IVAN, text: str = CRITIQUE) -> None:
    await h.say(user, "/feedback")
    await h.say(user, text)


async def test_a_critique_is_warned_then_broken_on_its_own_clock(harness: Harness) -> None:
    h = harness  # every hour counts in the harness; 24h by default
    await with_request(h)
    await critique(h)
    assert h.last_text_to(IVAN) == (
        "Спасибо! Сообщение у вашего менеджера\u00a0— он ответит не позже, чем завтра в 12:00.")
    assert any(CRITIQUE in t for t in topic_texts(h))
    assert not any(CRITIQUE in t for t in general(h))  # no owners named: only the topic
    h.clock.advance(hours=17, minutes=59)
    await tick(h)
    assert not any("критику" in t for t in topic_texts(h))
    h.clock.advance(minutes=1)  # ¾ of 24 h
    await tick(h)
    await tick(h)
    warned = [t for t in topic_texts(h) if "Клиент ждёт ответа на критику" in t]
    assert warned == ["⏳ Клиент ждёт ответа на критику: через 6\u00a0ч истечёт обещанный срок "
                      "(24\u00a0ч рабочего времени). Ответьте ему в этой теме."]
    h.clock.advance(hours=6)
    await tick(h)
    await tick(h)
    assert sum("не получил ответа на критику за 24\u00a0ч" in t for t in topic_texts(h)) == 1
    assert sum(t.startswith("🚨 Иван Петров: критика без ответа 24\u00a0ч") for t in general(h)) == 1
    assert await h.rows("SELECT kind, status FROM due_tasks WHERE kind LIKE 'critique%' ORDER BY id") == [
        ("critique_soon", "done"), ("critique_lapsed", "done")]


async def test_owners_see_the_critique_and_a_managers_answer_closes_it(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_app(tg, clock, db_path, business_days="Mon-Fri", working_hours="10:00-20:00",
                        owner_ids=str(MANAGER.id))
    try:
        await with_request(h)
        await manager(h, "Здравствуйте! Начинаем поиск.")
        h.clock.current = moscow(27, 19)  # Friday 19:00: one working hour left this week
        await critique(h)
        # 24h is one working day, 10 h: Friday's last hour and nine on Monday
        assert h.last_text_to(IVAN) == ("Спасибо! Сообщение у вашего менеджера и у руководства. "
                                        "Ответим не позже, чем в 19:00 в понедельник.")
        shown = [t for t in general(h) if CRITIQUE in t]
        assert len(shown) == 1 and shown[0].startswith(
            '✍️ Критика клиента Иван Петров, для <a href="tg://user?id=900">Olga (@olga_manager)</a>:')
        h.clock.current = moscow(30, 16, 29)  # Monday, 7 h 29 min of working time
        await tick(h)
        assert not any("критику" in t for t in topic_texts(h))
        h.clock.current = moscow(30, 16, 31)
        await tick(h)
        assert sum("Клиент ждёт ответа на критику: через 2\u00a0ч истечёт обещанный срок "
                   "(10\u00a0ч рабочего времени)" in t for t in topic_texts(h)) == 1
        h.clock.current = moscow(30, 17)
        await manager(h, "Простите нас, разберёмся и перезвоним сегодня")
        h.clock.current = moscow(30, 19, 1)
        await tick(h)
        await tick(h)
        assert not any("не получил ответа на критику" in t for t in topic_texts(h))
        assert not any("критика без ответа" in t for t in general(h))
    finally:
        await h.app.stop()


async def test_an_accepted_service_opens_contact_about_it_with_a_clock(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/handover")
    await h.tap(IVAN, "Страховка")
    assert h.last_text_to(IVAN) == ("Записали: «Страховка ОСАГО и КАСКО». Менеджер свяжется с вами "
                                    "не позже, чем завтра в 12:00, и расскажет об условиях.")
    h.clock.advance(hours=18)
    await tick(h)
    assert sum("о доп. услуге «Страховка ОСАГО и КАСКО»: через 6\u00a0ч истечёт обещанный срок"
               in t for t in topic_texts(h)) == 1
    h.clock.advance(hours=6)
    await tick(h)
    await tick(h)
    assert sum("никто не связался с клиентом о доп. услуге «Страховка ОСАГО и КАСКО»" in t
               for t in topic_texts(h)) == 1
    assert sum("Иван Петров: за 24\u00a0ч рабочего времени никто не связался" in t
               for t in general(h)) == 1


async def test_a_managers_message_closes_the_service_clock(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/handover")
    await h.tap(IVAN, "Детейлинг")
    h.clock.advance(hours=1)
    await manager(h, "Иван, детейлинг можем сделать в субботу — удобно?")
    h.clock.advance(days=2)
    await tick(h)
    await tick(h)
    assert not any("доп. услуге" in t for t in topic_texts(h) + general(h))
    assert await h.rows("SELECT COUNT(*) FROM due_tasks WHERE kind LIKE 'service%'"
                        " AND status = 'done'") == [(2,)]


async def test_the_settings_set_the_clocks_and_the_words_in_english(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_app(tg, clock, db_path, critique_reply="2h", owner_ids="4242")
    try:
        await critique(h, JOHN, "Nobody called me back")
        assert h.last_text_to(JOHN) == (
            "Thank you! Your manager and the management have your message. We will answer today "
            "at 14:00 at the latest.")
        # the managers' texts are in DEFAULT_LANGUAGE; an owner not met yet is named by id
        assert any('для <a href="tg://user?id=4242">4242</a>:' in t for t in general(h))
        h.clock.advance(hours=2)
        await tick(h)
        assert sum("John: критика без ответа 2\u00a0ч" in t for t in group_texts(h)) == 1
    finally:
        await h.app.stop()


@pytest.mark.parametrize(("name", "value", "says"), [
    ("critique_reply", "0h", "expected a positive duration like 7d, 48h or 30s"),
    ("critique_reply", "1²h", "Input should be a valid timedelta"),
    ("extra_service_reply", "99999d", "expected at most 3650 days"),
])
def test_a_bad_clock_setting_is_named_in_one_line(
    tg: FakeTelegram, db_path: Path, name: str, value: str, says: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        make_settings(tg, db_path, **{name: value})
    message = str(refused.value)
    assert message.startswith(f"Setting {name.upper()} is malformed: ") and says in message
    assert "\n" not in message
