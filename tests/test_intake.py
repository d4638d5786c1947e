"""The guided intake, through the real dispatcher, against the fake Bot API."""

from __future__ import annotations

import pytest

from bot.app import CarCareApp
from tests.fakes.clock import FakeClock
from tests.steps import GROUP, IVAN, JOHN, RU_ANSWERS, Harness, answer_all, make_settings


async def test_full_intake_in_russian(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "/start")
    await h.tap(IVAN, "Новая заявка")
    assert "Вопрос 1 из 11" in h.last_text_to(IVAN)
    await answer_all(h, IVAN, RU_ANSWERS)
    assert "Когда вам удобнее" in h.last_text_to(IVAN)
    await h.tap(IVAN, "Вечером")
    summary = h.last_text_to(IVAN)
    assert "Проверьте заявку" in summary
    for expected in ("Иван Петров", "Toyota RAV4", "2018–2021", "1\u00a0500\u00a0000\u00a0₽",
                     "+79161234567", "12.03.1985", "Вечером"):
        assert expected in summary
    await h.tap(IVAN, "Всё верно")

    texts = h.texts_to(IVAN)
    assert "Заявка №\u00a01 принята" in texts[-2]
    assert "Как мы работаем" in texts[-1] and "раз в два дня" in texts[-1]

    rows = await h.rows("SELECT car, year_from, year_to, budget, city, stage FROM requests")
    assert rows == [("Toyota RAV4", 2018, 2021, 1_500_000, "Москва", "new")]
    client = await h.rows("SELECT name, phone, birth_date, contact_time, consent_at IS NOT NULL,"
                          " topic_id FROM clients")
    assert client == [("Иван Петров", "+79161234567", "1985-03-12", "evening", 1, 500)]
    assert await h.rows("SELECT * FROM conversations") == []

    # The managers got a topic named after the client and request, with the card pinned.
    topic = h.tg.sent("createForumTopic")
    assert [call["name"] for call in topic] == ["Иван Петров · #1"]
    card = h.tg.to_chat(GROUP)[0]
    assert card.thread_id == 500 and "Заявка №\u00a01" in card.text and "Toyota RAV4" in card.text
    assert h.tg.sent("pinChatMessage")[0]["message_id"] == card.result["message_id"]


async def test_full_intake_in_english_with_skips(harness: Harness) -> None:
    h = harness
    await h.say(JOHN, "/new")
    assert "Question 1 of 11" in h.last_text_to(JOHN)
    await h.tap(JOHN, "John")  # the suggested name, no typing
    for text in ("BMW X5", "from 2019", "900k"):
        await h.say(JOHN, text)
    await h.tap(JOHN, "Skip")  # must-haves
    await h.tap(JOHN, "Skip")  # deal-breakers
    await h.say(JOHN, "Kazan")
    await h.say(JOHN, "within two months")
    await h.tap(JOHN, "Skip")  # phone
    await h.tap(JOHN, "Skip")  # birth date
    await h.tap(JOHN, "Any time")
    assert "Please check your request" in h.last_text_to(JOHN)
    await h.tap(JOHN, "All correct")
    assert "How we work" in h.last_text_to(JOHN)
    rows = await h.rows("SELECT car, year_from, year_to, budget, must_haves, deal_breakers FROM requests")
    assert rows == [("BMW X5", 2019, 2026, 900_000, None, None)]
    assert await h.rows("SELECT name, phone, birth_date, language FROM clients") == [
        ("John", None, None, "en")
    ]


@pytest.mark.parametrize(
    ("step_index", "bad", "reask"),
    [
        (2, "давно", "Не получилось разобрать годы"),
        (2, "1900-1910", "от 1950"),
        (3, "дорого", "Не получилось разобрать сумму"),
        (3, "150", "похож на опечатку"),
        (8, "12345", "Не похоже на номер"),
        (9, "31.02.1990", "Не получилось разобрать дату"),
        (9, "12.03.2020", "опечатку в годе"),
        (0, "   ", "сообщение пустое"),
        (1, "x" * 300, "Слишком длинно"),
    ],
)
async def test_each_invalid_answer_is_reasked_kindly(
    harness: Harness, step_index: int, bad: str, reask: str
) -> None:
    h = harness
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS[:step_index])
    question = h.last_text_to(IVAN)
    await h.say(IVAN, bad)
    again = h.last_text_to(IVAN)
    assert reask in again
    assert question.split("\n", 1)[1] in again  # the same question, asked again
    step = await h.rows("SELECT step FROM conversations")
    assert step == [(RU_ANSWERS[step_index][0],)]


async def test_contact_time_wants_a_button(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS)
    await h.say(IVAN, "вечером")
    assert "Выберите вариант кнопкой" in h.last_text_to(IVAN)
    assert "Вечером (17–21)" in h.tg.last_to(IVAN.id).button_labels()


