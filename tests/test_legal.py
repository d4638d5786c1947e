"""The legal check of a deal's documents (issue 23): a checklist per deal from LEGAL_CHECKS,
ticked with buttons in the topic, each item with a note or a photo; the documents stage is not
left with an item unchecked unless a manager gives the reason; the client sees what was
checked."""

from __future__ import annotations

import random

import pytest

from bot.config import ConfigError, Settings
from bot.services.deal.legal import CODES
from tests.steps import (
    GROUP,
    IVAN,
    MANAGER,
    TOPIC,
    Harness,
    group_press,
    group_texts,
    make_settings,
    manager,
    plain,
    topic_texts,
    with_request,
)


async def at_documents(h: Harness) -> None:
    await with_request(h)
    await manager(h, "/stage documents")


def last(h: Harness) -> str:
    return plain(group_texts(h)[-1])


async def press(h: Harness, label: str) -> None:
    """Press the newest button in the group whose label has this text."""
    for call in reversed(h.tg.to_chat(GROUP)):
        if any(label in text for text in call.button_labels()):
            data = call.button_data(label)
            await h.feed(group_press(h, MANAGER, data, call.result["message_id"]))
            return
    raise AssertionError(f"no button {label!r} in the group")


async def stage(h: Harness) -> str:
    (row,) = await h.rows("SELECT stage FROM requests WHERE id = 1")
    return row[0]


def test_the_default_list_is_the_codes_named_in_each_language() -> None:
    assert Settings.model_fields["legal_checks"].default == ";".join(CODES)


@pytest.mark.parametrize(("value", "says"), [
    (";".join(f"пункт {n}" for n in range(21)), "at most 20 items separated by ';', found 21"),
    ("Залоги;" + "я" * 61, "an item is longer than 60 characters"),
    ("Залоги; залоги", "named twice: Залоги"),
])
def test_a_bad_list_is_named_in_one_line(tg, db_path, value: str, says: str) -> None:
    with pytest.raises(ConfigError) as refused:
        make_settings(tg, db_path, legal_checks=value)
    assert str(refused.value).startswith(f"Setting LEGAL_CHECKS is malformed: {says}")
    assert "\n" not in str(refused.value)


async def test_documents_stage_held_until_checked_or_a_reason(harness: Harness) -> None:
    h = harness
    await at_documents(h)
    await manager(h, "/legal")
    assert "Юридическая проверка, заявка № 1:</b> проверено 0 из 7" in last(h)
    labels = [call.button_labels() for call in h.tg.to_chat(GROUP) if call.button_labels()][-1]
    assert labels == ["⬜ 1. Залоги", "⬜ 2. Ограничения на регистрацию", "⬜ 3. Розыск",
                      "⬜ 4. Владельцы по ПТС", "⬜ 5. История ДТП", "⬜ 6. Пробег",
                      "⬜ 7. Документы соответствуют машине"]

    await press(h, "1. Залоги")
    assert "проверено 1 из 7" in last(h) and "✅ 1. Залоги" in last(h)
    await manager(h, "/legal 2 ограничений нет, база ГИБДД на 05.12")
    assert "✅ 2. Ограничения на регистрацию — ограничений нет, база ГИБДД на 05.12" in last(h)
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text="/legal 3 не в розыске", kind="photo"))
    assert "✅ 3. Розыск — не в розыске 📷" in last(h)
    card = [c for c in h.tg.calls if c.method == "editMessageText" and c.chat_id == GROUP][-1]
    assert "Юридическая проверка:</b> 3 из 7" in card.text

    # Unchecked items hold the deal at the documents stage; the client hears nothing.
    to_ivan = len(h.texts_to(IVAN))
    await manager(h, "/stage paid")
    assert "не проверены Владельцы по ПТС, История ДТП, Пробег, Документы соответствуют машине" in last(h)
    assert await stage(h) == "documents" and len(h.texts_to(IVAN)) == to_ivan
    await manager(h, "/legal skip")
    assert "Напишите причину" in last(h)
    await manager(h, "/stage paid")
    assert await stage(h) == "documents"

    await manager(h, "/legal skip продавец торопит, ПТС проверим при переоформлении")
    assert await h.rows("SELECT open_items, reason FROM legal_waivers") == [(
        "Владельцы по ПТС, История ДТП, Пробег, Документы соответствуют машине",
        "продавец торопит, ПТС проверим при переоформлении")]
    await manager(h, "/stage paid")
    assert await stage(h) == "paid"
    # The client sees what was checked, never an unchecked item; the photo comes with its line.
    news = plain(h.texts_to(IVAN)[-1])
    assert "Юридическая проверка</b>, что мы проверили" in news
    assert ("✅ Залоги\n✅ Ограничения на регистрацию — ограничений нет, база ГИБДД на 05.12\n"
            "✅ Розыск") in news
    assert "История ДТП" not in news and "Пробег" not in news
    (photo,) = [c for c in h.tg.to_chat(IVAN.id) if c.method == "copyMessage"]
    assert plain(photo["caption"]) == "✅ Розыск — не в розыске"
    await h.say(IVAN, "/status")
    assert "✅ Ограничения на регистрацию" in h.last_text_to(IVAN)


