"""The deal pipeline driven from the client's topic, as managers and clients use it."""

from __future__ import annotations

import pytest

from tests.steps import (
    GROUP,
    IVAN,
    JOHN,
    MANAGER,
    REPORT,
    TOPIC,
    Harness,
    group_texts,
    manager,
    plain,
    send_due_reports,
    send_report,
    with_request,
)


@pytest.fixture
async def deal(harness: Harness) -> Harness:
    await with_request(harness)
    harness.tg.clear()
    return harness


async def test_stage_change_reaches_the_client_with_note_and_next_step(deal: Harness) -> None:
    h = deal
    await manager(h, "/stage searching смотрим три варианта в Москве и Туле")
    text = h.last_text_to(IVAN)
    assert "Поиск" in text and "Ищем подходящие варианты" in text
    assert "смотрим три варианта" in text
    assert "Следующий этап\u00a0— «Осмотр»" in text
    assert "Клиенту отправлено" in group_texts(h)[-1]
    rows = await h.rows("SELECT from_stage, to_stage, note, author_id FROM stage_changes")
    assert rows == [("new", "searching", "смотрим три варианта в Москве и Туле", MANAGER.id)]
    assert await h.rows("SELECT stage FROM requests") == [("searching",)]
    edited = h.tg.sent("editMessageText", GROUP)[-1]  # the pinned card shows the stage
    assert edited["message_id"] == (await h.rows("SELECT card_message_id FROM clients"))[0][0]
    assert "этап: Поиск" in edited["text"]


async def test_every_stage_can_be_reached_by_name_or_number(deal: Harness) -> None:
    h = deal
    for word in ("2", "inspecting", "Переговоры", "contract", "documents", "paid", "in_transit", "9"):
        if word == "paid":  # the documents stage is left with the legal check, or a reason
            await manager(h, "/legal skip проверим при постановке на учёт")
        await manager(h, f"/stage {word}")
    stages = [row[0] for row in await h.rows("SELECT to_stage FROM stage_changes ORDER BY id")]
    assert stages == ["searching", "inspecting", "negotiating", "contract", "documents", "paid",
                      "in_transit", "arrived"]
    assert len(h.texts_to(IVAN)) == 8


async def test_stage_buttons_in_the_topic(deal: Harness) -> None:
    h = deal
    await manager(h, "/stage")
    choice = h.tg.to_chat(GROUP)[-1]
    assert choice.thread_id == TOPIC and "Текущий этап: Заявка принята" in choice.text
    data = choice.button_data("Поиск")
    press = h.updates.press(MANAGER, data, choice.result["message_id"])
    press["callback_query"]["message"]["chat"] = {"id": GROUP, "type": "supergroup", "title": "M"}
    press["callback_query"]["message"]["message_thread_id"] = TOPIC
    press["callback_query"]["message"]["is_topic_message"] = True
    await h.feed(press)
    assert await h.rows("SELECT stage FROM requests") == [("searching",)]
    assert "Поиск" in h.last_text_to(IVAN)


async def test_unknown_stage_lists_the_valid_ones(deal: Harness) -> None:
    h = deal
    await manager(h, "/stage flying")
    answer = group_texts(h)[-1]
    assert "«flying» не знаю" in answer and "searching" in answer and "handed_over" in answer
    assert h.texts_to(IVAN) == []


async def test_cancel_needs_a_reason_and_keeps_it(deal: Harness) -> None:
    h = deal
    await manager(h, "/stage cancelled")
    assert "нужна причина" in group_texts(h)[-1]
    await manager(h, "/stage cancelled клиент купил сам")
    assert await h.rows("SELECT stage, cancel_reason FROM requests") == [("cancelled", "клиент купил сам")]
    assert "Заявка отменена" in h.last_text_to(IVAN) and "клиент купил сам" in h.last_text_to(IVAN)


async def test_hard_search_warns_the_client_and_flags_the_card(deal: Harness) -> None:
    h = deal
    await manager(h, "/hard 2–3 месяца; редкая комплектация, таких машин мало")
    text = h.last_text_to(IVAN)
    assert "будет непросто" in text and "2–3 месяца" in text and "редкая комплектация" in text
    assert "Трудный поиск" in h.tg.sent("editMessageText", GROUP)[-1]["text"]
    assert await h.rows("SELECT hard_search_time, hard_reason FROM requests") == [
        ("2–3 месяца", "редкая комплектация, таких машин мало")
    ]
    await manager(h, "/hard")
    assert "Формат: /hard" in group_texts(h)[-1]


async def test_eta_first_then_changed_with_reason(deal: Harness) -> None:
    h = deal
    await manager(h, "/eta 15.12.2026")
    told = plain(h.last_text_to(IVAN))
    assert "Ожидаемая дата доставки — <b>15 декабря 2026</b>\nЕсли она изменится" in told
    await manager(h, "/eta 20.12.2026")
    assert "нужна причина" in group_texts(h)[-1]
    await manager(h, "/eta 20.12.2026 задержка на таможне")
    changed = plain(h.last_text_to(IVAN))
    assert "было <b>15 декабря 2026</b>" in changed and "теперь <b>20 декабря 2026</b>" in changed
    assert "задержка на таможне" in changed
    assert await h.rows("SELECT old_eta, new_eta, reason FROM eta_changes ORDER BY id") == [
        (None, "2026-12-15", None), ("2026-12-15", "2026-12-20", "задержка на таможне")
    ]


