"""The manager's working day, through the dispatcher and the fake Bot API: several requests
per client, phone calls that count as news, warnings before a promise breaks, a deal's own
interval, finding clients, the open deals, changes to a request, deviation alerts, and an
automatic question that waits for the client to finish what they were doing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from storage.stats import LEAD
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import (
    GROUP,
    IVAN,
    MANAGER,
    REPORT,
    RU_ANSWERS,
    TOPIC,
    Harness,
    answer_all,
    group_texts,
    manager,
    plain,
    send_due_reports,
    start_app,
    with_request,
)

PETR = TgUser(id=333, first_name="Пётр", language_code="ru", username="petr_s")
LINK = f"https://t.me/c/{str(GROUP)[4:]}/{TOPIC}"
SECOND_CAR = [("car", "Kia Rio"), ("years", "2019-2022"), ("budget", "900 тыс"),
              ("must_haves", "автомат"), ("deal_breakers", "такси"), ("city", "Тула"),
              ("deadline", "весна")]


async def tick(h: Harness) -> None:
    await h.app.followups.tick()
    await h.app.outbox.wait_idle()


async def press_in_topic(h: Harness, label: str, thread: int | None = TOPIC) -> None:
    """Press the newest button with this label sent to the manager group."""
    for call in reversed(h.tg.to_chat(GROUP)):
        if any(label in text for text in call.button_labels()):
            press = h.updates.press(MANAGER, call.button_data(label), call.result["message_id"])
            message = press["callback_query"]["message"]
            message["chat"] = {"id": GROUP, "type": "supergroup", "title": "M"}
            message["message_thread_id"] = thread
            message["is_topic_message"] = True
            await h.feed(press)
            return
    raise AssertionError(f"no button {label!r} in the group")


def topic(h: Harness, thread: int | None = TOPIC) -> list[str]:
    return [c.text or "" for c in h.tg.to_chat(GROUP)
            if c.method == "sendMessage" and c.thread_id == thread]


async def stages(h: Harness) -> list[tuple[int, str]]:
    return await h.rows("SELECT id, stage FROM requests ORDER BY id")


@pytest.fixture
async def two(harness: Harness) -> Harness:
    """Ivan with two open requests: #1 Toyota RAV4 and #2 Kia Rio, both in topic 500."""
    await with_request(harness)
    await harness.say(IVAN, "/new")
    assert "уже есть открытая заявка" in harness.last_text_to(IVAN)
    await harness.tap(IVAN, "Ещё одна машина")  # a returning client: the profile is not asked
    await answer_all(harness, IVAN, SECOND_CAR)
    await harness.tap(IVAN, "Всё верно")
    assert await stages(harness) == [(1, "new"), (2, "new")]
    harness.tg.clear()
    return harness


# -- several requests per client ------------------------------------------------------------


async def test_commands_with_a_number_act_on_the_older_request(two: Harness) -> None:
    h = two
    await manager(h, "/stage #1 searching смотрим варианты")
    assert await stages(h) == [(1, "searching"), (2, "new")]
    # two open requests: the client is told which one the news is about
    told = h.last_text_to(IVAN)
    assert told.startswith("📌 Заявка №\u00a01, Toyota RAV4\n📍 Новый этап заявки: <b>Поиск</b>")
    eta = (h.clock.now() + timedelta(days=20)).strftime("%d.%m.%Y")
    await manager(h, f"/eta #1 {eta}")
    assert h.last_text_to(IVAN).startswith("📌 Заявка №\u00a01, Toyota RAV4\n🚚 Ожидаемая дата доставки")
    await manager(h, "/hard #2 2–3 месяца; редкая комплектация")
    assert h.last_text_to(IVAN).startswith("📌 Заявка №\u00a02, Kia Rio\n⏳ Честно предупреждаем")
    await manager(h, "/every #2 24h")
    assert h.last_text_to(IVAN).startswith("📌 Заявка №\u00a02, Kia Rio\n📣 Договорились")
    assert await h.rows("SELECT id, eta IS NOT NULL FROM requests ORDER BY id") == [(1, 1), (2, 0)]
    await manager(h, "/report #1 " + REPORT)
    assert await h.rows("SELECT request_id FROM reports") == [(1,)]
    await manager(h, "/handover #1 всё объяснили")
    assert await stages(h) == [(1, "handed_over"), (2, "new")]
    await manager(h, "/stage #9 paid")
    assert "нет заявки №\u00a09" in group_texts(h)[-1]
    assert await stages(h) == [(1, "handed_over"), (2, "new")]


