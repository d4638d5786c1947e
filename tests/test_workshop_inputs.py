"""What people type into the workshop, checked at the edge: odd digits ('68²', '٣٥٠٠'), huge
numbers, far dates, each answered in one clear line and never a traceback or a dead letter; and
the limit on the visits one client may hold. Through the dispatcher and the fake Bot API."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import GROUP, IVAN, JOHN, Harness, topic_texts
from tests.steps_workshop import book, book_en, labels_to, manager, start

ORDER = "/order ТО\nЗамена масла | 3 500\nГотово: 18:00"


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def nothing_failed(h: Harness) -> None:
    """No update kept as failed, and General heard nothing (a dead letter is told there)."""
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert topic_texts(h, None) == []


# -- managers' commands -----------------------------------------------------------------------

REFUSED = [
    ("/book 31.12.9999 10:00 ТО", "больше чем на год"),
    ("/book 01.01.0001 10:00 ТО", "больше чем на год"),
    ("/book ٢٤.١١ 10:00 ТО", "Не получилось разобрать дату"),
    ("/book 24.11 ١٠:٠٠ ТО", "Не получилось разобрать время"),
    ("/book 24.11 25:00 ТО", "Не получилось разобрать время"),
    ("/slots 31.12.9999", "больше чем на год"),
    ("/slots 01.01.0001", "больше чем на год"),
    ("/slots 2².11", "Не получилось разобрать дату"),
    (ORDER + "\nДоп. работы: до 99999999999999999999999", "не больше 100\u202f000\u202f000"),
    (ORDER + "\nДоп. работы: до 5²", "«спросить», «до 5000» или «нет»"),
    ("/order ТО\nЗамена масла | ٣٥٠٠\nГотово: 18:00", "Не получилось разобрать строку «Замена масла | ٣٥٠٠»"),
    ("/order ТО\nЗамена масла | 3²00\nГотово: 18:00", "Не получилось разобрать строку"),
    ("/order ТО\nЗамена масла | 1" + "0" * 5000 + "\nГотово: 18:00",
     "Не получилось разобрать строку «Замена масла | 1000"),
    ("/order ТО\nЗамена масла | 3500\nГотово: 31.12.9999 18:00", "больше чем на год"),
    ("/order ТО\nЗамена масла | 3500\nГотово: 1⁸:00", "Не получилось разобрать время"),
]


@pytest.mark.parametrize(("command", "answer"), REFUSED)
async def test_odd_digits_huge_numbers_and_far_dates_are_refused_in_one_line(
    h: Harness, command: str, answer: str
) -> None:
    await h.say(IVAN, "Здравствуйте")  # the client's topic opens
    await manager(h, command)
    assert answer in topic_texts(h)[-1]
    assert len(topic_texts(h)[-1]) < 300  # one line, not the whole 5000 digits back
    await nothing_failed(h)
    assert await h.rows("SELECT COUNT(*) FROM ws_bookings") == [(0,)]
    assert await h.rows("SELECT COUNT(*) FROM ws_lines") == [(0,)]


async def test_odd_digits_and_far_dates_in_extra_and_ready_are_refused(h: Harness) -> None:
    await h.say(IVAN, "Здравствуйте")
    await manager(h, ORDER)
    for command, answer in [
        ("/extra Втулки | 1" + "0" * 30, "Не получилось разобрать строку"),
        ("/extra Втулки | ２４００", "Не получилось разобрать строку"),
        ("/ready 31.12.9999 12:00 ждём запчасть", "больше чем на год"),
        ("/ready ١٩:٠٠ ждём запчасть", "Не получилось разобрать время"),
    ]:
        await manager(h, command)
        assert answer in topic_texts(h)[-1], command
    await nothing_failed(h)
    assert await h.rows("SELECT COUNT(*) FROM ws_lines") == [(1,)]
    assert await h.rows("SELECT COUNT(*) FROM ws_promises") == [(0,)]


async def test_a_date_within_the_year_still_works(h: Harness) -> None:
    await h.say(IVAN, "Здравствуйте")
    await manager(h, "/slots 2026-11-24")
    assert "Загрузка вт 24.11.2026" in topic_texts(h)[-1]
    await manager(h, "/book 24.11 10:00 ТО")
    assert "Записали клиента: #1" in topic_texts(h)[-1]


# -- the client's booking ---------------------------------------------------------------------


async def test_odd_digits_at_the_odometer_step_are_asked_again(h: Harness) -> None:
    await h.say(IVAN, "/book")
    await h.tap(IVAN, "ТО")
    await h.say(IVAN, "Плановое ТО")
    await h.say(IVAN, "Kia Rio 2019")
    for odd in ("68²", "٦٨٢٠٠", "9" * 30, "1" + "0" * 5000):
        await h.say(IVAN, odd)
        assert "Не получилось прочитать пробег" in h.last_text_to(IVAN), odd
    await h.say(IVAN, "68 200 км")
    assert "Выберите день" in h.last_text_to(IVAN)
    await nothing_failed(h)


# -- one client cannot take every slot --------------------------------------------------------


async def test_a_client_holds_at_most_the_limit_of_live_bookings(h: Harness) -> None:
    await book(h, IVAN, time="10:00")
    await book(h, IVAN, time="11:00")
    assert await h.rows("SELECT COUNT(*) FROM ws_bookings") == [(2,)]
    await h.say(IVAN, "/book")  # the third is refused at once, naming the two
    refusal = h.last_text_to(IVAN)
    assert "У вас уже 2\u00a0записи в сервис" in refusal
    assert "вт 24.11 10:00, ТО" in refusal and "вт 24.11 11:00, ТО" in refusal
    assert labels_to(h, IVAN)[:2] == ["✖️ Отменить вт 24.11 10:00", "✖️ Отменить вт 24.11 11:00"]
    assert await h.rows("SELECT COUNT(*) FROM conversations") == [(0,)]  # no flow began
    await book_en(h, JOHN)  # another client books as before
    assert await h.rows("SELECT COUNT(*) FROM ws_bookings") == [(3,)]
    await h.tap(IVAN, "Отменить вт 24.11 10:00")  # one cancelled: a new one may be made
    assert "отменена" in h.last_text_to(IVAN)
    await book(h, IVAN, time="12:00")
    assert await h.rows("SELECT status FROM ws_bookings WHERE client_id = 1 ORDER BY id") == [
        ("cancelled",), ("booked",), ("booked",)]
    await nothing_failed(h)


async def test_the_limit_is_checked_again_at_confirmation_and_is_a_setting(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start(tg, clock, db_path, workshop_bookings_per_client=1)
    try:
        await h.say(IVAN, "Здравствуйте")  # the client's topic opens
        await h.say(IVAN, "/book")  # begun while under the limit...
        await h.tap(IVAN, "ТО")
        await h.say(IVAN, "Плановое ТО")
        await h.say(IVAN, "Kia Rio 2019")
        await h.say(IVAN, "68200")
        await h.tap(IVAN, "вт 24.11")
        await h.tap(IVAN, "10:00")
        await manager(h, "/book 24.11 12:00 ТО")  # ...a manager books them meanwhile (not limited)
        await h.tap(IVAN, "Записаться")
        assert "У вас уже 1\u00a0запись в сервис" in h.last_text_to(IVAN)
        assert await h.rows("SELECT source FROM ws_bookings") == [("manager",)]
        assert await h.rows("SELECT COUNT(*) FROM conversations") == [(0,)]
    finally:
        await h.app.stop()


# -- fuzz: every workshop command, and the booking's typed steps --------------------------------

ODD_NUMBERS = ["68²", "٣٥٠٠", "①②", "６８２００", "9" * 25, "1" + "0" * 5000, "-1", "0", "3.5e9",
               "2**64", "NaN", "∞", "00000000000000000000000001"]
ODD_DATES = ["31.12.9999", "01.01.0001", "29.02.2027", "31.02", "99.99", "24.11.99999",
             "٢٤.١١", "2⁴.11", "9999-12-31", "0001-01-01", "24.11.2026", "25.11", "2026-11-24"]
ODD_TIMES = ["25:00", "24:60", "١٠:٠٠", "1⁰:00", "10:00", "18:00", "9:30", "99999:00", "-1:00"]
ODD_WORDS = ["ТО", "Ремонт", "x" * 300, "<b>", "{ $name }", "\u202e", "' OR 1=1 --", "\x00", ""]
COMMANDS = ["book", "slots", "arrived", "order", "extra", "ready", "done", "help", "stats"]


def token(rng: random.Random) -> str:
    return rng.choice(rng.choice([ODD_NUMBERS, ODD_DATES, ODD_TIMES, ODD_WORDS]))


def fuzzed_command(rng: random.Random) -> str:
    name = rng.choice(COMMANDS)
    if name == "order":
        rows = [f"{token(rng)} | {rng.choice(ODD_NUMBERS)}" for _ in range(rng.randint(0, 3))]
        rows.append(f"Готово: {rng.choice(ODD_DATES)} {rng.choice(ODD_TIMES)}")
        rows.append(f"Доп. работы: до {rng.choice(ODD_NUMBERS)}")
        rng.shuffle(rows)
        return "/order " + "\n".join([token(rng), *rows])
    if name == "extra":
        return f"/extra {token(rng)} | {rng.choice(ODD_NUMBERS)}"
    if name == "ready":
        return f"/ready {rng.choice(ODD_DATES)} {rng.choice(ODD_TIMES)} {token(rng)}"
    return f"/{name} " + " ".join(token(rng) for _ in range(rng.randint(0, 4)))


async def test_fuzzed_workshop_commands_and_typed_answers_are_all_answered(h: Harness) -> None:
    rng = random.Random(20261206)
    await h.say(IVAN, "Здравствуйте")
    await manager(h, "/arrived")
    for _ in range(80):
        command = fuzzed_command(rng)
        before = len(topic_texts(h))
        await manager(h, command)
        assert len(topic_texts(h)) > before, f"no answer to {command[:80]!r}"
    for _ in range(8):  # the client's booking, odd answers at every typed step
        await h.say(IVAN, "/book")
        if not any("Отмена" in label for label in labels_to(h, IVAN)):
            break  # at the limit of bookings: refused, as it should
        await h.tap(IVAN, "ТО")
        for _ in range(3):
            await h.say(IVAN, token(rng) or "?")
        for _ in range(3):
            before = len(h.texts_to(IVAN))
            await h.say(IVAN, rng.choice(ODD_NUMBERS))
            assert len(h.texts_to(IVAN)) > before
        await h.tap(IVAN, "Отмена")
    await nothing_failed(h)
    assert all("Traceback" not in c.text for c in h.tg.to_chat(GROUP) if c.text)


VERBS = ["book", "k", "car", "days", "d", "s", "ok", "bx", "vc", "vr", "vx", "vm", "la", "ld", "lr",
         "ll", "all", "ck", "ckr", "kms", "iv", "ino", "", "zz"]
FORGED = ["1", "²", "1²", "٣", "9" * 25, "-1", "0", "", "known", "other", "price", "later", "3m",
          "nps", "skip", "202611241000", "99991231", "999912312359", "00000000", "1" * 400]


async def test_forged_workshop_buttons_are_answered_never_a_dead_letter(h: Harness) -> None:
    """Callback data no button of ours carries, for every workshop press: odd digits, huge
    numbers, far dates, wrong parts. Each is answered (the tap's spinner ends) and nothing fails."""
    rng = random.Random(20261207)
    await h.say(IVAN, "Здравствуйте")
    await manager(h, ORDER)  # a live order, and a booking flow, for the forged presses to reach
    await h.say(IVAN, "/book")
    for verb in VERBS:
        for _ in range(6):
            parts = [rng.choice(FORGED) for _ in range(rng.randint(0, 3))]
            data = f"a:ws:{'.'.join([verb, *parts]) if verb else '.'.join(parts)}"[:64]
            before = len(h.tg.sent("answerCallbackQuery"))
            await h.feed(h.updates.press(IVAN, data, 1))
            assert len(h.tg.sent("answerCallbackQuery")) > before, data
    await nothing_failed(h)
