"""Follow-ups keep themselves: the clock moves, the real tick job runs, nothing is sent twice."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import clients, requests
from storage.db import from_db, to_db
from storage.migrate import migrate
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import (
    GROUP,
    IVAN,
    REVIEW_URL,
    RU_ANSWERS,
    TOPIC,
    Harness,
    answer_all,
    answer_survey,
    manager,
    request,
    start_app,
    tick,
    topic_texts,
)


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start_app(tg, clock, db_path)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def handed_over(h: Harness, contact_time: str = "В любое время") -> datetime:
    await request(h, contact_time)
    await manager(h, "/handover")
    h.tg.clear()
    return h.clock.now()


def texts(h: Harness) -> list[str]:
    return h.texts_to(IVAN)


async def test_survey_is_due_exactly_after_the_delay(h: Harness) -> None:
    await handed_over(h)
    h.clock.advance(days=7, seconds=-60)
    await tick(h)
    assert not any("Прошла неделя" in t for t in texts(h))
    h.clock.advance(seconds=60)
    await tick(h)
    intro, first = texts(h)[-2:]
    assert "Прошла неделя с тех пор, как вы получили машину (Toyota RAV4)" in intro
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


async def test_contact_hours_follow_the_firms_time_zone(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    """A client whose own zone is unknown (a city not in the table, a mobile number) is
    written to by the firm's clock (tests/test_zones.py: a known zone is the client's)."""
    h = await start_app(tg, clock, db_path, timezone="Asia/Vladivostok")  # UTC+10
    try:
        await h.say(IVAN, "/new")
        unknown_city = [(f, "Санта-Барбара" if f == "city" else text) for f, text in RU_ANSWERS]
        await answer_all(h, IVAN, unknown_city)
        await h.tap(IVAN, "Утром")
        await h.tap(IVAN, "Всё верно")
        await manager(h, "/handover")  # 09:00 UTC = 19:00 there: not morning
        h.tg.clear()
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
    assert "Отзыв уже есть" in review.button_labels()[1]
    done = [t for t in topic_texts(h) if "прошёл опрос" in t][0]
    assert "Рекомендация (NPS): 10/10" in done and "Всё отлично" in done
    assert not any("Низкая оценка" in t for t in topic_texts(h))


async def test_half_finished_survey_keeps_its_answers(h: Harness) -> None:
    await handed_over(h)
    h.clock.advance(days=7)
    await tick(h)
    await answer_survey(h, [4, 5, 3])
    scores = "SELECT car_quality, expectations, search_speed, paperwork, completed_at FROM surveys"
    assert await h.rows(scores) == [
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
    await h.tap(IVAN, "Отзыв уже есть")
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
    assert "Как машина, всё в порядке?" in texts(h)[-1]
    await h.say(IVAN, "Всё хорошо, только датчик давления шин барахлит")
    assert h.tg.sent("copyMessage", GROUP)[-1].thread_id == TOPIC  # the answer reaches the topic


async def test_progress_warning_before_the_promise_then_topic_and_general_when_broken(h: Harness) -> None:
    await request(h)
    h.clock.advance(hours=35)
    await tick(h)
    assert not any("без новостей" in t or "не получал" in t for t in topic_texts(h))
    h.clock.advance(hours=1)  # three quarters of 48 h
    await tick(h)
    await tick(h)
    warnings = [t for t in topic_texts(h) if "Через 12\u00a0ч клиент будет 48\u00a0ч без новостей" in t]
    assert len(warnings) == 1 and "/call" in warnings[0]
    assert escalations(h) == []  # General hears nothing before the promise breaks
    h.clock.advance(hours=11)
    await tick(h)
    assert not any("не получал новостей" in t for t in topic_texts(h))
    h.clock.advance(hours=1)
    await tick(h)
    await tick(h)
    assert sum("не получал новостей 48\u00a0ч" in t for t in topic_texts(h)) == 1
    general = escalations(h)
    assert len(general) == 1
    assert "Заявка №\u00a01 (Иван Петров): клиент без новостей уже 48\u00a0ч" in general[0]
    assert f"https://t.me/c/{str(GROUP)[4:]}/{TOPIC}" in general[0]
    h.clock.advance(hours=48)
    await tick(h)
    assert len(escalations(h)) == 1  # once per silence


async def test_no_nag_after_an_update(h: Harness) -> None:
    await request(h)
    h.clock.advance(hours=47)
    await manager(h, "/stage searching")
    h.clock.advance(hours=2)
    await tick(h)
    assert not any("не получал новостей" in t for t in topic_texts(h))
    h.clock.advance(hours=46)
    await tick(h)
    assert any("не получал новостей 48\u00a0ч" in t for t in topic_texts(h))


async def test_reply_reminder_until_a_manager_answers(h: Harness) -> None:
    await request(h)
    await h.say(IVAN, "Есть новости?")
    h.clock.advance(hours=18)  # three quarters of 24 h: the topic is warned
    await tick(h)
    await tick(h)
    assert sum("Через 6\u00a0ч клиент будет ждать ответа 24\u00a0ч" in t for t in topic_texts(h)) == 1
    assert not any("ждёт ответа" in t for t in topic_texts(h, thread=None))
    h.clock.advance(hours=6)
    await tick(h)
    await tick(h)
    assert sum("ждёт ответа уже 24\u00a0ч" in t for t in topic_texts(h)) == 1
    assert sum("Иван Петров ждёт ответа уже 24\u00a0ч" in t for t in topic_texts(h, thread=None)) == 1
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
    assert "Заявка принята: 1" in digests[0]
    assert "Без новостей дольше обещанного: 1" in digests[0]
    assert "Клиенты без ответа: 1" in digests[0]
    assert "Опросов пройдено вчера: 0\n" in digests[0] and "из 10" not in digests[0]


def test_the_scheduler_only_ticks(h: Harness) -> None:
    jobs = {job.id: job for job in h.app.scheduler.get_jobs()}
    assert set(jobs) == {"tick", "digest", "erasure", "retention"}  # privacy: issue 15
    assert jobs["tick"].trigger.interval == timedelta(seconds=30)
    assert str(jobs["digest"].trigger.fields[5]) == "9"  # hour
    retention = jobs["retention"].trigger
    assert str(retention.fields[5]) == "4" and str(retention.timezone) == "Europe/Moscow"


async def test_a_review_wait_lapses_after_a_day(h: Harness) -> None:
    await handed_over(h)
    await finish_survey(h)
    h.clock.advance(days=2)
    await h.say(IVAN, "Подскажите, где лучше пройти ТО?")
    assert await h.rows("SELECT text FROM reviews") == [(None,)]
    assert h.tg.sent("copyMessage", GROUP)[-1].thread_id == TOPIC


def nags(h: Harness) -> int:
    return sum("не получал новостей" in t for t in topic_texts(h))


def escalations(h: Harness) -> list[str]:
    return [t for t in topic_texts(h, thread=None) if "клиент без новостей" in t]


def warnings(h: Harness) -> int:
    return sum("без новостей. Напишите" in t for t in topic_texts(h))


async def test_a_manager_message_rearms_the_nag_and_the_escalation(h: Harness) -> None:
    await request(h)
    h.clock.advance(hours=96)  # long past the promise: told as broken, no late warning
    await tick(h)
    assert nags(h) == 1 and len(escalations(h)) == 1 and warnings(h) == 0
    await manager(h, "Нашли два варианта, завтра пришлю отчёты")
    h.clock.advance(hours=36)
    await tick(h)
    assert nags(h) == 1 and warnings(h) == 1
    h.clock.advance(hours=12)
    await tick(h)
    await tick(h)
    assert nags(h) == 2 and topic_texts(h)[-1].startswith("⏰ Клиент не получал новостей 48\u00a0ч")
    assert len(escalations(h)) == 2 and "без новостей уже 48\u00a0ч" in escalations(h)[-1]
    h.clock.advance(hours=48)
    await tick(h)
    await tick(h)
    assert nags(h) == 2 and len(escalations(h)) == 2 and warnings(h) == 1


@pytest.mark.parametrize("command", ["/stage cancelled клиент купил сам", "/handover", "/stage closed"])
async def test_a_closed_request_is_not_nagged(h: Harness, command: str) -> None:
    await request(h)
    h.clock.advance(hours=40)
    await tick(h)
    assert warnings(h) == 1  # warned, the promise not yet broken
    await manager(h, command)
    h.clock.advance(days=30)
    await tick(h)
    assert warnings(h) == 1 and nags(h) == 0 and escalations(h) == []


async def test_a_reopened_request_is_watched_again(h: Harness) -> None:
    await request(h)
    await manager(h, "/stage cancelled клиент передумал")
    h.clock.advance(days=10)
    await manager(h, "/stage searching клиент вернулся")  # the client is told: heard now
    h.clock.advance(hours=47)
    await tick(h)
    assert nags(h) == 0
    h.clock.advance(hours=1)
    await tick(h)
    assert nags(h) == 1


async def test_the_sweep_reads_due_rows_through_indexes(h: Harness) -> None:
    """Range scans of the rows that may be due, never a scan of every open request or client
    (a partial index serves only a query that repeats its condition word for word)."""
    silent = "SEARCH requests USING INDEX requests_silence (nag_level=? AND heard_at<?)"
    for sql, search in ((requests.SILENT, silent), (requests.SILENT_COUNT, silent),
                        (clients.AWAITING_REMINDER,
                         "SEARCH clients USING INDEX clients_reply_due (first_unanswered_at<?)")):
        plan = [row[3] for row in await h.rows(f"EXPLAIN QUERY PLAN {sql}", *["x"] * sql.count("?"))]
        assert {step for step in plan if step.startswith(("SEARCH", "SCAN"))} == {search}, plan


# A database as migration 6 left it (nag marks of 0005), times in hours before now. Requests:
# (stage, created, the manager last wrote to the client, nagged for, escalated for), where
# "heard" stands for the moment the client last heard from us. One client each, in topics 701...,
# except the last request, which belongs to the client before it.
SILENCES = [
    ("searching", 50, None, None, None),         # silent 50 h, nobody nagged: nag
    ("searching", 50, None, "heard", None),      # nagged already: nothing
    ("inspecting", 200, 100, "heard", None),     # silent 100 h and nagged: escalate
    ("searching", 100, None, "heard", "heard"),  # nagged and escalated: nothing
    ("negotiating", 300, 100, 300, 300),         # marks of an older silence: nag and escalate
    ("closed", 300, None, None, None),           # closed: nothing
    ("new", 10, None, None, None),               # silent 10 h: nothing yet
    ("searching", 300, 60, None, None),          # the manager wrote 60 h ago: nag
    ("new", 20, 60, None, None),                 # same client, created since: nothing yet
]
# Clients of their own waiting for an answer (topics 709...): (waiting since, reminded for).
WAITS = [(30, None), (30, 30), (30, 40), (10, None)]
# What version 6 swept: every open request joined to its client, marks compared row by row.
OLD_SWEEP = (
    "SELECT r.id, c.topic_id, c.name, r.heard, r.progress_nagged_for IS NOT r.heard,"
    " r.heard <= :escalate AND r.escalated_for IS NOT r.heard FROM (SELECT *,"
    " MAX(created_at, COALESCE((SELECT last_manager_message_at FROM clients WHERE id = client_id),"
    " '')) AS heard FROM requests WHERE stage NOT IN ('handed_over', 'closed', 'cancelled')) r"
    " JOIN clients c ON c.id = r.client_id WHERE r.heard <= :nag AND (r.progress_nagged_for"
    " IS NOT r.heard OR (r.heard <= :escalate AND r.escalated_for IS NOT r.heard))"
)
OLD_REPLY_SWEEP = (
    "SELECT topic_id, first_unanswered_at FROM clients WHERE first_unanswered_at <= ?"
    " AND reply_nagged_for IS NOT first_unanswered_at"
)


def version_6_database(path: Path, now: datetime) -> list[tuple[int | None, str]]:
    """Builds SILENCES and WAITS in a version 6 database; returns the reminders (topic, gist)
    that version 6's sweep would send now."""
    def ago(hours: int | None) -> str | None:
        return None if hours is None else to_db(now - timedelta(hours=hours))

    def add_client(client: int, **columns: str | None) -> None:
        row = {"id": client, "channel": "telegram", "external_id": str(client),
               "chat_id": str(client), "name": f"Клиент {client}", "language": "ru",
               "contact_time": "any", "topic_id": 700 + client, "created_at": ago(400), **columns}
        conn.execute(
            f"INSERT INTO clients ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )

    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, up_to=6)
    client = 0
    for number, (stage, created, wrote, nagged, escalated) in enumerate(SILENCES, 1):
        if number < len(SILENCES):
            client += 1
            add_client(client, last_manager_message_at=ago(wrote))
        heard = created if wrote is None else min(created, wrote)
        conn.execute(
            "INSERT INTO requests (client_id, car, year_from, year_to, budget, city, deadline,"
            " stage, created_at, updated_at, progress_nagged_for, escalated_for)"
            " VALUES (?, 'Kia Rio', 2018, 2021, 1000000, 'Тула', 'весна', ?, ?, ?, ?, ?)",
            (client, stage, ago(created), ago(created),
             ago(heard if nagged == "heard" else nagged),
             ago(heard if escalated == "heard" else escalated)),
        )
    for waiting, reminded in WAITS:
        client += 1
        add_client(client, first_unanswered_at=ago(waiting), reply_nagged_for=ago(reminded))

    def since(text: str) -> int:
        return int((now - from_db(text)).total_seconds() // 3600)  # type: ignore[operator]

    swept = []
    bounds = {"nag": ago(48), "escalate": ago(96)}
    for request_id, topic, name, heard_at, nag, escalate in conn.execute(OLD_SWEEP, bounds):
        if nag:
            swept.append((topic, f"⏰ Клиент не получал новостей {since(heard_at)}\u00a0ч"))
        if escalate:
            text = f"🚨 Заявка №\u00a0{request_id} ({name}): клиент без новостей уже {since(heard_at)}\u00a0ч"
            swept.append((None, text))
    for topic, first in conn.execute(OLD_REPLY_SWEEP, (ago(24),)):
        swept.append((topic, f"⏰ Клиент ждёт ответа уже {since(first)}\u00a0ч"))
    conn.close()
    return sorted(swept, key=repr)


def reminders(h: Harness) -> list[tuple[int | None, str]]:
    """Nags, escalations and reply reminders sent to the group, up to their hours."""
    found = [(call.thread_id, (call.text or "").split("\u00a0ч")[0] + "\u00a0ч")
             for call in h.tg.sent("sendMessage", GROUP)
             if not (call.text or "").startswith("☀️")  # the digest names them too
             and any(word in (call.text or "") for word in ("без новостей", "не получал", "ждёт ответа"))]
    return sorted(found, key=repr)


@pytest.mark.parametrize("batch", [500, 2])  # 2: the backlog is swept a few rows at a time
async def test_a_migrated_database_gets_each_broken_promise_told_once(
    tg: FakeTelegram, clock: FakeClock, db_path: Path, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Version 6 nagged the topic at 48 h and General at 96 h; since version 10 the topic is
    warned at 36 h and topic and General are told at 48 h. A silence or wait version 6 had
    already nagged about counts as told: nothing is sent twice; the rest follow the new rule."""
    monkeypatch.setattr("bot.services.followups.BATCH", batch)
    expected = version_6_database(db_path, clock.now())
    assert expected == sorted([  # what SILENCES and WAITS say, by hand
        (701, "⏰ Клиент не получал новостей 50\u00a0ч"),
        (None, "🚨 Заявка №\u00a03 (Клиент 3): клиент без новостей уже 100\u00a0ч"),
        (705, "⏰ Клиент не получал новостей 100\u00a0ч"),
        (None, "🚨 Заявка №\u00a05 (Клиент 5): клиент без новостей уже 100\u00a0ч"),
        (708, "⏰ Клиент не получал новостей 60\u00a0ч"),
        (709, "⏰ Клиент ждёт ответа уже 30\u00a0ч"),
        (711, "⏰ Клиент ждёт ответа уже 30\u00a0ч"),
    ], key=repr)
    h = await start_app(tg, clock, db_path)  # migrates to the current version
    try:
        await tick(h)
        await tick(h)
        assert reminders(h) == sorted([
            (701, "⏰ Клиент не получал новостей 50\u00a0ч"),
            (None, "🚨 Заявка №\u00a01 (Клиент 1): клиент без новостей уже 50\u00a0ч"),
            (705, "⏰ Клиент не получал новостей 100\u00a0ч"),
            (None, "🚨 Заявка №\u00a05 (Клиент 5): клиент без новостей уже 100\u00a0ч"),
            (708, "⏰ Клиент не получал новостей 60\u00a0ч"),
            (None, "🚨 Заявка №\u00a08 (Клиент 8): клиент без новостей уже 60\u00a0ч"),
            (709, "⏰ Клиент ждёт ответа уже 30\u00a0ч"),
            (None, "🚨 Клиент 9 ждёт ответа уже 30\u00a0ч"),
            (711, "⏰ Клиент ждёт ответа уже 30\u00a0ч"),
            (None, "🚨 Клиент 11 ждёт ответа уже 30\u00a0ч"),
        ], key=repr)
        assert any("Без новостей дольше обещанного: 6" in t for t in topic_texts(h, thread=None))
        h.tg.clear()
        h.clock.advance(hours=38)  # the silences of 10, 20 and 60 hours reach 48, 58 and 98
        await tick(h)
        assert reminders(h) == sorted([
            (707, "⏰ Клиент не получал новостей 48\u00a0ч"),
            (None, "🚨 Заявка №\u00a07 (Клиент 7): клиент без новостей уже 48\u00a0ч"),
            (708, "⏰ Клиент не получал новостей 58\u00a0ч"),
            (None, "🚨 Заявка №\u00a09 (Клиент 8): клиент без новостей уже 58\u00a0ч"),
            (712, "⏰ Клиент ждёт ответа уже 48\u00a0ч"),
            (None, "🚨 Клиент 12 ждёт ответа уже 48\u00a0ч"),
        ], key=repr)
    finally:
        await h.app.stop()
