"""The workshop's documents (issue 24): the work order, sent as a PDF once the client has decided
every line, and the bill at /done, each with the firm's details, the order's times, the car on
file, the lines, the client's consent and the warranty. The PDFs are looked at: a page rendered
to PNG (not blank) and their own text layer read (pypdfium2)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from bot.config import ConfigError
from domain.documents import Period, Warranty, check_inn, parse_warranty
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import IVAN, Harness, Wa, make_settings, plain, with_request
from tests.steps_workshop import HOURS, book, manager, start, tick

FIRM = {"firm_legal_name": "ООО «Автосервис Север»", "firm_inn": "7707083893",
        "firm_address": "Москва, ул. Сервисная, 5", "firm_phone": "+7 495 123-45-67",
        "workshop_warranty": "6mo or 10000km"}
CAR = """/car
Марка: Lada
Модель: Priora
Год: 2019
VIN: XTA217030K0123456
Госномер: А 123 ВС 777
Пробег: 58 000"""
ORDER = """/order ТО-3 и стук спереди
ТО-1
Колодки передние | 2 000 + 4 200
Диагностика подвески | 1 500 | 30m
Готово: 18:00"""
PRICES = "code;name;hours;labour;parts\nТО-1;Замена масла и фильтра;1,5;1 500;2 000\n"


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path, tmp_path: Path) -> AsyncIterator[Harness]:
    prices = tmp_path / "prices.csv"
    prices.write_text(PRICES, encoding="utf-8")
    harness = await start(tg, clock, db_path, price_list=str(prices), **FIRM)
    try:
        yield harness
    finally:
        await harness.app.stop()


def pdf_text(content: bytes, tmp_path: Path) -> tuple[str, int]:
    """The text layer of every page (whitespace as single spaces, no-break spaces plain), and
    the number of pages; each page is rendered to a PNG that must show something."""
    document = pdfium.PdfDocument(content)
    try:
        texts = []
        for number in range(len(document)):
            page = document[number]
            texts.append(page.get_textpage().get_text_range())
            image = page.render(scale=1).to_pil()
            png = tmp_path / f"page-{number + 1}.png"
            image.save(png)
            with Image.open(png) as shown:
                darkest, lightest = shown.convert("L").getextrema()
            assert lightest == 255 and darkest < 100, f"page {number + 1} is blank"
        return " ".join(plain(" ".join(texts)).split()), len(document)
    finally:
        document.close()


async def car_on_file(h: Harness) -> None:
    await with_request(h)
    await manager(h, "/stage paid")
    await manager(h, CAR)


async def test_the_agreed_work_order_goes_as_a_pdf_with_everything_on_it(
    h: Harness, tmp_path: Path
) -> None:
    await car_on_file(h)
    await manager(h, "/arrived")
    await manager(h, ORDER)
    await h.tap(IVAN, "✅ 1.")
    h.clock.advance(minutes=5)
    await h.tap(IVAN, "❌ Не делать 2")
    await h.tap(IVAN, "Дорого")
    await tick(h)
    assert h.tg.uploads == []  # a line still waits: no work order yet
    await h.tap(IVAN, "✅ 3.")
    await tick(h)
    ((name, content),) = h.tg.uploads
    assert name == "work-order-1.pdf"
    sent = [c for c in h.tg.sent("sendDocument") if c.chat_id == IVAN.id]
    assert len(sent) == 1
    text, pages = pdf_text(content, tmp_path)
    assert pages == 1
    for shown in ("Заказ-наряд № 1 (версия 1)", "ООО «Автосервис Север»", "ИНН 7707083893",
                  "Москва, ул. Сервисная, 5", "+7 495 123-45-67",
                  "Машину приняли: 23.11.2026 12:00",
                  "Работы начаты: 23.11.2026 12:05",  # the client's last decision
                  "Машина будет готова: 23.11.2026 18:00",
                  "Автомобиль: Lada Priora 2019", "Госномер: А 123 ВС 777",
                  "VIN: XTA217030K0123456", "Пробег: 58 000 км",
                  "Код Наименование Н/ч Работа Запчасти Сумма Решение",
                  "1 ТО-1 Замена масла и фильтра 1,5 1 500 ₽ 2 000 ₽ 3 500 ₽ согласовано",
                  "2 — Колодки передние — 2 000 ₽ 4 200 ₽ 6 200 ₽ отказ",
                  "3 — Диагностика подвески 0,5 — — 1 500 ₽ согласовано",
                  "Согласовано на сумму 5 000 ₽",
                  "1. Замена масла и фильтра — 3 500 ₽: согласовано 23.11.2026 12:00 (Telegram, по позиции)",
                  "2. Колодки передние — 6 200 ₽: отказ 23.11.2026 12:05 (Telegram, по позиции)",
                  "Гарантия на выполненные работы: 6 месяцев или 10 000 км — что наступит раньше",
                  "стр. 1 из 1"):
        assert shown in text, f"{shown!r} not in {text!r}"
    await tick(h)
    assert len(h.tg.uploads) == 1  # once per version of the order
    assert await h.rows("SELECT kind, status FROM due_tasks WHERE kind = 'order_pdf'") == [
        ("order_pdf", "done")]


async def test_the_bill_names_the_firm_the_times_the_car_and_our_advice(
    h: Harness, tmp_path: Path
) -> None:
    await car_on_file(h)
    await manager(h, "/arrived")
    await manager(h, ORDER)
    await h.tap(IVAN, "Согласовать всё")
    h.clock.advance(minutes=20)
    await manager(h, "/progress work")  # the work began: the bill says so
    await manager(h, "/extra Втулки стабилизатора | 2 400")
    await h.tap(IVAN, "✅ 4.")
    h.clock.advance(hours=5)
    await manager(h, "/done Следующее ТО — через 10 000 км, колодки задние на исходе")
    name, content = h.tg.uploads[-1]
    assert name == "order-1.pdf"
    text, _ = pdf_text(content, tmp_path)
    for shown in ("Счёт по заказ-наряду № 1", "ООО «Автосервис Север»", "ИНН 7707083893",
                  "Машину приняли: 23.11.2026 12:00", "Работы начаты: 23.11.2026 12:20",
                  "Работы закончены: 23.11.2026 17:20",
                  "Lada Priora 2019", "XTA217030K0123456",
                  "Втулки стабилизатора (найдено в работе)", "Итого 13 600 ₽",
                  "4. Втулки стабилизатора — 2 400 ₽: согласовано 23.11.2026 12:20",
                  "(Telegram, кнопкой «Согласовать всё»)", "Наши рекомендации",
                  "колодки задние на исходе", "6 месяцев или 10 000 км"):
        assert shown in text, f"{shown!r} not in {text!r}"
    # the agreed order went first (version 1), then again when the extra line was agreed (2)
    assert [n for n, _ in h.tg.uploads] == ["order-1.pdf"]
    await tick(h)
    assert sorted(n for n, _ in h.tg.uploads) == ["order-1.pdf", "work-order-1.pdf",
                                                  "work-order-1.pdf"]


async def test_sixty_lines_with_long_titles_fill_pages_and_lose_nothing(
    h: Harness, tmp_path: Path
) -> None:
    """Thirty lines in the order (its most), thirty more found during the work and approved by
    the client's rule: the bill carries all sixty over pages, the long titles wrapped."""
    await h.say(IVAN, "Добрый день")
    titles = [f"Замена прокладки клапанной крышки с герметиком и проверкой компрессии, шифр Ж-{n:03d}"
              for n in range(1, 61)]
    lines = "\n".join(f"{title} | {1000 + n}" for n, title in enumerate(titles[:30], start=1))
    await manager(h, "/arrived")
    await manager(h, f"/order Большой ремонт\n{lines}\nГотово: 25.11 18:00\nДоп. работы: до 5000")
    await h.tap(IVAN, "Согласовать всё")
    for n, title in enumerate(titles[30:], start=31):
        await manager(h, f"/extra {title} | {1000 + n}")
    await manager(h, "/done")
    name, content = h.tg.uploads[-1]
    assert name == "order-1.pdf"
    text, pages = pdf_text(content, tmp_path)
    assert pages >= 3
    for n in range(1, 61):
        assert f"шифр Ж-{n:03d}" in text, n
    total = sum(1000 + n for n in range(1, 61))
    assert f"Итого {total:,} ₽".replace(",", " ") in text
    assert f"стр. {pages} из {pages}" in text
    assert "Автомобиль (со слов клиента): —" in text and "Пробег" not in text


