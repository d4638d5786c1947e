"""Retention counts every sign of a live relationship (issue 21, finding 3): a client whose car is
in the shop, whose deal is paid, or whose visit is still ahead is kept however quiet they are."""

from __future__ import annotations

from pathlib import Path

from storage.db import to_db
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps_workshop import start

IN_SHOP, PAID, BOOKED, GONE = (TgUser(id=7001 + n, first_name=name) for n, name in
                               enumerate(("Вера", "Пётр", "Олег", "Нина")))


async def test_retention_keeps_every_live_relationship(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start(tg, clock, db_path, retention="1y")
    try:
        for user in (IN_SHOP, PAID, BOOKED, GONE):
            await h.say(user, "/start")
        ids = {user: (await h.rows("SELECT id FROM clients WHERE external_id = ?", str(user.id)))[0][0]
               for user in (IN_SHOP, PAID, BOOKED, GONE)}
        then = to_db(h.clock.now())
        async with h.app.db.transaction() as tx:
            # A walk-in: a work order with no booking, still open (the car in the shop).
            await tx.execute("INSERT INTO ws_orders (client_id, title, opened_at, status)"
                             " VALUES (?, 'Кузовной ремонт', ?, 'sent')", (ids[IN_SHOP], then))
            await tx.execute(
                "INSERT INTO requests (client_id, car, year_from, year_to, budget, city, deadline,"
                " stage, created_at, updated_at) VALUES (?, 'Kia Rio', 2018, 2020, 1000000,"
                " 'Москва', 'весна', 'paid', ?, ?)", (ids[PAID], then, then))
            await tx.execute(
                "INSERT INTO ws_bookings (client_id, kind, slot_at, status, source, created_at,"
                " updated_at) VALUES (?, 'ТО', ?, 'booked', 'manager', ?, ?)",
                (ids[BOOKED], then, then, then))
        h.clock.advance(days=400)  # nobody wrote for more than the year
        assert await h.app.erasure.daily() == 1
        erased = await h.rows("SELECT id FROM clients WHERE erased_at IS NOT NULL")
        assert erased == [(ids[GONE],)]
        assert await h.rows("SELECT COUNT(*) FROM clients WHERE name IS NOT NULL") == [(3,)]
        # The order is closed and the visit over: a year later they go too.
        async with h.app.db.transaction() as tx:
            later = to_db(h.clock.now())
            await tx.execute("UPDATE ws_orders SET status = 'done', closed_at = ?", (later,))
            await tx.execute("UPDATE ws_bookings SET status = 'arrived', updated_at = ?", (later,))
            await tx.execute("UPDATE requests SET stage = 'handed_over', updated_at = ?", (later,))
        h.clock.advance(days=366)
        assert await h.app.erasure.daily() == 3
    finally:
        await h.app.stop()


async def test_the_longest_retention_runs_every_day(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    """RETENTION=9999y stops the start (tests/test_startup.py); the longest accepted one works."""
    h = await start(tg, clock, db_path, retention="100y")
    try:
        await h.say(GONE, "/start")
        h.clock.advance(days=365 * 3)
        assert await h.app.erasure.daily() == 0
    finally:
        await h.app.stop()
