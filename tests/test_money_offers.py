"""An offer the client accepts (issue 23): /offer sends the client the offer with Accept /
Question; the acceptance is a consent record against the version pressed, once; a changed offer
is a new version that says what changed; an older version's button answers with the current one;
a lapsed offer is told in the topic once. Through the real dispatcher, services, scheduler tick
and SQLite against the fake Bot API and fake Twilio."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import (
    GROUP,
    IVAN,
    MANAGER,
    Harness,
    Wa,
    intake,
    manager,
    plain,
    start_app,
    tick,
    topic_texts,
    with_request,
)

PAY = "https://pay.example/carcare"
OFFER = """/offer Toyota RAV4, 2019, белый
Цена: 2 150 000
Комиссия: 100 000
Включено: проверка, доставка до Москвы, оформление
Задаток: 100 000
Условия: задаток в течение 3 дней, остаток при получении
Действует до: 30.11.2026"""  # the clock starts on 23.11.2026
ACCEPTED = "SELECT offer_id, client_id, channel, text FROM offer_acceptances ORDER BY id"


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start_app(tg, clock, db_path, payment_url=PAY)
    try:
        yield harness
    finally:
        await harness.app.stop()


def offer_call(h: Harness, version: int):
    """The newest offer message of this version sent to Ivan (with its buttons)."""
    for call in reversed(h.tg.to_chat(IVAN.id)):
        if f"(версия {version})" in (call.text or "") and "✅ Принять" in call.button_labels():
            return call
    raise AssertionError(f"no offer of version {version} was sent")


def offer_message(h: Harness, version: int) -> tuple[str, int]:
    call = offer_call(h, version)
    return call.text or "", call.result["message_id"]


async def press(h: Harness, label: str, version: int) -> None:
    call = offer_call(h, version)
    await h.feed(h.updates.press(IVAN, call.button_data(label), call.result["message_id"]))


async def test_an_offer_is_sent_and_accepted_once(h: Harness) -> None:
    await with_request(h)
    await manager(h, OFFER)
    text, _ = offer_message(h, 1)
    shown = plain(text)
    for part in ("Предложение по заявке № 1", "Машина: Toyota RAV4, 2019, белый",
                 "Цена машины: 2 150 000 ₽", "Наша комиссия: 100 000 ₽", "Итого: 2 250 000 ₽",
                 "В цену входит: проверка, доставка до Москвы, оформление", "Задаток: 100 000 ₽",
                 "Условия: задаток в течение 3 дней", "действует до 30 ноября 2026"):
        assert part in shown, part
    assert "отправлено клиенту: итого 2 250 000 ₽" in plain(topic_texts(h)[-1])
    assert "💰 Оплачено 0 ₽ из 2 250 000 ₽, осталось 2 250 000 ₽" in plain(
        h.tg.sent("editMessageText", GROUP)[-1]["text"])

    await press(h, "Принять", 1)
    assert await h.rows(ACCEPTED) == [(1, 1, "telegram", text)]  # word for word what he saw
    assert "вы приняли предложение (версия 1)" in h.last_text_to(IVAN)
    assert "задаток 100 000 ₽" in plain(h.last_text_to(IVAN))
    pay = h.tg.to_chat(IVAN.id)[-1].params["reply_markup"]["inline_keyboard"][0][0]
    assert pay["url"] == PAY
    told = [t for t in topic_texts(h) if "Клиент принял предложение" in t]
    assert len(told) == 1 and "версия 1, итого 2 250 000 ₽, через telegram" in plain(told[0])

    await press(h, "Принять", 1)  # the same version again: idempotent
    assert await h.rows(ACCEPTED) == [(1, 1, "telegram", text)]
    assert "уже приняли это предложение" in h.last_text_to(IVAN)
    assert len([t for t in topic_texts(h) if "Клиент принял предложение" in t]) == 1

    # A payment now counts against the offer: what remains, and the Pay button.
    await manager(h, "/paid 100 000 задаток")
    assert "Оплачено 100 000 ₽ из 2 250 000 ₽, осталось 2 150 000 ₽" in plain(h.last_text_to(IVAN))
    pay = h.tg.to_chat(IVAN.id)[-1].params["reply_markup"]["inline_keyboard"][0][0]
    assert pay["url"] == PAY
    await manager(h, "/paid 2 150 000 покупка")
    assert "Оплачено 2 250 000 ₽ из 2 250 000 ₽ — всё оплачено" in plain(h.last_text_to(IVAN))
    assert "reply_markup" not in h.tg.to_chat(IVAN.id)[-1].params  # nothing left to pay
    await h.say(IVAN, "/status")
    assert "всё оплачено" in h.last_text_to(IVAN)


async def test_a_changed_offer_is_a_new_version_and_an_old_button_brings_the_current(
    h: Harness,
) -> None:
    await with_request(h)
    await manager(h, OFFER)
    await manager(h, OFFER.replace("2 150 000", "2 100 000").replace("30.11.2026", "01.12.2026"))
    text, _ = offer_message(h, 2)
    changes = plain(text)
    assert "Мы изменили предложение" in changes
    assert "Цена машины: было 2 150 000 ₽, стало 2 100 000 ₽" in changes
    assert "Действует до: было 30 ноября 2026, стало 1 декабря 2026" in changes
    assert "Комиссия: было" not in changes  # only what changed
    assert await h.rows("SELECT version, price FROM offers ORDER BY id") == [
        (1, 2_150_000), (2, 2_100_000)]

    before = len(h.texts_to(IVAN))
    await press(h, "Принять", 1)  # the first message's button
    assert await h.rows(ACCEPTED) == []
    said = h.texts_to(IVAN)[before:]
    assert "уже изменили" in said[0] and "(версия 2)" in said[0]
    assert said[1] == text  # the current version again, with its buttons

    await press(h, "Принять", 2)
    assert await h.rows(ACCEPTED) == [(2, 1, "telegram", text)]

    await press(h, "Вопрос", 2)
    assert "Напишите ваш вопрос" in h.last_text_to(IVAN)
    assert "вопрос по предложению к заявке № 1 (версия 2)" in plain(topic_texts(h)[-1])


async def test_the_question_on_an_offer_reaches_the_topic_named_as_such(h: Harness) -> None:
    await with_request(h)
    await manager(h, OFFER)
    await press(h, "Вопрос", 1)
    copies = len(h.tg.sent("copyMessage", GROUP))
    await h.say(IVAN, "А зимняя резина входит в цену?")
    assert plain(topic_texts(h)[-1]) == (
        "❓ Вопрос клиента по предложению к заявке № 1 (версия 1): А зимняя резина входит в цену?")
    assert "Вопрос передан менеджеру" in h.last_text_to(IVAN)
    assert len(h.tg.sent("copyMessage", GROUP)) == copies  # told once, as the question
    await h.say(IVAN, "И ещё: когда можно забрать?")  # the next words are plain words again
    assert len(h.tg.sent("copyMessage", GROUP)) == copies + 1

    await press(h, "Вопрос", 1)
    await h.feed(h.updates.media(IVAN, "photo"))  # a photo goes as it is
    assert len(h.tg.sent("copyMessage", GROUP)) == copies + 2
    await press(h, "Вопрос", 1)
    h.clock.advance(days=1, minutes=1)  # a day later, words are not about the offer
    await h.say(IVAN, "Добрый день")
    assert "Добрый день" not in "".join(topic_texts(h)[-2:])
    assert len(h.tg.sent("copyMessage", GROUP)) == copies + 3


async def test_the_offers_file_holds_each_version_and_its_acceptance(h: Harness) -> None:
    await with_request(h)
    await manager(h, OFFER)
    await manager(h, OFFER.replace("2 150 000", "2 100 000"))
    h.clock.advance(hours=1)
    await press(h, "Принять", 2)
    h.clock.advance(days=1)  # a period of whole days, up to today
    before = len(h.tg.calls)
    await h.feed(h.updates.in_topic(MANAGER, None, text="/export 7d"))
    files = {c["document"].filename.rsplit("_", 2)[0]: c["document"].data
             for c in h.tg.calls[before:] if c.method == "sendDocument"}
    rows = list(csv.DictReader(io.StringIO(files["offers"].decode("utf-8-sig"))))
    assert [(r["Предложение №"], r["Заявка №"], r["Версия"], r["Цена машины"], r["Комиссия"],
             r["Создано"], r["Принято"], r["Канал принятия"], r["Истекло"]) for r in rows] == [
        ("1", "1", "1", "2150000", "100000", "2026-11-23 12:00", "", "", ""),
        ("2", "1", "2", "2100000", "100000", "2026-11-23 12:00", "2026-11-23 13:00", "telegram", ""),
    ]


async def test_a_lapsed_offer_is_told_in_the_topic_once_and_cannot_be_accepted(h: Harness) -> None:
    await with_request(h)
    await manager(h, OFFER)
    await tick(h)
    assert not any("истекло" in t for t in topic_texts(h))
    h.clock.advance(days=7, hours=16)  # 01.12 01:00 in Moscow: the 30th is over
    await tick(h)
    lapsed = [t for t in topic_texts(h) if "истекло" in t]
    assert len(lapsed) == 1 and "(версия 1) истекло 30 ноября 2026" in plain(lapsed[0])
    assert await h.rows("SELECT lapsed_at IS NOT NULL FROM offers") == [(1,)]
    await press(h, "Принять", 1)
    assert "Срок этого предложения закончился 30 ноября 2026" in h.last_text_to(IVAN)
    assert await h.rows(ACCEPTED) == []
    h.clock.advance(days=1)
    await tick(h)
    assert len([t for t in topic_texts(h) if "истекло" in t]) == 1


async def test_an_accepted_offer_does_not_lapse(h: Harness) -> None:
    await with_request(h)
    await manager(h, OFFER)
    await press(h, "Принять", 1)
    h.clock.advance(days=10)
    await tick(h)
    assert not any("истекло" in t for t in topic_texts(h))


REFUSED = [
    ("/offer", "Формат предложения"),
    ("/offer Toyota RAV4, 2019", "не хватает полей: цена, комиссия, включено, задаток, условия"),
    ("/offer Цена: 2 150 000", "Первая строка предложения — машина"),
    (OFFER + "\nЦвет: белый", "Не получилось разобрать строку «Цвет: белый»"),
    (OFFER + "\nЦена: 1", "Поле указано дважды"),
    (OFFER.replace("2 150 000", "2 15²000"), "обычными цифрами 0–9"),
    (OFFER.replace("2 150 000", "9" * 40), "от 1 до 1 000 000 000 ₽"),
    (OFFER.replace("Задаток: 100 000", "Задаток: 3 млн"), "Задаток больше суммы предложения"),
    (OFFER.replace("30.11.2026", "20.11.2026"), "уже прошла"),
    (OFFER.replace("30.11.2026", "31.12.9999"), "дальше чем через год"),
    (OFFER.replace("30.11.2026", "31.02.2027"), "Не получилось разобрать дату"),
    (OFFER.replace("30.11.2026", "٣٠.11.2026"), "Не получилось разобрать дату"),
    (OFFER.replace("Условия: задаток", "Условия: " + "я" * 600), "не больше 500 символов"),
]


async def test_a_malformed_offer_is_answered_in_one_line_and_sends_nothing(h: Harness) -> None:
    await with_request(h)
    to_ivan = len(h.texts_to(IVAN))
    for command, answer in REFUSED:
        before = len(topic_texts(h))
        await manager(h, command)
        said = topic_texts(h)[before:]
        assert len(said) == 1 and answer in plain(said[0]), (command[:60], said)
    assert await h.rows("SELECT COUNT(*) FROM offers") == [(0,)]
    assert len(h.texts_to(IVAN)) == to_ivan
    await manager(h, "/stage cancelled клиент передумал")
    await manager(h, OFFER)
    assert "на этапе «Заявка отменена»: предложение по ней не отправляем" in plain(topic_texts(h)[-1])


async def test_forged_offer_buttons_are_answered_never_a_dead_letter(h: Harness) -> None:
    await with_request(h)
    await manager(h, OFFER)
    _, message_id = offer_message(h, 1)
    for arg in ("ok.2", "ok.²", "ok." + "9" * 25, "ok.", "ask.0", "zz.1", "ok.1.1", "ok.-1"):
        before = len(h.texts_to(IVAN))
        await h.feed(h.updates.press(IVAN, f"a:offer:{arg}", message_id))
        assert "неактуальна" in h.texts_to(IVAN)[before], arg
    assert await h.rows(ACCEPTED) == []
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]


ODD = ["Цена: 2 150 000", "Комиссия: ٣", "Задаток: нет", "Включено: <b>", "Условия: { $x }",
       "Действует до: 31.12.9999", "Действует до: 30.11.2026", "Цена: 1" + "0" * 400, "#1", "#²",
       "\u202e", "x" * 300, "Цена:", ":", "Toyota", ""]


async def test_fuzzed_offer_commands_are_all_answered(h: Harness) -> None:
    await with_request(h)
    rng = random.Random(20261208)
    for _ in range(50):
        command = "/offer " + "\n".join(rng.choice(ODD) for _ in range(rng.randint(0, 7)))
        before = len(topic_texts(h))
        await manager(h, command)
        assert len(topic_texts(h)) > before, f"no answer to {command[:80]!r}"
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert topic_texts(h, None) == []


async def test_a_whatsapp_client_accepts_by_number(wa: Wa) -> None:
    await intake(wa)
    await wa.manager(OFFER)
    body = wa.bodies()[-1]
    assert "Итого: 2" in body and "1. ✅ Принять" in body and "2. ❓ Вопрос" in body
    await wa.say("1")
    assert await wa.rows("SELECT channel FROM offer_acceptances") == [("whatsapp",)]
    assert "вы приняли предложение" in wa.bodies()[-1]


async def test_money_owed_keeps_a_client_and_erasure_keeps_the_sums(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_app(tg, clock, db_path, retention="1y")
    try:
        await with_request(h)
        await manager(h, OFFER)
        await press(h, "Принять", 1)
        await manager(h, "/paid 100 000 задаток")
        h.clock.advance(days=400)  # nobody wrote for more than the year; the rest is owed
        assert await h.app.erasure.daily() == 0
        await manager(h, "/paid 2 150 000 покупка")  # paid in full
        h.clock.advance(days=366)
        assert await h.app.erasure.daily() == 1
        # The firm's records keep their sums, versions and dates; the words go.
        assert await h.rows("SELECT version, car, price, fee, included, deposit, terms, text"
                            " FROM offers") == [(1, "—", 2_150_000, 100_000, "—", 100_000, "—", "—")]
        assert await h.rows("SELECT offer_id, channel, text FROM offer_acceptances") == [
            (1, "telegram", "—")]
        assert await h.rows("SELECT amount, kind, what FROM payments ORDER BY id") == [
            (100_000, "deposit", "—"), (2_150_000, "purchase", "—")]
    finally:
        await h.app.stop()
