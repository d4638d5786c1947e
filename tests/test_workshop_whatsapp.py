"""The workshop over WhatsApp: every choice a numbered option (booking, the work order's lines,
the decline reason), the consent record naming the channel, the bill as text."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.db import from_db
from tests.steps import Wa
from tests.steps_workshop import HOURS

ORDER = """/order ТО-3, Kia Rio 2019
Замена масла и фильтра | 3 500
Колодки передние | 6 200
Диагностика подвески | 1 500
Готово: 18:00"""


def last(wa: Wa) -> str:
    return wa.bodies()[-1]


async def test_booking_and_the_work_order_by_numbers(start) -> None:
    wa: Wa = await start(workshop_hours=HOURS, contact_hours="00:00-24:00")
    await wa.say("Здравствуйте")
    assert "5. 🔧 Записаться в сервис" in last(wa)
    await wa.say("5")
    assert "1. ТО" in last(wa)
    await wa.say("1")
    await wa.say("Плановое ТО")
    await wa.say("Kia Rio 2019, А123ВС777")
    await wa.say("68200")
    assert "1. вт 24.11" in last(wa) or "1. пн 23.11" in last(wa)
    await wa.say("2")  # the second day offered: Tuesday 24.11
    assert "1. 09:00" in last(wa)
    await wa.say("2")  # 10:00
    assert "вт, 24 ноября, 10:00" in last(wa)
    await wa.say("1")  # Записаться
    (row,) = await wa.rows("SELECT slot_at, status FROM ws_bookings")
    assert from_db(row[0]) == datetime(2026, 11, 24, 7, 0, tzinfo=UTC) and row[1] == "booked"
    assert "Вы записаны" in last(wa)

    await wa.manager("/arrived")
    await wa.manager(ORDER)
    order = last(wa)
    assert "1. ✅ Замена масла и фильтра" in order and "2. ❌ Не делать: Замена масла и фильтра" in order
    assert "7. ✅ Согласовать всё" in order
    await wa.say("1")  # line 1 approved
    await wa.say("2")  # ❌ 2 (now the first line offered is line 2)
    assert "Подскажите, почему" in last(wa)
    await wa.say("1")  # Дорого
    await wa.say("1")  # line 3, the last one offered
    lines = await wa.rows("SELECT position, status, reason FROM ws_lines ORDER BY position")
    assert lines == [(1, "approved", None), (2, "declined", "price"), (3, "approved", None)]
    records = await wa.rows("SELECT decision, price, channel FROM ws_consents ORDER BY id")
    assert records == [("approved", 3500, "whatsapp"), ("declined", 6200, "whatsapp"),
                       ("approved", 1500, "whatsapp")]
    await wa.manager("/done")
    bill = next(b for b in wa.bodies() if "Ваша машина готова" in b)
    assert "Итого к оплате: *5\u202f000\u00a0₽*" in bill
    (pdf,) = [m for m in wa.sent() if m.media_urls]  # the bill's PDF, fetched by Twilio by URL
    assert pdf.body == "Счёт по заказ-наряду №\u00a01"
    status, content = await wa.get(pdf.media_urls[0])
    assert status == 200 and content.startswith(b"%PDF")
