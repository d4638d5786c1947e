"""Payment on a work order (issue 24): `/paid <amount> [cash|card|transfer]` in the client's topic
records it in the same `payments` table as a deal's (subject 'order'); the client gets a receipt
with what is paid and due, the bill shows both; overpaying, paying with no order or before any
work is approved are refused in one line; a deal's /paid in the same topic still goes to the deal."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import GROUP, IVAN, Harness, Wa, plain, topic_texts, with_request
from tests.steps_workshop import HOURS, manager, start

PAY = "https://pay.example/carcare"
ORDER = """/order ТО-3
Замена масла и фильтра | 3 500
Колодки передние | 6 200
Готово: 18:00"""


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path, payment_url=PAY)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def agreed(h: Harness) -> None:
    await h.say(IVAN, "Добрый день")
    await manager(h, "/arrived")
    await manager(h, ORDER)
    await h.tap(IVAN, "Согласовать всё")  # 9 700 ₽


async def paid_rows(h: Harness) -> list[tuple]:
    return await h.rows("SELECT subject, subject_id, client_id, amount, kind, what FROM payments"
                        " ORDER BY id")


async def test_a_payment_on_the_order_gets_a_receipt_and_shows_on_the_bill(h: Harness) -> None:
    await agreed(h)
    await manager(h, "/paid 4 000 картой")
    assert await paid_rows(h) == [("order", 1, 1, 4000, "other", "card")]
    receipt = h.tg.last_to(IVAN.id)
    assert "Получили оплату по заказ-наряду № 1: <b>4 000 ₽</b>, картой." in plain(receipt.text)
    assert "Оплачено 4 000 ₽ из 9 700 ₽, осталось 5 700 ₽" in plain(receipt.text)
    assert [b["url"] for row in receipt.buttons for b in row] == [PAY]
    assert "Записали оплату 4 000 ₽ картой по заказ-наряду № 1" in plain(topic_texts(h)[-1])
    await manager(h, "/done")
    bill = next(c for c in h.tg.to_chat(IVAN.id) if "Ваша машина готова" in (c.text or ""))
    assert "Оплачено: 4 000 ₽, осталось оплатить: <b>5 700 ₽</b>" in plain(bill.text)
    document = pdfium.PdfDocument(h.tg.uploads[-1][1])
    try:
        text = " ".join(plain(document[0].get_textpage().get_text_range()).split())
    finally:
        document.close()
    assert "Итого 9 700 ₽ Оплачено 4 000 ₽ К оплате 5 700 ₽" in text
    await manager(h, "/paid 5700 перевод")  # after /done too: the rest
    assert "всё оплачено" in plain(h.last_text_to(IVAN))
    assert [r[3] for r in await paid_rows(h)] == [4000, 5700]
    assert h.tg.last_to(IVAN.id).buttons == []  # nothing due: no Pay button


@pytest.mark.parametrize(("command", "says"), [
    ("/paid 9 701",
     "больше, чем осталось по заказ-наряду № 1 (сумма 9 700 ₽, оплачено 0 ₽, осталось 9 700 ₽)"),
    ("/paid 4²00 card", "обычными цифрами"),
    ("/paid 0 cash", "Сумма"),
    ("/paid 100 биткоин", "нет заявки"),  # not a way to pay: a deal's payment, and there is none
    ("/paid 10000000000000 cash", "Сумма"),
])
async def test_bad_payments_are_refused_in_one_line(h: Harness, command: str, says: str) -> None:
    await agreed(h)
    before = len(topic_texts(h))
    await manager(h, command)
    answer = plain(topic_texts(h)[-1])
    assert len(topic_texts(h)) == before + 1 and "\n" not in answer.strip()
    assert says.lower() in answer.lower(), answer
    assert await paid_rows(h) == []


async def test_no_order_or_nothing_approved_yet_is_refused(h: Harness) -> None:
    await h.say(IVAN, "Добрый день")
    await manager(h, "/paid 500 cash")
    assert "нет заказ-наряда" in topic_texts(h)[-1]
    await manager(h, "/arrived")
    await manager(h, "/paid 500 cash")
    assert "оплачивать пока нечего" in topic_texts(h)[-1]
    await manager(h, ORDER)
    await manager(h, "/paid 500 cash")  # sent, nothing approved yet
    assert "оплачивать пока нечего" in topic_texts(h)[-1]
    assert await paid_rows(h) == []


async def test_a_deals_payment_in_the_same_topic_still_goes_to_the_deal(h: Harness) -> None:
    await with_request(h)
    await manager(h, "/arrived")
    await manager(h, ORDER)
    await h.tap(IVAN, "Согласовать всё")
    await manager(h, "/paid 150 000 задаток")
    await manager(h, "/paid #1 20 000 доставка")
    await manager(h, "/paid 2 000 cash")
    assert await paid_rows(h) == [("deal", 1, 1, 150000, "deposit", "задаток"),
                                  ("deal", 1, 1, 20000, "delivery", "доставка"),
                                  ("order", 1, 1, 2000, "other", "cash")]


async def test_a_whatsapp_client_gets_the_receipt(start) -> None:
    wa: Wa = await start(workshop_hours=HOURS, contact_hours="00:00-24:00")
    await wa.say("Здравствуйте")
    await wa.manager("/arrived")
    await wa.manager(ORDER)
    await wa.say("5")  # ✅ approve all (two options per line first)
    await wa.manager("/paid 9 700 наличными")
    assert "Получили оплату по заказ-наряду" in wa.bodies()[-1]
    assert "всё оплачено" in wa.bodies()[-1]


ODD = ["4²00", "٤٠٠٠", "9" * 40, "-5", "0", "1,5", "1 000 000 001", "½", "5000 5000", "<b>", "\x00",
       "cash", "картой", "перевод", "", "#", "#1", "#999", "5 000 ₽", "5 тыс", "5k card"]


async def test_fuzzed_paid_commands_are_all_answered(h: Harness) -> None:
    rng = random.Random(20261209)
    await agreed(h)
    for _ in range(40):
        command = "/paid " + " ".join(rng.choice(ODD) for _ in range(rng.randint(0, 3)))
        before = len(topic_texts(h))
        await manager(h, command)
        assert len(topic_texts(h)) > before or h.tg.to_chat(GROUP)[-1].text, command
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert await h.rows("SELECT COALESCE(SUM(amount), 0) <= 9700 FROM payments"
                        " WHERE subject = 'order'") == [(1,)]