@pytest.mark.parametrize(("args", "error"), [
    ("01.01.2020", "уже прошла"), ("завтра", "Не получилось разобрать дату"),
    ("", "Не получилось разобрать дату"),
])
async def test_eta_errors_go_to_the_manager_only(deal: Harness, args: str, error: str) -> None:
    h = deal
    await manager(h, f"/eta {args}".strip())
    assert error in group_texts(h)[-1]
    assert h.texts_to(IVAN) == []
    assert await h.rows("SELECT * FROM eta_changes") == []


async def test_report_with_album_reaches_the_client_with_buttons(deal: Harness) -> None:
    h = deal
    album = [h.updates.in_topic(MANAGER, TOPIC, text=f"/report {REPORT}", kind="photo")]
    album += [h.updates.in_topic(MANAGER, TOPIC, kind="photo") for _ in range(2)]
    for update in album:
        update["message"]["media_group_id"] = "alb-1"
        await h.feed(update)
    assert "Отчёт №\u00a01 принят: плюсов 2, минусов 2" in group_texts(h)[-1]
    assert h.tg.to_chat(IVAN.id) == []  # photos may still come: nothing sent yet
    await send_due_reports(h)
    copied, card = h.tg.sent("copyMessages")[-1], h.tg.last_to(IVAN.id)
    assert copied.chat_id == IVAN.id and copied["from_chat_id"] == str(GROUP)
    assert copied["message_ids"] == [u["message"]["message_id"] for u in album]
    assert "Отчёт №\u00a01: Toyota RAV4, 2019" in card.text
    for part in ("один владелец", "скол на лобовом стекле", "Пробег: 68 000 км", "рекомендую"):
        assert part in card.text
    assert card.button_labels() == ["👍 Интересно", "👎 Не подходит", "❓ Задать вопрос",
                                   "👀 Хочу посмотреть"]
    assert await h.rows("SELECT stage FROM requests") == [("inspecting",)]
    assert await h.rows("SELECT sent_at IS NOT NULL FROM reports") == [(1,)]
    # the album was not relayed one by one besides the report
    assert h.tg.sent("copyMessage", IVAN.id) == []


async def test_report_as_text_then_photos_and_a_pdf(deal: Harness) -> None:
    h = deal
    await manager(h, f"/report {REPORT}")
    await manager(h, None, kind="photo")
    await manager(h, None, kind="document")
    await send_due_reports(h)
    assert len(h.tg.sent("copyMessages")[-1]["message_ids"]) == 2
    assert "Отчёт №\u00a01" in h.last_text_to(IVAN)
    await manager(h, None, kind="photo")  # after the report went: an ordinary message
    assert h.tg.sent("copyMessage", IVAN.id)


async def test_malformed_report_says_what_is_wrong(deal: Harness) -> None:
    h = deal
    await manager(h, "/report Цена: 1 000 000\nхорошая машина")
    answer = group_texts(h)[-1]
    assert "Отчёт не отправлен" in answer
    assert "первая строка\u00a0— машина и год" in answer
    assert "непонятная строка «хорошая машина»" in answer
    assert "нет ни одного плюса" in answer and "нет ни одного минуса" in answer
    await manager(h, "/report Toyota RAV4\n+ a\n- b")
    assert "нужен год выпуска" in group_texts(h)[-1]
    assert await h.rows("SELECT * FROM reports") == []


async def test_reactions_and_impressions_are_linked_to_their_reports(deal: Harness) -> None:
    h = deal
    first = await send_report(h, "Kia Sportage, 2020")
    second = await send_report(h, "Mazda CX-5, 2019")
    cards = [c for c in h.tg.to_chat(IVAN.id) if c.text and "Отчёт №" in c.text]
    # answer the second report first, then the first: out of order
    await h.feed(h.updates.press(IVAN, cards[1].button_data("Не подходит"), second))
    assert "что не понравилось" in h.last_text_to(IVAN)
    await h.say(IVAN, "слишком большой пробег")
    await h.feed(h.updates.press(IVAN, cards[0].button_data("Интересно"), first))
    await h.feed(h.updates.press(IVAN, cards[0].button_data("Задать вопрос"), first))
    await h.say(IVAN, "Можно посмотреть в субботу?")
    rows = await h.rows(
        "SELECT r.title, p.kind, p.text FROM report_replies p JOIN reports r ON r.id = p.report_id"
        " ORDER BY p.id")
    assert rows == [
        ("Mazda CX-5, 2019", "not_for_me", None),
        ("Mazda CX-5, 2019", "impression", "слишком большой пробег"),
        ("Kia Sportage, 2020", "interested", None),
        ("Kia Sportage, 2020", "question", None),
        ("Kia Sportage, 2020", "question", "Можно посмотреть в субботу?"),
    ]
    topic = group_texts(h)
    assert any("Отчёт №\u00a02 «Mazda CX-5, 2019»: клиент ответил 👎 не подходит" in t for t in topic)
    assert any("Об отчёте №\u00a02 «Mazda CX-5, 2019»: слишком большой пробег" in t for t in topic)
    asked = "Вопрос по отчёту №\u00a01 «Kia Sportage, 2020»: Можно посмотреть в субботу?"
    assert any(asked in t for t in topic)
    # the buttons stay on report cards: the client may answer again
    assert not [c for c in h.tg.sent("editMessageReplyMarkup") if c["message_id"] in (first, second)]


