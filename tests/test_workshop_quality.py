"""The quality check before release (issue 24): a checklist per work order from QC_CHECKS, ticked
with buttons in the topic by whoever did it (who and when, append-only); `/done` refused while an
item is open unless a reason is given, the reason kept and counted in the figures. Through the
dispatcher and the fake Bot API."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import ConfigError, Settings
from bot.services.workshop.quality import QC_CODES, read_release
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import (
    GROUP,
    IVAN,
    JOHN,
    MANAGER,
    PAVEL,
    TOPIC,
    Harness,
    group_press,
    make_settings,
    plain,
    topic_texts,
)
from tests.steps_workshop import manager, start

ORDER = """/order ТО-3, Kia Rio 2019
Замена масла и фильтра | 3 500
Готово: 18:00"""
DEFAULT = ("Тест-драйв", "Все согласованные работы выполнены", "Жидкости", "Момент затяжки колёс",
           "Салон чистый", "Старые детали предложены")


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path, qc_checks=Settings.model_fields["qc_checks"].default)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def agreed(h: Harness, user: TgUser = IVAN, thread: int = TOPIC) -> None:
    """The client's order sent and approved: only the check stands between it and the bill."""
    await h.say(user, "Добрый день, я подъехал")  # the client's topic opens
    await manager(h, "/arrived", thread)
    await manager(h, ORDER, thread)
    await h.tap(user, "✅ 1.")


def last(h: Harness, thread: int | None = TOPIC) -> str:
    return plain(topic_texts(h, thread)[-1])


async def press(h: Harness, label: str, who: TgUser = MANAGER, thread: int = TOPIC) -> None:
    """Press the newest button in the topic whose label has this text."""
    for call in reversed(h.tg.to_chat(GROUP)):
        if call.thread_id == thread and any(label in text for text in call.button_labels()):
            await h.feed(in_thread(group_press(h, who, call.button_data(label),
                                               call.result["message_id"]), thread))
            return
    raise AssertionError(f"no button {label!r} in topic {thread}")


def in_thread(update: dict[str, Any], thread: int) -> dict[str, Any]:
    update["callback_query"]["message"]["message_thread_id"] = thread
    return update


async def status(h: Harness) -> str:
    (row,) = await h.rows("SELECT status FROM ws_orders WHERE id = 1")
    return row[0]


def test_the_default_list_is_the_codes_named_in_each_language() -> None:
    assert Settings.model_fields["qc_checks"].default == ";".join(QC_CODES)


@pytest.mark.parametrize(("value", "says"), [
    (";".join(f"пункт {n}" for n in range(21)), "at most 20 items separated by ';', found 21"),
    ("Тест-драйв;" + "я" * 61, "an item is longer than 60 characters"),
    ("Салон; салон", "named twice: Салон"),
])
def test_a_bad_list_is_named_in_one_line(tg, db_path, value: str, says: str) -> None:
    with pytest.raises(ConfigError) as refused:
        make_settings(tg, db_path, qc_checks=value)
    assert str(refused.value).startswith(f"Setting QC_CHECKS is malformed: {says}")
    assert "\n" not in str(refused.value)


async def test_done_with_an_open_item_and_no_reason_is_refused(h: Harness) -> None:
    await agreed(h)
    to_ivan = len(h.texts_to(IVAN))
    await manager(h, "/done Через 10 000 км — колодки")
    assert last(h).startswith("Машину пока не выдаём: проверка перед выдачей (заказ-наряд № 1)")
    assert "не отмечено: " + ", ".join(DEFAULT) in last(h)
    assert await status(h) == "sent" and len(h.texts_to(IVAN)) == to_ivan  # no bill, no PDF
    assert not [n for n, _ in h.tg.uploads if n.endswith(".pdf")]
    await manager(h, "/done причина")  # the keyword without a reason
    assert "Напишите причину" in last(h)
    await manager(h, "/qc skip")
    assert "Напишите причину" in last(h)
    assert await status(h) == "sent"
    assert await h.rows("SELECT COUNT(*) FROM ws_qc_waivers") == [(0,)]
    # The list froze as QC_CHECKS stood: one item ticked still leaves five open.
    await manager(h, "/qc 1")
    await manager(h, "/done")
    assert "не отмечено: " + ", ".join(DEFAULT[1:]) in last(h)
    assert await status(h) == "sent"


