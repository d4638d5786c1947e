"""The owner's numbers: a known history built through real commands at known times, then every
figure of /stats checked against values computed by hand (the comments show the sums)."""

from __future__ import annotations

import csv
import io
import struct
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.services.stats.period import PeriodError, parse_period, parse_query
from storage.stats import monday
from tests.fakes.telegram import Call
from tests.steps import GROUP, IVAN, Harness, plain
from tests.steps_stats import MSK, OLGA, answer_survey, at, manager, request, tick, topic

PNG = b"\x89PNG\r\n\x1a\n"


async def stats(h: Harness, command: str, thread: int | None = None) -> list[Call]:
    """What the group received for one command (text answers, charts, files), after the
    acknowledgement that says they are being prepared."""
    before = len(h.tg.calls)
    await h.feed(h.updates.in_topic(OLGA, thread, text=command))
    return [c for c in h.tg.calls[before:] if c.chat_id == GROUP and not acknowledgement(c)]


def acknowledgement(call: Call) -> bool:
    return call.method == "sendMessage" and (call.text or "").startswith("⏳")


def text_of(calls: list[Call]) -> str:
    return plain("\n".join(c.text or "" for c in calls if c.method == "sendMessage"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG)
    return struct.unpack(">II", data[16:24])


async def test_every_figure_of_a_known_month(history: Harness) -> None:
    h = history
    sent = await stats(h, "/stats 2026-11")
    text = text_of(sent)
    expected = [
        "📊 <b>Цифры за ноябрь 2026</b>",
        "изменение к предыдущему периоду (1 окт. 2026 – 31 окт. 2026)",
        # Surveys sent in November: Ivan (all answers, 10) and Maria (all answers, 7).
        # NPS = (1 promoter - 0 detractors) / 2 = +50; October had no answer to compare with.
        "NPS: <b>+50</b> (2 ответа; раньше данных нет)",
        # 2 of 2 answered; October: John's 0 of 1.
        "Ответили на опрос: <b>100%</b> (2 из 2; +100 п.п.)",
        "Качество авто: <b>4,5</b> (2 ответа; раньше данных нет)",  # (5 + 4) / 2
        "Соответствие ожиданиям: <b>4,0</b> (2 ответа",  # (4 + 4) / 2
        "Скорость поиска: <b>2,5</b> (2 ответа",  # (3 + 2) / 2
        "Документы: <b>5,0</b> (2 ответа",
        "Цена в бюджете: <b>3,5</b> (2 ответа",
        "Прозрачность: <b>4,5</b> (2 ответа",
        "Информированность: <b>3,5</b> (2 ответа",
        "Общение: <b>4,5</b> (2 ответа",
        # Answered waits in contact hours: 10, 30, 30, 45, 60 min → median 30; 90th percentile
        # at rank 1 + 0.9 × 4 = 4.6: 45 + 0.6 × 15 = 54 min. October: one wait of 60 min.
        "В контактные часы: <b>медиана 30 мин, у 90% — до 54 мин</b> (5 сообщений; −30 мин)",
        # After hours: 12 h (21:00 → 09:00) and 38 h (20:30 → 10:30 two days later):
        # median 25 h, 90th percentile 12 + 0.9 × 26 = 35.4 h.
        "Вне контактных часов: <b>медиана 25 ч, у 90% — до 35 ч 24 мин</b>"
        " (2 сообщения; раньше данных нет)",
        # Within 24 h: 6 of 8 (the 38 h answer and Maria's unanswered question miss); Oct 1 of 1.
        "Ответили в пределах 24 ч: <b>75%</b> (6 из 8; −25 п.п.)",
        "<b>Новости клиенту не реже раза в 48 ч</b>",
        # Open request-days, judged at each midnight: Ivan 7 of 10, Maria 6 of 12, Petr 2 of 3,
        # Anna 3 of 5 → 18 of 30. October: John 2 of 10 (20%).
        "Дни с новостями: <b>60%</b> (18 из 30; +40 п.п.)",
        "Открытые сейчас: Поиск 1",  # Anna
        "Новые: <b>4</b> (+3)",  # Ivan, Maria, Petr, Anna; October: John
        "Передано клиентам: <b>2</b> (+1)",  # Ivan, Maria; October: John
        # Ivan 10 days, Maria 12 days → 11; October: John 10.
        "От заявки до передачи (медиана): <b>11,0 дн.</b> (2 передачи; +1,0 дн.)",
        "Отменено: <b>1</b> (+1)",
        # Ivan's Mazda within the budget of 1,5 млн, Maria's Skoda 10 % over; October: no price.
        "Передано по цене в пределах бюджета: <b>50%</b> (1 из 2; раньше данных нет)",
        "Превышение бюджета (медиана): <b>10%</b> (1 передача дороже бюджета; раньше данных нет)",
        "· клиент купил сам — 1",
        # Reports in the deals handed over: Ivan 2, Maria 1 → 1.5; October: 0 of 1 handover.
        "Отчётов на одну передачу: <b>1,5</b> (2 передачи; +1,5)",
        "Ответ «Интересно»: <b>67%</b> (2 из 3; раньше данных нет)",
        "Попросили отзыв: <b>2</b> (+2)",
        "Оставили отзыв: <b>100%</b> (2 из 2; раньше данных нет)",
        "Пожелания и критика: <b>1</b> (+1)",
    ]
    for line in expected:
        assert line in text, f"{line!r} not in:\n{text}"
    assert "нет данных" not in text
    photo = [c for c in sent if c.method == "sendPhoto"]
    assert len(photo) == 1 and png_size(photo[0]["photo"].data) == (1200, 1200)
    assert all(c.thread_id is None for c in sent)  # the General topic
    # Sent files do not stay in the database.
    rows = await h.rows("SELECT status, json_type(payload, '$.file') FROM outbox WHERE kind = 'photo'")
    assert rows == [("sent", None)]


async def test_the_same_figures_per_manager(history: Harness) -> None:
    h = history
    sent = await stats(h, "/stats managers 2026-11")
    text = text_of(sent)
    assert "👥 <b>Цифры по менеджерам за ноябрь 2026</b>" in text
    olga, pavel = text.index("👤 <b>Olga (@olga_manager)</b>"), text.index("👤 <b>Pavel</b>")
    assert olga < pavel  # by name
    olga_text, pavel_text = text[olga:pavel], text[pavel:]
    for line in [
        # Olga leads Ivan, Petr and Anna; Ivan's survey gave 10.
        "NPS: <b>+100</b> (1 ответ; раньше данных нет)",
        "Качество авто: <b>5,0</b> (1 ответ",
        # Her answers in contact hours: 30, 30, 45, 60 → median 37.5, 90%: 45 + 0.7 × 15 = 55.5.
        "В контактные часы: <b>медиана 38 мин, у 90% — до 56 мин</b> (4 сообщения; раньше данных нет)",
        "Вне контактных часов: <b>медиана 25 ч, у 90% — до 35 ч 24 мин</b> (2 сообщения",
        "Ответили в пределах 24 ч: <b>83%</b> (5 из 6; раньше данных нет)",
        "Дни с новостями: <b>67%</b> (12 из 18; раньше данных нет)",  # Ivan 7/10, Petr 2/3, Anna 3/5
        "Открытые сейчас: Поиск 1",
        "Новые: <b>3</b> (+3)",
        "Передано клиентам: <b>1</b> (+1)",
        "От заявки до передачи (медиана): <b>10,0 дн.</b> (1 передача; раньше данных нет)",
        "Отменено: <b>1</b> (+1)",
        "Отчётов на одну передачу: <b>2,0</b> (1 передача; раньше данных нет)",
        "Ответ «Интересно»: <b>50%</b> (1 из 2; раньше данных нет)",
        "Пожелания и критика: <b>1</b> (+1)",  # Petr's
    ]:
        assert line in olga_text, f"{line!r} not in Olga's:\n{olga_text}"
    for line in [
        # Pavel leads Maria (and John, in October): Maria's 7 is neither promoter nor detractor.
        "NPS: <b>0</b> (1 ответ; раньше данных нет)",
        "Ответили на опрос: <b>100%</b> (1 из 1; +100 п.п.)",  # October: John's 0 of 1
        # His one answer in November took 10 min; October's took 60.
        "В контактные часы: <b>медиана 10 мин, у 90% — до 10 мин</b> (1 сообщение; −50 мин)",
        "Вне контактных часов: нет данных",
        # Maria's unanswered question counts against her manager.
        "Ответили в пределах 24 ч: <b>50%</b> (1 из 2; −50 п.п.)",
        "Дни с новостями: <b>50%</b> (6 из 12; +30 п.п.)",  # Maria; October: John 2 of 10
        "Открытые сейчас: нет",
        "Новые: <b>1</b> (±0)",
        "От заявки до передачи (медиана): <b>12,0 дн.</b> (1 передача; +2,0 дн.)",
        "Отменено: <b>0</b> (±0)",
        "Отчётов на одну передачу: <b>1,0</b> (1 передача; +1,0)",
        "Ответ «Интересно»: <b>100%</b> (1 из 1; раньше данных нет)",
        "Пожелания и критика: <b>0</b> (±0)",
    ]:
        assert line in pavel_text, f"{line!r} not in Pavel's:\n{pavel_text}"
    assert "Без менеджера" not in text  # every client has heard from someone
    photo = [c for c in sent if c.method == "sendPhoto"]
    assert len(photo) == 1 and png_size(photo[0]["photo"].data) == (1200, 1200)


async def test_export_files_hold_the_periods_rows(history: Harness) -> None:
    h = history
    sent = await stats(h, "/export 2026-11")
    files = {c["document"].filename: c for c in sent if c.method == "sendDocument"}
    assert sorted(files) == [
        "calls_2026-11-01_2026-11-30.csv", "cars_2026-11-01_2026-11-30.csv",
        "critique_2026-11-01_2026-11-30.csv", "offers_2026-11-01_2026-11-30.csv",
        "payments_2026-11-01_2026-11-30.csv",
        "reports_2026-11-01_2026-11-30.csv",
        "requests_2026-11-01_2026-11-30.csv", "surveys_2026-11-01_2026-11-30.csv",
    ]

    def table(name: str) -> list[dict[str, str]]:
        data = files[f"{name}_2026-11-01_2026-11-30.csv"]["document"].data
        assert data.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read the Cyrillic right
        return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))

    requests = table("requests")
    assert [(r["Заявка №"], r["Клиент"], r["Этап"], r["Менеджер"]) for r in requests] == [
        ("2", "Иван Петров", "Передача", "Olga (@olga_manager)"),
        ("3", "Мария Иванова", "Передача", "Pavel"),
        ("4", "Пётр Сидоров", "Заявка отменена", "Olga (@olga_manager)"),
        ("5", "Анна Смирнова", "Поиск", "Olga (@olga_manager)"),
    ]
    ivan = requests[0]
    assert ivan["Создано"] == "2026-11-02 10:00" and ivan["Передана"] == "2026-11-12 10:00"
    assert (ivan["Автомобиль"], ivan["Год от"], ivan["Год до"], ivan["Бюджет"]) == (
        "Toyota RAV4", "2018", "2021", "1500000")
    assert ivan["Телефон"] == "+79161234567" and ivan["Отчётов отправлено"] == "2"
    assert requests[2]["Причина отмены"] == "клиент купил сам"

    surveys = table("surveys")
    assert [s["Клиент"] for s in surveys] == ["Иван Петров", "Мария Иванова"]
    maria = surveys[1]
    answers = [maria[k] for k in ("Качество авто", "Соответствие ожиданиям", "Скорость поиска",
                                  "Документы", "Цена в бюджете", "Прозрачность",
                                  "Информированность", "Общение", "Рекомендация (NPS)")]
    assert answers == ["4", "4", "2", "5", "3", "4", "3", "4", "7"]
    assert maria["Комментарий"] == "долго искали" and maria["Завершён"] == "2026-11-21 12:00"
    assert surveys[0]["Комментарий"] == "" and surveys[0]["Отправлен"] == "2026-11-19 10:00"

    critique = table("critique")
    assert [(c["Клиент"], c["Заявка №"], c["Текст"]) for c in critique] == [
        ("Пётр Сидоров", "4", "Долго не отвечали на звонки")]

    reports = table("reports")
    assert [(r["Автомобиль"], r["Менеджер"], r["Ответ клиента"]) for r in reports] == [
        ("Kia Sportage, 2020", "Olga (@olga_manager)", "👎 не подходит"),
        ("Mazda CX-5, 2019", "Olga (@olga_manager)", "👍 интересно"),
        ("Skoda Octavia, 2021", "Pavel", "👍 интересно"),
    ]
    assert reports[0]["Всё, что сказал клиент"] == "👎 не подходит\n💬 впечатление: дорого"
    assert reports[0]["Отправлен"] == "2026-11-05 10:00"
    captions = [c["caption"] for c in files.values()]
    assert "🚗 Заявки, созданные за ноябрь 2026. Строк: 4" in captions
    kept_files = "SELECT COUNT(*) FROM outbox WHERE json_type(payload, '$.file') IS NOT NULL"
    assert await h.rows(kept_files) == [(0,)]


