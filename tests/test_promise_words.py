"""Every promise stated is the promise kept (issue 25): the news interval the client reads (the
process text at intake, the hard-search warning, /every) comes from the same settings as the
clock that nags the managers (PROGRESS_UPDATE_INTERVAL, or the deal's own /every, counted on
BUSINESS_DAYS), in both languages; /hard says why; a stage of several words is typed as is."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import (
    IVAN,
    JOHN,
    RU_ANSWERS,
    Harness,
    answer_all,
    group_texts,
    manager,
    plain,
    start_app,
    tick,
    topic_texts,
    with_request,
)

FRIDAY = 4  # days from the clock's Monday 23 November 2026, 12:00 in Moscow
BROKEN = {"ru": "не получал новостей", "en": "had no news for"}


async def english_request(h: Harness) -> None:
    await h.say(JOHN, "/new")
    await answer_all(h, JOHN, RU_ANSWERS)
    await h.tap(JOHN, "Morning")
    await h.tap(JOHN, "All correct")


def process_text(h: Harness, user: TgUser) -> str:
    return plain(next(t for t in h.texts_to(user) if "Как мы работаем" in t or "How we work" in t))


def test_the_default_settings_promise_what_their_clock_keeps() -> None:
    """BUSINESS_DAYS=Mon-Fri and 48h by default (the tests' harness counts every day)."""
    from bot.config import Settings
    from bot.i18n import Translator

    assert Settings.model_fields["business_days"].default == "Mon-Fri"
    translate = Translator("ru")
    assert "не реже чем раз в два рабочих дня" in translate("ru", "process")
    assert "at least every 2 working days" in translate("en", "process")


def broken(h: Harness) -> int:
    return sum(any(words in t for words in BROKEN.values()) and "48" in t for t in topic_texts(h))


async def test_weekends_left_out_the_text_says_working_days_and_the_clock_keeps_them(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    clock.advance(days=FRIDAY)  # Friday noon: news given now is due by Tuesday noon
    h = await start_app(tg, clock, db_path, business_days="Mon-Fri")  # 48h: the default
    try:
        await with_request(h)
        assert "Новости по заявке присылаем не реже чем раз в два рабочих дня." in process_text(h, IVAN)
        h.clock.advance(hours=96, minutes=-1)  # Tuesday 11:59: 47:59 working hours
        await tick(h)
        assert broken(h) == 0
        h.clock.advance(minutes=1)  # two working days
        await tick(h)
        assert broken(h) == 1
    finally:
        await h.app.stop()


async def test_every_day_counted_the_text_says_two_days_and_the_weekend_counts(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    clock.advance(days=FRIDAY)
    h = await start_app(tg, clock, db_path, business_days="Mon-Sun")
    try:
        await with_request(h)
        assert "Новости по заявке присылаем не реже чем раз в два дня." in process_text(h, IVAN)
        h.clock.advance(hours=48)  # Sunday noon
        await tick(h)
        assert broken(h) == 1
    finally:
        await h.app.stop()


async def test_in_english_the_same_promise_and_the_same_clock(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    clock.advance(days=FRIDAY)
    h = await start_app(tg, clock, db_path, business_days="Mon-Fri")
    try:
        await english_request(h)
        assert "You hear from us at least every 2 working days." in process_text(h, JOHN)
        await manager(h, "/every 24h")
        assert "you will hear from us on this request every working day" in h.last_text_to(JOHN)
        await manager(h, "/hard 2–3 months; a rare trim")
        assert "You will hear from us every working day." in h.last_text_to(JOHN)
        h.clock.advance(hours=72, minutes=-1)  # Monday 11:59: 23:59 working hours
        await tick(h)
        assert not any("24 h" in t and "no news" in t for t in topic_texts(h))
    finally:
        await h.app.stop()


async def test_every_24h_is_told_as_every_working_day_and_the_clock_follows(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    clock.advance(days=FRIDAY)
    h = await start_app(tg, clock, db_path, business_days="Mon-Fri")
    try:
        await with_request(h)
        await manager(h, "/every 24h")
        assert "новости по заявке будем присылать каждый рабочий день" in h.last_text_to(IVAN)
        assert "Клиенту сообщили" in group_texts(h)[-1]
        await manager(h, "/hard 2–3 месяца; редкая комплектация")
        assert "Новости будем присылать каждый рабочий день." in h.last_text_to(IVAN)
        h.clock.advance(hours=72, minutes=-1)  # Monday 11:59: 23:59 working hours since the news
        await tick(h)
        assert not any("не получал новостей" in t for t in topic_texts(h))
        h.clock.advance(minutes=1)
        await tick(h)
        assert sum("не получал новостей 24\u00a0ч" in t for t in topic_texts(h)) == 1
        await manager(h, "/every off")
        assert "будем присылать не реже чем раз в два рабочих дня" in h.last_text_to(IVAN)
    finally:
        await h.app.stop()


async def test_every_24h_on_every_day_is_daily(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> None:
    h = await start_app(tg, clock, db_path, business_days="Mon-Sun", progress_update_interval="36h")
    try:
        await with_request(h)
        assert "присылаем не реже чем раз в 36 часов." in process_text(h, IVAN)
        await manager(h, "/every 24h")
        assert "будем присылать каждый день" in h.last_text_to(IVAN)
        await manager(h, "/every 3d")
        assert "будем присылать не реже чем раз в 3 дня" in h.last_text_to(IVAN)
    finally:
        await h.app.stop()


async def test_hard_needs_its_reason(harness: Harness) -> None:
    h = harness
    await with_request(h)
    told = len(h.texts_to(IVAN))
    await manager(h, "/hard 2–3 месяца")
    assert "Напишите и причину" in group_texts(h)[-1]
    assert len(h.texts_to(IVAN)) == told  # the client hears nothing without the why
    assert await h.rows("SELECT hard_search_time FROM requests") == [(None,)]
    await manager(h, "/hard 2–3 месяца; редкая комплектация")
    assert "Причина: редкая комплектация" in h.last_text_to(IVAN)


async def test_a_stage_of_several_words_is_typed_as_is(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/stage Проверка документов ПТС уже у нас")
    assert await h.rows("SELECT stage FROM requests") == [("documents",)]
    assert "💬 От менеджера: ПТС уже у нас" in h.last_text_to(IVAN)
    assert "📌" not in h.last_text_to(IVAN)  # one open request: no need to say which
    await manager(h, "/legal skip проверили до бота")  # the legal check's reason (issue 23)
    await manager(h, "/stage машина на месте")
    assert await h.rows("SELECT stage FROM requests") == [("arrived",)]
    await manager(h, "/stage In transit")
    assert await h.rows("SELECT stage FROM requests") == [("in_transit",)]
    await manager(h, "/stage Машина в гараже")
    assert "Этап «Машина» не знаю" in group_texts(h)[-1]
    assert await h.rows("SELECT stage FROM requests") == [("in_transit",)]