async def test_done_with_a_reason_releases_and_is_counted(h: Harness) -> None:
    await agreed(h)
    await manager(h, "/qc 1 2 3")
    await manager(h, "/done причина: клиент торопится, салон уберём в следующий раз\nСовет: колодки")
    assert await status(h) == "done"
    assert await h.rows("SELECT order_id, manager_id, open_items, reason FROM ws_qc_waivers") == [
        (1, MANAGER.id, "Момент затяжки колёс, Салон чистый, Старые детали предложены",
         "клиент торопится, салон уберём в следующий раз")]
    waived = [t for t in topic_texts(h) if "выдаётся без полной проверки" in t]
    assert len(waived) == 1 and "«клиент торопится, салон уберём в следующий раз»" in waived[0]
    bill = next(t for t in h.texts_to(IVAN) if "Совет" in t)
    assert "причина" not in bill and "торопится" not in bill  # the reason is the managers' own
    assert (await h.rows("SELECT advice FROM ws_orders"))[0][0] == "Совет: колодки"
    # The figures: /stats counts it, /export names the reason.
    await manager(h, "/stats 2026-11", thread=None)
    assert "Выдано без полной проверки: 1 из 1" in "\n".join(topic_texts(h, None))
    await manager(h, "/export 2026-11", thread=None)
    content = next(c for n, c in h.tg.uploads if n.startswith("work_orders"))
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][-1] == "Выдан без полной проверки: причина"
    assert rows[1][-1] == "клиент торопится, салон уберём в следующий раз"


async def test_a_reason_given_beforehand_with_qc_skip(h: Harness) -> None:
    await agreed(h)
    await manager(h, "/qc skip тест-драйв невозможен: гололёд")
    assert "Не отмечено: " + ", ".join(DEFAULT) in last(h)
    await manager(h, "/done")
    assert await status(h) == "done"
    assert await h.rows("SELECT reason FROM ws_qc_waivers") == [("тест-драйв невозможен: гололёд",)]


async def test_ticks_by_two_managers_each_recorded_then_done_without_a_reason(h: Harness) -> None:
    await agreed(h)
    await manager(h, "/qc")
    assert "заказ-наряд № 1:</b> отмечено 0 из 6" in last(h)
    labels = [c.button_labels() for c in h.tg.to_chat(GROUP) if c.button_labels()][-1]
    assert labels == [f"⬜ {n}. {name}" for n, name in enumerate(DEFAULT, 1)]

    await press(h, "⬜ 1. Тест-драйв", MANAGER)
    h.clock.advance(minutes=5)
    await press(h, "⬜ 3. Жидкости", PAVEL)
    assert "отмечено 2 из 6" in last(h)
    assert "✅ 1. Тест-драйв — Olga (@olga_manager), пн 23.11 12:00" in last(h)
    assert "✅ 3. Жидкости — Pavel, пн 23.11 12:05" in last(h)
    assert await h.rows("SELECT position, checked, manager_id FROM ws_qc_ticks ORDER BY id") == [
        (1, 1, MANAGER.id), (3, 1, PAVEL.id)]
    # A second press on a ticked button (two people at once) records nothing.
    await press(h, "⬜ 1. Тест-драйв", PAVEL)
    assert "уже отмечен: ✅ 1. Тест-драйв — Olga" in last(h)
    assert len(await h.rows("SELECT id FROM ws_qc_ticks")) == 2
    # A tick taken back is a new record; the old one stays (append-only).
    await press(h, "✅ 3. Жидкости", MANAGER)
    assert "⬜ 3. Жидкости" in last(h)
    assert await h.rows("SELECT position, checked, manager_id FROM ws_qc_ticks ORDER BY id") == [
        (1, 1, MANAGER.id), (3, 1, PAVEL.id), (3, 0, MANAGER.id)]

    await manager(h, "/done")
    assert await status(h) == "sent"
    await h.feed(h.updates.in_topic(PAVEL, TOPIC, text="/qc все"))
    assert "отмечено 6 из 6" in last(h)
    await manager(h, "/done")
    assert await status(h) == "done"
    assert await h.rows("SELECT COUNT(*) FROM ws_qc_waivers") == [(0,)]
    # Who checked what stays readable from storage (the bill's PDF shows it).
    from storage import workshop_quality
    async with h.app.db.read() as tx:
        found = await workshop_quality.items(tx, 1)
    assert [(i.position, i.checked_by_name) for i in found] == [
        (1, "Olga (@olga_manager)"), (2, "Pavel"), (3, "Pavel"), (4, "Pavel"), (5, "Pavel"),
        (6, "Pavel")]


