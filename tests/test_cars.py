"""The bought car on file (issue 23): /car records it at handover, the VIN is checked and a bad
one asked again, and the car becomes the client's everywhere: the card, /find, the export, the
workshop's booking and invitations; erasure clears its VIN and plate."""

from __future__ import annotations

import csv
import io
import random
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.cars import VinProblem, check_digit, clean_plate, clean_vin, plate_key, vin_problem
from storage import workshop_invites
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import (
    GROUP,
    IVAN,
    MANAGER,
    Harness,
    group_press,
    group_texts,
    manager,
    plain,
    settle_erasure,
    topic_texts,
    values_left,
    with_request,
)
from tests.steps_workshop import start as start_workshop
from tests.steps_workshop import tick

VIN = "XTA217030K0123456"  # a Russian (Lada) VIN: no check digit there
US_VIN = "1M8GDM9AXKP042788"  # a North American VIN, its check digit X
FORM = f"""/car
Марка: Lada
Модель: Priora
Год: 2019
VIN: {VIN}
Госномер: А 123 ВС 777
Цвет: белый
Пробег: 58 000"""


async def bought(h: Harness) -> None:
    """Ivan's request, paid for: the car is his to record."""
    await with_request(h)
    await manager(h, "/stage paid")


def last(h: Harness) -> str:
    return plain(group_texts(h)[-1])


# -- the VIN and the plate, as typed ----------------------------------------------------------


@pytest.mark.parametrize(("typed", "problem"), [
    (VIN, None),
    ("xta 2170-30k0123456", None),  # spaces, dashes, lower case
    ("ХТА217030К0123456", None),  # Cyrillic look-alikes typed on a Russian keyboard
    (US_VIN, None),
    ("1M8GDM9A1KP042788", VinProblem.CHECK_DIGIT),  # North America: the 9th must be X
    ("WVWZZZ1JZ3W386752", None),  # European: no check digit to hold it to
    ("XTA217030K012345", VinProblem.LENGTH),
    ("XTA217030K01234567", VinProblem.LENGTH),
    ("XTA217O30K0123456", VinProblem.IOQ),
    ("XTA217Q30K0123456", VinProblem.IOQ),
    ("XTA21703²K0123456", VinProblem.CHARACTERS),
    ("XTA217030K012345_", VinProblem.CHARACTERS),
])
def test_vin_form_and_check_digit(typed: str, problem: VinProblem | None) -> None:
    assert vin_problem(clean_vin(typed)) == problem


def test_check_digit_of_known_vins() -> None:
    assert check_digit(US_VIN) == "X"
    assert check_digit("1HGCM82633A004352") == "3"


@given(st.text(max_size=40))
def test_any_vin_text_is_answered_never_raises(text: str) -> None:
    vin_problem(clean_vin(text))
    clean_plate(text)


def test_plates_are_one_however_written() -> None:
    assert plate_key("а 123 вс 777") == plate_key("A123BC777") == "A123BC777"
    assert clean_plate("а123вс 777") == "А123ВС 777"
    assert clean_plate("АВС") is None  # no digit
    assert clean_plate("1" * 13) is None
    assert clean_plate("A١٢٣BC") is None  # digits of another script


# -- /car in the topic -------------------------------------------------------------------------


