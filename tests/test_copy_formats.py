"""Formats of the copy review made in code or by Fluent (copy_review_ru.md, section 5): money and
kilometres that never wrap away from their number, dates without «г.», ids without digit
groups, the digest's decimal comma, plural forms for 21, and a birthday without a name."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.i18n import Translator
from bot.services.deal.dates import long_date
from bot.services.workshop.base import rub
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import IVAN, Harness, request, start_app, tick


@pytest.fixture(scope="module")
def t() -> Translator:
    return Translator("ru")


def test_money_and_dates(t: Translator) -> None:
    assert rub(1_500_000) == "1\u202f500\u202f000\u00a0₽"
    assert long_date("ru", date(2026, 12, 15)) == "15 декабря 2026"  # «г.» would meet a full stop
    assert t("ru", "value-budget", amount=1_500_000) == "1\u00a0500\u00a0000\u00a0₽"


def test_ids_are_never_grouped(t: Translator) -> None:
    assert t("ru", "request-saved", id=1234).startswith("Заявка №\u00a01234 принята")
    assert t("en", "request-saved", id=1234).startswith("Request #1234 ")
    assert t("ru", "deal-needs-number", ids="#1234, #1235", command="eta", first=1234).endswith("/eta #1234")


def test_the_digest_mean_has_a_decimal_comma_in_russian(t: Translator) -> None:
    args = {"stages": "", "overdue": 0, "unanswered": 0, "surveys": 3}
    assert "«порекомендуете ли нас»: 8,3 из 10" in t("ru", "digest", nps=8.3, **args)
    assert "score: 8.3 out of 10" in t("en", "digest", nps=8.3, **args)


def test_the_digest_names_no_mean_without_answers(t: Translator) -> None:
    args = {"stages": "", "overdue": 0, "unanswered": 0, "surveys": 0}
    ru, en = t("ru", "digest", nps="none", **args), t("en", "digest", nps="none", **args)
    assert ru.endswith("Опросов пройдено вчера: 0") and "из 10" not in ru
    assert en.endswith("Surveys completed yesterday: 0") and "out of 10" not in en


@pytest.mark.parametrize(("unit", "n", "words"), [
    ("week", 21, "21 неделю"), ("month", 21, "21 месяц"), ("day", 21, "21 день"),
    ("day", 22, "22 дня"), ("hour", 1, "час"), ("hour", 21, "21 час"), ("week", 1, "неделю"),
])
def test_spans_take_the_russian_forms(t: Translator, unit: str, n: int, words: str) -> None:
    assert t("ru", "span", unit=unit, n=n) == words


def test_work_order_counts(t: Translator) -> None:
    agreed = {"total": "1\u00a0₽", "when": "пн, 23 ноября, 18:00"}
    assert "21 позиция на сумму" in t("ru", "ws-order-agreed", count=21, **agreed)
    assert "3 позиции на сумму" in t("ru", "ws-order-agreed", count=3, **agreed)
    assert t("ru", "ws-invite-interval", days=21).startswith("• прошёл 21 день")


async def test_a_birthday_without_a_name_has_no_stray_comma(harness: Harness) -> None:
    h = harness
    await request(h)  # born 12.03.1985
    async with h.app.db.transaction() as tx:
        await tx.execute("UPDATE clients SET name = NULL")
    h.clock.current = datetime(2027, 3, 12, 7, 30, tzinfo=UTC)  # 10:30 Moscow
    await tick(h)
    greeting = h.last_text_to(IVAN)
    assert greeting.startswith("🎉 С днём рождения!") and " , " not in greeting


async def test_the_consent_names_the_car_data_only_with_the_workshop_on(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    car_data = "пожелания к машине, данные о машине и визитах в сервис и нашу переписку"
    for workshop_hours, told in (("", False), ("Mon-Fri 09:00-19:00", True)):
        tg.clear()
        h = await start_app(tg, clock, db_path.with_name(f"consent{told}.sqlite3"),
                            workshop_hours=workshop_hours)
        try:
            await h.say(IVAN, "/start")
            consent = h.last_text_to(IVAN)
            assert "Что мы храним" in consent and (car_data in consent) is told
        finally:
            await h.app.stop()