async def test_without_a_number_the_manager_presses_the_request(two: Harness) -> None:
    h = two
    await manager(h, "/stage paid оплата прошла")
    question = h.tg.to_chat(GROUP)[-1]
    assert "несколько открытых заявок" in question.text and question.thread_id == TOPIC
    labels = question.button_labels()
    assert labels == ["#1 Toyota RAV4 · Заявка принята", "#2 Kia Rio · Заявка принята"]
    assert await stages(h) == [(1, "new"), (2, "new")]  # nothing done before the press
    await press_in_topic(h, "#1 Toyota")
    assert await stages(h) == [(1, "paid"), (2, "new")]
    assert "оплата прошла" in h.last_text_to(IVAN)
    await press_in_topic(h, "#2 Kia")  # the command was carried out once
    assert await stages(h) == [(1, "paid"), (2, "new")]
    assert "уже выполнена" in group_texts(h)[-1]
    await manager(h, "/handover")  # the button works for every deal command
    await press_in_topic(h, "#1 Toyota")
    assert await stages(h) == [(1, "handed_over"), (2, "new")]
    await manager(h, "/stage searching")  # one open request left: no question
    assert await stages(h) == [(1, "handed_over"), (2, "searching")]


async def test_the_card_names_the_other_open_request_and_status_shows_both(two: Harness) -> None:
    h = two
    await manager(h, "/stage #2 searching")
    card = h.tg.sent("editMessageText", GROUP)[-1]["text"]
    assert "Заявка №\u00a02" in card
    assert "Ещё открыта: заявка №\u00a01, Toyota RAV4\u00a0— Заявка принята" in card
    await h.say(IVAN, "/status")
    status = h.last_text_to(IVAN)
    assert "Toyota RAV4" in status and "Kia Rio" in status
    await manager(h, "/status")
    answer = group_texts(h)[-1]
    assert "Toyota RAV4" in answer and "Kia Rio" in answer and "раз в 48\u00a0ч" in answer


# -- phone calls --------------------------------------------------------------------------


async def test_a_call_is_news_stops_the_reminder_and_shows_in_status(harness: Harness) -> None:
    h = harness
    await with_request(h)
    h.clock.advance(hours=30)
    await manager(h, "/call Обсудили два варианта, клиент думает до пятницы")
    assert "Звонок записан" in group_texts(h)[-1]
    assert not any("Обсудили" in t for t in h.texts_to(IVAN))  # a plain /call stays inside
    h.clock.advance(hours=30)  # 60 h since the request, 30 h since the call
    await tick(h)
    assert not any("без новостей" in t or "не получал" in t for t in topic(h))
    await manager(h, "/status")
    status = group_texts(h)[-1]
    assert "📞" in status and "Обсудили два варианта" in status and "Olga" in status
    await manager(h, "/call! Договорились об осмотре в субботу")
    assert "Договорились об осмотре в субботу" in h.last_text_to(IVAN)
    await manager(h, "/note клиент просит звонить после 18")
    await manager(h, "/notes")
    notes = group_texts(h)[-1]
    assert "Обсудили" in notes and "в субботу" in notes and "после 18" in notes
    assert await h.rows("SELECT kind, manager_id FROM messages WHERE kind = 'call'") == [
        ("call", MANAGER.id), ("call", MANAGER.id)]


# -- warnings and a deal's own interval --------------------------------------------------------


