"""Erasure reaches the workshop: after /delete_my_data none of what the client said or showed
(the problem, the car and plate, the odometer, the check's comment, the defect's photo, the
reasons told to them) is left in any table, while the figures' rows (slots, prices, decisions,
consent records) stay."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import IVAN, MANAGER, TOPIC, Harness, settle_erasure, values_left
from tests.steps_workshop import book, manager, start, tick

SAID = ["Плановое ТО, и стучит спереди", "А123ВС777", "ждём колодки со склада",
        "Снова стучит спереди справа", "Следующее ТО к июню"]


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def test_erasure_leaves_nothing_the_client_said_in_the_workshop(h: Harness) -> None:
    await book(h, IVAN)  # the problem, the car and plate, the odometer
    h.clock.current = h.clock.current + timedelta(days=1, hours=-2)  # Tue 24.11 10:00 Moscow
    await manager(h, "/arrived")
    await manager(h, "/order ТО-3\nЗамена масла | 3 500\nГотово: 18:00")
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text="/extra Колодки | 4 800", kind="photo"))
    await h.tap(IVAN, "Согласовать всё")  # on the first order message: it did not show the extra,
    await h.tap(IVAN, "Согласовать всё")  # so the order as it is now came, and is approved
    await manager(h, "/ready 19:00 ждём колодки со склада")
    await manager(h, "/done Следующее ТО к июню")
    h.clock.advance(days=5)
    await tick(h)
    for answer in ("5", "5", "5", "5", "9", "Да, вернулась"):
        await h.tap(IVAN, answer)
    await h.say(IVAN, "Снова стучит спереди справа")
    assert len(await values_left(h.rows, SAID)) >= len(SAID)  # the scan finds what is there
    consents = await h.rows("SELECT decision, price, channel FROM ws_consents")

    await h.say(IVAN, "/delete_my_data")
    await h.tap(IVAN, "Да, удалить всё")
    await settle_erasure(h)

    assert await values_left(h.rows, SAID) == []
    assert await h.rows("SELECT media FROM ws_lines WHERE media IS NOT NULL") == []
    assert await h.rows("SELECT odometer FROM ws_bookings WHERE odometer IS NOT NULL") == []
    assert await h.rows("SELECT decision, price, channel FROM ws_consents") == consents
    assert await h.rows("SELECT status FROM ws_orders") == [("done",)]
