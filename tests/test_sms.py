"""SMS for clients known only by their phone: booked with `/book +7…` after a call, reminded,
billed and asked after the visit by SMS through the fake Twilio; their replies (a digit, words,
STOP, START) in through the signed webhook at /twilio/sms. The real app, dispatcher, outbox,
scheduler jobs and SQLite in between."""

from __future__ import annotations

from typing import Any

from domain.sms import measure
from tests.steps import GROUP, MANAGER, PETR, SMS_FROM, TOPIC, Wa, group_press
from tests.steps_workshop import ADDRESS, HOURS

SMS_ON = {"workshop_hours": HOURS, "workshop_address": ADDRESS, "contact_hours": "00:00-24:00",
          "twilio_sms_from": SMS_FROM}
BOOK = "/book +7 916 555-12-34 25.11 10:00 ТО"  # Wednesday: reminded on Tuesday
ORDER = "/order ТО\nЗамена масла | 3 500\nГотово: 18:00"


async def in_general(wa: Wa, text: str) -> None:
    await wa.app.feed(wa.updates.in_topic(MANAGER, None, text=text))
    await wa.app.settle()


async def tick(wa: Wa) -> None:
    assert wa.app.workshop is not None
    await wa.app.workshop.tick()
    await wa.app.settle()


def general(wa: Wa) -> list[str]:
    return [c.text or "" for c in wa.tg.to_chat(GROUP) if c.thread_id is None]


def short(body: str) -> bool:
    """One or two segments, as the networks count them."""
    return 1 <= measure(body).segments <= 2


async def test_booked_by_phone_reminded_and_answering_by_sms(start: Any) -> None:
    wa: Wa = await start(**SMS_ON)
    await in_general(wa, BOOK)
    assert await wa.rows("SELECT channel, external_id, chat_id, phone, topic_id FROM clients") == [
        ("sms", PETR, PETR, PETR, TOPIC)]
    assert any("Записали клиента +79165551234" in text for text in general(wa))
    assert any("Записали клиента: #1" in text for text in wa.topic_texts())  # the card's topic
    (booked,) = wa.texts()
    assert booked.startswith("CarCare: вы записаны в сервис на ср, 25 ноября, 10:00, ТО.")
    assert ADDRESS in booked and "<" not in booked and "&" not in booked and short(booked)
    assert all(m.params["From"] == SMS_FROM for m in wa.twilio.sms())

    wa.clock.advance(hours=23)  # the day before the visit, within contact hours
    await tick(wa)
    reminder = wa.texts()[-1]
    assert reminder == ("CarCare: ждём вас в сервисе ср, 25 ноября, 10:00. Всё в силе?\n"
                        "Ответьте цифрой: 1\u00a0— Подтверждаю, 2\u00a0— Перенести, 3\u00a0— Отменить визит")
    assert short(reminder)

    assert await wa.text("1") == 200
    assert await wa.rows("SELECT status FROM ws_bookings") == [("confirmed",)]
    assert "Спасибо! Ждём вас" in wa.texts()[-1] and short(wa.texts()[-1])
    assert any("подтвердил" in text.lower() for text in wa.topic_texts())

    await wa.text("Подъеду минут на 10 позже")
    assert "Подъеду минут на 10 позже" in wa.topic_texts()[-1]  # relayed like any message
    assert not any("Передали менеджеру" in body for body in wa.texts())  # no paid "passed on"
    await wa.manager("Хорошо, ждём")
    assert wa.texts()[-1] == "Хорошо, ждём"


async def test_the_bill_link_and_the_check_after_the_visit_by_sms(start: Any) -> None:
    wa: Wa = await start(**SMS_ON)
    await in_general(wa, BOOK)
    wa.clock.advance(days=1)
    await wa.manager("/arrived")
    await wa.manager(ORDER)
    order = wa.texts()[-1]
    assert "Ответьте цифрой" in order and all(short(body) for body in wa.texts())
    approve = next(line for line in order.replace(", ", "\n").splitlines() if "Замена масла" in line
                   and "Не делать" not in line)
    await wa.text(approve.split("\u00a0")[0].split()[-1])
    assert await wa.rows("SELECT decision, channel FROM ws_consents") == [("approved", "sms")]

    await wa.manager("/done")
    ready, link = wa.texts()[-2:]
    assert ready.startswith("CarCare: ваша машина готова! Заказ-наряд №\u00a01, к оплате 3\u202f500\u00a0₽")
    assert link.startswith("Счёт по заказ-наряду №\u00a01: https://carcare.example.com/media/")
    status, pdf = await wa.get(link.split(": ", 1)[1])
    assert status == 200 and pdf.startswith(b"%PDF")
    assert short(ready) and short(link)

    wa.clock.advance(days=5, minutes=1)
    await tick(wa)
    intro, first = wa.texts()[-2:]
    assert intro.startswith("CarCare: как прошёл визит в сервис")
    assert first.endswith("Ответьте числом от 1 до 5.")
    await wa.text("5")
    answers = await wa.rows("SELECT quality, on_time FROM ws_checks")
    assert answers == [(5, None)]
    assert "вовремя" in wa.texts()[-1]
    assert all(short(body) for body in wa.texts())


