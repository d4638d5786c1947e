"""Who may see what in the managers' group: owners' commands, Telegram's service accounts and
messages sent on behalf of a chat (issue 15)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.app import CarCareApp
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import GROUP, IVAN, MANAGER, PAVEL, TOPIC, Harness, in_general, make_settings, with_request

OWNER = TgUser(id=4242, first_name="Owner", language_code="ru")  # in OWNER_IDS, not an admin
ANONYMOUS_BOT = {"id": 1087968824, "is_bot": True, "first_name": "Group",
                 "username": "GroupAnonymousBot"}
GROUP_CHAT = {"id": GROUP, "type": "supergroup", "title": "Managers", "is_forum": True}


def group_calls(h: Harness, before: int, method: str = "sendMessage") -> list[Any]:
    return [c for c in h.tg.calls[before:] if c.chat_id == GROUP and c.method == method]


def as_group(update: dict[str, Any]) -> dict[str, Any]:
    """The same message as Telegram delivers it from an anonymous administrator."""
    update["message"]["from"] = ANONYMOUS_BOT
    update["message"]["sender_chat"] = GROUP_CHAT
    return update


def as_channel(update: dict[str, Any]) -> dict[str, Any]:
    """A linked channel's post, forwarded into the group by Telegram's service account."""
    update["message"]["from"] = {"id": 777000, "is_bot": False, "first_name": "Telegram"}
    update["message"]["sender_chat"] = {"id": -1009999, "type": "channel", "title": "News"}
    update["message"]["is_automatic_forward"] = True
    return update


async def test_a_member_who_is_no_admin_is_refused_and_told_who_may(harness: Harness) -> None:
    h = harness
    await with_request(h)
    sent = await in_general(h, PAVEL, "/export 2026-11")
    assert not [c for c in sent if c.method == "sendDocument"]
    refusal = [c for c in sent if c.method == "sendMessage"]
    assert len(refusal) == 1
    assert "/export" in refusal[0].text and "администраторов" in refusal[0].text
    assert "Olga" in refusal[0].text  # names who may: the group's administrator

    sent = await in_general(h, PAVEL, "/stats managers 2026-11")
    assert [c.method for c in sent if c.chat_id == GROUP] == ["sendMessage"]
    assert "/stats managers" in sent[-1].text
    assert "Pavel" not in sent[-1].text

    sent = await in_general(h, PAVEL, "/stats 2026-11")  # firm-wide figures stay open
    assert "Цифры за ноябрь 2026" in "\n".join(c.text or "" for c in sent if c.method == "sendMessage")


async def test_an_administrator_exports(harness: Harness) -> None:
    h = harness
    await with_request(h)
    sent = await in_general(h, MANAGER, "/export 2026-11")
    files = [c for c in sent if c.method == "sendDocument"]
    assert len(files) == 8  # requests, surveys, critique, reports, calls, cars, offers, payments
    sent = await in_general(h, MANAGER, "/stats managers 2026-11")
    assert "по менеджерам" in "\n".join(c.text or "" for c in sent if c.method == "sendMessage").lower()


async def test_the_admin_list_is_cached_a_few_minutes(harness: Harness) -> None:
    h = harness
    await in_general(h, PAVEL, "/export")
    await in_general(h, PAVEL, "/export")
    assert len(h.tg.sent("getChatAdministrators")) == 1
    h.tg.admins[PAVEL.id] = "Pavel"  # promoted: counts once the cache is old
    h.clock.advance(minutes=6)
    sent = await in_general(h, PAVEL, "/export")
    assert len(h.tg.sent("getChatAdministrators")) == 2
    assert len([c for c in sent if c.method == "sendDocument"]) == 8


async def test_an_owner_by_setting_exports(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> None:
    app = CarCareApp(make_settings(tg, db_path, owner_ids=f" {OWNER.id}, 5 "), clock)
    await app.start()
    try:
        h = Harness(app, tg, clock)
        sent = await in_general(h, OWNER, "/export")
        assert len([c for c in sent if c.method == "sendDocument"]) == 8
        sent = await in_general(h, PAVEL, "/export")
        assert "Owner" in sent[-1].text and "Olga" in sent[-1].text
    finally:
        await app.stop()


async def test_telegram_itself_is_no_manager(harness: Harness) -> None:
    h = harness
    await with_request(h)
    service = TgUser(id=777000, first_name="Telegram", language_code=None)
    sent = await in_general(h, service, "/export")
    assert not [c for c in sent if c.method == "sendDocument"]
    assert await h.rows("SELECT id FROM managers WHERE id = 777000") == []


async def test_an_anonymous_admins_message_is_relayed_signed_manager(harness: Harness) -> None:
    h = harness
    await with_request(h)
    before = len(h.tg.calls)
    await h.feed(as_group(h.updates.in_topic(MANAGER, TOPIC, text="Нашли вам машину")))
    copies = [c for c in h.tg.calls[before:] if c.method == "copyMessage" and c.chat_id == IVAN.id]
    assert len(copies) == 1
    assert await h.rows("SELECT author, manager_id FROM messages WHERE author = 'manager'") == [
        ("manager", None)]


async def test_an_anonymous_admins_message_is_explained_when_not_allowed(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    app = CarCareApp(make_settings(tg, db_path, anonymous_admins="refuse"), clock)
    await app.start()
    try:
        h = Harness(app, tg, clock)
        await with_request(h)
        before = len(tg.calls)
        update = as_group(h.updates.in_topic(MANAGER, TOPIC, text="Нашли вам машину"))
        await h.feed(update)
        assert not [c for c in tg.calls[before:] if c.chat_id == IVAN.id]
        answer = group_calls(h, before)
        assert len(answer) == 1 and answer[0].thread_id == TOPIC
        assert "не отправлено" in answer[0].text and "Анонимность" in answer[0].text
        assert answer[0]["reply_parameters"]["message_id"] == update["message"]["message_id"]
    finally:
        await app.stop()


async def test_anonymous_commands_and_channel_posts_are_answered_in_the_topic(harness: Harness) -> None:
    h = harness
    await with_request(h)
    before = len(h.tg.calls)
    await h.feed(as_group(h.updates.in_topic(MANAGER, TOPIC, text="/stage searching")))
    await h.feed(as_channel(h.updates.in_topic(MANAGER, TOPIC, text="Новости канала")))
    assert not [c for c in h.tg.calls[before:] if c.chat_id == IVAN.id]
    answers = group_calls(h, before)
    assert [a.thread_id for a in answers] == [TOPIC, TOPIC]
    assert "Команды не работают от имени группы" in answers[0].text
    assert "не от менеджера" in answers[1].text
    assert await h.rows("SELECT stage FROM requests") == [("new",)]
