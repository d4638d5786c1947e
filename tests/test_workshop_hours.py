"""Capacity in hours (issue 24): each kind of work takes its SERVICE_KINDS duration on one of
WORKSHOP_BAYS bays, within WORKSHOP_HOURS. Free slots offered in chat, the re-check at
confirmation, managers' /book and /slots, bookings made before durations, norm hours on order
lines. Through the dispatcher, the fake Bot API and SQLite; the slot arithmetic also against a
minute-by-minute count (hypothesis)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import ConfigError
from bot.services.workshop import slots
from domain.workshop import parse_kinds, parse_length
from storage.db import to_db
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import IVAN, JOHN, Harness, make_settings, topic_texts
from tests.steps_workshop import labels_to, manager, start

KINDS = "ТО:2h;Диагностика:1h;Ремонт:3h;Другое"
ANNA = TgUser(id=333, first_name="Анна", language_code="ru", username="anna_k")
MOSCOW = ZoneInfo("Europe/Moscow")
# The clock starts Monday 23.11.2026 12:00 in Moscow; Tuesday 24.11 is open 09:00–19:00,
# Saturday 28.11 10:00–16:00.


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path, workshop_bays=2, service_kinds=KINDS)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def up_to_day(h: Harness, user: TgUser, kind: str, day: str | None = None) -> None:
    """The client's booking in chat as far as the day's free times (Tuesday by default)."""
    day = day or ("вт 24.11" if user.language_code == "ru" else "Tue 24.11")
    await h.say(user, "/book")
    await h.tap(user, kind)
    await h.say(user, "Плановое обслуживание")
    await h.say(user, "Kia Rio 2019")
    await h.say(user, "68200")
    await h.tap(user, day)


async def booked(h: Harness, user: TgUser, kind: str, time: str, day: str | None = None) -> None:
    await up_to_day(h, user, kind, day)
    await h.tap(user, time)
    await h.tap(user, "Записаться" if user.language_code == "ru" else "Book it")


def times(h: Harness, user: TgUser) -> list[str]:
    return [label for label in labels_to(h, user) if label[:2].isdigit()]


async def bookings(h: Harness) -> list[tuple]:
    return await h.rows("SELECT client_id, kind, slot_at, minutes FROM ws_bookings ORDER BY id")


def moscow(day: int, hour: int) -> str:
    return to_db(datetime(2026, 11, day, hour, 0, tzinfo=MOSCOW))


async def test_long_and_short_jobs_overlapping_on_two_bays(h: Harness) -> None:
    await booked(h, IVAN, "ТО", "10:00")  # 10–12 on one bay
    await booked(h, JOHN, "ТО", "11:00")  # 11–13: the other bay (10:00 holds one of two)
    assert [(kind, minutes) for _, kind, _, minutes in await bookings(h)] == [("ТО", 120), ("ТО", 120)]
    await up_to_day(h, ANNA, "ТО")
    offered = times(h, ANNA)
    # 09–11 fits before John's start; 10:00 and 11:00 would be a third car at 11:00; from
    # 12:00 Ivan's bay is free again; 18:00 would end after 19:00 closing.
    assert offered[:3] == ["09:00", "12:00", "13:00"]
    assert "10:00" not in offered and "11:00" not in offered
    assert "17:00" in offered and "18:00" not in offered
    await h.tap(ANNA, "← Другой день")
    await h.tap(ANNA, "сб 28.11")  # Saturday closes at 16:00
    saturday = times(h, ANNA)
    assert "14:00" in saturday and "15:00" not in saturday


async def test_a_short_job_still_fits_where_a_long_one_does_not(h: Harness) -> None:
    await booked(h, IVAN, "ТО", "10:00")
    await booked(h, JOHN, "ТО", "11:00")
    await up_to_day(h, ANNA, "Диагностика")  # one hour
    short = times(h, ANNA)
    # 10–11 finds the bay John takes only from 11:00; at 11:00 both bays are busy
    assert "09:00" in short and "10:00" in short and "11:00" not in short
    assert "18:00" in short  # 18–19 ends at closing
    await h.tap(ANNA, "18:00")
    await h.tap(ANNA, "Записаться")
    assert (await bookings(h))[-1][1:] == ("Диагностика", moscow(24, 18), 60)


async def test_a_longer_job_taken_meanwhile_is_refused_at_confirmation(h: Harness) -> None:
    await up_to_day(h, ANNA, "ТО")
    await h.tap(ANNA, "12:00")  # 12–14: the summary waits for "Записаться"
    # Meanwhile both bays are taken from 13:00, though nobody starts at 12:00.
    await booked(h, IVAN, "Диагностика", "13:00")
    await booked(h, JOHN, "ТО", "13:00")
    await h.tap(ANNA, "Записаться")
    assert [row[1:3] for row in await bookings(h)] == [  # Anna's 12:00 was never taken
        ("Диагностика", moscow(24, 13)), ("ТО", moscow(24, 13))]
    assert any("только что заняли" in t for t in h.texts_to(ANNA))
    await h.tap(ANNA, "вт 24.11")  # fresh choices follow
    assert "12:00" not in times(h, ANNA) and "11:00" in times(h, ANNA)


async def test_managers_book_by_hours_and_see_hours_per_bay(h: Harness) -> None:
    await h.say(IVAN, "Добрый день")  # Ivan's topic opens
    await manager(h, "/book 24.11 17:00 Ремонт")  # 3 h from 17:00 ends after 19:00
    refusal = topic_texts(h)[-1]
    assert "занято" in refusal and "3\u00a0ч" in refusal and "16:00" in refusal
    assert await bookings(h) == []
    await manager(h, "/book 24.11 16:00 Ремонт")
    await manager(h, "/book 24.11 10:00 Диагностика")
    assert [row[1:] for row in await bookings(h)] == [("Ремонт", moscow(24, 16), 180),
                                                       ("Диагностика", moscow(24, 10), 60)]
    await manager(h, "/slots 24.11", thread=None)
    load = topic_texts(h, None)[-1]
    assert "16:00\u00a0— 1/2: Иван (Ремонт)" in load
    assert "17:00\u00a0— 1/2: —" in load  # the repair still holds a bay
    assert "Пост 1\u00a0— 4\u00a0ч: 10:00–11:00 Иван, 16:00–19:00 Иван" in load
    assert "Пост 2\u00a0— 0\u00a0ч: —" in load
    assert "Занято 4\u00a0ч из 20\u00a0ч." in load


async def test_bookings_from_before_durations_read_as_their_kind_or_one_slot(h: Harness) -> None:
    await h.say(IVAN, "/start")
    await h.say(JOHN, "/start")
    async with h.app.db.transaction() as tx:  # as migration 0038 leaves them: no minutes
        for client_id, kind in ((1, "Ремонт"), (2, "Покраска")):  # a kind no longer listed
            await tx.execute(
                "INSERT INTO ws_bookings (client_id, kind, slot_at, status, source, created_at,"
                " updated_at) VALUES (?, ?, ?, 'booked', 'client', ?, ?)",
                (client_id, kind, moscow(24, 10), to_db(h.clock.now()), to_db(h.clock.now())))
    await up_to_day(h, ANNA, "Диагностика")
    offered = times(h, ANNA)
    # the repair holds 10–13 (its kind's 3 h), the unlisted kind one slot, 10–11
    assert "09:00" in offered and "10:00" not in offered and "11:00" in offered


async def test_norm_hours_ride_on_order_lines(h: Harness) -> None:
    await h.say(IVAN, "Добрый день")
    await manager(h, "/arrived")
    await manager(h, "/order ТО\nЗамена масла | 3 500 | 1,5 ч\nКолодки передние | 6 200\n"
                     "Развал-схождение | 2 000 | 45m\nГотово: 18:00")
    assert await h.rows("SELECT title, price, norm_minutes FROM ws_lines ORDER BY position") == [
        ("Замена масла", 3500, 90), ("Колодки передние", 6200, None), ("Развал-схождение", 2000, 45)]
    await manager(h, "/extra Свеча | 900 | 0.5h")
    assert (await h.rows("SELECT title, price, norm_minutes FROM ws_lines ORDER BY position"))[-1] == (
        "Свеча", 900, 30)
    await manager(h, "/extra Свеча | 900 | ²h")  # not hours: read as a price, refused
    assert len(await h.rows("SELECT id FROM ws_lines")) == 4


def test_service_kinds_with_and_without_durations(tg: FakeTelegram, db_path: Path) -> None:
    loaded = make_settings(tg, db_path, workshop_hours="Mon-Fri 09:00-19:00", service_kinds=KINDS)
    assert loaded.service_kind_list == ["ТО", "Диагностика", "Ремонт", "Другое"]
    assert loaded.service_kind_lengths == {"ТО": timedelta(hours=2), "Диагностика": timedelta(hours=1),
                                           "Ремонт": timedelta(hours=3)}
    old = make_settings(tg, db_path, workshop_hours="Mon-Fri 09:00-19:00", service_kinds="ТО;Ремонт")
    assert old.service_kind_list == ["ТО", "Ремонт"] and old.service_kind_lengths == {}
    for bad in ("ТО:2x", "ТО:²h", "ТО:25h", "ТО:0h", ":2h", "ТО:1.234h", ";"):
        with pytest.raises(ConfigError, match="SERVICE_KINDS"):
            make_settings(tg, db_path, workshop_hours="Mon-Fri 09:00-19:00", service_kinds=bad)
    assert parse_kinds("Шиномонтаж:1,5ч; Диагностика:45 мин") == [
        ("Шиномонтаж", timedelta(minutes=90)), ("Диагностика", timedelta(minutes=45))]
    assert parse_kinds("Ремонт: ходовая;Ремонт: двигатель:3h") == [  # names of the old form
        ("Ремонт: ходовая", None), ("Ремонт: двигатель", timedelta(hours=3))]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12))
def test_any_written_duration_is_read_or_refused(text: str) -> None:
    length = parse_length(text)
    assert length is None or timedelta(0) < length <= timedelta(hours=24)


DAY = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
CLOSING = DAY + timedelta(hours=10)
visits = st.lists(st.tuples(st.integers(0, 19), st.integers(1, 8)), max_size=8)  # half hours


@settings(max_examples=300, deadline=None)
@given(visits, st.integers(0, 19), st.integers(1, 8), st.integers(1, 3))
def test_fits_agrees_with_a_minute_by_minute_count(held: list[tuple[int, int]], start: int,
                                                   length: int, bays: int) -> None:
    half = timedelta(minutes=30)
    spans = [(DAY + s * half, DAY + (s + n) * half) for s, n in held]
    begin, end = DAY + start * half, DAY + (start + length) * half
    minutes = range(int((end - begin).total_seconds() // 60))
    expected = end <= CLOSING and all(
        slots.at_once(spans, begin + timedelta(minutes=m)) < bays for m in minutes)
    assert slots.fits(begin, length * half, CLOSING, spans, bays) == expected
    laid = slots.bays_of(spans, bays)
    assert sorted(i for row in laid for i in row) == list(range(len(spans)))
    for row in laid:  # no bay holds two visits at once
        ordered = sorted(spans[i] for i in row)
        assert all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:], strict=False))