async def test_stop_and_start(start: Any) -> None:
    wa: Wa = await start(**SMS_ON)
    await in_general(wa, BOOK)
    sent = len(wa.texts())
    await wa.text("СТОП")
    assert await wa.rows("SELECT number, word FROM sms_optouts") == [(PETR, "СТОП")]
    told = [t for t in wa.topic_texts() if "больше SMS ему не отправляем" in t]
    assert len(told) == 1 and "«СТОП»" in told[0]
    await wa.text("Stop")  # again: recorded once, told once
    assert len([t for t in wa.topic_texts() if "больше SMS" in t]) == 1

    await wa.manager("Вы ещё с нами?")
    assert len(wa.texts()) == sent  # nothing more to that number
    assert "Не доставлено клиенту: SMS STOP" in wa.topic_texts()[-1]
    wa.clock.advance(hours=23)
    await tick(wa)  # the reminder is not sent either
    assert len(wa.texts()) == sent

    await wa.text("START")
    assert await wa.rows("SELECT COUNT(*) FROM sms_optouts") == [(0,)]
    assert "SMS ему снова отправляются" in wa.topic_texts()[-1]
    await wa.manager("Вы ещё с нами?")
    assert wa.texts()[-1] == "Вы ещё с нами?"


async def test_a_request_without_a_valid_signature_is_refused(start: Any) -> None:
    wa: Wa = await start(**SMS_ON)
    await in_general(wa, BOOK)
    assert await wa.text("СТОП", signature="forged") == 403
    assert await wa.text("СТОП", signature=None) == 403
    assert await wa.rows("SELECT COUNT(*) FROM sms_optouts") == [(0,)]
    assert await wa.rows("SELECT COUNT(*) FROM wa_messages WHERE direction = 'in'") == [(0,)]


async def test_a_stranger_writing_by_sms_reaches_a_topic(start: Any) -> None:
    wa: Wa = await start(**SMS_ON)
    assert await wa.text("Здравствуйте, это Пётр, по поводу ТО") == 200
    assert await wa.rows("SELECT channel, phone FROM clients") == [("sms", PETR)]
    assert "Здравствуйте, это Пётр" in wa.topic_texts()[-1]
    assert wa.texts() == []  # nothing paid for in answer


async def test_off_when_the_sms_number_is_empty(start: Any) -> None:
    wa: Wa = await start(**{**SMS_ON, "twilio_sms_from": ""})
    await in_general(wa, BOOK)
    assert await wa.rows("SELECT channel FROM clients") == [("sms",)]
    wa.clock.advance(hours=23)
    await tick(wa)
    await wa.manager("Пётр, добрый день")
    assert wa.twilio.sms() == []
    off = [t for t in wa.topic_texts() if "SMS выключены (TWILIO_SMS_FROM не задан)" in t]
    assert len(off) == 1  # told once
    assert "Не доставлено: у клиента нет чата с ботом, а SMS выключены." in wa.topic_texts()[-1]
    assert await wa.text("1") == 404  # no SMS webhook while SMS is off


async def test_erasing_a_client_keeps_their_stop_unlinked(start: Any) -> None:
    wa: Wa = await start(**SMS_ON)
    await in_general(wa, BOOK)
    await wa.text("СТОП")
    await wa.manager("/forget")
    ask = [c for c in wa.tg.to_chat(GROUP) if c.thread_id == TOPIC and c.buttons][-1]
    await wa.app.feed(group_press(wa, MANAGER, ask.button_data("Да, удалить"), ask.result["message_id"]))
    await wa.app.settle()
    await wa.app.erasure.sweep()
    assert await wa.rows("SELECT external_id, phone FROM clients") == [("erased:1", None)]
    assert await wa.rows("SELECT number, client_id FROM sms_optouts") == [(PETR, None)]
    assert await wa.rows("SELECT COUNT(*) FROM wa_messages WHERE chat_id = ?", PETR) == [(0,)]
    await in_general(wa, BOOK)  # booked again after a call: a new client, still stopped
    assert len(wa.texts()) == 1  # only the first booking's confirmation, before the STOP


async def test_a_managers_photo_is_not_sent_by_sms_and_the_topic_is_told(start: Any) -> None:
    wa: Wa = await start(**SMS_ON)
    await in_general(wa, BOOK)
    await wa.manager("Вот так выглядит колодка", kind="photo")
    assert len(wa.texts()) == 1  # the booking's confirmation only
    held = wa.topic_texts()[-1]
    assert held.startswith("⏸ Не отправлено клиенту: по SMS уходит только текст")
    assert "Напишите то же текстом или позвоните клиенту" in held and "TWILIO_TEMPLATE" not in held