async def test_every_24h_changes_the_clock(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/every 24h")
    assert "24\u00a0ч" in group_texts(h)[-1]
    h.clock.advance(hours=17)
    await tick(h)
    assert not any(t.startswith(("⏳", "⏰")) for t in topic(h))
    h.clock.advance(hours=1)
    await tick(h)
    await tick(h)
    assert sum("Через 6\u00a0ч клиент будет 24\u00a0ч без новостей" in t for t in topic(h)) == 1
    h.clock.advance(hours=6)
    await tick(h)
    await tick(h)
    assert sum("не получал новостей 24\u00a0ч" in t for t in topic(h)) == 1
    general = [t for t in topic(h, thread=None) if "клиент без новостей уже 24\u00a0ч" in t]
    assert len(general) == 1 and LINK in general[0]
    await manager(h, "/status")
    assert "раз в 24\u00a0ч" in group_texts(h)[-1]
    await manager(h, "/every завтра")
    assert "Не получилось разобрать интервал" in group_texts(h)[-1]


# -- finding clients, the open deals ---------------------------------------------------------


async def test_find_by_a_phone_written_differently(harness: Harness) -> None:
    h = harness
    await with_request(h)  # the phone was given as 8 (916) 123-45-67
    await manager(h, "/find +7 916 123 45 67", thread=None)
    found = group_texts(h)[-1]
    assert "Найдено: 1" in found and LINK in found and "Toyota RAV4" in found and "Заявка принята" in found
    for text in ("иван", "rav4", "москва", "#1", "89161234567"):
        await manager(h, f"/find {text}", thread=None)
        assert LINK in group_texts(h)[-1], text
    await manager(h, "/find Пётр", thread=None)
    assert "никого не нашлось" in group_texts(h)[-1]


async def test_find_takes_wildcards_as_plain_text(harness: Harness) -> None:
    h = harness
    await with_request(h)
    for text in ("%", "%%%", "%_%"):  # a plain "_" would rightly find the username ivan_p
        await manager(h, f"/find {text}", thread=None)
        assert "никого не нашлось" in group_texts(h)[-1], text


async def test_open_lists_the_open_requests_oldest_news_first_with_links(harness: Harness) -> None:
    h = harness
    await with_request(h)
    h.clock.advance(days=3)
    await with_request(h, PETR)
    await manager(h, "/stage searching", thread=501)  # Pyotr hears from us now
    h.clock.advance(days=1)
    await manager(h, "/open", thread=None)
    text = group_texts(h)[-1]
    assert "Открытые заявки: 2" in text
    ivan, petr = text.index("Иван Петров"), text.index(LINK[:-3] + "501")
    assert LINK in text and "4 дня без новостей" in text and "1 день без новостей" in text
    assert ivan < text.index("Поиск") < petr  # by stage; in a stage, oldest news first


# -- changes after confirmation ------------------------------------------------------------


async def test_a_budget_change_updates_the_pinned_card(harness: Harness) -> None:
    h = harness
    await with_request(h)
    h.tg.clear()
    await manager(h, "/set budget 2.5 млн")
    assert await h.rows("SELECT budget FROM requests") == [(2_500_000,)]
    told = plain(group_texts(h)[-1])
    assert "Бюджет: 1 500 000 ₽ → 2 500 000 ₽" in told
    card = h.tg.sent("editMessageText", GROUP)[-1]
    assert card["message_id"] == (await h.rows("SELECT card_message_id FROM clients"))[0][0]
    assert "2 500 000" in plain(card["text"])
    await manager(h, "/set бюджет много")
    assert "Не получилось" in group_texts(h)[-1]
    assert await h.rows("SELECT budget FROM requests") == [(2_500_000,)]


# -- deviations ------------------------------------------------------------------------------


async def test_the_eta_passed_alert_comes_once(harness: Harness) -> None:
    h = harness
    await with_request(h)
    eta = h.clock.now() + timedelta(days=2)
    await manager(h, f"/eta {eta.strftime('%d.%m.%Y')}")
    await manager(h, "/call держим в курсе")  # keeps the news reminders out of the way
    h.clock.advance(days=2)
    await tick(h)
    assert not any("дата доставки" in t for t in topic(h))
    h.clock.advance(days=1)
    await tick(h)
    await tick(h)
    alerts = [t for t in topic(h) if "дата доставки" in t and "прошла" in t]
    assert len(alerts) == 1 and eta.strftime("%d.%m.%Y") in alerts[0]
    h.clock.advance(days=1)
    await tick(h)
    assert len([t for t in topic(h) if "дата доставки" in t and "прошла" in t]) == 1


# -- flows that do not clobber each other -------------------------------------------------------


async def test_an_intake_interrupted_by_a_due_survey_continues(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS)
    await h.tap(IVAN, "В любое время")  # the survey is not held for contact hours
    await h.tap(IVAN, "Всё верно")
    await manager(h, "/handover")
    h.clock.advance(days=7, hours=-1)
    await h.say(IVAN, "/new")  # a second car, half-way through when the survey falls due
    await answer_all(h, IVAN, SECOND_CAR[:2])
    h.clock.advance(hours=2)
    await tick(h)
    assert not any("Прошла неделя" in t for t in h.texts_to(IVAN))
    await answer_all(h, IVAN, SECOND_CAR[2:])  # the intake goes on where it was
    assert "Проверьте заявку" in h.last_text_to(IVAN)
    await h.tap(IVAN, "Всё верно")
    assert await h.rows("SELECT id, car FROM requests ORDER BY id") == [
        (1, "Toyota RAV4"), (2, "Kia Rio")]
    texts = h.texts_to(IVAN)
    assert "Прошла неделя" in texts[-2] and "Вопрос 1 из 10" in texts[-1]
    assert any("Заявка №\u00a02 принята" in t for t in texts[-5:])


# -- the lead manager ----------------------------------------------------------------------------


async def test_lead_names_the_manager_once_and_the_figures_credit_them(harness: Harness) -> None:
    h = harness
    await with_request(h)
    anna = TgUser(id=901, first_name="Анна", language_code="ru", username="anna_m")
    await h.feed(h.updates.in_topic(anna, None, text="/help"))  # she is known in the group
    await manager(h, "Посмотрю варианты сегодня")  # Olga writes to the client: the old guess
    await manager(h, "/lead Пётр")
    assert "Не знаю менеджера" in group_texts(h)[-1]
    await manager(h, "/lead @anna_m")
    assert "Ваш менеджер\u00a0— Анна" in h.last_text_to(IVAN)
    assert "клиента ведёт Анна" in group_texts(h)[-1]
    told = len(h.texts_to(IVAN))
    await manager(h, "/lead анна")  # the same manager again: the client is not told twice
    assert len(h.texts_to(IVAN)) == told
    async with h.app.db.read() as tx:
        lead = await tx.scalar(f"SELECT {LEAD.format(client='1')}")
    assert lead == anna.id


async def test_the_client_changes_the_budget_and_the_card_follows(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await h.say(IVAN, "/new")  # with an open request: another car, or a change?
    await h.tap(IVAN, "Изменить заявку")
    assert "Что хотите изменить" in h.last_text_to(IVAN)
    await h.tap(IVAN, "Бюджет")
    assert "Какой бюджет" in h.last_text_to(IVAN)
    await h.say(IVAN, "дорого")  # validated as in the intake
    assert "Какой бюджет" in h.last_text_to(IVAN)
    await h.say(IVAN, "2 млн")
    assert "было 1 500 000 ₽, станет 2 000 000 ₽" in plain(h.last_text_to(IVAN))
    assert await h.rows("SELECT budget FROM requests") == [(1_500_000,)]  # not before confirming
    await h.tap(IVAN, "Да, изменить")
    assert await h.rows("SELECT budget FROM requests") == [(2_000_000,)]
    assert "заявка №\u00a01 изменена" in h.last_text_to(IVAN)
    assert "Бюджет: 1 500 000 ₽ → 2 000 000 ₽" in plain(group_texts(h)[-1])
    assert "2 000 000" in plain(h.tg.sent("editMessageText", GROUP)[-1]["text"])
    await h.say(IVAN, "/change")  # the command works the same
    assert "Что хотите изменить" in h.last_text_to(IVAN)


# -- texts that follow the settings; the phone question -------------------------------------------


async def test_firm_name_and_delays_come_from_the_settings(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start_app(tg, clock, db_path, firm_name="Автодом", progress_update_interval="24h",
                        satisfaction_check_delay="10d", long_followup_delay="60d")
    try:
        await h.say(IVAN, "/start")
        assert "«Автодом»" in h.last_text_to(IVAN)
        await with_request(h)
        process = h.last_text_to(IVAN)
        assert "присылаем каждый день" in process and "Через 10 дней после передачи спросим" in process
        assert "через пару месяцев" in process
        await manager(h, "/hard 2–3 месяца; редкая комплектация")
        assert "Новости будем присылать каждый день" in h.last_text_to(IVAN)
    finally:
        await h.app.stop()


async def test_the_phone_question_offers_telegrams_share_button(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS[:8])
    question = h.tg.last_to(IVAN.id)
    assert "Телефон для связи" in question.text
    keyboard = question.params["reply_markup"]["keyboard"]
    assert keyboard[0][0] == {"text": "📱 Поделиться номером", "request_contact": True}
    assert [b["text"] for row in keyboard for b in row if b["text"] == "Пропустить"] == ["Пропустить"]
    await h.feed(h.updates.media(IVAN, "contact"))  # the contact Telegram sends on a press
    assert "Дата рождения" in h.last_text_to(IVAN) or "дату рождения" in h.last_text_to(IVAN)
    await h.tap(IVAN, "Назад")
    await h.say(IVAN, "Пропустить")  # the keyboard's Skip arrives as its text
    assert "рождения" in h.last_text_to(IVAN)
    await h.say(IVAN, "12.03.1985")
    await h.tap(IVAN, "Утром")
    await h.tap(IVAN, "Всё верно")
    assert await h.rows("SELECT phone FROM clients") == [(None,)]
    assert await h.rows("SELECT COUNT(*) FROM outbox WHERE status != 'sent'") == [(0,)]


async def test_calls_are_a_figure_per_manager(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/call Обсудили бюджет")
    await manager(h, "/call! Договорились о просмотре")
    h.clock.advance(days=1)
    await manager(h, "/stats 7d", thread=None)
    firm = plain("\n".join(t for t in group_texts(h) if "Звонков записано" in t))
    assert "Звонков записано (/call): <b>2</b>" in firm
    await manager(h, "/stats managers 7d", thread=None)
    per_manager = plain(group_texts(h)[-1])
    assert "Olga" in per_manager and "Звонков записано (/call): <b>2</b>" in per_manager
    assert await h.rows("SELECT COUNT(*) FROM outbox WHERE status != 'sent'") == [(0,)]


@pytest.mark.parametrize(("days", "broken_on"), [("Mon-Fri", "monday"), ("Mon-Sat", "saturday")])
async def test_business_days_decide_whether_a_weekend_counts(
    tg: FakeTelegram, clock: FakeClock, db_path: Path, days: str, broken_on: str
) -> None:
    clock.advance(days=3)  # Thursday 26 November, 12:00 in Moscow
    h = await start_app(tg, clock, db_path, business_days=days)
    try:
        await with_request(h)
        h.clock.advance(hours=36)  # Saturday midnight: 36 h either way
        await tick(h)
        assert sum("Через 12\u00a0ч клиент будет 48\u00a0ч без новостей" in t for t in topic(h)) == 1
        h.clock.advance(hours=12)  # Saturday noon: still 36 h on Mon-Fri, 48 h with Saturday
        await tick(h)
        broken = any("не получал новостей 48\u00a0ч" in t for t in topic(h))
        assert broken is (broken_on == "saturday")
        h.clock.advance(days=2)  # Monday noon
        await tick(h)
        assert sum("не получал новостей 48\u00a0ч" in t for t in topic(h)) == 1
    finally:
        await h.app.stop()


async def test_a_reaction_to_a_report_does_not_break_the_intake(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/report " + REPORT)
    await send_due_reports(h)
    await h.say(IVAN, "/new")
    await h.tap(IVAN, "Ещё одна машина")
    await h.say(IVAN, "Kia Rio")
    await h.tap(IVAN, "Интересно")  # on the report, half-way through the new request
    assert "отметили ваш ответ по отчёту №\u00a01" in h.last_text_to(IVAN)
    assert await h.rows("SELECT reaction FROM reports") == [("interested",)]
    await h.say(IVAN, "2019-2022")  # still the intake's answer, not words about the report
    assert "Какой бюджет" in h.last_text_to(IVAN)
    assert await h.rows("SELECT kind FROM report_replies WHERE text IS NOT NULL") == []


async def test_deviation_alerts_for_the_clients_deadline_and_the_hard_search(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "/new")
    deadline = (h.clock.now() + timedelta(days=10)).strftime("%d.%m.%Y")
    await answer_all(h, IVAN, [*RU_ANSWERS[:7], ("deadline", deadline), *RU_ANSWERS[8:]])
    await h.tap(IVAN, "Утром")
    await h.tap(IVAN, "Всё верно")
    await manager(h, "/hard 2–3 недели; редкая комплектация")
    await manager(h, "/every 30d")  # keeps the news reminders out of the way
    h.clock.advance(days=2)
    await tick(h)
    assert not any("⚠️" in t for t in topic(h))
    h.clock.advance(days=1, hours=1)  # a week before the client's deadline
    await tick(h)
    await tick(h)
    assert sum("до срока клиента" in t and deadline in t for t in topic(h)) == 1
    h.clock.advance(days=8)  # the deadline passed
    await tick(h)
    await tick(h)
    assert sum("срок клиента" in t and "прошёл" in t for t in topic(h)) == 1
    assert not any("трудного поиска" in t for t in topic(h))
    h.clock.advance(days=10)  # 21 days since /hard: its upper bound
    await tick(h)
    await tick(h)
    assert sum("срок трудного поиска (2–3 недели) истёк" in t for t in topic(h)) == 1


async def test_calls_are_in_the_export(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await manager(h, "/call! Договорились о просмотре")
    h.clock.advance(days=1)  # a period of whole days, up to today
    await manager(h, "/export 7d", thread=None)
    files = {c["document"].filename: c["document"].data for c in h.tg.sent("sendDocument", GROUP)}
    calls = next(data for name, data in files.items() if name.startswith("calls_"))
    text = calls.decode("utf-8-sig")
    assert "О чём говорили" in text and "Договорились о просмотре" in text
    assert "Olga" in text and ",да," in text


async def test_every_open_request_keeps_its_own_pinned_card_current(harness: Harness) -> None:
    h = harness
    await with_request(h)
    await h.say(IVAN, "/new")
    await h.tap(IVAN, "Ещё одна машина")
    await answer_all(h, IVAN, SECOND_CAR)
    await h.tap(IVAN, "Всё верно")
    cards = await h.rows("SELECT id, card_message_id FROM requests ORDER BY id")
    assert len({card for _, card in cards}) == 2 and all(card for _, card in cards)
    pinned = {call.params["message_id"] for call in h.tg.sent("pinChatMessage")}
    assert pinned == {card for _, card in cards}  # both pinned
    await manager(h, "/stage #1 searching")
    edited = h.tg.sent("editMessageText", GROUP)[-1]
    assert edited["message_id"] == cards[0][1] and "Заявка №\u00a01" in edited["text"]
    assert "Ещё открыта: заявка №\u00a02, Kia Rio\u00a0— Заявка принята" in edited["text"]
    await manager(h, "/set #2 budget 1.2 млн")
    edited = h.tg.sent("editMessageText", GROUP)[-1]
    assert edited["message_id"] == cards[1][1] and "1 200 000" in plain(edited["text"])


async def test_a_report_with_photos_asks_for_the_number_instead_of_a_button(two: Harness) -> None:
    h = two
    await manager(h, "/report " + REPORT, kind="photo")
    answer = group_texts(h)[-1]
    assert "несколько открытых заявок (#1, #2)" in answer and "/report #1" in answer
    assert await h.rows("SELECT COUNT(*) FROM reports") == [(0,)]
    await manager(h, "/report #2 " + REPORT, kind="photo")
    assert await h.rows("SELECT request_id FROM reports") == [(2,)]
