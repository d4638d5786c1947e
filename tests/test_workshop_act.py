"""The reception act (issue 24): /arrived asks for it in the topic, managers fill it with /act
(a short form; damage photos each captioned /act), the client confirms it with one tap (one
consent record per version, a second tap records nothing), a changed act goes again as its next
version, the odometer raises the car on file, the act is in the PDFs, and erasure clears its
photos and words but keeps its figures."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import AsyncIterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.documents import Stay, read_fuel, read_stay
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import (
    GROUP,
    IVAN,
    JOHN,
    MANAGER,
    TOPIC,
    Harness,
    Wa,
    plain,
    settle_erasure,
    topic_texts,
    values_left,
    with_request,
)
from tests.steps_workshop import HOURS, book, manager, start, tick

ACT = """/act
Пробег: 68 500
Топливо: 1/2
Повреждения: царапина на заднем бампере
Вещи: детское кресло
Жалоба: стучит спереди на кочках
Клиент: ждёт"""


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def arrived(h: Harness) -> None:
    """Ivan booked (his words: the problem, the car, 68 200 km) and came on Tuesday."""
    await book(h, IVAN)
    h.clock.advance(hours=22)  # Tue 24.11 10:00 in Moscow
    await manager(h, "/arrived")


async def act_rows(h: Harness) -> list[tuple]:
    return await h.rows("SELECT odometer, fuel, damage, items, complaint, stay, version, changed"
                        " FROM ws_acts")


async def consents(h: Harness) -> list[tuple]:
    return await h.rows("SELECT act_id, version, client_id, channel FROM ws_act_consents ORDER BY id")


def pdf_text(content: bytes) -> str:
    document = pdfium.PdfDocument(content)
    try:
        text = " ".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    finally:
        document.close()
    return " ".join(plain(text).split())


async def test_arrived_asks_for_the_act_with_what_the_booking_said(h: Harness) -> None:
    await arrived(h)
    asked = topic_texts(h)[-1]
    assert "Акт приёма к заказ-наряду № 1" in plain(asked)
    assert "Пробег: 68200" in asked and "Жалоба: Плановое ТО, и стучит спереди" in asked
    assert await act_rows(h) == [(68200, None, None, None, "Плановое ТО, и стучит спереди", None, 0, 1)]


async def test_the_form_sent_back_with_blank_lines_takes_what_is_filled_in(h: Harness) -> None:
    await arrived(h)
    await manager(h, "/act\nПробег: 68200\nТопливо: 3/4\nПовреждения: \nВещи:\n"
                     "Жалоба: Плановое ТО, и стучит спереди\nКлиент: оставляет")
    assert await act_rows(h) == [(68200, "3/4", None, None, "Плановое ТО, и стучит спереди",
                                  "leave", 1, 0)]
    assert "Пока машина в работе: клиент оставляет машину" in h.last_text_to(IVAN)


async def test_the_act_goes_with_its_photos_and_one_tap_confirms_it_once(h: Harness) -> None:
    await arrived(h)
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text="/act", kind="photo"))
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text="/act", kind="photo"))
    assert "всего фото: 2" in topic_texts(h)[-1]
    assert not any("Акт приёма" in t for t in h.texts_to(IVAN))  # nothing sent yet
    await manager(h, ACT)
    photos = [c for c in h.tg.sent("copyMessage") if c.chat_id == IVAN.id]
    assert len(photos) == 2 and all("К акту приёма" in (c.get("caption") or "") for c in photos)
    act = h.last_text_to(IVAN)
    for shown in ("Акт приёма автомобиля", "Пробег: 68\u202f500\u00a0км", "Топливо: 1/2",
                  "Видимые повреждения: царапина на заднем бампере (фото: 2)",
                  "Вещи в машине: детское кресло", "Жалоба клиента, его словами: стучит спереди",
                  "Пока машина в работе: клиент ждёт на месте"):
        assert shown in act, shown
    assert "версия 1" in topic_texts(h)[-1] and "отправлен клиенту" in topic_texts(h)[-1]
    message = h.tg.last_to(IVAN.id)
    await h.tap(IVAN, "Всё верно")
    assert await consents(h) == [(1, 1, 1, "telegram")]
    assert "Акт приёма подтверждён" in h.last_text_to(IVAN)
    assert "Клиент подтвердил акт приёма (версия 1)" in topic_texts(h)[-1]
    # the same button again: the same confirmation, no second record
    await h.feed(h.updates.press(IVAN, message.button_data("Всё верно"), message.result["message_id"]))
    assert await consents(h) == [(1, 1, 1, "telegram")]
    assert "уже подтвердили" in h.last_text_to(IVAN)


async def test_a_changed_act_goes_again_and_the_old_button_records_nothing(h: Harness) -> None:
    await arrived(h)
    await manager(h, ACT)
    first = h.tg.last_to(IVAN.id)
    await manager(h, "/act send")
    assert "ничего не менялось" in topic_texts(h)[-1]
    await manager(h, "/act\nТопливо: 3/4")
    assert "Топливо: 3/4" in h.last_text_to(IVAN)
    assert (await act_rows(h))[0][6:] == (2, 0)
    await h.feed(h.updates.press(IVAN, first.button_data("Всё верно"), first.result["message_id"]))
    assert await consents(h) == []
    assert any("изменился" in t for t in h.texts_to(IVAN)[-2:])
    await h.tap(IVAN, "Всё верно")
    assert await consents(h) == [(1, 2, 1, "telegram")]


async def test_bad_lines_are_refused_and_nothing_is_kept(h: Harness) -> None:
    await arrived(h)
    await manager(h, "/act\nПробег: 68²00\nТопливо: много\nКлиент: ждёт | оставляет\nЦена: 5")
    answer = plain(topic_texts(h)[-1])
    assert "Акт приёма не записан" in answer
    for problem in ("пробег «68²00»", "топливо «много»", "клиент «ждёт | оставляет»",
                    "непонятная строка «Цена: 5»"):
        assert problem in answer, problem
    assert (await act_rows(h))[0][:2] == (68200, None)
    await manager(h, "/act\nТопливо: 1/2")  # the stay is still missing: recorded, not sent
    assert "не хватает: Клиент" in topic_texts(h)[-1]
    await manager(h, "/act send")
    assert "пока нельзя отправить" in topic_texts(h)[-1]
    await h.say(JOHN, "/start")
    await manager(h, "/act")
    assert "Акт приёма, заказ-наряд № 1" in plain(topic_texts(h)[-1])


async def test_the_odometer_raises_the_car_on_file_never_lowers_it(h: Harness) -> None:
    await with_request(h)
    await manager(h, "/stage paid")
    await manager(h, "/car\nМарка: Lada\nМодель: Priora\nГод: 2019\nПробег: 58 000")
    await manager(h, "/arrived")
    await manager(h, "/act\nПробег: 61 000")
    assert await h.rows("SELECT odometer FROM cars") == [(61000,)]
    await manager(h, "/act\nПробег: 60 000")  # a typo corrected downwards: the car keeps the higher
    assert await h.rows("SELECT odometer FROM cars") == [(61000,)]
    assert await h.rows("SELECT km FROM ws_readings ORDER BY id") == [(61000,), (60000,)]


async def test_the_act_is_in_the_work_order_and_the_bill(h: Harness) -> None:
    await arrived(h)
    await manager(h, ACT)
    await h.tap(IVAN, "Всё верно")
    await manager(h, "/order ТО-3\nЗамена масла | 3 500\nГотово: 18:00")
    await h.tap(IVAN, "Согласовать всё")
    await tick(h)
    await manager(h, "/done")
    names = [name for name, _ in h.tg.uploads]
    assert names == ["work-order-1.pdf", "order-1.pdf"]
    for _, content in h.tg.uploads:
        text = pdf_text(content)
        for shown in ("Акт приёма", "Пробег: 68 500 км", "Топливо: 1/2",
                      "Видимые повреждения: царапина на заднем бампере",
                      "Жалоба клиента, его словами: стучит спереди на кочках",
                      "Пока машина в работе: клиент ждёт на месте",
                      "Подтверждён клиентом: 24.11.2026 10:00 (Telegram, версия 1)"):
            assert shown in text, f"{shown!r} not in {text!r}"


async def test_the_pdf_says_when_the_act_printed_is_newer_than_what_the_client_confirmed(
    h: Harness,
) -> None:
    await arrived(h)
    await manager(h, ACT)
    await h.tap(IVAN, "Всё верно")
    await manager(h, "/act\nТопливо: 3/4")  # version 2 goes to the client, who does not confirm
    await manager(h, "/order ТО-3\nЗамена масла | 3 500\nГотово: 18:00")
    await h.tap(IVAN, "Согласовать всё")
    await tick(h)
    [(name, content)] = h.tg.uploads
    text = pdf_text(content)
    assert name == "work-order-1.pdf" and "Топливо: 3/4" in text
    assert "Подтверждён клиентом: 24.11.2026 10:00 (Telegram, версия 1)" in text
    assert "Версию 2, с последними изменениями, клиент ещё не подтвердил." in text


async def test_the_pdf_says_when_the_act_was_changed_and_not_sent_again(h: Harness) -> None:
    await arrived(h)
    await manager(h, ACT)
    await h.tap(IVAN, "Всё верно")
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text="/act", kind="photo"))  # kept, not sent
    await manager(h, "/order ТО-3\nЗамена масла | 3 500\nГотово: 18:00")
    await h.tap(IVAN, "Согласовать всё")
    await tick(h)
    text = pdf_text(h.tg.uploads[-1][1])
    assert "(фото: 1)" in text and "(Telegram, версия 1)" in text
    assert "После версии 1 акт изменён, и эти изменения клиенту ещё не отправлены." in text


async def test_erasure_clears_the_acts_photos_and_words_keeps_its_figures(h: Harness) -> None:
    await arrived(h)
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text="/act", kind="photo"))
    await manager(h, ACT)
    await h.tap(IVAN, "Всё верно")
    said = ["царапина на заднем бампере", "детское кресло", "стучит спереди на кочках"]
    assert len(await values_left(h.rows, said)) >= len(said)
    await h.say(IVAN, "/delete_my_data")
    await h.tap(IVAN, "Да, удалить всё")
    await settle_erasure(h)
    assert await values_left(h.rows, said) == []
    assert await act_rows(h) == [(68500, "1/2", None, None, None, "wait", 1, 0)]
    assert await h.rows("SELECT media FROM ws_act_photos") == [(None,)]
    assert await h.rows("SELECT text FROM ws_act_versions") == [(None,)]
    assert await consents(h) == [(1, 1, 1, "telegram")]


async def test_the_figures_count_the_acts_confirmed(h: Harness) -> None:
    await arrived(h)
    await manager(h, ACT)
    await h.tap(IVAN, "Всё верно")
    await manager(h, "/stats 2026-11", thread=None)
    assert "Акты приёма подтверждены клиентом: 1 из 1 отправленных (100%)" in "\n".join(
        topic_texts(h, None))
    await manager(h, "/export 2026-11", thread=None)
    content = next(c for n, c in h.tg.uploads if n.startswith("work_orders"))
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    column = rows[0].index("Акт приёма подтверждён")
    assert rows[1][column] == "2026-11-24 10:00"


async def test_a_whatsapp_client_confirms_by_its_number(start) -> None:
    wa: Wa = await start(workshop_hours=HOURS, contact_hours="00:00-24:00")
    await wa.say("Здравствуйте")
    await wa.manager("/arrived")
    await wa.manager(ACT)
    assert "1. ✅ Всё верно" in wa.bodies()[-1]
    await wa.say("1")
    assert await wa.rows("SELECT version, channel FROM ws_act_consents") == [(1, "whatsapp")]
    assert "подтверждён" in wa.bodies()[-1]


# -- fuzz: /act and its button ---------------------------------------------------------------

ODD = ["68²00", "٦٨٢٠٠", "9" * 40, "-1", "1/0", "9/4", "101%", "½", "ждёт | оставляет", "<b>",
       "{ $name }", "\u202e", "' OR 1=1 --", "\x00", "я" * 600, "", "полный", "1/2", "ждёт"]
LABELS = ["Пробег", "Топливо", "Повреждения", "Вещи", "Жалоба", "Клиент", "Цена", "", "пробег "]


async def test_fuzzed_act_forms_are_all_answered(h: Harness) -> None:
    rng = random.Random(20261208)
    await arrived(h)
    for _ in range(40):
        lines = [f"{rng.choice(LABELS)}: {rng.choice(ODD)}" for _ in range(rng.randint(0, 4))]
        command = "/act " + rng.choice(["", "send", "отправить", "\n".join(lines)])
        before = len(topic_texts(h))
        await manager(h, command)
        assert len(topic_texts(h)) > before or len(h.texts_to(IVAN)) > 0, command[:80]
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert all("Traceback" not in (c.text or "") for c in h.tg.to_chat(GROUP))


async def test_forged_act_buttons_are_answered(h: Harness) -> None:
    await arrived(h)
    await manager(h, ACT)
    message = h.tg.last_to(IVAN.id)  # the act, its button
    await h.say(JOHN, "/start")
    for arg in ["ac", "ac.1", "ac.1.1.1", "ac.²", "ac.1.٣", "ac." + "9" * 30 + ".1", "ac.-1.1",
                "ac.1." + "9" * 25, "ac.99.1"]:
        for who in (IVAN, JOHN):
            before = len(h.tg.sent("answerCallbackQuery"))
            await h.feed(h.updates.press(who, f"a:ws:{arg}", 1))
            assert len(h.tg.sent("answerCallbackQuery")) > before, arg
    await h.feed(h.updates.press(JOHN, message.button_data("Всё верно"), message.result["message_id"]))
    assert await consents(h) == []  # another client's press on Ivan's act records nothing
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]


@given(st.text(max_size=30))
def test_the_readers_take_only_what_they_name(text: str) -> None:
    fuel = read_fuel(text)
    assert fuel is None or fuel in ("full", "reserve") or fuel.endswith("%") or "/" in fuel
    if fuel is not None and fuel[0].isdigit():
        assert fuel.replace("/", "").replace("%", "").isascii()
    stay = read_stay(text)
    assert stay is None or stay in Stay


def test_the_readers_examples() -> None:
    assert [read_fuel(t) for t in ("1/2", " 3 / 4 ", "40 %", "Полный", "резерв", "5/4", "½",
                                   "１/２", "101%")] == [
        "1/2", "3/4", "40%", "full", "reserve", None, None, None, None]
    assert [read_stay(t) for t in ("ждёт", "Оставляет машину", "подменная", "courtesy car",
                                   "ждёт | оставляет", "")] == [
        Stay.WAIT, Stay.LEAVE, Stay.COURTESY, Stay.COURTESY, None, None]
