"""Payments (issue 23): /paid in the client's topic records a payment for the deal, the client gets
a receipt, the card and /status show what is paid; a cancelled deal takes none; every odd sum is
answered in one line; the payments file of /export; erasure keeps the sums, not the words. Through
the real dispatcher, services and SQLite against the fake Bot API."""

from __future__ import annotations

import csv
import io
import random

from hypothesis import given
from hypothesis import strategies as st

from bot.services.money.reading import split_sum
from domain.money import PaymentKind, payment_kind
from domain.refusal import Refusal
from tests.steps import (
    GROUP,
    IVAN,
    MANAGER,
    Harness,
    group_press,
    in_general,
    manager,
    plain,
    settle_erasure,
    topic_texts,
    with_request,
)

PAYMENTS = "SELECT subject, subject_id, client_id, amount, kind, what, manager_id FROM payments"


async def test_a_payment_is_recorded_and_the_client_gets_a_receipt(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/paid 150 000 задаток по договору")
    assert await h.rows(PAYMENTS) == [
        ("deal", 1, 1, 150_000, "deposit", "задаток по договору", MANAGER.id)]
    receipt = plain(h.last_text_to(IVAN))
    assert "Получили оплату: <b>150 000 ₽</b> — задаток по договору" in receipt
    assert "Заявка № 1, Toyota RAV4" in receipt
    assert "Оплачено: 150 000 ₽" in receipt
    assert "Записали оплату 150 000 ₽ (задаток по договору) по заявке № 1" in plain(topic_texts(h)[-1])
    card = plain(h.tg.sent("editMessageText", GROUP)[-1]["text"])
    assert "💰 Оплачено: 150 000 ₽" in card

    await manager(h, "/paid #1 30 тыс доставка")  # the budget's spelling, the number first
    assert await h.rows("SELECT amount, kind FROM payments ORDER BY id") == [
        (150_000, "deposit"), (30_000, "delivery")]
    assert "Оплачено: 180 000 ₽" in plain(h.last_text_to(IVAN))
    await h.say(IVAN, "/status")
    assert "Оплачено: 180 000 ₽" in plain(h.last_text_to(IVAN))
    # The receipt counts as news: the 48-hour promise is kept by it.
    assert await h.rows("SELECT kind FROM messages WHERE author = 'manager' AND kind = 'paid'") == [
        ("paid",), ("paid",)]


async def test_a_mistake_is_corrected_by_a_correcting_record(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/paid 150 000 задаток")
    await manager(h, "/paid 150 000 задаток")  # the same payment recorded twice by mistake
    await manager(h, "/paid -150 000 задаток записан дважды")
    receipt = plain(h.last_text_to(IVAN))
    assert "Исправили запись об оплате: <b>−150 000 ₽</b> — задаток записан дважды" in receipt
    assert "Оплачено: 150 000 ₽" in receipt
    assert "Записали исправление: −150 000 ₽" in plain(topic_texts(h)[-1])
    assert "💰 Оплачено: 150 000 ₽" in plain(h.tg.sent("editMessageText", GROUP)[-1]["text"])
    to_ivan = len(h.texts_to(IVAN))
    for command, answer in (("/paid −200 000 ошибка", "больше, чем оплачено по заявке № 1 (150 000 ₽)"),
                            ("/paid -150 000", "за что оплата"),
                            ("/paid –1²0 ошибка", "обычными цифрами"),
                            ("/paid -", "Формат: /paid")):
        await manager(h, command)
        assert answer in plain(topic_texts(h)[-1]), command
    assert len(h.texts_to(IVAN)) == to_ivan
    assert await h.rows("SELECT amount, kind FROM payments ORDER BY id") == [
        (150_000, "deposit"), (150_000, "deposit"), (150_000, "correction")]
    h.clock.advance(days=1)
    sent = await in_general(h, MANAGER, "/export 7d")
    files = {c["document"].filename.rsplit("_", 2)[0]: c["document"].data
             for c in sent if c.method == "sendDocument"}
    rows = list(csv.DictReader(io.StringIO(files["payments"].decode("utf-8-sig"))))
    assert [(r["Сумма, ₽"], r["Вид"]) for r in rows] == [
        ("150000", "Задаток"), ("150000", "Задаток"), ("-150000", "Исправление")]
    await in_general(h, MANAGER, "/stats 7d")
    await h.app.outbox.wait_idle()
    text = plain("\n".join(c.text or "" for c in h.tg.calls if c.method == "sendMessage"))
    assert ("Оплаты по заявкам</b> за период: 150 000 ₽ (записей: 3): Исправление −150 000 ₽;"
            " Задаток 300 000 ₽") in text


async def test_a_payment_on_a_cancelled_deal_is_refused_with_a_clear_line(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/stage cancelled клиент передумал")
    to_ivan = len(h.texts_to(IVAN))
    await manager(h, "/paid 150 000 задаток")
    answer = plain(topic_texts(h)[-1])
    assert "Заявка № 1 отменена: оплату по ней не записываем" in answer
    assert await h.rows("SELECT COUNT(*) FROM payments") == [(0,)]
    assert len(h.texts_to(IVAN)) == to_ivan  # no receipt


REFUSED = [
    ("/paid", "Формат: /paid #номер сумма за что"),
    ("/paid задаток", "Формат: /paid #номер сумма за что"),
    ("/paid 150 000", "Напишите после суммы, за что оплата"),
    ("/paid 150²000 задаток", "обычными цифрами 0–9"),
    ("/paid ١٥٠٠٠٠ задаток", "обычными цифрами 0–9"),
    ("/paid 0 задаток", "от 1 до 1 000 000 000 ₽"),
    ("/paid 1" + "0" * 5000 + " задаток", "от 1 до 1 000 000 000 ₽"),
    ("/paid 2000000000 задаток", "от 1 до 1 000 000 000 ₽"),
    ("/paid 150,5 задаток", "нужна одна сумма в рублях"),
    ("/paid 150 000 2 000 задаток", "нужна одна сумма в рублях"),
    ("/paid 150 000 " + "x" * 201, "не больше 200 символов"),
    ("/paid #7 150 000 задаток", "нет заявки № 7"),
]


async def test_odd_sums_are_answered_in_one_line_and_record_nothing(harness: Harness) -> None:
    h = harness
    await with_request(h)
    for command, answer in REFUSED:
        before = len(topic_texts(h))
        await manager(h, command)
        said = topic_texts(h)[before:]
        assert len(said) == 1 and answer in plain(said[0]), (command, said)
    assert await h.rows("SELECT COUNT(*) FROM payments") == [(0,)]
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]


async def test_the_payments_file_and_erasure_keeping_the_sums(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/paid 150 000 задаток Иван Петров")
    await manager(h, "/paid 50 000 комиссия")
    h.clock.advance(days=1)  # a period of whole days, up to today
    sent = await in_general(h, MANAGER, "/export 7d")
    files = {c["document"].filename.rsplit("_", 2)[0]: c["document"].data
             for c in sent if c.method == "sendDocument"}
    rows = list(csv.DictReader(io.StringIO(files["payments"].decode("utf-8-sig"))))
    assert [(r["Оплата №"], r["Клиент"], r["За что"], r["Номер"], r["Сумма, ₽"], r["Вид"],
             r["Как записал менеджер"]) for r in rows] == [
        ("1", "Иван Петров", "Заявка", "1", "150000", "Задаток", "задаток Иван Петров"),
        ("2", "Иван Петров", "Заявка", "1", "50000", "Комиссия", "комиссия"),
    ]

    await manager(h, "/forget")
    ask = next(c for c in reversed(h.tg.to_chat(GROUP))
               if any("Да, удалить" in label for label in c.button_labels()))
    await h.feed(group_press(h, MANAGER, ask.button_data("Да, удалить"), ask.result["message_id"]))
    await settle_erasure(h)
    assert await h.rows("SELECT amount, kind, what FROM payments ORDER BY id") == [
        (150_000, "deposit", "—"), (50_000, "fee", "—")]


def test_kinds_are_read_from_the_managers_words() -> None:
    assert payment_kind("Задаток") is PaymentKind.DEPOSIT
    assert payment_kind("оплата доставки") is PaymentKind.DELIVERY
    assert payment_kind("за машину") is PaymentKind.PURCHASE
    assert payment_kind("fee") is PaymentKind.FEE
    assert payment_kind("что-то ещё") is PaymentKind.OTHER


@given(st.text(max_size=60))
def test_any_text_is_a_sum_and_words_or_one_refusal(text: str) -> None:
    try:
        amount, what = split_sum(text, "paid-usage")
    except Refusal as refusal:
        assert refusal.key in {"paid-usage", "money-odd-digits", "amount-invalid",
                               "amount-out-of-range"}
    else:
        assert 1 <= amount <= 1_000_000_000 and what == what.strip()


ODD = ["150 000", "150²000", "٣٥٠٠", "①", "9" * 25, "1" + "0" * 400, "-1", "0", "1,5", "1e9",
       "NaN", "#1", "#²", "#" + "9" * 30, "№1", "задаток", "<b>", "{ $x }", "\u202e", "x" * 300, ""]


async def test_fuzzed_paid_commands_are_all_answered(harness: Harness) -> None:
    h = harness
    await with_request(h)
    rng = random.Random(20261206)
    for _ in range(60):
        command = "/paid " + " ".join(rng.choice(ODD) for _ in range(rng.randint(0, 4)))
        before = len(topic_texts(h))
        await manager(h, command)
        assert len(topic_texts(h)) > before, f"no answer to {command[:80]!r}"
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert topic_texts(h, None) == []  # no dead letter told in General
    assert all("Traceback" not in (c.text or "") for c in h.tg.to_chat(GROUP))
