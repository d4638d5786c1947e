"""Safe exports, forged buttons, odd digits, odd names and private files (issue 15)."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path
from typing import Any

from bot.app import CarCareApp
from bot.services.privacy.cells import inert
from bot.services.privacy.titles import topic_title
from domain.numbers import is_number, looks_numeric
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import (
    GROUP,
    IVAN,
    MANAGER,
    RU_ANSWERS,
    Harness,
    Wa,
    answer_all,
    answer_survey,
    in_general,
    make_settings,
    manager,
    request,
    snapshot,
    tick,
)

MARIA = TgUser(id=333, first_name="Мария", language_code="ru")
FORMULAS = [
    '=HYPERLINK("http://evil","x")', "=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
]


async def test_formula_looking_values_are_inert_in_the_csv(harness: Harness) -> None:
    h = harness
    name = FORMULAS[0]
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, [("name", name), *RU_ANSWERS[1:]])
    await h.tap(IVAN, "Утром")
    await h.tap(IVAN, "Всё верно")
    for formula in FORMULAS[1:]:
        await h.say(IVAN, "/feedback")
        await h.say(IVAN, formula)
    assert await h.rows("SELECT name FROM clients") == [(name,)]
    sent = await in_general(h, MANAGER, "/export 2026-11")
    files = {c["document"].filename.split("_")[0]: c["document"].data
             for c in sent if c.method == "sendDocument"}

    def table(kind: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(files[kind].decode("utf-8-sig"))))

    requests, critique = table("requests"), table("critique")
    assert requests[0]["Клиент"] == "'" + name
    assert requests[0]["Телефон"] == "+79161234567"  # a phone number stays readable
    assert [row["Текст"] for row in critique] == ["'" + formula for formula in FORMULAS[1:]]
    assert {row["Клиент"] for row in critique} == {"'" + name}
    for kind in files:
        for row in csv.reader(io.StringIO(files[kind].decode("utf-8-sig"))):
            assert not [cell for cell in row if cell[:1] in ("=", "@", "\t", "\r")]


def test_inert_cells() -> None:
    assert inert("=1+2") == "'=1+2" and inert("\tx") == "'\tx" and inert("\r=1") == "'\r=1"
    assert inert("@x") == "'@x" and inert("-x") == "'-x" and inert("+x") == "'+x"
    assert inert("-5") == "-5" and inert("+79161234567") == "+79161234567" and inert("") == ""
    assert inert("Иван") == "Иван" and inert("a=b") == "a=b"


async def two_clients(h: Harness) -> dict[str, int]:
    """Ivan: a report, a handed-over request with a review asked for, a second request with its
    survey half answered. Maria: a request of her own. Returns Ivan's ids."""
    await request(h)
    await manager(h, "/report Kia Sportage, 2020\n+ хорошо\n- плохо")
    h.clock.advance(seconds=21)
    h.app.outbox.wake()
    await h.app.outbox.wait_idle()
    await manager(h, "/handover")
    h.clock.advance(days=7)
    await tick(h)
    await answer_survey(h, [5] * 8 + [9])
    await h.tap(IVAN, "Пропустить")  # the review is asked for now
    await h.say(MARIA, "/new")
    await answer_all(h, MARIA, [("name", "Мария Иванова"), *RU_ANSWERS[1:]])
    await h.tap(MARIA, "Утром")
    await h.tap(MARIA, "Всё верно")
    ids = {name: (await h.rows(sql))[0][0] for name, sql in {
        "report": "SELECT MAX(id) FROM reports", "request": "SELECT MIN(id) FROM requests",
        "survey": "SELECT MAX(id) FROM surveys",
    }.items()}
    assert await h.rows("SELECT answered_at FROM reviews WHERE request_id = ?", ids["request"]) == [(None,)]
    return ids


def forged(ids: dict[str, int]) -> list[str]:
    """Every callback kind that names something, with Ivan's ids (and ids in odd digits)."""
    r, p, s = ids["request"], ids["report"], ids["survey"]
    return [
        f"a:review_done:{r}", f"a:react:{p}.interested", f"a:react:{p}.not_for_me",
        f"a:service:{r}.0", f"a:survey:{s}.nps.0", f"a:survey:{s}.comment.skip",
        f"a:survey:{s}.car_quality.1", "a:review_done:²", "a:react:①.interested",
        "a:survey:٣.nps.9", "a:service:²." + "0",
    ]


