"""How the client heard of us (issue 23): the intake's optional last question from LEAD_SOURCES,
asked once per client; /set #N source; /stats by source (requests, deals, conversion, NPS)."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import ConfigError
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import (
    GROUP,
    IVAN,
    MANAGER,
    RU_ANSWERS,
    Harness,
    answer_all,
    group_texts,
    in_general,
    intake,
    make_settings,
    manager,
    plain,
    start_app,
    topic_texts,
    with_request,
)

SOURCES = "Авито;Drom;Рекомендация;Instagram;Другое"
PETR = TgUser(id=333, first_name="Пётр", language_code="ru", username="petr_s")
PAVLA = TgUser(id=334, first_name="Павла", language_code="ru", username="pavla")


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start_app(tg, clock, db_path, lead_sources=SOURCES)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def source(h: Harness, request_id: int = 1) -> str | None:
    (row,) = await h.rows("SELECT lead_source FROM requests WHERE id = ?", request_id)
    return row[0]


async def test_asked_after_the_intake_once_per_client(h: Harness) -> None:
    await with_request(h)
    assert "как вы о нас узнали?" in h.last_text_to(IVAN)
    labels = [c.button_labels() for c in h.tg.to_chat(IVAN.id) if c.button_labels()][-1]
    assert labels == ["Авито", "Drom", "Рекомендация", "Instagram", "Другое", "Пропустить"]
    await h.tap(IVAN, "Drom")
    assert await source(h) == "Drom" and "Спасибо, записали" in h.last_text_to(IVAN)
    assert any("клиент узнал о нас так: Drom" in t for t in topic_texts(h))
    card = [c for c in h.tg.calls if c.method == "editMessageText" and c.chat_id == GROUP]
    assert not card or "Откуда узнал о нас" not in card[-1].text  # the card shows it once refreshed
    await manager(h, "/stage searching")
    card = [c for c in h.tg.calls if c.method == "editMessageText" and c.chat_id == GROUP][-1]
    assert "Откуда узнал о нас:</b> Drom" in card.text

    # A second car: not asked again; the first answer is kept for it.
    await h.say(IVAN, "/new")
    await h.tap(IVAN, "Ещё одна машина")
    await answer_all(h, IVAN, [a for a in RU_ANSWERS if a[0] not in ("name", "phone", "birth_date")])
    await h.tap(IVAN, "Всё верно")
    assert await source(h, 2) == "Drom"
    assert "как вы о нас узнали?" not in " ".join(h.texts_to(IVAN)[-3:])


async def test_typed_skipped_or_other_words(h: Harness) -> None:
    await with_request(h)
    await h.say(IVAN, "  авито ")
    assert await source(h) == "Авито"
    await with_request(h, PETR)
    await h.tap(PETR, "Пропустить")
    assert await source(h, 2) is None and "Хорошо, пропустим" in h.last_text_to(PETR)
    await with_request(h, PAVLA)
    copies = len(h.tg.sent("copyMessage"))
    await h.say(PAVLA, "А когда будут новости?")  # no answer: the words go to the manager
    assert len(h.tg.sent("copyMessage")) == copies + 1
    assert await source(h, 3) is None
    assert await h.rows("SELECT COUNT(*) FROM conversations") == [(0,)]


async def test_set_by_manager_from_the_list(h: Harness) -> None:
    await with_request(h)
    await manager(h, "/set source рекомендация")
    assert await source(h) == "Рекомендация"
    assert "Источник заявки № 1: — → Рекомендация" in plain(group_texts(h)[-1])
    await manager(h, "/set #1 source Яндекс")
    assert "«Яндекс» нет в списке источников" in group_texts(h)[-1]
    assert "Авито; Drom; Рекомендация; Instagram; Другое" in group_texts(h)[-1]
    assert await source(h) == "Рекомендация"


async def test_stats_by_source(h: Harness) -> None:
    await with_request(h)
    await h.tap(IVAN, "Авито")
    await with_request(h, PETR)
    await h.tap(PETR, "Авито")
    async with h.app.db.transaction() as tx:  # Ivan bought his car and answered the survey: 10
        now = h.clock.now().isoformat(" ")
        await tx.execute("UPDATE requests SET stage = 'handed_over', handed_over_at = ? WHERE id = 1",
                         (now,))
        await tx.execute("INSERT INTO surveys (request_id, client_id, sent_at, completed_at, nps)"
                         " VALUES (1, 1, ?, ?, 10)", (now, now))
    h.clock.advance(days=1)
    before = len(h.tg.calls)
    await h.feed(h.updates.in_topic(MANAGER, None, text="/stats 7d"))
    await h.app.outbox.wait_idle()
    text = plain("\n".join(c.text or "" for c in h.tg.calls[before:] if c.method == "sendMessage"))
    assert "По источникам" in text
    assert "Авито: заявки: 2, сделки: 1 (50 %), NPS +100 (ответов: 1)" in text


async def test_the_requests_file_names_the_source(h: Harness) -> None:
    await with_request(h)
    await h.tap(IVAN, "Авито")
    await with_request(h, PETR)
    await h.tap(PETR, "Пропустить")
    h.clock.advance(days=1)  # a period of whole days, up to today
    sent = await in_general(h, MANAGER, "/export 7d")
    files = {c["document"].filename.rsplit("_", 2)[0]: c["document"].data
             for c in sent if c.method == "sendDocument"}
    rows = list(csv.DictReader(io.StringIO(files["requests"].decode("utf-8-sig"))))
    assert [(r["Заявка №"], r["Откуда узнал о нас"]) for r in rows] == [("1", "Авито"), ("2", "")]


async def test_without_the_setting_nothing_is_asked(harness: Harness) -> None:
    await with_request(harness)
    assert all("узнали" not in t for t in harness.texts_to(IVAN))
    await manager(harness, "/set source сарафанное радио")  # free words when there is no list
    assert await source(harness) == "сарафанное радио"


def test_a_bad_list_is_named_in_one_line(tg: FakeTelegram, db_path: Path) -> None:
    with pytest.raises(ConfigError, match="Setting LEAD_SOURCES is malformed: named twice: Авито"):
        make_settings(tg, db_path, lead_sources="Авито;авито")


async def test_forged_source_presses_and_odd_words(h: Harness) -> None:
    await with_request(h)
    rng = random.Random(37)
    for data in ("a:source:²", "a:source:1.99", "a:source:1.²", "a:source:" + "9" * 25,
                 "a:source:2.1", "a:source:1.-1", "a:source:"):
        answered = len(h.tg.sent("answerCallbackQuery"))
        await h.feed(h.updates.press(IVAN, data, 1))
        assert len(h.tg.sent("answerCallbackQuery")) > answered, data
    assert await source(h) is None
    odd = ["²", "x" * 300, "<b>", "{ $name }", "\u202e", "", "Авито Drom", "#2"]
    for _ in range(12):
        before = len(topic_texts(h))
        await manager(h, f"/set source {rng.choice(odd)}")
        assert len(topic_texts(h)) > before
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]


async def test_whatsapp_answers_by_number(start) -> None:
    wa = await start(lead_sources=SOURCES)
    await intake(wa)
    options = wa.bodies()[-1]
    assert "как вы о нас узнали?" in options
    number = next(line.split(".")[0] for line in options.splitlines() if "Рекомендация" in line)
    await wa.say(number)
    assert await wa.rows("SELECT lead_source FROM requests") == [("Рекомендация",)]
    assert "Спасибо, записали" in wa.bodies()[-1]
