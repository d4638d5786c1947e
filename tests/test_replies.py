"""Saved replies (issue 26): /reply lists, /reply add and /reply del keep the file beside the
database, /reply name sends one to the client with its fields filled from the card. Through the
real dispatcher and the fake Bot API."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest

from tests.steps import GROUP, IVAN, MANAGER, TOPIC, Harness, in_general, manager, topic_texts, with_request


async def test_add_list_send_and_delete(harness: Harness, db_path: Path) -> None:
    h = harness
    sent = await in_general(h, MANAGER, "/reply")
    assert "ответов пока нет" in sent[-1].text
    await in_general(h, MANAGER, "/reply add address {name}, ждём вас на ул. Ленина, 12 <с 9 до 20>.\n"
                                 "Ваша заявка {request}: {car}")
    file = db_path.parent / "replies.txt"
    assert "[address]\n{name}, ждём вас" in file.read_text(encoding="utf-8")
    sent = await in_general(h, MANAGER, "/reply")
    assert "Сохранённые ответы: 1" in sent[-1].text and "<b>address</b>" in sent[-1].text

    await with_request(h)
    await manager(h, "/reply ADDRESS")
    assert h.last_text_to(IVAN) == (
        "Иван Петров, ждём вас на ул. Ленина, 12 &lt;с 9 до 20&gt;.\nВаша заявка #1: Toyota RAV4")
    assert "Отправлено клиенту («address»)" in topic_texts(h)[-1]
    assert await h.rows("SELECT author, manager_id FROM messages WHERE author = 'manager'") == [
        ("manager", MANAGER.id)]

    await in_general(h, MANAGER, "/reply del address")
    assert "[address]" not in file.read_text(encoding="utf-8")
    to_ivan = len(h.tg.to_chat(IVAN.id))
    await manager(h, "/reply address")
    assert "Сохранённого ответа «address» нет" in topic_texts(h)[-1]
    assert len(h.tg.to_chat(IVAN.id)) == to_ivan


async def test_a_file_edited_by_hand_counts_at_once(harness: Harness, db_path: Path) -> None:
    h = harness
    await with_request(h)
    (db_path.parent / "replies.txt").write_text(
        "# часы работы\n[hours]\nРаботаем с 9:00 до 20:00, {city}.\n\n[bad name]\nне читается\n",
        encoding="utf-8")
    await manager(h, "/reply hours")
    assert h.last_text_to(IVAN) == "Работаем с 9:00 до 20:00, Москва."
    sent = await in_general(h, MANAGER, "/reply")
    assert "Сохранённые ответы: 1" in sent[-1].text


async def test_bad_replies_are_refused_in_one_line(harness: Harness, db_path: Path) -> None:
    h = harness
    await with_request(h)
    cases = {
        "/reply add docs Привезите {passport}": "Неизвестное поле {passport}",
        "/reply add docs Привезите {name": "непарная скобка",
        "/reply add docs Привезите {0}": "Неизвестное поле {0}",
        "/reply add docs Привезите {<b>}": "Неизвестное поле {&lt;b&gt;}",
        "/reply add адрес Ленина 12": "латинских букв",
        "/reply add docs": "Напишите текст ответа",
        "/reply add docs текст\n[other]\nещё": "квадратных скобках",
        f"/reply add docs {'я' * 4000}": "не длиннее 3\xa0500",
        "/reply del nothing": "Сохранённого ответа «nothing» нет",
    }
    for command, said in cases.items():
        await manager(h, command)
        assert said in topic_texts(h)[-1], command[:60]
    assert not (db_path.parent / "replies.txt").exists()
    sent = await in_general(h, MANAGER, "/reply docs")
    assert sent[-1].text == "Эта команда работает в теме клиента."


ODD = ["²", "①", "٣", "-1", "9" * 40, "<b>", "{", "}", "{name}", "{x}", "{{", "{<i>}", "\u202e", "add",
       "del", "[x]", "\n", "ё" * 300, "address", "'; DROP TABLE clients; --"]


async def test_fuzz_reply_answers_in_one_line(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/reply add address Ленина, 12, {name}")
    rng = random.Random(26)
    caplog.set_level(logging.ERROR)
    for _ in range(40):
        args = " ".join(rng.choice(ODD) for _ in range(rng.randint(0, 4)))
        thread = rng.choice([TOPIC, None, 999])
        before = len(h.tg.calls)
        await h.feed(h.updates.in_topic(MANAGER, thread, text=f"/reply {args}".strip()))
        answers = [c for c in h.tg.calls[before:] if c.chat_id == GROUP and c.method == "sendMessage"]
        assert len(answers) == 1, (args, thread)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