async def test_back_returns_to_the_previous_question(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS[:3])
    await h.tap(IVAN, "Назад")
    assert "Какие годы выпуска" in h.last_text_to(IVAN)
    await h.say(IVAN, "2020")
    assert "Какой бюджет" in h.last_text_to(IVAN)


async def test_edit_from_summary_changes_one_answer(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS)
    await h.tap(IVAN, "Утром")
    await h.tap(IVAN, "Исправить")
    await h.tap(IVAN, "Бюджет")
    await h.say(IVAN, "2 млн")
    summary = h.last_text_to(IVAN)
    assert "Проверьте заявку" in summary and "2\u00a0000\u00a0000\u00a0₽" in summary
    await h.tap(IVAN, "Всё верно")
    assert await h.rows("SELECT budget FROM requests") == [(2_000_000,)]


async def test_cancel_leaves_the_intake_and_saves_nothing(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS[:2])
    await h.say(IVAN, "/cancel")
    assert "Хорошо, остановились" in h.last_text_to(IVAN)
    assert await h.rows("SELECT * FROM conversations") == []
    assert await h.rows("SELECT * FROM requests") == []
    await h.say(IVAN, "/cancel")
    assert "нечего отменять" in h.last_text_to(IVAN)


async def test_restart_mid_intake_resumes_at_the_same_question(
    harness: Harness, tg, clock: FakeClock, db_path
) -> None:
    h = harness
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS[:4])
    assert "Что обязательно должно быть" in h.last_text_to(IVAN)
    await h.app.stop()

    app = CarCareApp(make_settings(tg, db_path), clock)
    await app.start()
    h.app = app
    await h.say(IVAN, "кожаный салон")
    assert "Что точно не подходит" in h.last_text_to(IVAN)
    await answer_all(h, IVAN, RU_ANSWERS[5:])
    await h.tap(IVAN, "Утром")
    await h.tap(IVAN, "Всё верно")
    rows = await h.rows("SELECT car, budget, must_haves FROM requests")
    assert rows == [("Toyota RAV4", 1_500_000, "кожаный салон")]


async def test_returning_client_is_not_asked_the_profile_again(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS)
    await h.tap(IVAN, "Утром")
    await h.tap(IVAN, "Всё верно")
    await h.say(IVAN, "/new")  # with an open request: another car, or a change to this one?
    assert "уже есть открытая заявка" in h.last_text_to(IVAN)
    await h.tap(IVAN, "Ещё одна машина")
    assert "Какой автомобиль ищете" in h.last_text_to(IVAN)
    for text in ("Kia Sorento", "2020", "3 млн"):
        await h.say(IVAN, text)
    await h.tap(IVAN, "Пропустить")
    await h.tap(IVAN, "Пропустить")
    await h.say(IVAN, "Тула")
    await h.say(IVAN, "весна")
    summary = h.last_text_to(IVAN)  # straight to the summary: name, phone, birthday known
    assert "Проверьте заявку" in summary and "+79161234567" in summary
    await h.tap(IVAN, "Всё верно")
    assert len(await h.rows("SELECT id FROM requests")) == 2
    # The topic is reused and renamed for the new request, with a fresh pinned card.
    assert len(h.tg.sent("createForumTopic")) == 1
    assert h.tg.sent("editForumTopic")[-1]["name"] == "Иван Петров · #2"
    assert "Заявка №\u00a02" in h.tg.to_chat(GROUP)[-1].text
    assert len(h.tg.sent("pinChatMessage")) == 2


async def test_language_switch(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "/language")
    await h.tap(IVAN, "English")
    assert "English it is" in h.texts_to(IVAN)[-1]
    assert await h.rows("SELECT language FROM clients") == [("en",)]
    await h.say(IVAN, "/help")
    assert "/status" in h.last_text_to(IVAN) and "What I can do" in h.last_text_to(IVAN)


async def test_a_shared_foreign_contact_is_read_with_its_country_code(harness: Harness) -> None:
    """Telegram sends the shared number as digits with the country code and no '+': a British
    number shared in a Russian firm (PHONE_REGION=RU) is British, not a wrong local one."""
    h = harness
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS[:8])
    contact = {"phone_number": "447911123456", "first_name": "Иван", "user_id": IVAN.id}
    await h.feed(h.updates.media(IVAN, "contact", contact=contact))
    assert "рождения" in h.last_text_to(IVAN)
    await h.say(IVAN, "12.03.1985")
    await h.tap(IVAN, "Утром")
    await h.tap(IVAN, "Всё верно")
    assert await h.rows("SELECT phone FROM clients") == [("+447911123456",)]
