"""The client's time zone (issue 25): chosen from the city of their request (the table shipped in
domain/cities.csv), from their phone where it names one zone, by the client in /settings or
by a manager with /set #N tz; automatic messages wait for the client's contact hours on their own
clock, and times they read are on it; the topic shows both clocks."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.zones import COMMON, cities, normalize, zone_named, zone_of_city, zone_of_phone
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import (
    GROUP,
    IVAN,
    RU_ANSWERS,
    Harness,
    answer_all,
    manager,
    plain,
    settle_erasure,
    start_app,
    tick,
    topic_texts,
)
from tests.steps import intake as wa_intake
from tests.steps_workshop import book
from tests.steps_workshop import start as start_workshop

# -- choosing the zone: the city table, the phone, a name --------------------------------------

RUSSIAN_ZONES = {"Europe/Kaliningrad", "Europe/Moscow", "Europe/Kirov", "Europe/Volgograd",
                 "Europe/Simferopol", "Europe/Samara", "Europe/Saratov", "Europe/Ulyanovsk",
                 "Europe/Astrakhan"} | {z for z in COMMON if z.startswith("Asia/")} | {
                 "Asia/Barnaul", "Asia/Tomsk", "Asia/Novokuznetsk", "Asia/Chita", "Asia/Sakhalin",
                 "Asia/Anadyr"}


@pytest.mark.parametrize(("text", "zone"), [
    ("Москва", "Europe/Moscow"), ("МОСКВА", "Europe/Moscow"), ("г. Москва", "Europe/Moscow"),
    ("город Казань", "Europe/Moscow"), ("Казань г.", "Europe/Moscow"), ("Moscow, Russia", "Europe/Moscow"),
    ("Орёл", "Europe/Moscow"), ("орел", "Europe/Moscow"), ("Oryol", "Europe/Moscow"),
    ("Ростов-на-Дону", "Europe/Moscow"), ("Rostov on Don", "Europe/Moscow"),
    ("St. Petersburg", "Europe/Moscow"), ("спб", "Europe/Moscow"),
    ("Новосибирск, Академгородок", "Asia/Novosibirsk"), ("Владивосток и край", "Asia/Vladivostok"),
    ("Vladivostok", "Asia/Vladivostok"), ("Петропавловск-Камчатский", "Asia/Kamchatka"),
    ("Калининград", "Europe/Kaliningrad"), ("Екб", "Asia/Yekaterinburg"), ("Ижевск", "Europe/Samara"),
    ("Нижний Тагил", "Asia/Yekaterinburg"), ("Нижний Новгород", "Europe/Moscow"),
    ("Кишинев", "Europe/Chisinau"), ("Алматы", "Asia/Almaty"), ("Ташкент", "Asia/Tashkent"),
    ("Минск", "Europe/Minsk"), ("Ереван", "Asia/Yerevan"), ("Баку", "Asia/Baku"),
])
def test_a_city_in_any_usual_spelling_names_its_zone(text: str, zone: str) -> None:
    assert zone_of_city(text) == zone


@pytest.mark.parametrize("text", [
    "Благовещенск",  # Amur (UTC+9) and Bashkortostan (UTC+5)
    "Железногорск",  # Kursk and Krasnoyarsk
    "Москва / Владивосток", "Москва, Новосибирск",  # two cities of two zones
    "Хогвартс", "", "   ", "г.", "x" * 5000, "Москва" * 100,
])
def test_an_unknown_or_ambiguous_city_decides_nothing(text: str) -> None:
    assert zone_of_city(text) is None


def test_the_table_holds_the_largest_russian_cities_and_the_cis_capitals() -> None:
    table = cities()
    russian = {name for name, zones in table.items() if zones <= RUSSIAN_ZONES}
    assert len(russian) >= 200  # over a hundred cities, in Russian and English at least
    for capital in ("минск", "киев", "астана", "ташкент", "бишкек", "душанбе", "ашхабад", "баку",
                    "ереван", "тбилиси", "кишинев"):
        assert len(table[capital]) == 1, capital
    assert normalize("Г. Санкт-Петербург") == normalize("санкт петербург")


@pytest.mark.parametrize(("phone", "zone"), [
    ("+73832123456", "Asia/Novosibirsk"),  # a Novosibirsk landline
    ("+74232123456", "Asia/Vladivostok"),
    ("+74951234567", "Europe/Moscow"),
    ("+74012123456", "Europe/Kaliningrad"),  # the library's Europe/Bucharest, which keeps summer time
    ("+375291234567", "Europe/Minsk"),  # the library's Europe/Moscow
    ("+998901234567", "Asia/Tashkent"),
    ("+79161234567", None),  # a Russian mobile: the library names every Russian zone
    ("+77011234567", None),  # a Kazakh mobile shares +7: as ambiguous
    ("+993612345678", None),  # not a valid number
    ("not a phone", None), ("", None), (None, None),
])
def test_a_phone_decides_only_when_it_names_one_zone(phone: str | None, zone: str | None) -> None:
    assert zone_of_phone(phone) == zone


def test_a_zone_is_named_by_its_iana_name_in_any_case_or_a_city() -> None:
    assert zone_named("Asia/Novosibirsk") == "Asia/Novosibirsk"
    assert zone_named("asia/novosibirsk") == "Asia/Novosibirsk"
    assert zone_named("Иркутск") == "Asia/Irkutsk"
    for text in ("../../etc/passwd", "Asia/Atlantis", "Благовещенск", "", "UTC+25", "x" * 300):
        assert zone_named(text) is None, text


@given(st.text(max_size=300))
def test_any_text_reads_as_a_known_zone_or_none(text: str) -> None:
    for found in (zone_of_city(text), zone_named(text)):
        assert found is None or "/" in found or found == "UTC" or found.isalpha()


# -- the client's clock through the real app ---------------------------------------------------


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path):
    harness = await start_app(tg, clock, db_path)  # the firm in Moscow, contact hours 10:00-20:00
    try:
        yield harness
    finally:
        await harness.app.stop()


async def request_from(h: Harness, city: str, contact_time: str = "В любое время") -> None:
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, [(f, city if f == "city" else text) for f, text in RU_ANSWERS])
    await h.tap(IVAN, contact_time)
    await h.tap(IVAN, "Всё верно")


def bare(text: str) -> str:
    """Without bold (<b> in Telegram, * in WhatsApp) and with plain spaces."""
    return re.sub(r"</?b>|\*", "", plain(text))


def survey_sent(h: Harness) -> bool:
    return any("Прошла неделя" in t for t in h.texts_to(IVAN))


async def test_the_city_at_intake_sets_the_zone_and_the_card_shows_both_clocks(h: Harness) -> None:
    await request_from(h, "г. Владивосток")
    assert await h.rows("SELECT timezone, timezone_source FROM clients") == [("Asia/Vladivostok", "city")]
    card = plain(next(t for t in topic_texts(h) if "Карточка клиента" in t))
    # 10:00-20:00 on the client's clock is 03:00-13:00 in Moscow
    line = "<b>Часовой пояс:</b> Владивосток (UTC+10); пишем клиенту 10:00–20:00 у клиента, 03:00–13:00 МСК"
    assert line in card


async def test_the_birthday_is_owed_from_midnight_on_the_clients_clock(h: Harness) -> None:
    await request_from(h, "Владивосток")  # born 12.03.1985
    # 12.03.2027 00:00 in Vladivostok is 11.03 14:00 UTC (the firm's 17:00 on the 11th)
    assert await h.rows("SELECT due_at FROM due_tasks WHERE kind = 'birthday'") == [
        ("2027-03-11 14:00:00.000000",)]


async def test_a_client_in_moscow_gets_no_zone_line_in_the_card(h: Harness) -> None:
    await request_from(h, "Москва")
    assert await h.rows("SELECT timezone FROM clients") == [("Europe/Moscow",)]
    assert not any("Часовой пояс" in t for t in topic_texts(h))


async def test_vladivostok_gets_the_survey_owed_at_the_firms_morning_at_once(h: Harness) -> None:
    h.clock.current = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 10:00 in Moscow, 17:00 there
    await request_from(h, "Владивосток")
    await manager(h, "/handover")
    h.tg.clear()
    h.clock.advance(days=7)
    await tick(h)
    assert survey_sent(h)


@pytest.mark.parametrize("firm_hour", [19, 20])
async def test_vladivostok_is_never_written_to_at_night_by_the_firms_evening(
    h: Harness, firm_hour: int
) -> None:
    """Owed at the firm's 19:00 or 20:00 (02:00 or 03:00 in Vladivostok): it waits until 10:00
    on the client's clock, 00:00 UTC, though the firm's own contact hours are still open at 19:00."""
    h.clock.current = datetime(2026, 11, 23, firm_hour - 3, 0, tzinfo=UTC)
    await request_from(h, "Владивосток")
    await manager(h, "/handover")
    h.tg.clear()
    h.clock.advance(days=7)
    await tick(h)
    assert not survey_sent(h)
    assert await h.rows("SELECT due_at FROM due_tasks WHERE kind = 'survey'") == [
        ("2026-12-01 00:00:00.000000",)]
    h.clock.current = datetime(2026, 11, 30, 23, 59, tzinfo=UTC)  # 09:59 there
    await tick(h)
    assert not survey_sent(h)
    h.clock.current = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)  # 10:00 there, 03:00 in Moscow
    await tick(h)
    assert survey_sent(h)


async def test_a_moscow_client_gets_at_the_firms_evening_what_vladivostok_waits_for(
    h: Harness,
) -> None:
    h.clock.current = datetime(2026, 11, 23, 16, 0, tzinfo=UTC)  # 19:00 in Moscow
    await request_from(h, "Москва")
    await manager(h, "/handover")
    h.tg.clear()
    h.clock.advance(days=7)
    await tick(h)
    assert survey_sent(h)


async def test_the_preferred_time_of_day_is_on_the_clients_clock(h: Harness) -> None:
    """«Утром» is 9-12 in Vladivostok (contact hours from 10): 00:00-02:00 UTC."""
    h.clock.current = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 17:00 there: not morning
    await request_from(h, "Владивосток", "Утром")
    await manager(h, "/handover")
    h.tg.clear()
    h.clock.advance(days=7)
    await tick(h)
    assert not survey_sent(h)
    assert await h.rows("SELECT due_at FROM due_tasks WHERE kind = 'survey'") == [
        ("2026-12-01 00:00:00.000000",)]


async def test_the_client_chooses_the_zone_in_settings_and_a_city_guess_never_overrides_it(
    h: Harness,
) -> None:
    await request_from(h, "Москва")
    h.tg.clear()
    await h.say(IVAN, "/settings")
    shown = bare(h.last_text_to(IVAN))
    assert "Ваш часовой пояс: Москва (UTC+3), у вас сейчас 12:00" in shown
    labels = h.tg.last_to(IVAN.id).button_labels()
    assert labels[:12] == [
        "Калининград (UTC+2)", "Москва (UTC+3)", "Самара (UTC+4)", "Екатеринбург (UTC+5)",
        "Омск (UTC+6)", "Новосибирск (UTC+7)", "Красноярск (UTC+7)", "Иркутск (UTC+8)",
        "Якутск (UTC+9)", "Владивосток (UTC+10)", "Магадан (UTC+11)", "Камчатка (UTC+12)"]
    await h.tap(IVAN, "Новосибирск")
    assert "ваш часовой пояс — Новосибирск (UTC+7), у вас сейчас 16:00" in bare(h.last_text_to(IVAN))
    assert await h.rows("SELECT timezone, timezone_source FROM clients") == [("Asia/Novosibirsk", "client")]
    assert any("Клиент указал часовой пояс: Новосибирск (UTC+7)" in t for t in topic_texts(h))
    await manager(h, "/set city Владивосток")  # another city: the client's own choice stays
    assert await h.rows("SELECT timezone, timezone_source FROM clients") == [("Asia/Novosibirsk", "client")]


async def test_a_city_typed_after_settings_sets_the_zone_and_other_words_reach_the_manager(
    h: Harness,
) -> None:
    await request_from(h, "Москва")
    await h.say(IVAN, "/settings")
    await h.say(IVAN, "г. Ташкент")
    assert "ваш часовой пояс — Asia/Tashkent (UTC+5), у вас сейчас 14:00" in bare(h.last_text_to(IVAN))
    assert await h.rows("SELECT timezone, timezone_source FROM clients") == [("Asia/Tashkent", "client")]
    await h.say(IVAN, "/settings")
    copied = len(h.tg.sent("copyMessage"))
    await h.say(IVAN, "Когда будут новости?")  # not a city: the manager gets it, the zone stays
    assert len(h.tg.sent("copyMessage")) == copied + 1
    assert await h.rows("SELECT timezone FROM clients") == [("Asia/Tashkent",)]
    assert await h.rows("SELECT COUNT(*) FROM conversations") == [(0,)]
    await h.say(IVAN, "/change")  # in the middle of a change, /settings leaves it where it was
    await h.say(IVAN, "/settings")
    assert await h.rows("SELECT flow FROM conversations") == [("change",)]


async def test_a_forged_zone_button_is_out_of_date(h: Harness) -> None:
    await request_from(h, "Москва")
    for data in ("a:zone:Asia/Atlantis", "a:zone:../../etc", "a:zone:", "a:zone:America/New_York",
                 "a:zone:" + "x" * 57):
        h.tg.clear()
        await h.feed(h.updates.press(IVAN, data, 1))
        assert "кнопка уже неактуальна" in h.last_text_to(IVAN), data
    assert await h.rows("SELECT timezone, timezone_source FROM clients") == [("Europe/Moscow", "city")]


async def test_a_manager_sets_the_zone_by_name_or_city_and_a_bad_one_is_refused(h: Harness) -> None:
    await request_from(h, "Москва")
    await manager(h, "/set #1 tz Asia/Novosibirsk")
    assert any("Часовой пояс клиента: Новосибирск (UTC+7)" in plain(t) for t in topic_texts(h))
    assert await h.rows("SELECT timezone, timezone_source FROM clients") == [("Asia/Novosibirsk", "manager")]
    line = "<b>Часовой пояс:</b> Новосибирск (UTC+7); пишем клиенту 10:00–20:00 у клиента, 06:00–16:00 МСК"
    assert line in plain(h.tg.sent("editMessageText")[-1].text or "")
    await manager(h, "/set tz Ташкент")
    assert await h.rows("SELECT timezone FROM clients") == [("Asia/Tashkent",)]
    assert "Часовой пояс клиента: Asia/Tashkent (UTC+5)" in plain(topic_texts(h)[-1])
    for bad in ("Хогвартс", "Благовещенск", "../../etc/passwd", "<b>", "²", "9" * 5000):
        await manager(h, f"/set #1 tz {bad}")
        assert "Не получилось понять часовой пояс" in topic_texts(h)[-1], bad
    assert await h.rows("SELECT timezone FROM clients") == [("Asia/Tashkent",)]
    assert all("Traceback" not in t for t in topic_texts(h))


async def test_a_changed_city_moves_a_guessed_zone(h: Harness) -> None:
    await request_from(h, "Москва")
    await manager(h, "/set city Екатеринбург")
    assert await h.rows("SELECT timezone, timezone_source FROM clients") == [("Asia/Yekaterinburg", "city")]


async def test_a_landline_gives_the_zone_when_the_city_is_unknown(h: Harness) -> None:
    await h.say(IVAN, "/new")
    changed = {"city": "Санта-Барбара", "phone": "+7 383 212-34-56"}
    answers = [(f, changed.get(f, text)) for f, text in RU_ANSWERS]
    await answer_all(h, IVAN, answers)
    await h.tap(IVAN, "В любое время")
    await h.tap(IVAN, "Всё верно")
    assert await h.rows("SELECT timezone, timezone_source FROM clients") == [("Asia/Novosibirsk", "phone")]


async def test_a_mobile_and_an_unknown_city_leave_the_firms_zone(h: Harness) -> None:
    await request_from(h, "Санта-Барбара")  # the phone is +7 916…: every Russian zone
    assert await h.rows("SELECT timezone, timezone_source FROM clients") == [(None, None)]
    await h.say(IVAN, "/settings")
    unknown = "Ваш часовой пояс мы пока не знаем и считаем по нашему: Москва (UTC+3)"
    assert unknown in bare(h.last_text_to(IVAN))


async def test_status_days_are_on_the_clients_clock(h: Harness) -> None:
    await request_from(h, "Владивосток")
    h.clock.current = datetime(2026, 11, 30, 15, 30, tzinfo=UTC)  # Moscow 18:30 30.11; there 01:30 01.12
    await manager(h, "/stage searching")
    await h.say(IVAN, "/status")
    assert "01.12.2026 — Поиск" in plain(h.last_text_to(IVAN))
    await manager(h, "/status")
    assert "30.11.2026 — Поиск" in plain(topic_texts(h)[-1])


async def test_erasure_clears_the_zone(h: Harness) -> None:
    await request_from(h, "Владивосток")
    await h.say(IVAN, "/delete_my_data")
    await h.tap(IVAN, "Да, удалить")
    await settle_erasure(h)
    assert await h.rows("SELECT timezone, timezone_source FROM clients") == [(None, None)]


async def test_the_out_of_hours_answer_says_when_we_open_on_the_clients_clock(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_app(tg, clock, db_path, business_days="Mon-Fri", working_hours="10:00-20:00")
    try:
        await request_from(h, "Владивосток")  # Monday noon in Moscow: open
        await manager(h, "Здравствуйте! Начинаем поиск.")
        h.clock.current = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)  # Fri 21:00 MSK, Sat 04:00 there
        await h.say(IVAN, "Есть новости?")
        # we open on Monday at 10:00 in Moscow: 17:00 in Vladivostok
        assert "откроемся в 17:00 в понедельник" in plain(h.last_text_to(IVAN))
    finally:
        await h.app.stop()


# -- the workshop: visit times on the client's clock -------------------------------------------


async def test_visit_times_are_on_the_clients_clock(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_workshop(tg, clock, db_path)
    try:
        await h.say(IVAN, "Здравствуйте")
        await h.say(IVAN, "/settings")
        await h.tap(IVAN, "Владивосток")
        # the workshop's Tuesday 10:00 in Moscow is 17:00 in Vladivostok
        await book(h, IVAN, day="вт 24.11", time="вт 24.11 17:00")
        booked = plain(h.texts_to(IVAN)[-1])
        assert "вт, 24 нояб., 17:00" in booked or "24 ноября, 17:00" in booked, booked
        assert await h.rows("SELECT slot_at FROM ws_bookings") == [("2026-11-24 07:00:00.000000",)]
        # the managers' card shows both clocks
        assert any("вт 24.11 17:00 у клиента, вт 24.11 10:00 МСК" in plain(t) for t in topic_texts(h))
    finally:
        await h.app.stop()


# -- WhatsApp: the same choice by number -------------------------------------------------------


async def test_a_whatsapp_client_chooses_the_zone_by_number(wa) -> None:
    await wa_intake(wa)
    await wa.say("/settings")
    options = wa.bodies()[-1]
    assert "10. Владивосток (UTC+10)" in bare(options)
    await wa.say("10")
    assert "ваш часовой пояс — Владивосток (UTC+10)" in bare(wa.bodies()[-1])
    assert await wa.rows("SELECT timezone, timezone_source FROM clients") == [("Asia/Vladivostok", "client")]


# -- fuzz: /set tz and the zone press never break ----------------------------------------------

ODD = ["²", "٣", "9" * 25, "Asia/", "/", "..", "Europe/Moscow/..", "<b>", "{ $zone }", "\u202e",
       "' OR 1=1 --", "Москва" * 40, "ё" * 300, "UTC+3", "МСК+4", "Asia/Vladivostok", "Омск", ""]


async def test_fuzzed_zone_commands_and_presses_are_all_answered(h: Harness) -> None:
    rng = random.Random(20261206)
    await request_from(h, "Москва")
    for _ in range(60):
        words = " ".join(rng.choice(ODD) for _ in range(rng.randint(0, 3)))
        before = len(topic_texts(h))
        await manager(h, f"/set {rng.choice(['tz', 'пояс', '#1 tz', '#99 tz'])} {words}")
        assert len(topic_texts(h)) > before, words
        answered = len(h.tg.sent("answerCallbackQuery"))
        await h.feed(h.updates.press(IVAN, f"a:zone:{rng.choice(ODD)}"[:64], 1))
        assert len(h.tg.sent("answerCallbackQuery")) > answered
    assert await h.rows("SELECT COUNT(*) FROM outbox WHERE status = 'failed'") == [(0,)]
    assert all("Traceback" not in (c.text or "") for c in h.tg.to_chat(GROUP))
    zone = (await h.rows("SELECT timezone FROM clients"))[0][0]
    assert zone in ("Europe/Moscow", "Asia/Vladivostok", "Asia/Omsk")