async def test_without_a_car_on_file_the_clients_words_and_the_booking_odometer(
    h: Harness, tmp_path: Path
) -> None:
    await book(h, IVAN)  # Kia Rio 2019, А123ВС777; 68 200 km
    h.clock.advance(hours=22)  # Tuesday 10:00 in Moscow
    await manager(h, "/arrived")
    await manager(h, ORDER.replace("Готово: 18:00", "Готово: 24.11 18:00"))
    await h.tap(IVAN, "Согласовать всё")
    await tick(h)
    text, _ = pdf_text(h.tg.uploads[-1][1], tmp_path)
    assert "Автомобиль (со слов клиента): Kia Rio 2019, А123ВС777" in text
    assert "Пробег: 68 200 км" in text


async def test_without_firm_details_or_warranty_nothing_empty_is_printed(
    tg: FakeTelegram, clock: FakeClock, db_path: Path, tmp_path: Path
) -> None:
    prices = tmp_path / "prices.csv"
    prices.write_text(PRICES, encoding="utf-8")
    h = await start(tg, clock, db_path, price_list=str(prices))
    try:
        await h.say(IVAN, "Добрый день")
        await manager(h, "/arrived")
        await manager(h, ORDER)
        await h.tap(IVAN, "Согласовать всё")
        await tick(h)
        text, _ = pdf_text(h.tg.uploads[-1][1], tmp_path)
        assert "ИНН" not in text and "Гарантия" not in text
        assert "Москва, ул. Сервисная, 5" in text  # WORKSHOP_ADDRESS stands in for FIRM_ADDRESS
    finally:
        await h.app.stop()


