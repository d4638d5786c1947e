"""The price list and a line's labour and parts (issue 24): PRICE_LIST loaded at start (a bad row
stops the start naming file and line), `/order` and `/extra` lines named by code or written with
labour + parts, the client's order text with the split and the total unchanged, an unknown code
answered with the nearest ones. Through the dispatcher, the fake Bot API and SQLite; the parsers
also fuzzed (hypothesis)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.__main__ import main
from bot.config import ConfigError
from bot.services.workshop.order_text import parse_line
from domain.price_list import PriceList, PriceListError, parse_price_list
from domain.refusal import Refusal
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import IVAN, SETTING_PREFIXES, Harness, env_for, make_settings, topic_texts
from tests.steps_workshop import manager, start

PRICES = Path(__file__).parent / "files" / "price_list.csv"
NB = "\u00a0"
HEADER = "code;name;hours;labour;parts\n"


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path, price_list=str(PRICES))
    try:
        yield harness
    finally:
        await harness.app.stop()


async def lines(h: Harness) -> list[tuple]:
    return await h.rows("SELECT position, code, title, price, labour, parts, norm_minutes"
                        " FROM ws_lines ORDER BY position")


def order_text(h: Harness) -> str:
    return next(c.text for c in h.tg.to_chat(IVAN.id) if "Заказ-наряд №" in (c.text or ""))


async def test_lines_by_code_and_by_labour_and_parts(h: Harness) -> None:
    await h.say(IVAN, "Добрый день")
    await manager(h, "/arrived")
    await manager(h, "/order ТО и колодки\n"
                     "то-1\n"  # a code, any case: name, hours, labour and parts from the list
                     "Колодки задние | 1 500 + 3 900\n"  # labour + parts
                     "Мойка | работа 500\n"
                     "Щётки | запчасти 1 200 ₽ + работа 300 | 0,5ч\n"
                     "Диагностика | 1 000\n"  # one price, not split
                     "ДИАГ\n"  # labour only in the list
                     "Готово: 18:00")
    assert await lines(h) == [
        (1, "ТО-1", "ТО-1: масло, фильтр, осмотр", 5500, 2000, 3500, 90),
        (2, None, "Колодки задние", 5400, 1500, 3900, None),
        (3, None, "Мойка", 500, 500, 0, None),
        (4, None, "Щётки", 1500, 300, 1200, 30),
        (5, None, "Диагностика", 1000, None, None, None),
        (6, "ДИАГ", "Диагностика подвески", 1500, 1500, 0, 30),
    ]
    text = order_text(h)
    assert (f"1. ТО-1: масло, фильтр, осмотр{NB}— 5\u202f500{NB}₽ (работа 2\u202f000{NB}₽,"
            f" запчасти 3\u202f500{NB}₽)") in text
    assert f"5. Диагностика{NB}— 1\u202f000{NB}₽\n" in text  # one price reads as before
    assert f"3. Мойка{NB}— 500{NB}₽\n" in text  # all labour: nothing to split
    assert f"Итого: <b>15\u202f400{NB}₽</b>" in text  # the total is the lines' prices, as before
    await h.tap(IVAN, "✅ Согласовать всё")
    # the consent records the total the client approved, as before
    assert await h.rows("SELECT price FROM ws_consents ORDER BY id") == [
        (5500,), (5400,), (500,), (1500,), (1000,), (1500,)]
    assert any(f"сумма 15\u202f400{NB}₽" in t for t in topic_texts(h))


async def test_an_extra_line_by_code_shows_its_split(h: Harness) -> None:
    await h.say(IVAN, "Добрый день")
    await manager(h, "/order ТО\nТО-1\nГотово: 18:00")
    await manager(h, "/extra кол-п")
    assert (await lines(h))[-1] == (2, "КОЛ-П", "Замена передних колодок", 6000, 1800, 4200, 60)
    assert (f"2. Замена передних колодок{NB}— 6\u202f000{NB}₽ (работа 1\u202f800{NB}₽,"
            f" запчасти 4\u202f200{NB}₽)") in h.last_text_to(IVAN)


async def test_an_unknown_code_is_answered_with_the_nearest(h: Harness) -> None:
    await h.say(IVAN, "Добрый день")
    await manager(h, "/order ТО\nТО-7\nГотово: 18:00")
    assert topic_texts(h)[-1] == "Кода «ТО-7» нет в прейскуранте. Похожие: ТО-1, ТО-2."
    await manager(h, "/order ТО\nЗамена масла 3500\nГотово: 18:00")  # the '|' forgotten
    assert topic_texts(h)[-1] == ("Кода «Замена масла 3500» нет в прейскуранте. Напишите код из"
                                  " прейскуранта или строку «работа | цена».")
    await manager(h, "/order ТО\nМасло | работа 1 + работа 2\nГотово: 18:00")
    assert topic_texts(h)[-1].startswith("Не получилось разобрать строку «Масло | работа 1 + работа 2»")
    assert await lines(h) == []
    assert await h.rows("SELECT COUNT(*) FROM ws_orders WHERE status != 'open'") == [(0,)]


async def test_without_a_price_list_a_code_is_not_a_line(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start(tg, clock, db_path)
    try:
        await h.say(IVAN, "Добрый день")
        await manager(h, "/order ТО\nТО-1\nГотово: 18:00")
        assert topic_texts(h)[-1].startswith("Не получилось разобрать строку «ТО-1»")
        assert await lines(h) == []
    finally:
        await h.app.stop()


# -- the file ---------------------------------------------------------------------------------


def test_the_list_as_the_firm_writes_it(tg: FakeTelegram, db_path: Path, tmp_path: Path) -> None:
    loaded = make_settings(tg, db_path, price_list=str(PRICES)).prices
    assert sorted(item.code for item in loaded.items.values()) == ["ДИАГ", "КОЛ-П", "ТО-1", "ТО-2"]
    first = loaded.find("то-1")
    assert first is not None and (first.minutes, first.labour, first.parts) == (90, 2000, 3500)
    # ',' as the delimiter (the header has no ';'), the decimal comma quoted; no BOM; kopecks
    # of zero; a row that only spans lines inside quotes
    comma = tmp_path / "comma.csv"
    comma.write_text('code,name,hours,labour,parts\nA-1,"Oil, filter","1,5","2000,00",300\n'
                     'A-2,"Two\nlines",2,100,\n', encoding="utf-8")
    read = make_settings(tg, db_path, price_list=str(comma)).prices
    assert [(i.code, i.name, i.minutes, i.labour, i.parts) for i in read.items.values()] == [
        ("A-1", "Oil, filter", 90, 2000, 300), ("A-2", "Two lines", 120, 100, 0)]
    assert not make_settings(tg, db_path).prices  # PRICE_LIST empty: no list


@pytest.mark.parametrize(("rows", "says"), [
    ("ТО-1;ТО;1,5;2 000;3 500\nТО-2;ТО;2;12a;1\n", "line 3: labour price '12a' is not a whole number"),
    ("ТО-1;ТО;1,5;2 000;3 500\nТО-2;ТО;2;100;²\n", "line 3: parts price '²' is not a whole number"),
    ("ТО-1;ТО;1,5;2 000;3 500\nТО-2;ТО;2;100;10,50\n", "line 3: parts price '10,50'"),
    ("ТО-1;ТО;1,5;2 000;3 500\nТО-2;ТО;2;99999999999;\n", "line 3: labour price"),
    ("ТО-1;ТО;25;1;1\n", "line 2: norm hours '25' must be above 0 and up to 24"),
    ("ТО-1;ТО;1,234;1;1\n", "line 2: norm hours '1,234' are not a number"),
    ("ТО-1;ТО;1;1\n", "line 2: expected 5 columns"),
    ("ТО-1;ТО;1;1;1\nто-1;Дубль;1;1;1\n", "line 3: code 'то-1' is already on line 2"),
    (";ТО;1;1;1\n", "line 2: the code must be"),
])
def test_a_bad_row_stops_the_start_naming_file_and_line(
    tg: FakeTelegram, db_path: Path, tmp_path: Path, rows: str, says: str
) -> None:
    path = tmp_path / "prices.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(ConfigError) as problem:
        make_settings(tg, db_path, price_list=str(path))
    assert str(problem.value).startswith(f"Setting PRICE_LIST is malformed: {path} {says}")
    assert len(str(problem.value).splitlines()) == 1


def test_every_bad_row_is_one_line(tg: FakeTelegram, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "prices.csv"
    path.write_text(HEADER + "A;a;1;x;1\nB;b;1;1;1\nC;c;zz;1;1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as problem:
        make_settings(tg, db_path, price_list=str(path))
    said = str(problem.value).splitlines()
    assert len(said) == 2
    assert said[0].startswith(f"Setting PRICE_LIST is malformed: {path} line 2: labour price 'x'")
    assert said[1].startswith(f"{path} line 4: norm hours 'zz'")


def test_an_unreadable_file_is_named(tg: FakeTelegram, db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="PRICE_LIST is malformed: cannot read .*nowhere.csv"):
        make_settings(tg, db_path, price_list=str(tmp_path / "nowhere.csv"))
    latin = tmp_path / "cp1251.csv"
    latin.write_bytes((HEADER + "ТО-1;ТО;1;1;1\n").encode("cp1251"))
    with pytest.raises(ConfigError, match=r"cp1251.csv line 2: not UTF-8 text"):
        make_settings(tg, db_path, price_list=str(latin))


def test_the_bot_does_not_start_with_a_broken_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "prices.csv"
    path.write_text(HEADER + "ТО-1;ТО;1,5;2 000;3 500\nТО-2;ТО;2;дорого;1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for key in list(os.environ):
        if key.startswith(SETTING_PREFIXES):
            monkeypatch.delenv(key)
    env = env_for("http://127.0.0.1:9", tmp_path / "db.sqlite3", WORKSHOP_HOURS="Mon-Fri 09:00-19:00",
                  PRICE_LIST=str(path))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main([]) == 2
    output = capsys.readouterr().err.strip()
    assert output.splitlines() == [
        f"carcare-bot cannot start: Setting PRICE_LIST is malformed: {path} line 3: labour price"
        " 'дорого' is not a whole number of roubles up to 100000000."]


# -- fuzz ---------------------------------------------------------------------------------------

LIST = parse_price_list(PRICES.read_text(encoding="utf-8-sig"), "prices.csv")
PIECES = st.sampled_from(["ТО-1", "то-2", "|", "+", " ", "работа", "запчасти", "parts", "2 000", "²",
                          "٣٥٠٠", "1,5ч", "90m", "9" * 30, "₽", "-", "<b>", "\u00a0", "КОЛ-П", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=8).map("".join) | st.text(max_size=60))
def test_any_line_reads_or_is_refused(text: str) -> None:
    for prices in (LIST, PriceList()):
        try:
            read = parse_line(text, prices)
        except Refusal as refusal:
            assert refusal.key.startswith("ws-order-")
            continue
        assert 0 <= read.price <= 100_000_000 and read.title.strip()
        if read.labour is not None or read.parts is not None:
            assert (read.labour or 0) + (read.parts or 0) == read.price


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["ТО-1", "1,5", "2 000", "x", "", "²", '"', "1;2", "\n", ",",
                                          "25", "0", "ТО"]), max_size=7).map(";".join), max_size=5))
def test_any_file_reads_or_names_its_bad_lines(rows: list[str]) -> None:
    try:
        read = parse_price_list(HEADER + "\n".join(rows), "p.csv")
    except PriceListError as error:
        assert all(line.startswith("p.csv") for line in str(error).splitlines())
        return
    assert all(0 <= item.price <= 100_000_000 for item in read.items.values())