async def test_forged_report_button_is_refused(deal: Harness, harness: Harness) -> None:
    h = deal
    await send_report(h, "Kia Sportage, 2020")
    await h.say(JOHN, "/start")
    await h.feed(h.updates.press(JOHN, "a:react:1.interested", 1))
    assert "кнопка уже неактуальна" in h.last_text_to(JOHN).lower() or "out of date" in h.last_text_to(JOHN)
    assert await h.rows("SELECT reaction FROM reports") == [(None,)]


async def test_status_shows_stage_timeline_eta_and_reports(deal: Harness) -> None:
    h = deal
    await manager(h, "/stage searching первые варианты к пятнице")
    first = await send_report(h, "Kia Sportage, 2020")
    card = [c for c in h.tg.to_chat(IVAN.id) if c.text and "Отчёт №\u00a01" in c.text][0]
    await h.feed(h.updates.press(IVAN, card.button_data("Интересно"), first))
    await h.say(IVAN, "цвет нравится")
    await manager(h, "/eta 15.12.2026")
    await manager(h, "/eta 18.12.2026 паром задерживается")
    await h.say(IVAN, "/status")
    status = plain(h.last_text_to(IVAN))
    for part in ("Заявка № 1", "Toyota RAV4", "Осмотр", "18 декабря 2026",
                 "было 15 декабря 2026 → стало 18 декабря 2026: паром задерживается",
                 "История:", "Поиск: первые варианты к пятнице",
                 "1. Kia Sportage, 2020 — 👍 интересно", "💬 цвет нравится"):
        assert part in status, part


async def test_handover_message_offers_services_and_records_the_date(deal: Harness) -> None:
    h = deal
    first = await send_report(h, "Kia Sportage, 2020")
    card = [c for c in h.tg.to_chat(IVAN.id) if c.text and "Отчёт №\u00a01" in c.text][0]
    await h.feed(h.updates.press(IVAN, card.button_data("Интересно"), first))
    await manager(h, "/handover встречаемся в 12:00 у салона")
    message = h.tg.last_to(IVAN.id)
    for part in ("Передача автомобиля: Kia Sportage, 2020", "✅ хорошо", "⚠️ плохо",
                 "встречаемся в 12:00", "Первые недели", "Можем помочь ещё"):
        assert part in message.text, part
    assert message.button_labels() == [
        "➕ Постановка на учёт в ГИБДД", "➕ Страховка ОСАГО и КАСКО", "➕ Детейлинг и полировка"]
    handed = await h.rows("SELECT stage, handed_over_at FROM requests")
    assert handed[0][0] == "handed_over" and handed[0][1].startswith("2026-11-23 09:")
    await h.feed(h.updates.press(IVAN, message.button_data("Страховка"), message.result["message_id"]))
    assert "Записали: «Страховка ОСАГО и КАСКО»" in h.last_text_to(IVAN)
    assert "Клиент хочет доп. услугу: <b>Страховка ОСАГО и КАСКО</b>" in group_texts(h)[-1]
    await h.feed(h.updates.press(IVAN, message.button_data("Страховка"), message.result["message_id"]))
    assert "Услугу «Страховка ОСАГО и КАСКО» мы уже записали" in h.last_text_to(IVAN)
    assert await h.rows("SELECT service FROM accepted_services") == [("Страховка ОСАГО и КАСКО",)]


async def test_pipeline_commands_need_a_client_topic(deal: Harness) -> None:
    h = deal
    for command in ("/stage searching", "/eta 15.12.2026", "/hard 1 месяц", "/handover", f"/report {REPORT}"):
        await manager(h, command, thread=None)
        assert "работает в теме клиента" in group_texts(h)[-1]
    assert h.texts_to(IVAN) == []


async def test_pipeline_commands_from_a_client_are_refused(deal: Harness) -> None:
    h = deal
    for command in ("/stage searching", "/eta 15.12.2026", "/hard 1 месяц", "/handover", "/report x"):
        await h.say(IVAN, command)
        assert "только для менеджеров" in h.last_text_to(IVAN)
    assert await h.rows("SELECT stage FROM requests") == [("new",)]
    assert group_texts(h) == []


async def test_topic_without_a_request_is_told_so(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "Здравствуйте")
    await manager(h, "/stage searching")
    assert "нет заявки" in group_texts(h)[-1]