async def test_all_checked_the_stage_moves_without_a_reason(harness: Harness) -> None:
    h = harness
    await at_documents(h)
    await manager(h, "/legal")
    for n in range(1, 8):
        await press(h, f"⬜ {n}.")
    assert "проверено 7 из 7" in last(h)
    await press(h, "✅ 6. Пробег")  # a tick taken back
    assert "проверено 6 из 7" in last(h)
    await manager(h, "/stage paid")
    assert await stage(h) == "documents"
    await manager(h, "/legal 6 по сервисной книжке и Автотеке")
    await manager(h, "/legal skip")
    assert "Все пункты проверены" in last(h)
    await manager(h, "/stage paid")
    assert await stage(h) == "paid"
    assert await h.rows("SELECT COUNT(*) FROM legal_waivers") == [(0,)]
    # Other moves are not held: back to an earlier stage, or cancelled.
    await manager(h, "/stage documents")
    await manager(h, "/legal 6 -")
    await manager(h, "/stage contract")
    assert await stage(h) == "contract"


async def test_the_firms_own_list_as_written(tg, clock, db_path) -> None:
    from tests.steps import start_app

    h = await start_app(tg, clock, db_path, legal_checks="Залоги;Выписка из ЕГРН продавца")
    try:
        await at_documents(h)
        await manager(h, "/legal")
        assert "проверено 0 из 2" in last(h) and "⬜ 2. Выписка из ЕГРН продавца" in last(h)
        await manager(h, "/legal 3 x")
        assert "от 1 до 2" in last(h)
    finally:
        await h.app.stop()


async def test_forged_and_odd_legal_input_is_answered(harness: Harness) -> None:
    h = harness
    await at_documents(h)
    await manager(h, "/legal")
    rng = random.Random(23)
    odd = ["²", "٣", "9" * 25, "-1", "0", "8", "1", "skip", "", "x" * 600, "<b>", "{ $name }",
           "\u202e", "#1", "#²", "№ 99"]
    for _ in range(30):
        before = len(topic_texts(h))
        await manager(h, "/legal " + " ".join(rng.choice(odd) for _ in range(rng.randint(0, 3))))
        assert len(topic_texts(h)) > before
    ticks = await h.rows("SELECT position, checked_at FROM legal_checks")
    for data in ("a:legal:²", "a:legal:1.99", "a:legal:1", "a:legal:" + "9" * 25 + ".1",
                 "a:legal:2.1", "a:legal:1.1.1", "a:legal:"):
        answered = len(h.tg.sent("answerCallbackQuery"))
        await h.feed(group_press(h, MANAGER, data, 1))
        assert len(h.tg.sent("answerCallbackQuery")) > answered, data
    # A client pressing a manager's button is told it is out of date.
    await h.feed(h.updates.press(IVAN, "a:legal:1.1", 1))
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert all("Traceback" not in c.text for c in h.tg.to_chat(GROUP) if c.text)
    assert await h.rows("SELECT position, checked_at FROM legal_checks") == ticks  # no press took