async def test_a_whatsapp_client_gets_the_work_order_as_media(start, tmp_path: Path) -> None:
    prices = tmp_path / "prices.csv"
    prices.write_text(PRICES, encoding="utf-8")
    wa: Wa = await start(workshop_hours=HOURS, contact_hours="00:00-24:00", price_list=str(prices),
                         **FIRM)
    await wa.say("Здравствуйте")
    await wa.manager("/arrived")
    await wa.manager(ORDER)
    await wa.say("7")  # ✅ Согласовать всё (after approve and decline for each of three lines)
    assert wa.app.workshop is not None
    await wa.app.workshop.tick()
    await wa.app.settle()
    (media,) = [m for m in wa.sent() if m.media_urls]
    assert media.body == "Заказ-наряд №\u00a01, как вы его согласовали"
    status, content = await wa.get(media.media_urls[0])
    assert status == 200
    text, _ = pdf_text(content, tmp_path)
    assert "ИНН 7707083893" in text and "(WhatsApp, кнопкой «Согласовать всё»)" in text


# -- the settings --------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "value", "says"), [
    ("firm_inn", "7707083894", "FIRM_INN is malformed: the INN's check digits do not match"),
    ("firm_inn", "77070838931", "FIRM_INN is malformed: expected an INN of 10 or 12 digits"),
    ("firm_inn", "77О7083893", "FIRM_INN is malformed: expected an INN of 10 or 12 digits"),
    ("firm_inn", "٧٧٠٧٠٨٣٨٩٣", "FIRM_INN is malformed: expected an INN of 10 or 12 digits"),
    ("workshop_warranty", "6 попугаев", "WORKSHOP_WARRANTY is malformed: expected a time"),
    ("workshop_warranty", "6mo or 1y", "WORKSHOP_WARRANTY is malformed"),
    ("workshop_warranty", "0km", "WORKSHOP_WARRANTY is malformed"),
    ("workshop_warranty", "999999999999mo", "WORKSHOP_WARRANTY is malformed"),
    ("workshop_warranty", "6²mo", "WORKSHOP_WARRANTY is malformed"),
    ("firm_legal_name", "Я" * 201, "FIRM_LEGAL_NAME is malformed"),
])
def test_a_bad_firm_setting_is_one_line_naming_it(
    tg: FakeTelegram, db_path: Path, name: str, value: str, says: str
) -> None:
    with pytest.raises(ConfigError, match=says) as raised:
        make_settings(tg, db_path, **{name: value})
    assert "\n" not in str(raised.value)


def test_the_firm_settings_are_read(tg: FakeTelegram, db_path: Path) -> None:
    settings = make_settings(tg, db_path, **FIRM)
    assert settings.firm.inn == "7707083893" and settings.firm.legal_name == "ООО «Автосервис Север»"
    assert settings.warranty == Warranty((6, Period.MONTHS), 10000)
    assert check_inn(" 500100732259 ") == "500100732259"  # an entrepreneur's 12 digits
    assert parse_warranty("12 мес или 20000 км") == Warranty((12, Period.MONTHS), 20000)
    assert parse_warranty("1y") == Warranty((1, Period.YEARS), None)
    assert parse_warranty("15000km") == Warranty(None, 15000)
    assert parse_warranty("") is None
