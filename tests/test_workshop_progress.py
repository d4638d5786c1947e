"""Where the car is (issue 24): `/progress` with the steps of WORKSHOP_PROGRESS (key or name) told
to the client at once (Telegram and WhatsApp) and shown in /status; waiting for parts with a day
moves the promised time through /ready's rule; each step kept with its time; odd, far and past
days refused in one line. Through the dispatcher and the fake servers."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import ConfigError
from domain.progress import parse_steps
from storage.db import from_db
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import GROUP, IVAN, Harness, Wa, make_settings, plain, topic_texts
from tests.steps_workshop import HOURS, manager, start

ORDER = """/order ТО-3, Kia Rio 2019
Замена масла и фильтра | 3 500
Готово: 18:00"""
FIRMS = "diagnosis:Диагностика;parts:Ждём запчасти;work:В работе;wash:Мойка;check:Контроль качества"
# The clock starts Monday 23.11.2026 09:00 UTC = 12:00 in Moscow; the car is promised for 18:00.


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path, workshop_progress=FIRMS, qc_checks="Тест-драйв;Салон")
    try:
        yield harness
    finally:
        await harness.app.stop()


async def agreed(h: Harness) -> None:
    await h.say(IVAN, "Добрый день, я подъехал")
    await manager(h, "/arrived")
    await manager(h, ORDER)
    await h.tap(IVAN, "✅ 1.")


def last(h: Harness) -> str:
    return plain(topic_texts(h)[-1])


async def steps(h: Harness) -> list[tuple]:
    return await h.rows("SELECT order_id, step, parts_until, manager_id, at FROM ws_progress ORDER BY id")


async def test_each_step_is_told_to_the_client_and_kept_with_its_time(h: Harness) -> None:
    await agreed(h)
    await manager(h, "/progress diagnosis")
    assert plain(h.last_text_to(IVAN)) == (
        "🔧 Новости о вашей машине (заказ-наряд № 1): <b>Диагностика</b>")
    assert last(h) == "🔧 Заказ-наряд № 1: Диагностика. Клиенту сообщили."
    h.clock.advance(minutes=40)
    await manager(h, "/progress мойка после ремонта бесплатно")  # the firm's own step, by its name
    assert plain(h.last_text_to(IVAN)).endswith("<b>Мойка</b>\nпосле ремонта бесплатно")
    h.clock.advance(minutes=20)
    await manager(h, "/progress В работе")
    rows = await steps(h)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (1, "diagnosis", None, 900), (1, "wash", None, 900), (1, "work", None, 900)]
    assert [from_db(r[4]) for r in rows] == [datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
                                           datetime(2026, 11, 23, 9, 40, tzinfo=UTC),
                                           datetime(2026, 11, 23, 10, 0, tzinfo=UTC)]
    # /status shows where the car is, since when, and the promised time.
    await h.say(IVAN, "/status")
    status = plain(h.last_text_to(IVAN))
    assert "Ваша машина в сервисе</b>, заказ-наряд № 1" in status
    assert "Сейчас: <b>В работе</b> (с пн, 23 ноября, 13:00)" in status
    assert "Машина будет готова: <b>пн, 23 ноября, 18:00</b>" in status


async def test_waiting_for_parts_with_a_day_moves_the_promised_time(h: Harness) -> None:
    await agreed(h)
    await manager(h, "/progress parts 12.12")
    texts = [plain(t) for t in h.texts_to(IVAN)]
    assert "<b>Ждём запчасти</b>\nЗапчасти ожидаем 12 декабря." in texts[-2]
    moved = texts[-1]
    assert "было пн, 23 ноября, 18:00, теперь <b>сб, 12 декабря, 18:00</b>" in moved
    assert "Причина: ждём запчасти, они придут 12 декабря" in moved
    (promise,) = await h.rows("SELECT old_at, new_at, reason FROM ws_promises")
    assert from_db(promise[1]) == datetime(2026, 12, 12, 15, 0, tzinfo=UTC)
    assert promise[2] == "ждём запчасти, они придут 12 декабря"
    (row,) = await h.rows("SELECT promised_at, first_promised_at FROM ws_orders")
    assert from_db(row[0]) == datetime(2026, 12, 12, 15, 0, tzinfo=UTC)
    assert from_db(row[1]) == datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # the first promise kept
    assert any("Готовность по № 1 перенесена" in plain(t) for t in topic_texts(h))
    assert any(t.startswith("🔧 Заказ-наряд № 1: Ждём запчасти (12.12)") for t in
               map(plain, topic_texts(h)))
    # A day before the promise needs no move: the client is told the day only.
    await manager(h, "/progress Ждём запчасти 10.12 поставщик ускорился")
    assert "Запчасти ожидаем 10 декабря.\nпоставщик ускорился" in plain(h.last_text_to(IVAN))
    assert len(await h.rows("SELECT id FROM ws_promises")) == 1
    await h.say(IVAN, "/status")
    assert "Запчасти ожидаем 10 декабря." in plain(h.last_text_to(IVAN))


@pytest.mark.parametrize(("command", "answer"), [
    ("/progress parts 12.12.2099", "больше чем на год"),
    ("/progress parts 01.11.2026", "Этот день уже прошёл"),
    ("/progress parts １２.１２", "Не получилось разобрать дату"),
    ("/progress parts 1².12", "Не получилось разобрать дату"),
    ("/progress parts ٣١.١٢", "Не получилось разобрать дату"),
    ("/progress parts 31.02", "Не получилось разобрать дату"),
    ("/progress parts 12.12 " + "я" * 301, "длиннее 300 знаков"),
    ("/progress", "Не получилось понять этап"),
    ("/progress покраска", "diagnosis (Диагностика), parts (Ждём запчасти), work (В работе), wash"),
])
async def test_odd_far_and_past_days_are_refused_in_one_line(h: Harness, command: str,
                                                          answer: str) -> None:
    await agreed(h)
    to_ivan = len(h.texts_to(IVAN))
    await manager(h, command)
    assert answer in last(h) and "\n" not in last(h)
    assert len(h.texts_to(IVAN)) == to_ivan and await steps(h) == []
    assert await h.rows("SELECT COUNT(*) FROM ws_promises") == [(0,)]


async def test_the_figures_show_the_mean_time_in_each_step(h: Harness) -> None:
    await agreed(h)
    await manager(h, "/progress diagnosis")
    h.clock.advance(minutes=90)
    await manager(h, "/progress work")
    h.clock.advance(hours=3, minutes=30)
    await manager(h, "/progress diagnosis")  # back to diagnosis: a second stretch of it
    h.clock.advance(minutes=30)
    await manager(h, "/progress check")
    h.clock.advance(hours=1)
    await manager(h, "/qc все")
    await manager(h, "/done")
    await manager(h, "/stats 2026-11", thread=None)
    (line,) = [line for t in topic_texts(h, None) for line in plain(t).splitlines()
               if line.startswith("Время по этапам")]
    assert line == ("Время по этапам, в среднем: Диагностика — 1 ч (2), В работе — 3,5 ч (1),"
                    " Контроль качества — 1 ч (1)")


async def test_the_check_step_shows_the_quality_check(h: Harness) -> None:
    await agreed(h)
    await manager(h, "/progress check")
    assert "Контроль качества" in plain(h.last_text_to(IVAN))
    labels = [c.button_labels() for c in h.tg.to_chat(GROUP) if c.button_labels()][-1]
    assert labels == ["⬜ 1. Тест-драйв", "⬜ 2. Салон"]


async def test_no_order_no_progress(h: Harness) -> None:
    await h.say(IVAN, "Здравствуйте")
    await manager(h, "/progress work")
    assert "нет заказ-наряда" in last(h)
    assert await steps(h) == []


async def test_the_default_steps_are_named_in_each_language(tg, clock, db_path) -> None:
    h = await start(tg, clock, db_path)
    try:
        await agreed(h)
        await manager(h, "/progress ждём запчасти")  # the default name, in the managers' language
        assert "<b>Ждём запчасти</b>" in h.last_text_to(IVAN)
        assert (await steps(h))[0][1] == "parts"
    finally:
        await h.app.stop()


async def test_a_whatsapp_client_hears_the_progress(start) -> None:
    wa: Wa = await start(workshop_hours=HOURS, contact_hours="00:00-24:00")
    await wa.say("Здравствуйте")
    await wa.manager("/arrived")
    await wa.manager(ORDER)
    await wa.say("1")  # the line approved
    await wa.manager("/progress work")
    assert wa.bodies()[-1] == "🔧 Новости о вашей машине (заказ-наряд №\u00a01): *В работе*"
    await wa.manager("/progress parts 12.12")
    assert "Причина: ждём запчасти, они придут 12 декабря" in wa.bodies()[-1]
    await wa.say("/status")
    assert "Сейчас: *Ждём запчасти*" in wa.bodies()[-1]


@pytest.mark.parametrize(("value", "says"), [
    ("diagnosis;Покраска", "a step's key is latin lower-case letters"),
    ("parts:" + "я" * 41, "a step's name is longer than 40 characters"),
    ("work:В работе;paint:в работе", "named twice: в работе"),
    ("work;work", "named twice: work"),
    ("wash:", "the step wash has an empty name"),
    (";".join(f"s{n}" for n in range(11)), "at most 10 steps"),
])
def test_a_bad_list_of_steps_is_named_in_one_line(tg, db_path, value: str, says: str) -> None:
    with pytest.raises(ConfigError) as refused:
        make_settings(tg, db_path, workshop_progress=value)
    assert str(refused.value).startswith(f"Setting WORKSHOP_PROGRESS is malformed: {says}")
    assert "\n" not in str(refused.value)


@given(st.text(max_size=60))
def test_any_setting_is_steps_or_one_line_of_error(text: str) -> None:
    try:
        found = parse_steps(text)
    except ValueError as error:
        assert "\n" not in str(error).strip("\n") or "\n" in text
        return
    assert all(key.isascii() and key == key.lower() for key, _ in found)


ODD = ["parts", "diagnosis", "work", "мойка", "ждём", "запчасти", "12.12", "²", "٣", "9" * 25,
       "31.12.9999", "01.01.0001", "-", "", "x" * 400, "<b>", "{ $name }", "\u202e", "１２.１２",
       "2026-12-12", "2026-13-45", "25:00"]


async def test_fuzzed_progress_is_always_answered(h: Harness) -> None:
    await agreed(h)
    rng = random.Random(20261208)
    for _ in range(40):
        command = "/progress " + " ".join(rng.choice(ODD) for _ in range(rng.randint(0, 4)))
        before = len(topic_texts(h))
        await manager(h, command)
        assert len(topic_texts(h)) > before, command
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert all("Traceback" not in c.text for c in h.tg.to_chat(GROUP) if c.text)
