"""The known history the owner's figures are checked against (/stats, /export): requests,
waits, reports, handovers and surveys at known Moscow times, through real commands."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tests.fakes.updates import TgUser
from tests.steps import IVAN, JOHN, MANAGER, PAVEL, RU_ANSWERS, Harness, answer_all

MSK = ZoneInfo("Europe/Moscow")  # the firm's zone (TIMEZONE's default); contact hours 10–20
OLGA = MANAGER  # "Olga (@olga_manager)"
MARIA = TgUser(id=333, first_name="Мария", language_code="ru")
PETR = TgUser(id=444, first_name="Пётр", language_code="ru")
ANNA = TgUser(id=555, first_name="Анна", language_code="ru")


def at(h: Harness, when: str) -> None:
    """Set the clock to a Moscow wall-clock time, '2026-11-02 10:00'."""
    h.clock.current = datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=MSK).astimezone(UTC)


async def request(h: Harness, user: TgUser, name: str, when: str) -> None:
    at(h, when)
    await h.say(user, "/new")
    await answer_all(h, user, [("name", name), *RU_ANSWERS[1:]])
    await h.tap(user, "Any time" if user.language_code == "en" else "В любое время")
    await h.tap(user, "All correct" if user.language_code == "en" else "Всё верно")


async def client(h: Harness, user: TgUser, text: str, when: str) -> None:
    at(h, when)
    await h.say(user, text)


async def topic(h: Harness, user: TgUser) -> int:
    [(topic_id,)] = await h.rows("SELECT topic_id FROM clients WHERE external_id = ?", str(user.id))
    return topic_id


async def manager(h: Harness, who: TgUser, user: TgUser, text: str, when: str) -> None:
    at(h, when)
    await h.feed(h.updates.in_topic(who, await topic(h, user), text=text))


async def report(h: Harness, who: TgUser, user: TgUser, title: str, when: str,
                 price: str = "") -> None:
    """`price`: its lines (a price and, over the budget of 1,5 млн, why), if any."""
    await manager(h, who, user, f"/report {title}\n{price}+ хорошее состояние\n- скол на стекле", when)
    h.clock.advance(seconds=21)  # the photo window passes: the report reaches the client
    h.app.outbox.wake()
    await h.app.outbox.wait_idle()


async def react(h: Harness, user: TgUser, title: str, label: str, when: str) -> None:
    at(h, when)
    card = next(c for c in reversed(h.tg.to_chat(user.id)) if c.text and title in c.text)
    await h.feed(h.updates.press(user, card.button_data(label), card.result["message_id"]))


async def tick(h: Harness, when: str) -> None:
    at(h, when)
    await h.app.followups.tick()
    await h.app.outbox.wait_idle()


async def answer_survey(h: Harness, user: TgUser, scores: list[int]) -> None:
    for score in scores:
        question = h.tg.last_to(user.id)
        await h.feed(h.updates.press(user, question.button_data(str(score)), question.result["message_id"]))


async def build_history(h: Harness) -> None:
    """October (the previous period) and November (the period asked about), Moscow time."""
    # October: John (Pavel's client) asks, waits an hour, gets his car, ignores the survey.
    await request(h, JOHN, "John Smith", "2026-10-10 10:00")
    await client(h, JOHN, "Hello, any news?", "2026-10-10 11:00")
    await manager(h, PAVEL, JOHN, "Hi John, we are on it", "2026-10-10 12:00")
    await manager(h, PAVEL, JOHN, "/handover", "2026-10-20 10:00")
    await tick(h, "2026-10-27 10:00")  # John's survey goes out; he never answers

    # November. Ivan (Olga's client): two waits on the first day, one of them after hours.
    await request(h, IVAN, "Иван Петров", "2026-11-02 10:00")
    await client(h, IVAN, "Здравствуйте, когда начнёте?", "2026-11-02 11:00")
    await manager(h, OLGA, IVAN, "Уже начали", "2026-11-02 11:30")
    await request(h, MARIA, "Мария Иванова", "2026-11-02 12:00")
    await client(h, IVAN, "Ещё вопрос", "2026-11-02 21:00")
    await client(h, IVAN, "И ещё один", "2026-11-02 21:05")  # the same wait
    await manager(h, OLGA, IVAN, "Отвечаю на оба", "2026-11-03 09:00")
    await request(h, PETR, "Пётр Сидоров", "2026-11-03 10:00")
    await manager(h, OLGA, IVAN, "/stage searching", "2026-11-03 10:00")
    await manager(h, PAVEL, MARIA, "/stage searching", "2026-11-04 10:00")
    # Reports: Ivan turns the first down (and says why), likes the second.
    await report(h, OLGA, IVAN, "Kia Sportage, 2020", "2026-11-05 10:00")
    await react(h, IVAN, "Kia Sportage", "Не подходит", "2026-11-05 12:00")
    await client(h, IVAN, "дорого", "2026-11-05 12:05")
    await report(h, OLGA, IVAN, "Mazda CX-5, 2019", "2026-11-05 13:00", "Цена: 1 450 000\n")
    await react(h, IVAN, "Mazda CX-5", "Интересно", "2026-11-05 14:00")
    await manager(h, OLGA, IVAN, "Отлично, организую осмотр", "2026-11-05 14:45")
    # Petr's request is cancelled; he leaves critique.
    await manager(h, OLGA, PETR, "/stage cancelled клиент купил сам", "2026-11-06 10:00")
    await client(h, PETR, "/feedback", "2026-11-06 11:00")
    await h.say(PETR, "Долго не отвечали на звонки")
    await report(h, PAVEL, MARIA, "Skoda Octavia, 2021", "2026-11-09 10:00",
                 "Цена: 1 650 000\nПочему дороже: пробег 20 000 км\n")
    await react(h, MARIA, "Skoda Octavia", "Интересно", "2026-11-09 11:00")
    await manager(h, PAVEL, MARIA, "Назначаю осмотр", "2026-11-09 11:10")
    await manager(h, OLGA, IVAN, "/stage contract", "2026-11-10 10:00")
    await manager(h, OLGA, IVAN, "/handover", "2026-11-12 10:00")
    await manager(h, PAVEL, MARIA, "/handover", "2026-11-14 12:00")
    # Surveys a week after each handover.
    await tick(h, "2026-11-19 10:00")
    await answer_survey(h, IVAN, [5, 4, 3, 5, 4, 5, 4, 5, 10])
    await h.tap(IVAN, "Пропустить")  # no comment
    await client(h, IVAN, "Спасибо, всё отлично!", "2026-11-19 10:10")  # the review, in the chat
    await manager(h, OLGA, IVAN, "Спасибо за отзыв!", "2026-11-19 10:40")
    await tick(h, "2026-11-21 12:00")
    await answer_survey(h, MARIA, [4, 4, 2, 5, 3, 4, 3, 4, 7])
    await h.say(MARIA, "долго искали")  # the comment
    await h.tap(MARIA, "Отзыв уже есть")  # the review, elsewhere
    await client(h, MARIA, "Когда документы?", "2026-11-25 19:00")  # never answered
    await request(h, ANNA, "Анна Смирнова", "2026-11-26 10:00")
    await manager(h, OLGA, ANNA, "/stage searching", "2026-11-27 10:00")
    await client(h, IVAN, "Как поставить на учёт?", "2026-11-28 20:30")  # after hours
    await manager(h, OLGA, IVAN, "Сначала ОСАГО, потом ГИБДД", "2026-11-30 10:30")
    at(h, "2026-12-01 10:00")