async def test_an_empty_period_says_so_in_words(harness: Harness) -> None:
    h = harness
    sent = await stats(h, "/stats 2025-01")
    text = text_of(sent)
    assert "Цифры за январь 2025" in text and "Данных за этот период пока нет." in text
    for line in ("NPS: нет данных", "Ответили на опрос: нет данных", "Качество авто: нет данных",
                 "В контактные часы: нет данных", "Ответили в пределах 24 ч: нет данных",
                 "Дни с новостями: нет данных", "Открытые сейчас: нет", "Новые: <b>0</b> (±0)",
                 "От заявки до передачи (медиана): нет данных", "Отчётов на одну передачу: нет данных",
                 "Ответ «Интересно»: нет данных", "Оставили отзыв: нет данных",
                 "Пожелания и критика: <b>0</b> (±0)"):
        assert line in text, line
    assert [c.method for c in sent].count("sendPhoto") == 1  # an empty chart, still a chart
    sent = await stats(h, "/stats managers 7d")
    assert "Данных за этот период пока нет." in text_of(sent)
    sent = await stats(h, "/export 7d")
    assert [c["caption"].endswith("Строк: 0") for c in sent] == [True] * 8  # calls, cars, offers, payments


async def test_default_period_and_the_ones_named(history: Harness) -> None:
    h = history  # now: 1 December 10:00
    assert "последние 30 дней (1 нояб. 2026 — 1 дек. 2026)" in text_of(await stats(h, "/stats"))
    # The last 7 days, 24 Nov 10:00 – 1 Dec 10:00: Ivan's after-hours wait (38 h) and Maria's
    # unanswered question; Anna is new.
    week = text_of(await stats(h, "/stats 7d"))
    assert "последние 7 дней (24 нояб. 2026 — 1 дек. 2026)" in week
    assert "Новые: <b>1</b>" in week and "Ответили в пределах 24 ч: <b>0%</b> (0 из 2;" in week
    assert "последние 90 дней" in text_of(await stats(h, "/stats 90d"))
    dates = text_of(await stats(h, "/stats 02.11.2026 05.11.2026"))
    assert "2 нояб. 2026 – 5 нояб. 2026" in dates and "(29 окт. 2026 – 1 нояб. 2026)" in dates
    assert "Новые: <b>3</b> (+3)" in dates  # Ivan, Maria, Petr
    iso = text_of(await stats(h, "/stats 2026-10-01 2026-10-31"))
    assert "Новые: <b>1</b>" in iso and "Передано клиентам: <b>1</b>" in iso