async def test_car_recorded_after_purchase_and_on_the_card(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, FORM)
    assert "Машину записываем, когда она куплена" in last(h) and "«Заявка принята»" in last(h)
    assert await h.rows("SELECT COUNT(*) FROM cars") == [(0,)]

    await manager(h, "/stage paid")
    await manager(h, FORM)
    assert "Машина заявки № 1 записана за клиентом" in last(h)
    assert "Пробег: 58 000 км" in last(h) and f"VIN: {VIN}" in last(h)
    assert await h.rows(
        "SELECT client_id, request_id, make, model, year, vin, plate, plate_key, colour, odometer,"
        " handed_over_at FROM cars") == [
        (1, 1, "Lada", "Priora", 2019, VIN, "А 123 ВС 777", "A123BC777", "белый", 58000, None)]
    card = [c for c in h.tg.calls if c.method == "editMessageText" and c.chat_id == GROUP][-1]
    assert f"Купленная машина:</b> Lada Priora 2019, А 123 ВС 777, VIN {VIN}" in card.text

    # A later /car changes only the fields it names; the handover starts the maintenance clock.
    await manager(h, "/car\nЦвет: серебристый")
    await manager(h, "/handover")
    assert await h.rows("SELECT colour, odometer, handed_over_at IS NOT NULL FROM cars") == [
        ("серебристый", 58000, 1)]
    await manager(h, "/car")
    assert "Цвет: серебристый" in last(h) and "Марка: Lada" in last(h)


async def test_malformed_vin_is_refused_and_asked_again(harness: Harness) -> None:
    h = harness
    await bought(h)
    await manager(h, FORM.replace(VIN, "XTA217O30K0123456"))
    answer = last(h)
    assert "Машину не записали" in answer and "не бывает букв I, O и Q" in answer
    # The form to send again: what was right kept, the VIN left blank.
    assert "/car #1\nМарка: Lada\nМодель: Priora\nГод: 2019\nVIN: \nГосномер: А 123 ВС 777" in answer
    assert await h.rows("SELECT COUNT(*) FROM cars") == [(0,)]

    await manager(h, FORM.replace(VIN, "1M8GDM9A1KP042788"))
    assert "контрольный знак" in last(h)
    await manager(h, FORM.replace(VIN, "XTA2170"))
    assert "7 знаков, а нужно 17" in last(h)
    await manager(h, FORM.replace(VIN, US_VIN))
    assert "записана за клиентом" in last(h)
    assert await h.rows("SELECT vin FROM cars") == [(US_VIN,)]


async def test_other_bad_lines_are_each_named(harness: Harness) -> None:
    h = harness
    await bought(h)
    await manager(h, "/car\nМарка: Lada\nГод: 19²9\nПробег: 58 000 миль\nЦена: 900 000")
    answer = last(h)
    for part in ("год «19²9»", "пробег «58 000 миль»", "строка «Цена: 900 000»",
                 "нет поля «Модель»"):
        assert part in answer, part
    assert await h.rows("SELECT COUNT(*) FROM cars") == [(0,)]


async def test_find_by_vin_plate_or_the_end_of_the_vin(harness: Harness) -> None:
    h = harness
    await bought(h)
    await manager(h, FORM)
    for text in (VIN, VIN.lower(), "A123BC777", "а123вс 777", VIN[-6:]):
        await manager(h, f"/find {text}", thread=None)
        assert "Найдено: 1" in last(h), text
    await manager(h, "/find XTA217030K0999999", thread=None)
    assert "никого не нашлось" in last(h)


async def test_export_holds_the_client_base_with_the_car(harness: Harness) -> None:
    h = harness
    await bought(h)
    await manager(h, FORM)
    await manager(h, "/handover")
    h.clock.advance(days=1)  # a period ends with yesterday
    await h.feed(h.updates.in_topic(MANAGER, None, text="/export 7d"))
    await h.app.outbox.wait_idle()
    files = {c["document"].filename.split("_")[0]: c for c in h.tg.calls if c.method == "sendDocument"}
    data = files["cars"]["document"].data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert [(r["Клиент"], r["Дата рождения"], r["Марка"], r["VIN"], r["Госномер"], r["Пробег"])
            for r in rows] == [("Иван Петров", "1985-03-12", "Lada", VIN, "А 123 ВС 777", "58000")]


