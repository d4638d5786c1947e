"""A report's price against the client's budget (issue 23, seed 000 §1д): past BUDGET_TOLERANCE
the report is held until the manager gives a reason; the client reads the price beside their
budget and the reason; /stats counts the handovers within budget and the median overrun. Through
the real dispatcher, services and SQLite against the fake Bot API (the budget asked at intake is
1,5 млн)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bot.config import ConfigError
from tests.fakes.telegram import FakeTelegram
from tests.steps import (
    GROUP,
    IVAN,
    MANAGER,
    Harness,
    in_general,
    make_settings,
    manager,
    plain,
    send_due_reports,
    topic_texts,
    with_request,
)

REPORT = """/report Toyota RAV4, 2019
Цена: {price}
Пробег: 68 000 км
+ один владелец
- скол на лобовом стекле"""
HELD = "SELECT price, budget, over_reason, held, sent_at IS NOT NULL FROM reports ORDER BY id"


def cards_to_ivan(h: Harness) -> list[str]:
    return [plain(t) for t in h.texts_to(IVAN) if "Отчёт №" in t]


async def test_a_report_over_budget_without_a_reason_is_held(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, REPORT.format(price="1 850 000 ₽"))
    await send_due_reports(h)
    assert cards_to_ivan(h) == []  # held: the client sees nothing yet
    assert await h.rows(HELD) == [(1_850_000, 1_500_000, None, 1, 0)]
    asked = plain(topic_texts(h)[-1])
    assert "Отчёт № 1 ждёт: цена 1 850 000 ₽ выше бюджета клиента 1 500 000 ₽ на 23 %" in asked
    assert "(допуск 5 %)" in asked and "/overbudget причина" in asked
    assert await h.rows("SELECT stage FROM requests") == [("new",)]  # nothing told yet

    await manager(h, "/overbudget")
    assert "Напишите, почему машина дороже бюджета" in topic_texts(h)[-1]
    await manager(h, "/overbudget редкая комплектация, продавец торгуется")
    assert "Отчёт № 1 с причиной уйдёт клиенту" in plain(topic_texts(h)[-1])
    await send_due_reports(h)
    (card,) = cards_to_ivan(h)
    assert "Цена 1 850 000 ₽ при вашем бюджете 1 500 000 ₽: выше на 23 %" in card
    assert "Почему дороже: редкая комплектация, продавец торгуется" in card
    assert await h.rows(HELD) == [
        (1_850_000, 1_500_000, "редкая комплектация, продавец торгуется", 0, 1)]
    assert await h.rows("SELECT stage FROM requests") == [("inspecting",)]
    await manager(h, "/overbudget ещё раз")
    assert "нет отчёта, который ждёт подтверждения цены" in plain(topic_texts(h)[-1])


async def test_within_the_tolerance_or_with_a_reason_the_report_goes_at_once(
    harness: Harness,
) -> None:
    h = harness
    await with_request(h)
    await manager(h, REPORT.format(price="1,45 млн"))
    await manager(h, REPORT.format(price="1 550 000"))  # 3 % over: within the 5 % tolerance
    await manager(h, REPORT.format(price="2 100 000") + "\nПочему дороже: пробег вдвое меньше")
    await send_due_reports(h)
    first, second, third = cards_to_ivan(h)
    assert "Цена 1 450 000 ₽ — в пределах вашего бюджета 1 500 000 ₽" in first
    assert "Цена 1 550 000 ₽ при вашем бюджете 1 500 000 ₽: выше на 3 %" in second
    assert "Почему дороже" not in second
    assert "выше на 40 %" in third and "Почему дороже: пробег вдвое меньше" in third
    assert await h.rows("SELECT price, held FROM reports ORDER BY id") == [
        (1_450_000, 0), (1_550_000, 0), (2_100_000, 0)]


async def test_a_price_that_cannot_be_read_is_said_and_the_report_goes(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, REPORT.format(price="договорная"))
    assert "Цену «договорная» не получилось прочитать" in topic_texts(h)[-1]
    await manager(h, REPORT.format(price="1 8²0 000"))
    assert "Цену «1 8²0 000» не получилось прочитать" in topic_texts(h)[-1]
    await send_due_reports(h)
    assert len(cards_to_ivan(h)) == 2
    assert await h.rows("SELECT price, held FROM reports") == [(None, 0), (None, 0)]


async def test_stats_count_handovers_within_budget_and_the_median_overrun(
    harness: Harness,
) -> None:
    h = harness
    await with_request(h)
    await manager(h, REPORT.format(price="1 800 000") + "\nПочему дороже: редкий цвет")
    await send_due_reports(h)
    card = h.tg.to_chat(IVAN.id)[-1]
    await h.feed(h.updates.press(IVAN, card.button_data("Интересно"), card.result["message_id"]))
    await manager(h, "/handover")
    h.clock.advance(days=1)
    text = plain("\n".join(c.text or "" for c in await in_general(h, MANAGER, "/stats 7d")
                           if c.method == "sendMessage" and c.chat_id == GROUP))
    assert "Передано по цене в пределах бюджета: <b>0%</b> (0 из 1;" in text
    assert "Превышение бюджета (медиана): <b>20%</b> (1 передача дороже бюджета;" in text


OFFER = """/offer Toyota RAV4, 2019
Цена: 1 400 000
Комиссия: 100 000
Включено: проверка и доставка
Задаток: 0
Условия: оплата при получении
Действует до: 30.11.2026"""


async def test_an_accepted_offer_is_the_price_the_figures_count(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, REPORT.format(price="1 900 000") + "\nПочему дороже: редкий цвет")
    await send_due_reports(h)  # a dearer car first; the one bought is the offer's
    await manager(h, OFFER)
    offer = h.tg.to_chat(IVAN.id)[-1]
    await h.feed(h.updates.press(IVAN, offer.button_data("Принять"), offer.result["message_id"]))
    await manager(h, "/handover")
    h.clock.advance(days=1)
    text = plain("\n".join(c.text or "" for c in await in_general(h, MANAGER, "/stats 7d")
                           if c.method == "sendMessage" and c.chat_id == GROUP))
    assert "Передано по цене в пределах бюджета: <b>100%</b> (1 из 1;" in text
    assert "Превышение бюджета (медиана): нет данных" in text


@pytest.mark.parametrize("value", ["101%", "-5%", "5²%", "five", "5 %%", ""])
def test_a_malformed_tolerance_is_named_in_one_line(tg: FakeTelegram, db_path: Path,
                                                    value: str) -> None:
    with pytest.raises(ConfigError, match="BUDGET_TOLERANCE is malformed: expected a percent"):
        make_settings(tg, db_path, budget_tolerance=value)


def test_the_tolerance_reads_as_a_percent(tg: FakeTelegram, db_path: Path) -> None:
    assert make_settings(tg, db_path, budget_tolerance="2,5%").tolerance == Decimal("2.5")
    assert make_settings(tg, db_path).tolerance == Decimal(5)
