"""The workshop floor's figures (issue 24) in /stats and /export: norm hours sold against hours
available per day, the most frequent operations (by code, else title), the average order, and
per mechanic their orders, hours, comebacks and the check's quality score. Exact on a seeded
database, through the dispatcher in the General topic."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.db import to_db
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import IVAN, JOHN, Harness, topic_texts
from tests.steps_workshop import manager, start

NB = "\u00a0"


def at(day: str) -> str:
    return to_db(datetime.fromisoformat(day).replace(tzinfo=UTC))


BOOKINGS = [(1, 1, "Kia Rio", "2026-11-05 07:00"), (2, 1, "Kia Rio", "2026-11-20 07:00")]
ORDERS = [  # id, client, booking, mechanic, opened, closed (UTC; Moscow is +3)
    (1, 1, 1, "Пётр", "2026-11-05 07:05", "2026-11-05 14:00"),  # Thu 05.11
    (2, 1, 2, "Пётр", "2026-11-20 07:00", "2026-11-20 13:00"),  # back within 30 days: a comeback
    (3, 2, None, None, "2026-11-10 07:00", "2026-11-10 10:00"),  # Tue 10.11, no mechanic named
    (4, 2, None, "Пётр", "2026-09-20 07:00", "2026-09-20 11:00"),  # outside the period
]
LINES = [  # order, position, code, title, price, status, norm minutes, the line's own mechanic
    (1, 1, "ТО-1", "ТО-1: масло", 5500, "approved", 90, None),
    (1, 2, None, "Колодки", 6000, "approved", 90, "Иван"),
    (1, 3, None, "Диагностика", 1500, "declined", 30, None),  # not done: not sold
    (2, 1, "ТО-1", "ТО-1: масло", 5500, "approved", 120, None),
    (3, 1, None, "Замена масла", 3000, "approved", 30, None),
    (3, 2, "ТО-1", "ТО-1: масло", 5500, "approved", 90, None),
    (4, 1, "ТО-1", "ТО-1: масло", 5500, "approved", 90, None),
]
CHECKS = [(1, "2026-11-10 08:00", 5), (2, "2026-11-25 08:00", 3)]  # order, sent, quality


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path)  # Mon-Fri 09:00-19:00; Sat 10:00-16:00; 2 bays
    await harness.say(IVAN, "/start")
    await harness.say(JOHN, "/start")
    async with harness.app.db.transaction() as tx:
        for b in BOOKINGS:
            await tx.execute(
                "INSERT INTO ws_bookings (id, client_id, kind, car, slot_at, status, source,"
                " created_at, updated_at) VALUES (?, ?, 'ТО', ?, ?, 'arrived', 'client', ?, ?)",
                (*b[:3], at(b[3]), at(b[3]), at(b[3])))
        for o in ORDERS:
            await tx.execute(
                "INSERT INTO ws_orders (id, client_id, booking_id, mechanic, title, opened_at,"
                " sent_at, status, closed_at) VALUES (?, ?, ?, ?, 'ТО', ?, ?, 'done', ?)",
                (*o[:4], at(o[4]), at(o[4]), at(o[5])))
        for line in LINES:
            await tx.execute(
                "INSERT INTO ws_lines (order_id, position, code, title, price, status, norm_minutes,"
                " mechanic) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", line)
        for c in CHECKS:
            await tx.execute(
                "INSERT INTO ws_checks (order_id, client_id, sent_at, completed_at, quality)"
                " VALUES (?, 1, ?, ?, ?)", (c[0], at(c[1]), at(c[1]), c[2]))
    harness.clock.current = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    try:
        yield harness
    finally:
        await harness.app.stop()


def floor_lines(h: Harness) -> list[str]:
    (text,) = [t for t in topic_texts(h, None) if "Сервис</b>" in t]
    lines = text.splitlines()
    return lines[lines.index(next(line for line in lines if line.startswith("Нормочасы"))):]


async def test_the_floor_figures_are_exact(h: Harness) -> None:
    await manager(h, "/stats 2026-11", thread=None)
    hours, days, *rest = floor_lines(h)
    # November 2026: 21 weekdays × 10 h + 4 Saturdays × 6 h = 234 h a bay, two bays: 468 h;
    # sold: 3 h (order 1) + 2 h (order 2) + 2 h (order 3)
    assert hours == f"Нормочасы: продано 7{NB}ч из 468{NB}ч (1%)"
    listed = days.removeprefix("По дням: ").split(", ")
    assert len(listed) == 25 and listed[0] == "02.11 0%" and listed[-1] == "30.11 0%"
    assert {"05.11 15%", "10.11 10%", "20.11 10%", "07.11 0%"} <= set(listed)  # 3 h of 20; 2 of 20
    assert rest == [
        "Частые работы: ТО-1 ×3, Замена масла ×1, Колодки ×1",
        f"Средний заказ-наряд: 8\u202f500{NB}₽ (закрыто: 3)",
        "По мастерам:",
        # Пётр: orders 1 and 2 (1,5 h + 2 h), a comeback after order 1, checks 5 and 3
        f"• Пётр: заказ-нарядов 2, 3,5{NB}ч, повторных обращений 1, качество 4.0 (2)",
        # Иван: line 2 of order 1; order 1 came back too, and its check was 5
        f"• Иван: заказ-нарядов 1, 1,5{NB}ч, повторных обращений 1, качество 5.0 (1)",
        f"• без мастера: заказ-нарядов 1, 2{NB}ч, повторных обращений 0, качество — (0)",
    ]


async def test_the_export_has_hours_per_day_and_mechanics(h: Harness) -> None:
    await manager(h, "/export 2026-11", thread=None)
    files = {name: list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
             for name, content in h.tg.uploads if name.startswith("workshop_")}
    days = files["workshop_hours_2026-11-01_2026-11-30.csv"]
    assert days[0] == ["День", "Продано, ч", "Доступно, ч", "Загрузка"]
    assert ["2026-11-05", "3", "20", "15%"] in days and ["2026-11-07", "0", "12", "0%"] in days
    assert len(days) == 26
    assert files["workshop_mechanics_2026-11-01_2026-11-30.csv"] == [
        ["Мастер", "Заказ-нарядов", "Нормочасов", "Повторных обращений", "Опросов с ответом",
         "Качество (1–5)"],
        ["Пётр", "2", "3,5", "1", "2", "4.00"],
        ["Иван", "1", "1,5", "1", "1", "5.00"],
        ["без мастера", "1", "2", "0", "0", ""],
    ]


async def test_a_period_with_nothing_done(h: Harness) -> None:
    await manager(h, "/stats 2026-10", thread=None)
    hours, _, *rest = floor_lines(h)
    assert hours == f"Нормочасы: продано 0{NB}ч из 500{NB}ч (0%)"  # 22 weekdays, 5 Saturdays
    assert rest == ["Частые работы: —", "Средний заказ-наряд: — (закрыто: 0)", "По мастерам: —"]


async def test_a_long_period_lists_its_days_in_the_export_only(h: Harness) -> None:
    await manager(h, "/stats 01.09.2026 30.11.2026", thread=None)
    hours, days, *_ = floor_lines(h)
    assert hours.startswith(f"Нормочасы: продано 8,5{NB}ч из ")  # September's order too: 1,5 h
    assert days == f"По дням{NB}— в файле /export."