async def test_erasure_clears_vin_and_plate(harness: Harness) -> None:
    h = harness
    await bought(h)
    await manager(h, FORM)
    await manager(h, "/handover")
    await h.feed(h.updates.in_topic(MANAGER, 500, text="/forget"))
    ask = [c for c in h.tg.to_chat(GROUP) if c.button_labels()][-1]
    await h.feed(group_press(h, MANAGER, ask.button_data("Да, удалить"), ask.result["message_id"]))
    await settle_erasure(h)
    assert await values_left(h.rows, [VIN, "А 123 ВС 777", "A123BC777", "А123ВС777"]) == []
    # What the figures need stays: the make, model and year, the handover's date.
    assert await h.rows("SELECT make, model, year, vin, plate, odometer FROM cars") == [
        ("Lada", "Priora", 2019, None, None, None)]


async def test_fuzzed_car_forms_are_all_answered(harness: Harness) -> None:
    h = harness
    await bought(h)
    rng = random.Random(2023)
    odd = ["19²9", "٣٤٥", "9" * 40, "x" * 300, "<b>", "{ $name }", "\u202e", "' OR 1=1 --", "",
           "XTA217O30K0123456", "ХТА217030К0123456", "1M8GDM9A1KP042788", "-1", "0", "2027",
           "1949", "А 123 ВС 777", "68²", "1" + "0" * 5000]
    labels = ["Марка", "Модель", "Год", "VIN", "Госномер", "Цвет", "Пробег", "Цена", "", "#", "²"]
    for _ in range(40):
        lines = [f"{rng.choice(labels)}: {rng.choice(odd)}" for _ in range(rng.randint(0, 8))]
        head = rng.choice(["/car", "/car #1", "/car #²", "/car #999999999999999999999", "/car #2"])
        before = len(topic_texts(h))
        await manager(h, "\n".join([head, *lines]))
        assert len(topic_texts(h)) > before, lines
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert all("Traceback" not in c.text for c in h.tg.to_chat(GROUP) if c.text)


# -- the workshop reads it ----------------------------------------------------------------------


async def test_workshop_books_and_invites_the_car_on_file(
    tg: FakeTelegram, clock: FakeClock, db_path: Path,
) -> None:
    h = await start_workshop(tg, clock, db_path)
    try:
        await bought(h)
        await manager(h, FORM)
        await manager(h, "/handover")
        await h.say(IVAN, "/book")
        await h.tap(IVAN, "ТО")
        await h.say(IVAN, "Плановое ТО")
        assert "Lada Priora 2019, А 123 ВС 777" in " ".join(
            label for c in h.tg.to_chat(IVAN.id)[-1:] for label in c.button_labels())
        await h.tap(IVAN, "Lada Priora")
        await h.say(IVAN, "60 500")
        assert await h.rows("SELECT json_extract(data, '$.car') FROM conversations") == [
            ("Lada Priora 2019, А 123 ВС 777",)]
    finally:
        await h.app.stop()


async def test_maintenance_counts_from_the_handover_odometer(
    tg: FakeTelegram, clock: FakeClock, db_path: Path,
) -> None:
    """The odometer at handover (58 000) is the first reading: with one given ten days later
    (59 000, so 100 km a day) the estimate passes the next 10 000 (60 000) twenty days after the
    handover. Without the car on file there would be one reading and no estimate."""
    h = await start_workshop(tg, clock, db_path)
    try:
        await bought(h)
        await manager(h, FORM)
        await manager(h, "/handover")
        handed = h.clock.now()
        h.clock.advance(days=10)
        async with h.app.db.transaction() as tx:  # as when the client answers the odometer ask
            await workshop_invites.add_reading(tx, 1, 59000, h.clock.now())
        h.clock.current = (handed + timedelta(days=18)).replace(hour=8)
        await tick(h)
        assert not [t for t in h.texts_to(IVAN) if "Пора на обслуживание" in t]
        h.clock.current = (handed + timedelta(days=21)).replace(hour=8)
        await tick(h)
        (invitation,) = [plain(t) for t in h.texts_to(IVAN) if "Пора на обслуживание" in t]
        assert "60 000 км" in invitation
    finally:
        await h.app.stop()
