"""Several manager groups (issue 26): MANAGER_GROUPS gives sales and service supergroups of
their own beside MANAGER_CHAT_ID. Routing, both ways of the relay, topics whose ids collide across
groups, cards linking each other, /help, the digest and preflight, through the real dispatcher
and the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import CarCareApp
from bot.config import ConfigError, load_settings
from bot.preflight import StartupError
from domain.groups import Business, Groups, parse_groups, topic_link
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import Call, FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import GROUP, IVAN, MANAGER, TOKEN, Harness, make_settings, with_request
from tests.steps_workshop import ADDRESS, HOURS, book

MARIA = TgUser(id=333, first_name="Мария", language_code="ru", username="maria_k")
SALES = -1001111111111
SERVICE = -1002222222222
GROUPS = f"sales:{SALES};service:{SERVICE}"


# -- the routing table and the setting ------------------------------------------------------


def test_the_routing_table_sends_each_business_to_its_department_or_home() -> None:
    both = Groups(GROUP, {"sales": SALES, "service": SERVICE})
    assert both.for_business(Business.CAR_REQUEST) == SALES
    assert both.for_business(Business.SERVICE) == SERVICE
    assert both.chats() == (GROUP, SALES, SERVICE)
    only_service = Groups(GROUP, {"service": SERVICE})
    assert only_service.for_business(Business.CAR_REQUEST) == GROUP  # no group of its own
    assert only_service.for_business(Business.SERVICE) == SERVICE
    alone = Groups(GROUP)
    assert {alone.for_business(b) for b in Business} == {GROUP}
    assert alone.chats() == (GROUP,)
    same = Groups(GROUP, {"sales": GROUP, "service": SERVICE})  # sales is the home group
    assert same.chats() == (GROUP, SERVICE)


@pytest.mark.parametrize("written", [
    "sales", "sales:", "sales:-123", "sales:-100１２３", "sales:-100²", "north:-1001",
    "sales:-1001;sales:-1002", "sales -1001", ":-1001", "sales:-1001" + "9" * 30,
])
def test_a_malformed_manager_groups_is_refused_in_one_line(written: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        parse_groups(written)
    with pytest.raises(ConfigError) as error:
        load_settings(_env_file=None, bot_token=TOKEN, manager_chat_id=GROUP,
                      manager_groups=written, database_url=f"sqlite:///{tmp_path}/x.sqlite3")
    message = str(error.value)
    assert "MANAGER_GROUPS" in message and "\n" not in message


def test_manager_groups_reads_names_and_ids() -> None:
    assert parse_groups("") == {}
    assert parse_groups(" Sales : -1001 ; service:-1002 ;") == {"sales": -1001, "service": -1002}


# -- through the dispatcher ----------------------------------------------------------------


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram(token=TOKEN, group_id=GROUP, admins={MANAGER.id: MANAGER.first_name},
                          more_groups=(SALES, SERVICE))
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    settings = make_settings(tg, db_path, manager_groups=GROUPS, workshop_hours=HOURS,
                             workshop_address=ADDRESS, contact_hours="00:00-24:00")
    app = CarCareApp(settings, clock)
    await app.start()
    harness = Harness(app, tg, clock)
    try:
        yield harness
    finally:
        await harness.app.stop()


def created(h: Harness, chat: int) -> list[Call]:
    return h.tg.sent("createForumTopic", chat)


def copies(h: Harness, chat: int, thread: int | None = None) -> list[Call]:
    return [call for call in h.tg.sent("copyMessage", chat)
            if thread is None or call.thread_id == thread]


def texts(h: Harness, chat: int, thread: int | None = None) -> list[str]:
    return [call.text or "" for call in h.tg.sent("sendMessage", chat)
            if call.thread_id == thread]


async def in_group(h: Harness, chat: int, thread: int | None, text: str, **extra: Any) -> None:
    await h.feed(h.updates.in_topic(MANAGER, thread, text=text, group=chat, **extra))


async def test_a_car_request_opens_its_topic_in_sales_and_a_booking_in_service(h: Harness) -> None:
    await with_request(h, IVAN)
    [sales_topic] = created(h, SALES)
    assert not created(h, GROUP) and not created(h, SERVICE)
    sales_thread = sales_topic.result["message_thread_id"]
    assert any("Toyota RAV4" in text for text in texts(h, SALES, sales_thread))  # the card

    await book(h, IVAN)
    [service_topic] = created(h, SERVICE)
    service_thread = service_topic.result["message_thread_id"]
    assert service_thread == sales_thread  # thread ids are counted per group, as in Telegram
    service_card = texts(h, SERVICE, service_thread)[0]
    assert topic_link(SALES, sales_thread) in service_card  # the new card links the other topic
    assert any(topic_link(SERVICE, service_thread) in text  # and the other topic is told
               for text in texts(h, SALES, sales_thread))
    assert any("Запись в сервис #1" in text for text in texts(h, SERVICE, service_thread))
    assert not created(h, GROUP)


async def test_the_relay_runs_both_ways_in_each_group_and_topics_of_the_same_id_stay_apart(
    h: Harness,
) -> None:
    await with_request(h, IVAN)  # Ivan: sales topic 500
    await with_request(h, MARIA)  # Maria: sales topic 501
    await book(h, IVAN)  # Ivan: service topic 500, his latest business
    thread = created(h, SERVICE)[0].result["message_thread_id"]
    maria_thread = created(h, SALES)[1].result["message_thread_id"]
    h.tg.clear()

    question = h.updates.text(IVAN, "Машину можно оставить на ночь?")
    await h.feed(question)
    [copy] = copies(h, SERVICE, thread)  # the client's words go to his latest business's group
    assert int(copy["from_chat_id"]) == IVAN.id and not copies(h, SALES) and not copies(h, GROUP)

    await in_group(h, SERVICE, thread, "Да, можно", reply_to=copy.result["message_id"])
    [answer] = copies(h, IVAN.id)
    assert int(answer["from_chat_id"]) == SERVICE
    assert answer["reply_parameters"]["message_id"] == question["message"]["message_id"]
    assert not copies(h, MARIA.id)

    await in_group(h, SALES, thread, "Нашли вам RAV4")  # Ivan's sales topic has the same id
    assert int(copies(h, IVAN.id)[-1]["from_chat_id"]) == SALES
    await in_group(h, SALES, maria_thread, "Мария, есть вариант")
    assert int(copies(h, MARIA.id)[-1]["from_chat_id"]) == SALES
    await in_group(h, SERVICE, maria_thread, "Это не тема клиента")  # no Maria topic in service
    assert len(copies(h, MARIA.id)) == 1


async def test_a_command_is_answered_in_the_group_it_was_written_in(h: Harness) -> None:
    await with_request(h, IVAN)
    await book(h, IVAN)
    thread = created(h, SERVICE)[0].result["message_thread_id"]
    h.tg.clear()

    await in_group(h, SERVICE, None, "/help")
    assert texts(h, SERVICE, None) and not h.tg.to_chat(SALES) and not h.tg.to_chat(GROUP)

    await in_group(h, SERVICE, thread, "/note позвонить в пятницу")
    assert h.tg.to_chat(SERVICE) and not h.tg.to_chat(SALES)
    rows = await h.rows("SELECT client_id FROM notes")
    assert rows == [(1,)]


async def test_find_and_bans_link_the_topic_in_the_group_asked_in_else_another(h: Harness) -> None:
    await with_request(h, IVAN)
    await book(h, IVAN)  # Ivan: a topic in sales and one in service; none in the home group
    sales = created(h, SALES)[0].result["message_thread_id"]
    service = created(h, SERVICE)[0].result["message_thread_id"]
    for chat, link in ((SERVICE, topic_link(SERVICE, service)), (SALES, topic_link(SALES, sales)),
                       (GROUP, topic_link(SERVICE, service))):  # home: his latest business's
        await in_group(h, chat, None, "/find Петров")
        found = texts(h, chat, None)[-1]
        assert f'href="{link}"' in found, (chat, found)
        assert found.count("https://t.me/c/") == 1

    await in_group(h, SERVICE, service, "/ban")  # /bans links the same way
    for chat, link in ((SALES, topic_link(SALES, sales)), (GROUP, topic_link(SERVICE, service))):
        await in_group(h, chat, None, "/bans")
        listed = texts(h, chat, None)[-1]
        assert f'href="{link}"' in listed and listed.count("https://t.me/c/") == 1, (chat, listed)


async def test_each_group_gets_its_own_digest(h: Harness) -> None:
    await with_request(h, IVAN)
    await book(h, IVAN)
    await h.feed(h.updates.text(IVAN, "Ответьте, пожалуйста"))
    h.tg.clear()
    h.clock.advance(hours=30)

    await h.app.followups.digest()
    await h.app.outbox.wait_idle()

    [sales] = texts(h, SALES, None)
    assert "Открытые заявки по этапам" in sales
    [service] = texts(h, SERVICE, None)
    assert "Клиенты без ответа: 1" in service and "Иван" in service
    [home] = texts(h, GROUP, None)
    assert "Клиенты без ответа: 0" in home
    await h.app.followups.digest()  # once a day, in each group
    await h.app.outbox.wait_idle()
    assert len(h.tg.sent("sendMessage")) == 3


async def test_a_group_not_configured_is_not_served(h: Harness) -> None:
    await with_request(h, IVAN)
    h.tg.clear()
    await in_group(h, -1003333333333, 500, "Привет")
    assert not h.tg.calls


async def test_preflight_checks_every_group(tg: FakeTelegram, db_path: Path) -> None:
    tg.more_groups = (SALES,)  # the bot was never added to the service group
    app = CarCareApp(make_settings(tg, db_path, manager_groups=GROUPS))
    try:
        with pytest.raises(StartupError, match=rf"cannot open MANAGER_GROUPS \(service\)={SERVICE}"):
            await app.start()
    finally:
        await app.stop()


async def test_stats_covers_every_group_or_the_department_named(h: Harness) -> None:
    await with_request(h, IVAN)
    await book(h, IVAN)
    h.tg.clear()

    await in_group(h, SERVICE, None, "/stats service 7d")
    await h.app.stats_desk.runs.wait_idle()
    await h.app.outbox.wait_idle()
    shown = texts(h, SERVICE, None)
    assert any("🔧" in text and "Записей сделано" in text for text in shown)
    assert not any("Считаю цифры" in text for text in shown)  # the car requests' figures: not asked

    h.tg.clear()
    await in_group(h, SALES, None, "/stats sales")
    await h.app.stats_desk.runs.wait_idle()
    await h.app.outbox.wait_idle()
    shown = texts(h, SALES, None)
    assert any("Считаю цифры" in text for text in shown) and not any("🔧" in text for text in shown)
    assert not h.tg.to_chat(SERVICE) and not h.tg.to_chat(GROUP)  # answered where it was asked

    h.tg.clear()
    await in_group(h, GROUP, None, "/stats")
    await h.app.stats_desk.runs.wait_idle()
    await h.app.outbox.wait_idle()
    shown = texts(h, GROUP, None)
    assert any("Считаю цифры" in text for text in shown) and any("🔧" in text for text in shown)