@pytest.mark.parametrize("args", ["13-2026", "2026-13", "вчера", "01.11.2026", "1.1.2026 2.2.2026 3.3.2026"])
async def test_a_period_not_understood_lists_the_formats(harness: Harness, args: str) -> None:
    sent = await stats(harness, f"/stats {args}")
    text = text_of(sent)
    assert f"Не получилось разобрать период «{args}»" in text
    assert "/stats 7d или /stats 90d" in text and "/stats 2026-11" in text
    assert "/stats 01.11.2026 15.11.2026" in text
    assert [c.method for c in sent] == ["sendMessage"]


async def test_period_errors_in_words(harness: Harness) -> None:
    assert "Первая дата позже второй" in text_of(await stats(harness, "/stats 15.11.2026 01.11.2026"))
    assert "от 1 дня до 3660 дней" in text_of(await stats(harness, "/export 0d"))
    assert "«&lt;b&gt;»" in text_of(await stats(harness, "/stats <b>"))  # shown back, escaped


async def test_stats_belong_in_the_general_topic(history: Harness) -> None:
    h = history
    ivan = await topic(h, IVAN)
    for command in ("/stats", "/export"):
        sent = await stats(h, command, thread=ivan)
        assert [c.method for c in sent] == ["sendMessage"]
        assert "в общей теме группы" in sent[0].text and sent[0].thread_id == ivan
    assert not [c for c in h.tg.to_chat(IVAN.id) if "NPS" in (c.text or "")]