async def test_forged_and_foreign_ticks_are_refused(h: Harness) -> None:
    await agreed(h)
    await agreed(h, JOHN, TOPIC + 1)  # John's order is №2, in the next topic
    await manager(h, "/qc")
    await manager(h, "/qc", TOPIC + 1)
    ticks = await h.rows("SELECT * FROM ws_qc_ticks")
    # John's button pressed in Ivan's topic, and a button naming an order or item that is not there.
    for data in ("a:qc:2.1.on", "a:qc:1.7.on", "a:qc:1.0.on", "a:qc:99.1.on", "a:qc:1.².on",
                 "a:qc:" + "9" * 25 + ".1.on", "a:qc:1", "a:qc:", "a:qc:1.1.yes", "a:qc:1.1.on.x"):
        answered = len(h.tg.sent("answerCallbackQuery"))
        before = len(topic_texts(h))
        await h.feed(group_press(h, MANAGER, data, 1))
        assert len(h.tg.sent("answerCallbackQuery")) > answered, data
        assert len(topic_texts(h)) > before, data
        assert "кнопка устарела" in last(h), data
    # A client pressing a manager's button is told it is out of date.
    await h.feed(h.updates.press(IVAN, "a:qc:1.1.on", 1))
    assert await h.rows("SELECT * FROM ws_qc_ticks") == ticks == []
    # A closed order's buttons are out of date too.
    await manager(h, "/qc все", TOPIC + 1)
    await manager(h, "/done", TOPIC + 1)
    assert (await h.rows("SELECT status FROM ws_orders WHERE id = 2")) == [("done",)]
    await h.feed(in_thread(group_press(h, MANAGER, "a:qc:2.1", 1), TOPIC + 1))
    assert "кнопка устарела" in last(h, TOPIC + 1)
    assert await h.rows("SELECT COUNT(*) FROM ws_qc_ticks WHERE checked = 0") == [(0,)]
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert all("Traceback" not in c.text for c in h.tg.to_chat(GROUP) if c.text)


async def test_a_restart_mid_check_keeps_the_ticks(tg: FakeTelegram, clock: FakeClock,
                                                   db_path: Path) -> None:
    first = await start(tg, clock, db_path, qc_checks="Тест-драйв;Салон")
    await agreed(first)
    await manager(first, "/qc")
    await press(first, "⬜ 1. Тест-драйв", PAVEL)
    await first.app.stop()

    h = await start(tg, clock, db_path, qc_checks="Тест-драйв;Салон;Жидкости")  # changed since
    h.updates = first.updates  # Telegram's update ids go on from where they were
    try:
        await manager(h, "/qc")
        assert "отмечено 1 из 2" in last(h) and "✅ 1. Тест-драйв — Pavel" in last(h)
        assert "Жидкости" not in last(h)  # the order keeps the list it began with
        await press(h, "⬜ 2. Салон")
        await manager(h, "/done")
        assert await status(h) == "done"
    finally:
        await h.app.stop()


async def test_an_empty_list_means_no_check(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> None:
    h = await start(tg, clock, db_path)  # the tests' default: QC_CHECKS empty
    try:
        await agreed(h)
        await manager(h, "/qc")
        assert "нет пунктов" in last(h)
        await manager(h, "/done")
        assert await status(h) == "done"
        assert await h.rows("SELECT COUNT(*) FROM ws_qc_items") == [(0,)]
    finally:
        await h.app.stop()


async def test_qc_outside_an_order_is_answered(h: Harness) -> None:
    await h.say(IVAN, "Здравствуйте")
    await manager(h, "/qc")
    assert "нет заказ-наряда" in last(h)
    await manager(h, "/qc", thread=None)
    assert topic_texts(h, None)  # General: told to write in a client's topic


# -- fuzz -------------------------------------------------------------------------------------

@given(st.text(max_size=80))
def test_any_done_text_is_the_advice_or_a_reason_with_the_advice(text: str) -> None:
    reason, advice = read_release(text)
    if reason is None:
        assert advice == text
    else:
        assert text.strip().split()[0].casefold().rstrip(":") in {"причина", "reason", "skip",
                                                                    "пропустить"}
        assert "\n" not in reason and reason == " ".join(reason.split())


ODD = ["²", "٣", "9" * 25, "-1", "0", "7", "1", "все", "all", "skip", "причина", "-", "снять",
       "", "x" * 600, "<b>", "{ $name }", "\u202e", "#1", "1,2", "３"]


async def test_fuzzed_qc_and_done_are_all_answered(h: Harness) -> None:
    await agreed(h)
    rng = random.Random(20261206)
    for _ in range(40):
        command = rng.choice(["/qc", "/done"]) + " " + " ".join(
            rng.choice(ODD) for _ in range(rng.randint(0, 3)))
        before = len(topic_texts(h))
        await manager(h, command)
        if await status(h) == "done":
            break
        assert len(topic_texts(h)) > before, command
    for _ in range(20):
        data = f"a:qc:{'.'.join(rng.choice(ODD)[:20] for _ in range(rng.randint(0, 4)))}"[:64]
        answered = len(h.tg.sent("answerCallbackQuery"))
        await h.feed(group_press(h, MANAGER, data, 1))
        assert len(h.tg.sent("answerCallbackQuery")) > answered, data
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert all("Traceback" not in c.text for c in h.tg.to_chat(GROUP) if c.text)
