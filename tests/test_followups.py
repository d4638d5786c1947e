"""Follow-ups keep themselves: the clock moves, the real tick job runs, nothing is sent twice."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import CarCareApp
from tests.conftest import GROUP, IVAN, MANAGER, FakeClock, Harness, make_settings
from tests.fake_telegram import FakeTelegram
from tests.test_intake import RU_ANSWERS, answer_all

TOPIC = 500
REVIEW_URL = "https://reviews.example/carcare"


async def start_app(tg: FakeTelegram, clock: FakeClock, db_path: Path, **settings: str) -> Harness:
    app = CarCareApp(make_settings(tg, db_path, review_url=REVIEW_URL, **settings), clock)
    await app.start()
    return Harness(app, tg, clock)


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start_app(tg, clock, db_path)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def request(h: Harness, contact_time: str = "В любое время") -> None:
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS)
    await h.tap(IVAN, contact_time)
    await h.tap(IVAN, "Всё верно")


async def manager(h: Harness, text: str) -> None:
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text=text))


async def tick(h: Harness) -> None:
    await h.app.followups.tick()
    await h.app.outbox.wait_idle()


async def handed_over(h: Harness, contact_time: str = "В любое время") -> datetime:
    await request(h, contact_time)
    await manager(h, "/handover")
    h.tg.clear()
    return h.clock.now()


def texts(h: Harness) -> list[str]:
    return h.texts_to(IVAN)


def topic_texts(h: Harness, thread: int | None = TOPIC) -> list[str]:
    return [c.text or "" for c in h.tg.to_chat(GROUP) if c.method == "sendMessage" and c.thread_id == thread]


async def answer_survey(h: Harness, scores: list[int]) -> None:
    for score in scores:
        question = h.tg.last_to(IVAN.id)
        await h.feed(h.updates.press(IVAN, question.button_data(str(score)), question.result["message_id"]))


async def test_survey_is_due_exactly_after_the_delay(h: Harness) -> None:
    await handed_over(h)
    h.clock.advance(days=7, seconds=-60)
    await tick(h)
    assert not any("Прошла неделя" in t for t in texts(h))
    h.clock.advance(seconds=60)
    await tick(h)
    intro, first = texts(h)[-2:]
    assert "Прошла неделя с передачи автомобиля (Toyota RAV4)" in intro
    assert "Вопрос 1 из 10" in first and "качество автомобиля" in first
    assert h.tg.last_to(IVAN.id).button_labels() == ["1", "2", "3", "4", "5"]
    await tick(h)
    assert sum("Прошла неделя" in t for t in texts(h)) == 1


async def test_preferred_time_of_day_is_respected(h: Harness) -> None:
    start = await handed_over(h, contact_time="Вечером")  # 09:00 UTC = 12:00 in Moscow
    h.clock.advance(days=7)
    await tick(h)
    assert texts(h) == []  # evening means 17:00-20:00 Moscow time
    due = await h.rows("SELECT due_at FROM due_tasks WHERE kind = 'survey'")
    assert due == [((start + timedelta(days=7)).replace(hour=14).strftime("%Y-%m-%d %H:%M:%S.%f"),)]
    h.clock.current = (start + timedelta(days=7)).replace(hour=13, minute=59)
    await tick(h)
    assert texts(h) == []
    h.clock.current = (start + timedelta(days=7)).replace(hour=14)
    await tick(h)
    assert any("Прошла неделя" in t for t in texts(h))


async def test_contact_hours_follow_the_firms_time_zone(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> None:
    h = await start_app(tg, clock, db_path, timezone="Asia/Vladivostok")  # UTC+10
    try:
        await handed_over(h, contact_time="Утром")  # 09:00 UTC = 19:00 there: not morning
        h.clock.advance(days=7)
        await tick(h)
        assert texts(h) == []
        h.clock.current = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)  # 10:00 in Vladivostok
        await tick(h)
        assert any("Прошла неделя" in t for t in texts(h))
    finally:
        await h.app.stop()


async def test_outside_contact_hours_waits_for_the_next_window(h: Harness) -> None:
    await handed_over(h)
    h.clock.advance(days=7, hours=10)  # 19:00 UTC = 22:00 Moscow: closed
    await tick(h)
    assert texts(h) == []
    h.clock.current = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # 10:00 Moscow
    await tick(h)
    assert any("Прошла неделя" in t for t in texts(h))


async def test_full_survey_with_buttons_then_review_request(h: Harness) -> None:
    await handed_over(h)
    h.clock.advance(days=7)
    await tick(h)
    await answer_survey(h, [5, 5, 4, 5, 5, 4, 5, 5, 10])
    assert "Хотите что-то добавить" in texts(h)[-1]
    await h.say(IVAN, "Всё отлично, спасибо Ольге!")
    row = await h.rows("SELECT car_quality, expectations, search_speed, paperwork, price, transparency,"
                       " informed, relationship, nps, comment, completed_at IS NOT NULL FROM surveys")
    assert row == [(5, 5, 4, 5, 5, 4, 5, 5, 10, "Всё отлично, спасибо Ольге!", 1)]
    assert "Спасибо за ответы" in texts(h)[-2]
    review = h.tg.last_to(IVAN.id)
    assert "отзыв" in review.text
    assert review.buttons[0][0] == {"text": "⭐ Оставить отзыв", "url": REVIEW_URL}
    assert "Уже оставил" in review.button_labels()[1]
    done = [t for t in topic_texts(h) if "прошёл опрос" in t][0]
    assert "Рекомендация (NPS): 10/10" in done and "Всё отлично" in done
    assert not any("Низкая оценка" in t for t in topic_texts(h))


async def test_half_finished_survey_keeps_its_answers(h: Harness) -> None:
    await handed_over(h)
    h.clock.advance(days=7)
    await tick(h)
    await answer_survey(h, [4, 5, 3])
    assert await h.rows("SELECT car_quality, expectations, search_speed, paperwork, completed_at FROM surveys") == [
        (4, 5, 3, None, None)
    ]


async def test_low_score_alerts_managers_at_once_and_once(h: Harness) -> None:
    await handed_over(h)
    h.clock.advance(days=7)
    await tick(h)
    await answer_survey(h, [2])
    alerts = [t for t in topic_texts(h) if "Низкая оценка" in t]
    assert len(alerts) == 1 and "Качество авто: 2/5 ⚠️" in alerts[0]
    await answer_survey(h, [5, 1, 5, 5, 5, 5, 5, 3])
    assert len([t for t in topic_texts(h) if "Низкая оценка" in t]) == 1


async def test_low_nps_alone_alerts(h: Harness) -> None:
    await handed_over(h)
    h.clock.advance(days=7)
    await tick(h)
    await answer_survey(h, [5, 5, 5, 5, 5, 5, 5, 5, 6])
    alerts = [t for t in topic_texts(h) if "Низкая оценка" in t]
    assert len(alerts) == 1 and "Рекомендация (NPS): 6/10 ⚠️" in alerts[0]


async def finish_survey(h: Harness) -> None:
    h.clock.advance(days=7)
    await tick(h)
    await answer_survey(h, [5] * 8 + [9])
    await h.tap(IVAN, "Пропустить")


async def test_review_reminder_only_when_unanswered(h: Harness) -> None:
    await handed_over(h)
    await finish_survey(h)
    h.clock.advance(days=3)
    await tick(h)
    assert "Напоминаем" in texts(h)[-1]
    h.clock.advance(days=3)
    await tick(h)
    assert sum("Напоминаем" in t for t in texts(h)) == 1


async def test_written_review_is_stored_and_no_reminder_follows(h: Harness) -> None:
    await handed_over(h)
    await finish_survey(h)
    await h.say(IVAN, "Нашли машину мечты за три недели, рекомендую!")
    assert await h.rows("SELECT text, answered_at IS NOT NULL FROM reviews") == [
        ("Нашли машину мечты за три недели, рекомендую!", 1)
    ]
    assert any("Отзыв клиента" in t and "машину мечты" in t for t in topic_texts(h))
    h.clock.advance(days=3)
    await tick(h)
    assert not any("Напоминаем" in t for t in texts(h))


async def test_review_done_button_stops_the_reminder(h: Harness) -> None:
    await handed_over(h)
    await finish_survey(h)
    await h.tap(IVAN, "Уже оставил")
    h.clock.advance(days=3)
    await tick(h)
    assert not any("Напоминаем" in t for t in texts(h))


async def test_long_followup_after_fifty_days(h: Harness) -> None:
    await handed_over(h)
    await finish_survey(h)
    h.clock.advance(days=42, seconds=-1)  # 49 days after handover
    await tick(h)
    assert not any("Как машина" in t for t in texts(h))
    h.clock.advance(days=1, seconds=1)
    await tick(h)
    assert "Как машина?" in texts(h)[-1]
    await h.say(IVAN, "Всё хорошо, только датчик давления шин барахлит")
    assert h.tg.sent("copyMessage", GROUP)[-1].thread_id == TOPIC  # the answer reaches the topic


async def test_progress_nag_then_escalation(h: Harness) -> None:
    await request(h)
    h.clock.advance(hours=47)
    await tick(h)
    assert not any("не получал новостей" in t for t in topic_texts(h))
    h.clock.advance(hours=1)
    await tick(h)
    await tick(h)
    assert sum("не получал новостей 48 ч" in t for t in topic_texts(h)) == 1
    h.clock.advance(hours=48)
    await tick(h)
    general = topic_texts(h, thread=None)
    assert any("Заявка №1 (Иван Петров): клиент без новостей уже 96 ч" in t for t in general)


async def test_no_nag_after_an_update(h: Harness) -> None:
    await request(h)
    h.clock.advance(hours=47)
    await manager(h, "/stage searching")
    h.clock.advance(hours=2)
    await tick(h)
    assert not any("не получал новостей" in t for t in topic_texts(h))
    h.clock.advance(hours=46)
    await tick(h)
    assert any("не получал новостей 48 ч" in t for t in topic_texts(h))


async def test_reply_reminder_until_a_manager_answers(h: Harness) -> None:
    await request(h)
    await h.say(IVAN, "Есть новости?")
    h.clock.advance(hours=24)
    await tick(h)
    await tick(h)
    assert sum("ждёт ответа уже 24 ч" in t for t in topic_texts(h)) == 1
    await manager(h, "Да, завтра пришлю варианты")
    h.clock.advance(hours=30)
    await tick(h)
    assert sum("ждёт ответа" in t for t in topic_texts(h)) == 1


async def test_birthday_greeting_and_next_year(h: Harness) -> None:
    await request(h)  # born 12.03.1985
    h.clock.current = datetime(2027, 3, 12, 7, 30, tzinfo=UTC)  # 10:30 Moscow
    await tick(h)
    assert "Иван Петров, с днём рождения" in texts(h)[-1]
    keys = [row[0] for row in await h.rows("SELECT key FROM due_tasks WHERE kind = 'birthday' ORDER BY key")]
    assert keys == ["birthday:1:2027", "birthday:1:2028"]


async def test_cancelled_deal_cancels_its_followups_and_reopening_sends_no_duplicates(h: Harness) -> None:
    await handed_over(h)
    await manager(h, "/stage cancelled клиент вернул машину")
    assert await h.rows("SELECT DISTINCT status FROM due_tasks WHERE request_id = 1") == [("cancelled",)]
    h.clock.advance(days=60)
    await tick(h)
    assert not any("Прошла неделя" in t or "Как машина" in t for t in texts(h))
    await manager(h, "/stage arrived нашли решение")  # reopened
    await manager(h, "/handover")
    h.clock.advance(days=7)
    await tick(h)
    await tick(h)
    assert sum("Прошла неделя" in t for t in texts(h)) == 1


async def test_blocked_client_gets_nothing(h: Harness) -> None:
    await handed_over(h)
    await h.feed(h.updates.membership(IVAN, "kicked"))
    h.clock.advance(days=7)
    await tick(h)
    assert texts(h) == []
    assert await h.rows("SELECT status FROM due_tasks WHERE kind = 'survey'") == [("skipped",)]


async def test_restart_after_missed_ticks_sends_each_due_message_once(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_app(tg, clock, db_path)
    await handed_over(h)
    await h.app.stop()
    clock.advance(days=60)  # the bot was down for two months
    h = await start_app(tg, clock, db_path)
    try:
        await tick(h)
        await tick(h)
        assert sum("Прошла неделя" in t for t in texts(h)) == 1
        assert sum("Как машина" in t for t in texts(h)) == 1
    finally:
        await h.app.stop()


async def test_two_ticks_at_once_send_once(h: Harness) -> None:
    await handed_over(h)
    h.clock.advance(days=7)
    await asyncio.gather(h.app.followups.tick(), h.app.followups.tick())
    await h.app.outbox.wait_idle()
    assert sum("Прошла неделя" in t for t in texts(h)) == 1


async def test_daily_digest_in_the_general_topic_once(h: Harness) -> None:
    await request(h)
    await h.say(IVAN, "Есть новости?")
    h.clock.current = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)  # 09:00 Moscow, 3 days later
    await h.app.followups.digest()
    await h.app.outbox.wait_idle()
    await h.app.followups.digest()
    await tick(h)
    digests = [t for t in topic_texts(h, thread=None) if "Сводка на утро" in t]
    assert len(digests) == 1
    assert "Новая: 1" in digests[0]
    assert "Без новостей дольше обещанного: 1" in digests[0]
    assert "Клиенты без ответа: 1" in digests[0]


def test_the_scheduler_only_ticks(h: Harness) -> None:
    jobs = {job.id: job for job in h.app.scheduler.get_jobs()}
    assert set(jobs) == {"tick", "digest"}
    assert jobs["tick"].trigger.interval == timedelta(seconds=30)
    assert str(jobs["digest"].trigger.fields[5]) == "9"  # hour


async def test_a_review_wait_lapses_after_a_day(h: Harness) -> None:
    await handed_over(h)
    await finish_survey(h)
    h.clock.advance(days=2)
    await h.say(IVAN, "Подскажите, где лучше пройти ТО?")
    assert await h.rows("SELECT text FROM reviews") == [(None,)]
    assert h.tg.sent("copyMessage", GROUP)[-1].thread_id == TOPIC