async def test_a_client_cannot_ask_for_the_numbers(harness: Harness) -> None:
    h = harness
    for command in ("/stats", "/stats managers", "/export 2026-11"):
        await h.say(IVAN, command)
        assert "только для менеджеров" in h.last_text_to(IVAN)
    assert h.tg.to_chat(GROUP) == []


async def test_manager_help_lists_the_numbers(harness: Harness) -> None:
    text = text_of(await stats(harness, "/help"))
    assert "/stats [период]" in text and "/stats managers" in text and "/export [период]" in text


async def test_a_half_finished_survey_counts_what_was_answered(harness: Harness) -> None:
    h = harness
    await request(h, IVAN, "Иван Петров", "2026-11-02 10:00")
    await manager(h, OLGA, IVAN, "/handover", "2026-11-03 10:00")
    await tick(h, "2026-11-10 10:00")
    await answer_survey(h, IVAN, [2, 3])  # then silence
    at(h, "2026-12-01 10:00")
    text = text_of(await stats(h, "/stats 2026-11"))
    assert "Ответили на опрос: <b>100%</b> (1 из 1;" in text
    assert "Качество авто: <b>2,0</b> (1 ответ;" in text
    assert "Соответствие ожиданиям: <b>3,0</b> (1 ответ;" in text
    assert "Скорость поиска: нет данных" in text and "NPS: нет данных" in text