async def test_another_clients_ids_are_refused_for_every_callback_kind(harness: Harness) -> None:
    h = harness
    ids = await two_clients(h)
    ivan = (await h.rows("SELECT id FROM clients WHERE external_id = ?", str(IVAN.id)))[0][0]
    before = await snapshot(h, ivan)
    reviews = await h.rows("SELECT * FROM reviews")
    group_before = len(h.tg.to_chat(GROUP))
    for data in forged(ids):
        await h.feed(h.updates.press(MARIA, data, 10**6))
        assert "кнопка уже неактуальна" in h.last_text_to(MARIA), data
    assert await snapshot(h, ivan) == before
    assert await h.rows("SELECT * FROM reviews") == reviews
    assert len(h.tg.to_chat(GROUP)) == group_before  # nothing told in anyone's topic
    # Ivan's own button still works.
    await h.feed(h.updates.press(IVAN, f"a:review_done:{ids['request']}", 10**6))
    assert await h.rows("SELECT answered_at IS NOT NULL FROM reviews") == [(1,)]


async def test_odd_digits_get_a_helpful_answer_in_whatsapp(wa: Wa) -> None:
    assert await wa.say("Здравствуйте") == 200  # the numbered menu
    for odd in ("²", "①", "٣"):
        assert await wa.say(odd) == 200
        hint = wa.bodies()[-1]
        assert hint.startswith("Ответьте, пожалуйста, обычной цифрой: 1, 2, 3, 4 или 5.")
        assert "2. 📋 Мои заявки" in hint
    assert await wa.rows("SELECT COUNT(*) FROM wa_messages WHERE direction = 'in'"
                         " AND processed_at IS NOT NULL AND client_id IS NOT NULL") == [(4,)]
    assert await wa.say("2") == 200  # an ordinary digit still chooses: the status
    assert wa.bodies()[-1].startswith("У вас пока нет заявки")


def test_only_ascii_digits_are_numbers() -> None:
    assert is_number("12") and not is_number("²") and not is_number("①") and not is_number("٣")
    assert not is_number("") and not is_number("-1")
    assert looks_numeric("²") and looks_numeric("①") and looks_numeric("٣") and not looks_numeric("2")
    assert not looks_numeric("да")


async def test_topic_titles_are_cleaned_and_numbered_by_the_bot(harness: Harness) -> None:
    h = harness
    trick = TgUser(id=666, first_name="\u202eМаллори\u200b · #17 \x07" + "я" * 300, language_code="ru")
    await h.say(trick, "Здравствуйте")
    created = h.tg.sent("createForumTopic")[-1]["name"]
    assert "\u202e" not in created and "\u200b" not in created and "\x07" not in created
    assert "#17" not in created and created.startswith("Маллори 17 я")
    assert len(created) <= 128
    await h.say(trick, "/new")
    await h.tap(trick, "Маллори")  # keeps the name Telegram gave
    await answer_all(h, trick, RU_ANSWERS[1:])
    await h.tap(trick, "Утром")
    await h.tap(trick, "Всё верно")
    renamed = h.tg.sent("editForumTopic")[-1]["name"]
    assert renamed.startswith("Маллори 17 я") and renamed.endswith("я · #1") and len(renamed) == 128
    assert h.tg.topic_names[500] == renamed


def test_topic_title_cut_keeps_the_bots_number() -> None:
    title = topic_title("\u2067Иван\u2069 · #99" + "x" * 200, 7, "Клиент")
    assert title.endswith(" · #7") and len(title) == 128 and "#99" not in title
    assert "\u2067" not in title and "\u2069" not in title
    assert topic_title("\u200b\u202e", None, "Клиент") == "Клиент"


async def test_database_files_are_private(harness: Harness, db_path: Any) -> None:
    await harness.say(IVAN, "Здравствуйте")
    for suffix in ("", "-wal", "-shm"):
        mode = stat.S_IMODE((db_path.parent / (db_path.name + suffix)).stat().st_mode)
        assert mode == 0o600, (suffix, oct(mode))


async def test_an_existing_world_readable_database_is_tightened(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    db_path.touch(mode=0o644)
    db_path.chmod(0o644)
    app = CarCareApp(make_settings(tg, db_path), clock)
    await app.start()
    try:
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    finally:
        await app.stop()
