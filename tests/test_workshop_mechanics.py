"""Mechanics (issue 24): `/mech @name` or `/mech Имя` names the executor of the client's work
order, `/mech 2 @name` of line 2 (the line's wins); the bill names them. Through the dispatcher,
the fake Bot API and SQLite; the command's words fuzzed (hypothesis) and sent at random."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.workshop.mechanics import MAX_NAME, parse_mech
from domain.refusal import Refusal
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import GROUP, IVAN, Harness, topic_texts
from tests.steps_workshop import manager, start

ORDER = "/order ТО\nЗамена масла | 3 500\nКолодки передние | 1 800 + 4 200\nГотово: 18:00"


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def mechanics(h: Harness) -> tuple[list[tuple], list[tuple]]:
    return (await h.rows("SELECT id, mechanic FROM ws_orders ORDER BY id"),
            await h.rows("SELECT position, mechanic FROM ws_lines ORDER BY position"))


async def test_the_order_and_a_line_get_their_mechanic_and_the_bill_names_them(h: Harness) -> None:
    await h.say(IVAN, "Добрый день")
    await manager(h, "/arrived")
    await manager(h, "/mech @petrov_auto")  # the order's, before its lines
    assert topic_texts(h)[-1] == "🔧 Исполнитель заказ-наряда №\u00a01: @petrov_auto"
    await manager(h, ORDER)
    await manager(h, "/mech 2 Иван Сидоров")
    assert topic_texts(h)[-1] == "🔧 Строка 2 («Колодки передние»): исполнитель Иван Сидоров"
    assert await mechanics(h) == ([(1, "@petrov_auto")], [(1, None), (2, "Иван Сидоров")])
    await manager(h, "/mech Пётр")  # the order's changes; line 2 keeps its own
    assert await mechanics(h) == ([(1, "Пётр")], [(1, None), (2, "Иван Сидоров")])
    await h.tap(IVAN, "✅ Согласовать всё")
    await manager(h, "/done")
    bill = next(t for t in h.texts_to(IVAN) if "Ваша машина готова" in t)
    assert "• Замена масла\u00a0— 3\u202f500\u00a0₽ (мастер: Пётр)" in bill
    assert "• Колодки передние\u00a0— 6\u202f000\u00a0₽ (мастер: Иван Сидоров)" in bill


async def test_one_mechanic_is_named_once_and_a_line_can_be_cleared(h: Harness) -> None:
    await h.say(IVAN, "Добрый день")
    await manager(h, ORDER)
    await manager(h, "/mech 1 Иван")
    await manager(h, "/mech 1 -")  # cleared: the order's mechanic does it
    assert topic_texts(h)[-1] == "🔧 Строка 1 («Замена масла»): исполнитель не назначен"
    await manager(h, "/mech Пётр")
    await h.tap(IVAN, "✅ Согласовать всё")
    await manager(h, "/done")
    bill = next(t for t in h.texts_to(IVAN) if "Ваша машина готова" in t)
    assert "🔧 Мастер: Пётр" in bill and "(мастер:" not in bill


@pytest.mark.parametrize(("command", "says"), [
    ("/mech", "Формат: /mech @мастер"),
    ("/mech 5 Пётр", "В заказ-наряде нет строки 5: в нём 2 строки."),
    ("/mech ² Пётр", "Номер строки «²» не читается"),
    ("/mech 9999 Пётр", "Номер строки «9999» не читается"),
    ("/mech 0 Пётр", "Номер строки «0» не читается"),
    ("/mech @x", "Имя мастера:"),
    ("/mech " + "я" * (MAX_NAME + 1), "Имя мастера:"),
    ("/mech 12345", "Имя мастера:"),
    ("/mech \u202e", "Имя мастера:"),
])
async def test_what_cannot_be_read_is_answered_in_one_line(h: Harness, command: str, says: str) -> None:
    await h.say(IVAN, "Добрый день")
    await manager(h, ORDER)
    await manager(h, command)
    assert topic_texts(h)[-1].startswith(says)
    assert await mechanics(h) == ([(1, None)], [(1, None), (2, None)])


async def test_no_order_in_work_and_not_a_client_topic(h: Harness) -> None:
    await h.say(IVAN, "Добрый день")
    await manager(h, "/mech Пётр")
    assert topic_texts(h)[-1] == "У клиента нет заказ-наряда в работе: сначала /arrived или /order."
    await manager(h, "/mech Пётр", thread=None)
    assert await h.rows("SELECT COUNT(*) FROM ws_orders") == [(0,)]


@given(st.text(max_size=60))
def test_any_words_are_a_mechanic_or_one_refusal(text: str) -> None:
    try:
        position, name = parse_mech(text)
    except Refusal as refusal:
        assert refusal.key in {"ws-mech-usage", "ws-mech-bad-line", "ws-mech-bad-name"}
    else:
        assert position is None or 1 <= position <= 999
        assert name is None or (0 < len(name) <= MAX_NAME and "\n" not in name)


ODD = ["Пётр", "@petrov", "@x", "2", "²", "٣", "9" * 25, "-", "0", "<b>", "{ $name }", "\u202e",
       "' OR 1=1 --", "\x00", "я" * 50, ""]


async def test_fuzzed_mech_commands_are_all_answered(h: Harness) -> None:
    await h.say(IVAN, "Добрый день")
    await manager(h, ORDER)
    rng = random.Random(20261206)
    for _ in range(60):
        command = "/mech " + " ".join(rng.choice(ODD) for _ in range(rng.randint(0, 3)))
        before = len(topic_texts(h))
        await manager(h, command)
        assert len(topic_texts(h)) > before, f"no answer to {command[:80]!r}"
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert topic_texts(h, None) == []
    assert all("Traceback" not in c.text for c in h.tg.to_chat(GROUP) if c.text)
