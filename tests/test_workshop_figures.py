"""The workshop's figures in /stats and its work-orders file in /export, exact on a seeded
database (through the dispatcher, in the General topic)."""

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


def at(day: str) -> str:
    return to_db(datetime.fromisoformat(day).replace(tzinfo=UTC))


BOOKINGS = [  # id, client, car, slot, status, created
    (1, 1, "Kia Rio", "2026-11-05 07:00", "arrived", "2026-11-01 10:00"),
    (2, 1, "Kia Rio", "2026-11-20 07:00", "arrived", "2026-11-15 10:00"),
    (3, 2, "VW Polo", "2026-11-10 07:00", "booked", "2026-11-02 10:00"),  # a no-show
    (4, 2, "VW Polo", "2026-11-12 07:00", "cancelled", "2026-11-03 10:00"),
    (5, 2, "VW Polo", "2026-12-05 07:00", "booked", "2026-11-25 10:00"),  # ahead: not counted as a visit
]
ORDERS = [  # id, client, booking, opened, sent, first promised, closed
    (1, 1, 1, "2026-11-05 07:05", "2026-11-05 07:30", "2026-11-05 15:00", "2026-11-05 14:00"),
    (2, 1, 2, "2026-11-20 07:00", "2026-11-20 07:20", "2026-11-20 12:00", "2026-11-20 13:00"),
    (3, 1, None, "2026-09-20 07:00", "2026-09-20 07:20", "2026-09-20 12:00", "2026-09-20 11:00"),
]
LINES = [  # order, position, price, status, reason, decided by
    (1, 1, 3500, "approved", None, "client"), (1, 2, 6200, "declined", "price", "client"),
    (1, 3, 1500, "approved", None, "client"), (2, 1, 2000, "approved", None, "client"),
    (2, 2, 4000, "declined", "later", "client"), (2, 3, 900, "declined", None, "policy"),
    (3, 1, 7777, "approved", None, "client"),
]
CHECKS = [  # order, sent, quality, on time, clarity, staff, nps, problem back
    (1, "2026-11-10 08:00", 5, 4, 5, 5, 10, 0), (2, "2026-11-25 08:00", 3, 2, 4, 5, 6, 1),
]


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path)
    await harness.say(IVAN, "/start")
    await harness.say(JOHN, "/start")
    async with harness.app.db.transaction() as tx:
        for b in BOOKINGS:
            await tx.execute(
                "INSERT INTO ws_bookings (id, client_id, kind, car, slot_at, status, source,"
                " created_at, updated_at) VALUES (?, ?, 'ТО', ?, ?, ?, 'client', ?, ?)",
                (*b[:3], at(b[3]), b[4], at(b[5]), at(b[5])))
        for o in ORDERS:
            await tx.execute(
                "INSERT INTO ws_orders (id, client_id, booking_id, title, opened_at, sent_at,"
                " promised_at, first_promised_at, status, closed_at)"
                " VALUES (?, ?, ?, 'ТО', ?, ?, ?, ?, 'done', ?)",
                (*o[:3], at(o[3]), at(o[4]), at(o[5]), at(o[5]), at(o[6])))
        for n, line in enumerate(LINES):
            await tx.execute(
                "INSERT INTO ws_lines (order_id, position, title, price, status, reason, decided_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)", (line[0], line[1], f"Работа {n}", *line[2:]))
        for c in CHECKS:
            await tx.execute(
                "INSERT INTO ws_checks (order_id, client_id, sent_at, completed_at, quality, on_time,"
                " clarity, staff, nps, problem_back) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
                (c[0], at(c[1]), at(c[1]), *c[2:]))
    harness.clock.current = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def test_the_workshop_figures_are_exact(h: Harness) -> None:
    await manager(h, "/stats 2026-11", thread=None)
    (text,) = [t for t in topic_texts(h, None) if "Сервис</b>" in t]
    # the floor's lines follow (norm hours, operations, mechanics): tests/test_workshop_floor.py
    assert text.split("\nНормочасы:")[0].splitlines() == [
        "🔧 <b>Сервис</b> (01.11.2026\u00a0— 30.11.2026)",
        "Записей сделано: 5",
        "Пришли: 2 из 3 (67%); не пришли: 1; отменили: 1",
        "Обещанное время сдержано: 1 из 2 (50%)",
        "Согласовано строк: 3 из 6 (50%); по сумме 7\u202f000\u00a0₽ из 18\u202f100\u00a0₽ (39%)",
        "Отказы по причинам: дорого 1, позже 1, в другом месте 0, другое 0, по правилу клиента 1",
        "Повторные обращения (30 дней): 1; «проблема вернулась»: 1",
        "Опрос после визита (2): качество 4.0, вовремя 3.0, понятность 4.5, сотрудники 5.0; NPS 0",
    ]
    assert any("NPS" in t for t in topic_texts(h, None) if "Сервис</b>" not in t)  # the usual figures too


async def test_the_export_has_a_work_orders_file(h: Harness) -> None:
    await manager(h, "/export 2026-11", thread=None)
    name, content = next((n, c) for n, c in h.tg.uploads if n.startswith("work_orders"))
    assert name == "work_orders_2026-11-01_2026-11-30.csv"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][0] == "№" and rows[0][14] == "Согласовано, ₽"
    assert [(r[0], r[3], r[4], r[8], r[11], r[12], r[13], r[14]) for r in rows[1:]] == [
        ("1", "Kia Rio", "2026-11-05 10:05", "2026-11-05 17:00", "3", "2", "11200", "5000"),
        ("2", "Kia Rio", "2026-11-20 10:00", "2026-11-20 16:00", "3", "1", "6900", "2000"),
    ]


async def test_a_bad_period_is_explained_once(h: Harness) -> None:
    await manager(h, "/stats вчера", thread=None)
    assert not any("Сервис</b>" in t for t in topic_texts(h, None))
    assert len(topic_texts(h, None)) == 1