async def test_a_reopened_request_counts_its_open_days_again(harness: Harness) -> None:
    h = harness
    await request(h, IVAN, "Иван Петров", "2026-11-02 10:00")  # open 2 → 4 Nov 10:00
    await manager(h, OLGA, IVAN, "/stage cancelled передумал", "2026-11-04 10:00")
    await manager(h, OLGA, IVAN, "/stage searching всё-таки ищем", "2026-11-10 10:00")  # open again
    at(h, "2026-11-12 12:00")
    text = text_of(await stats(h, "/stats 01.11.2026 12.11.2026"))
    # Midnights while open: 3, 4 Nov (kept: news 14 h and 38 h before) and 11, 12 Nov (kept).
    assert "Дни с новостями: <b>100%</b> (4 из 4;" in text
    assert "Открытые сейчас: Поиск 1" in text and "· передумал — 1" in text


# -- periods, without the bot ---------------------------------------------------------------

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_period_parsing() -> None:
    default = parse_period("", NOW, MSK)
    assert (default.start, default.end, default.kind, default.days) == (
        NOW - timedelta(days=30), NOW, "days", 30)
    assert default.previous().end == default.start
    assert parse_period("7d", NOW, MSK).days == 7 and parse_period("90д", NOW, MSK).days == 90
    month = parse_period("2026-11", NOW, MSK)
    assert month.start == datetime(2026, 10, 31, 21, 0, tzinfo=UTC)  # 1 November, Moscow
    assert month.end == datetime(2026, 11, 30, 21, 0, tzinfo=UTC)
    assert parse_period("11.2026", NOW, MSK) == month
    assert month.previous() == parse_period("2026-10", NOW, MSK)  # the month before: 31 days
    dates = parse_period("01.11.2026 15.11.2026", NOW, MSK)
    assert (dates.first_day.day, dates.last_day.day, dates.days) == (1, 15, 15)
    assert parse_period("2026-11-01 – 2026-11-15", NOW, MSK) == dates
    assert (dates.previous().first_day.isoformat(), dates.previous().last_day.isoformat()) == (
        "2026-10-17", "2026-10-31")
    query = parse_query("managers 7d", NOW, MSK)
    assert query.by_manager and query.period.days == 7
    assert not parse_query("2026-11", NOW, MSK).by_manager


@pytest.mark.parametrize(("text", "key"), [
    ("13-2026", "stats-period-invalid"), ("2026-13", "stats-period-invalid"),
    ("31.02.2026 01.03.2026", "stats-period-invalid"), ("15.11.2026 01.11.2026", "stats-period-reversed"),
    ("0d", "stats-period-length"), ("99999d", "stats-period-length"),
])
def test_period_errors(text: str, key: str) -> None:
    with pytest.raises(PeriodError) as error:
        parse_period(text, NOW, MSK)
    assert error.value.key == key


def test_local_calendar_across_a_daylight_saving_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")  # 25 October 2026: 03:00 CEST → 02:00 CET
    october = parse_period("2026-10", NOW, berlin)
    assert october.offsets() == [
        (datetime(2026, 9, 30, 22, 0, tzinfo=UTC), 7200),
        (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), 3600),
    ]
    assert october.end == datetime(2026, 10, 31, 23, 0, tzinfo=UTC) and october.days == 31
    dates = parse_period("2026-10-20 2026-10-30", NOW, berlin)
    assert (dates.previous().first_day.isoformat(), dates.previous().last_day.isoformat()) == (
        "2026-10-09", "2026-10-19")
    assert [week.isoformat() for week in october.weeks()][:2] == ["2026-09-28", "2026-10-05"]
    assert monday(2461369).isoformat() == "2026-11-23"  # julian day number of 24 Nov 2026
