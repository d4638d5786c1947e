"""The relay between a client's private chat and their topic, through the real dispatcher."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.app import CarCareApp
from storage.db import to_db
from tests.fakes.telegram import Call
from tests.steps import GROUP, IVAN, MANAGER, TOPIC, Harness, make_settings

OTHER_GROUP = -1009999999999
MEDIA_KINDS = [
    "photo", "video", "document", "audio", "voice", "video_note", "sticker", "animation",
    "location", "contact",
]


# -- helpers ------------------------------------------------------------------------------


def message_id(update: dict[str, Any]) -> int:
    body = update.get("message") or update["edited_message"]
    return body["message_id"]


def reply_id(call: Call) -> int | None:
    return (call.get("reply_parameters") or {}).get("message_id")


def copies(h: Harness, chat_id: int) -> list[Call]:
    """copyMessage calls into a chat that Telegram accepted."""
    return [call for call in h.tg.sent("copyMessage", chat_id) if call.result is not None]


def edits(h: Harness) -> list[Call]:
    return [call for call in h.tg.calls if call.method.startswith("editMessage")]


def texts_in_topic(h: Harness, thread: int = TOPIC) -> list[Call]:
    return [call for call in h.tg.sent("sendMessage", GROUP) if call.thread_id == thread]


async def client_writes(h: Harness, text: str = "Здравствуйте", reply_to: int | None = None) -> int:
    """The client writes; returns the message id of the copy in the topic."""
    update = h.updates.text(IVAN, text, reply_to=reply_to)
    await h.feed(update)
    copy = copies(h, GROUP)[-1]
    assert copy["message_id"] == message_id(update)
    return copy.result["message_id"]


async def manager_writes(h: Harness, text: str, reply_to: int | None = None) -> tuple[int, int]:
    """A manager writes in the client's topic; returns (group message id, client-side copy id)."""
    update = h.updates.in_topic(MANAGER, TOPIC, text=text, reply_to=reply_to)
    await h.feed(update)
    copy = copies(h, IVAN.id)[-1]
    assert copy["message_id"] == message_id(update)
    return message_id(update), copy.result["message_id"]


def in_other_group(update: dict[str, Any]) -> dict[str, Any]:
    """The same update, as if it came from another group the bot is in."""
    message = update["message"]
    message["chat"] = {**message["chat"], "id": OTHER_GROUP}
    if "reply_to_message" in message:
        message["reply_to_message"]["chat"] = message["chat"]
    return update


# -- 1. first contact ---------------------------------------------------------------------


async def test_first_message_opens_topic_with_pinned_card_then_copies_and_acknowledges(
    harness: Harness,
) -> None:
    h = harness
    update = h.updates.text(IVAN, "Здравствуйте")
    await h.feed(update)

    topics = h.tg.sent("createForumTopic")
    assert [(call.chat_id, call["name"]) for call in topics] == [(GROUP, "Иван")]
    card, copy = h.tg.to_chat(GROUP)
    assert card.method == "sendMessage" and card.thread_id == TOPIC
    assert "Карточка клиента" in card.text and "@ivan_p" in card.text
    assert [call["message_id"] for call in h.tg.sent("pinChatMessage", GROUP)] == [
        card.result["message_id"]
    ]
    assert copy.method == "copyMessage" and copy.thread_id == TOPIC
    assert int(copy["from_chat_id"]) == IVAN.id
    assert copy["message_id"] == message_id(update)
    assert copy.get("reply_parameters") is None
    # The topic exists before anything is posted into it.
    order = [call.method for call in h.tg.calls if call.chat_id == GROUP]
    assert order[-4:] == ["createForumTopic", "sendMessage", "pinChatMessage", "copyMessage"]

    [ack] = h.tg.to_chat(IVAN.id)
    assert ack.method == "sendMessage" and "Передали менеджеру" in ack.text
    assert "💬 Написать менеджеру" in ack.button_labels()
    assert await h.rows("SELECT topic_id, card_message_id FROM clients") == [
        (TOPIC, card.result["message_id"])
    ]
    assert await h.rows(
        "SELECT client_message_id, group_message_id, direction FROM message_links"
    ) == [(message_id(update), copy.result["message_id"], "in")]


async def test_second_message_soon_after_gets_no_second_acknowledgement(harness: Harness) -> None:
    h = harness
    await client_writes(h, "Здравствуйте")
    h.clock.advance(minutes=1)
    await client_writes(h, "Ищу машину")

    assert len(h.tg.sent("createForumTopic")) == 1
    assert len(copies(h, GROUP)) == 2
    [ack] = h.texts_to(IVAN)
    assert "Передали менеджеру" in ack
    assert len(await h.rows("SELECT id FROM message_links")) == 2


async def test_a_message_after_a_long_pause_is_acknowledged_again(harness: Harness) -> None:
    h = harness
    await client_writes(h, "Здравствуйте")
    h.clock.advance(hours=7)
    await client_writes(h, "Есть новости?")
    acks = h.texts_to(IVAN)
    assert len(acks) == 2 and all("Передали менеджеру" in text for text in acks)


# -- 2. concurrency -----------------------------------------------------------------------


async def test_concurrent_first_messages_open_one_topic_and_keep_their_order(
    harness: Harness,
) -> None:
    h = harness
    updates = [h.updates.text(IVAN, f"сообщение {n}") for n in range(5)]
    await asyncio.gather(*(h.app.feed(update) for update in updates))
    await h.app.outbox.wait_idle()

    assert len(h.tg.sent("createForumTopic")) == 1
    relayed = copies(h, GROUP)
    assert [call["message_id"] for call in relayed] == [message_id(u) for u in updates]
    assert {call.thread_id for call in relayed} == {TOPIC}
    assert len(h.texts_to(IVAN)) == 1  # one acknowledgement for the burst
    links = await h.rows("SELECT client_message_id FROM message_links ORDER BY group_message_id")
    assert links == [(message_id(u),) for u in updates]


# -- 3. every kind of message, both ways ----------------------------------------------------


@pytest.mark.parametrize("kind", ["text", *MEDIA_KINDS])
async def test_every_kind_from_the_client_is_copied_to_the_topic(
    harness: Harness, kind: str
) -> None:
    h = harness
    update = h.updates.text(IVAN, "Здравствуйте") if kind == "text" else h.updates.media(IVAN, kind)
    await h.feed(update)

    [copy] = copies(h, GROUP)
    assert copy.thread_id == TOPIC
    assert int(copy["from_chat_id"]) == IVAN.id
    assert copy["message_id"] == message_id(update)
    assert await h.rows("SELECT author, kind FROM messages") == [("client", kind)]
    assert await h.rows("SELECT client_message_id FROM message_links") == [(message_id(update),)]


async def test_an_album_from_the_client_is_copied_photo_by_photo(harness: Harness) -> None:
    h = harness
    album = h.updates.album(IVAN, 3)
    for update in album:
        await h.feed(update)

    relayed = copies(h, GROUP)
    assert [call["message_id"] for call in relayed] == [message_id(u) for u in album]
    assert {call.thread_id for call in relayed} == {TOPIC}
    assert {int(call["from_chat_id"]) for call in relayed} == {IVAN.id}
    assert len(h.tg.sent("createForumTopic")) == 1
    assert len(h.texts_to(IVAN)) == 1


@pytest.mark.parametrize("kind", ["text", *MEDIA_KINDS])
async def test_every_kind_from_a_manager_is_copied_to_the_client(
    harness: Harness, kind: str
) -> None:
    h = harness
    await client_writes(h)
    if kind == "text":
        update = h.updates.in_topic(MANAGER, TOPIC, text="Добрый день!")
    else:
        update = h.updates.in_topic(MANAGER, TOPIC, kind=kind)
    await h.feed(update)

    [copy] = copies(h, IVAN.id)
    assert int(copy["from_chat_id"]) == GROUP
    assert copy["message_id"] == message_id(update)
    assert copy.thread_id is None and copy.get("reply_parameters") is None
    assert await h.rows("SELECT manager_id, kind FROM messages WHERE author = 'manager'") == [
        (MANAGER.id, kind)
    ]
    assert await h.rows(
        "SELECT client_message_id, group_message_id, direction FROM message_links"
        " WHERE direction = 'out'"
    ) == [(copy.result["message_id"], message_id(update), "out")]


# -- 4. replies ---------------------------------------------------------------------------


async def test_a_plain_manager_message_is_not_sent_as_a_reply(harness: Harness) -> None:
    h = harness
    await client_writes(h)
    await manager_writes(h, "Добрый день!")
    [copy] = copies(h, IVAN.id)
    assert copy.get("reply_parameters") is None


async def test_a_manager_reply_to_a_client_message_replies_to_the_client_original(
    harness: Harness,
) -> None:
    h = harness
    first = h.updates.text(IVAN, "Нужен RAV4")
    await h.feed(first)
    await client_writes(h, "и ещё вопрос")
    copy_of_first = copies(h, GROUP)[0].result["message_id"]

    await manager_writes(h, "Подберём", reply_to=copy_of_first)
    [copy] = copies(h, IVAN.id)
    assert reply_id(copy) == message_id(first)


async def test_a_client_reply_to_a_manager_message_replies_to_the_manager_original(
    harness: Harness,
) -> None:
    h = harness
    await client_writes(h)
    manager_message, client_side = await manager_writes(h, "Какой бюджет?")

    await client_writes(h, "До 2 млн", reply_to=client_side)
    copy = copies(h, GROUP)[-1]
    assert copy.thread_id == TOPIC
    assert reply_id(copy) == manager_message


async def test_a_client_reply_to_a_bot_message_is_copied_without_a_reply(harness: Harness) -> None:
    h = harness
    await client_writes(h)
    ack = h.tg.to_chat(IVAN.id)[0].result["message_id"]
    await client_writes(h, "спасибо", reply_to=ack)
    assert copies(h, GROUP)[-1].get("reply_parameters") is None


# -- 5. edits -----------------------------------------------------------------------------


async def test_a_client_edit_edits_the_copy_in_the_topic(harness: Harness) -> None:
    h = harness
    original = h.updates.text(IVAN, "Здраствуйте")
    await h.feed(original)
    copy_id = copies(h, GROUP)[0].result["message_id"]

    await h.feed(h.updates.edited(IVAN, message_id(original), "Здравствуйте"))
    [edit] = edits(h)
    assert edit.method == "editMessageText"
    assert (edit.chat_id, edit["message_id"], edit.text) == (GROUP, copy_id, "Здравствуйте")


async def test_a_client_caption_edit_edits_the_caption_in_the_topic(harness: Harness) -> None:
    h = harness
    photo = h.updates.media(IVAN, "photo", caption="вот так")
    await h.feed(photo)
    copy_id = copies(h, GROUP)[0].result["message_id"]

    update = h.updates.edited(IVAN, message_id(photo), "вот такая машина")
    body = update["edited_message"]
    del body["text"]  # an edited photo carries the photo and its new caption
    body.update(photo=photo["message"]["photo"], caption="вот такая машина")
    await h.feed(update)
    [edit] = edits(h)
    assert edit.method == "editMessageCaption"
    assert (edit.chat_id, edit["message_id"]) == (GROUP, copy_id)
    assert edit["caption"] == "вот такая машина"


async def test_a_manager_edit_edits_the_copy_in_the_client_chat(harness: Harness) -> None:
    h = harness
    await client_writes(h)
    manager_message, client_side = await manager_writes(h, "Перезвоню в 15:00")

    await h.feed(h.updates.edited_in_topic(MANAGER, TOPIC, manager_message, "Перезвоню в 16:00"))
    [edit] = edits(h)
    assert edit.method == "editMessageText"
    assert (edit.chat_id, edit["message_id"]) == (IVAN.id, client_side)
    assert edit.text == "Перезвоню в 16:00"


async def test_an_edit_of_a_message_never_relayed_sends_nothing(harness: Harness) -> None:
    h = harness
    await client_writes(h)
    note = h.updates.in_topic(MANAGER, TOPIC, text="/note перезвонить")
    await h.feed(note)
    before = len(h.tg.calls)

    await h.feed(h.updates.edited(IVAN, 40_000, "не было такого"))
    await h.feed(h.updates.edited_in_topic(MANAGER, TOPIC, message_id(note), "/note позже"))
    assert h.tg.calls[before:] == []


# -- 6. manager commands in the group ------------------------------------------------------


async def test_note_in_a_topic_is_saved_and_never_reaches_the_client(harness: Harness) -> None:
    h = harness
    await client_writes(h)
    to_client_before = len(h.tg.sent(chat_id=IVAN.id))
    note = h.updates.in_topic(MANAGER, TOPIC, text="/note some text")
    await h.feed(note)

    assert len(h.tg.sent(chat_id=IVAN.id)) == to_client_before
    assert await h.rows("SELECT client_id, author_id, text FROM notes") == [
        (1, MANAGER.id, "some text")
    ]
    answer = texts_in_topic(h)[-1]
    assert "клиент её не видит" in answer.text
    assert reply_id(answer) == message_id(note)


async def test_empty_note_asks_for_text(harness: Harness) -> None:
    h = harness
    await client_writes(h)
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text="/note"))
    assert "после команды" in texts_in_topic(h)[-1].text
    assert await h.rows("SELECT * FROM notes") == []


async def test_note_in_the_general_topic_says_it_works_in_a_client_topic(harness: Harness) -> None:
    h = harness
    note = h.updates.in_topic(MANAGER, None, text="/note some text")
    await h.feed(note)

    [answer] = h.tg.sent("sendMessage", GROUP)
    assert answer.thread_id is None
    assert "работает в теме клиента" in answer.text
    assert reply_id(answer) == message_id(note)
    assert await h.rows("SELECT * FROM notes") == []


async def test_help_in_the_group_lists_note(harness: Harness) -> None:
    h = harness
    await h.feed(h.updates.in_topic(MANAGER, None, text="/help"))
    [answer] = h.tg.sent("sendMessage", GROUP)
    assert "/note" in answer.text and "Команды менеджера" in answer.text


async def test_unknown_command_in_a_topic_is_answered_and_not_relayed(harness: Harness) -> None:
    h = harness
    await client_writes(h)
    to_client_before = len(h.tg.sent(chat_id=IVAN.id))
    command = h.updates.in_topic(MANAGER, TOPIC, text="/foo")
    await h.feed(command)

    assert len(h.tg.sent(chat_id=IVAN.id)) == to_client_before
    answer = texts_in_topic(h)[-1]
    assert "Неизвестная команда" in answer.text and reply_id(answer) == message_id(command)


# -- 7. manager commands from a client ----------------------------------------------------


@pytest.mark.parametrize("command", ["/note x", "/stage searching", "/report"])
async def test_a_client_sending_a_manager_command_is_refused_politely(
    harness: Harness, command: str
) -> None:
    h = harness
    await h.say(IVAN, command)
    [answer] = h.texts_to(IVAN)
    assert "только для менеджеров" in answer
    assert h.tg.to_chat(GROUP) == [] and h.tg.sent("createForumTopic") == []
    assert await h.rows("SELECT * FROM notes") == []


async def test_a_client_with_a_topic_sending_note_reaches_nobody_in_the_group(
    harness: Harness,
) -> None:
    h = harness
    await client_writes(h)
    in_group_before = len(h.tg.to_chat(GROUP))
    await h.say(IVAN, "/note x")
    assert "только для менеджеров" in h.last_text_to(IVAN)
    assert len(h.tg.to_chat(GROUP)) == in_group_before
    assert await h.rows("SELECT * FROM notes") == []


# -- 8. blocked clients -------------------------------------------------------------------


async def test_manager_message_to_a_blocked_client_is_reported_in_the_topic(
    harness: Harness,
) -> None:
    h = harness
    await client_writes(h)
    h.tg.blocked.add(IVAN.id)
    h.clock.advance(hours=1)
    first = h.updates.in_topic(MANAGER, TOPIC, text="Нашли вариант")
    await h.feed(first)

    [attempt] = h.tg.sent("copyMessage", IVAN.id)
    assert attempt.result is None  # Telegram answered 403
    assert await h.rows("SELECT unreachable_at FROM clients") == [(to_db(h.clock.now()),)]
    assert await h.rows("SELECT status FROM outbox WHERE recipient = ? AND kind = 'copy'",
                        str(IVAN.id)) == [("failed",)]
    blocked, undelivered = texts_in_topic(h)[-2:]
    assert "Клиент заблокировал бота" in blocked.text and reply_id(blocked) is None
    assert "Не доставлено" in undelivered.text
    assert reply_id(undelivered) == message_id(first)

    second = h.updates.in_topic(MANAGER, TOPIC, text="Вы на связи?")
    await h.feed(second)
    notices = [call.text for call in texts_in_topic(h) if "Клиент заблокировал бота" in call.text]
    assert len(notices) == 1
    undelivered = texts_in_topic(h)[-1]
    assert "Не доставлено" in undelivered.text and reply_id(undelivered) == message_id(second)


async def test_a_client_without_a_topic_who_blocks_the_bot_is_named_in_general(
    harness: Harness,
) -> None:
    h = harness
    h.tg.blocked.add(IVAN.id)  # blocked before anything was relayed: no topic yet
    await h.say(IVAN, "/start")

    [greeting] = h.tg.sent("sendMessage", IVAN.id)
    assert greeting.result is None  # Telegram answered 403
    assert await h.rows("SELECT topic_id, unreachable_at IS NOT NULL FROM clients") == [(None, 1)]
    [notice] = [call for call in h.tg.sent("sendMessage", GROUP) if "заблокировал" in call.text]
    assert notice.thread_id is None  # General
    assert notice.text.startswith("👤 Клиент Иван (темы у него пока нет):\n⛔️ Клиент заблокировал бота")
    assert h.tg.sent("createForumTopic") == []


async def test_blocking_and_unblocking_the_bot_is_told_to_the_topic_once(harness: Harness) -> None:
    h = harness
    await client_writes(h)
    in_topic_before = len(texts_in_topic(h))

    await h.feed(h.updates.membership(IVAN, "kicked"))
    await h.feed(h.updates.membership(IVAN, "kicked"))
    assert await h.rows("SELECT unreachable_at FROM clients") == [(to_db(h.clock.now()),)]
    told = [call.text for call in texts_in_topic(h)[in_topic_before:]]
    assert len(told) == 1 and "заблокировал бота" in told[0]

    await h.feed(h.updates.membership(IVAN, "member"))
    assert await h.rows("SELECT unreachable_at FROM clients") == [(None,)]
    told = [call.text for call in texts_in_topic(h)[in_topic_before:]]
    assert len(told) == 2 and "снова на связи" in told[1]
    assert h.tg.sent(chat_id=IVAN.id)[1:] == []  # nothing but the first acknowledgement


async def test_after_a_kick_a_failed_copy_reports_undelivered_without_a_second_notice(
    harness: Harness,
) -> None:
    h = harness
    await client_writes(h)
    await h.feed(h.updates.membership(IVAN, "kicked"))
    h.tg.blocked.add(IVAN.id)
    update = h.updates.in_topic(MANAGER, TOPIC, text="Нашли вариант")
    await h.feed(update)

    notices = [call.text for call in texts_in_topic(h) if "Клиент заблокировал бота" in call.text]
    assert len(notices) == 1
    undelivered = texts_in_topic(h)[-1]
    assert "Не доставлено" in undelivered.text and reply_id(undelivered) == message_id(update)


# -- 9. messages that belong to no client -------------------------------------------------


async def test_messages_from_another_group_are_ignored(harness: Harness) -> None:
    h = harness
    await client_writes(h)
    before = len(h.tg.calls)
    for update in (
        h.updates.in_topic(MANAGER, TOPIC, text="Привет из другой группы"),
        h.updates.in_topic(MANAGER, TOPIC, kind="photo"),
        h.updates.in_topic(MANAGER, TOPIC, text="/note x"),
        h.updates.in_topic(MANAGER, None, text="/help"),
    ):
        await h.feed(in_other_group(update))

    assert h.tg.calls[before:] == []
    assert await h.rows("SELECT * FROM notes") == []
    assert await h.rows("SELECT COUNT(*) FROM messages WHERE author = 'manager'") == [(0,)]


async def test_the_manager_group_is_the_one_this_app_was_given(
    harness: Harness, tg, clock, db_path
) -> None:
    """The routers are shared by every app in a process; each takes the group from its own
    settings (a restart with another MANAGER_CHAT_ID moves the manager group with it)."""
    h = harness
    await client_writes(h)
    await h.app.stop()
    settings = make_settings(tg, db_path).model_copy(update={"manager_chat_id": OTHER_GROUP})
    h.app = CarCareApp(settings, clock)
    await h.app.start(check=False)  # the fake server knows one group only
    before = len(h.tg.calls)
    await h.feed(h.updates.in_topic(MANAGER, TOPIC, text="/note from the old group"))
    assert h.tg.calls[before:] == []
    assert await h.rows("SELECT text FROM notes") == []
    await h.feed(in_other_group(h.updates.in_topic(MANAGER, TOPIC, text="/note from the new group")))
    assert await h.rows("SELECT text FROM notes") == [("from the new group",)]


async def test_manager_talk_in_a_topic_of_no_client_is_not_relayed(harness: Harness) -> None:
    h = harness
    await client_writes(h)
    before = len(h.tg.calls)
    await h.feed(h.updates.in_topic(MANAGER, 777, text="Коллеги, кто в отпуске?"))
    await h.feed(h.updates.in_topic(MANAGER, 777, kind="document"))
    await h.feed(h.updates.in_topic(MANAGER, None, text="Общий чат"))
    await h.feed(h.updates.edited_in_topic(MANAGER, 777, 40_000, "поправил"))

    assert h.tg.calls[before:] == []
    assert await h.rows("SELECT COUNT(*) FROM messages WHERE author = 'manager'") == [(0,)]


# -- 10. outbox order and retry -----------------------------------------------------------


async def test_a_failed_copy_is_retried_and_the_next_message_waits_behind_it(
    harness: Harness,
) -> None:
    h = harness
    h.tg.fail("copyMessage", 500, "Internal Server Error")
    first = h.updates.text(IVAN, "первое")
    await h.feed(first)

    [attempt] = h.tg.sent("copyMessage", GROUP)
    assert attempt["message_id"] == message_id(first) and attempt.result is None
    assert await h.rows(
        "SELECT status, attempts, not_before > ?, error IS NOT NULL"
        " FROM outbox WHERE kind = 'copy'",
        to_db(h.clock.now()),
    ) == [("pending", 1, 1, 1)]

    second = h.updates.text(IVAN, "второе")
    await h.feed(second)
    assert len(h.tg.sent("copyMessage", GROUP)) == 1  # the second waits behind the first
    assert await h.rows("SELECT status FROM outbox WHERE kind = 'copy' ORDER BY id") == [
        ("pending",), ("pending",)
    ]

    h.clock.advance(seconds=10)
    h.app.outbox.wake()
    await h.app.outbox.wait_idle()

    assert [call["message_id"] for call in h.tg.sent("copyMessage", GROUP)] == [
        message_id(first), message_id(first), message_id(second)
    ]
    delivered = [call["message_id"] for call in copies(h, GROUP)]
    assert delivered == [message_id(first), message_id(second)]
    assert await h.rows("SELECT status, attempts FROM outbox WHERE kind = 'copy' ORDER BY id") == [
        ("sent", 2), ("sent", 1)
    ]
    links = await h.rows("SELECT client_message_id FROM message_links ORDER BY group_message_id")
    assert links == [(message_id(first),), (message_id(second),)]


# -- an update delivered twice --------------------------------------------------------------


async def test_an_update_delivered_again_is_handled_once(harness: Harness) -> None:
    h = harness
    await h.say(IVAN, "привет")
    update = h.updates.text(IVAN, "машина нужна к весне")
    for _ in range(2):  # a restart or a webhook retry brings it again
        await h.app.feed(update)
        await h.app.outbox.wait_idle()
    assert await h.rows("SELECT COUNT(*) FROM messages WHERE author = 'client'") == [(2,)]
    assert len(h.tg.sent("copyMessage", GROUP)) == 2


async def test_twins_delivered_at_the_same_time_are_handled_once(harness: Harness) -> None:
    """Both pass the "seen?" check before either is recorded: the record, made in the same
    transaction as the message's acceptance, lets only one of them change anything."""
    h = harness
    await h.say(IVAN, "привет")
    update = h.updates.text(IVAN, "машина нужна к весне")
    await asyncio.gather(h.app.feed(update), h.app.feed(update))
    await h.app.outbox.wait_idle()
    assert await h.rows("SELECT COUNT(*) FROM messages WHERE author = 'client'") == [(2,)]
    assert len(h.tg.sent("copyMessage", GROUP)) == 2
    assert await h.rows("SELECT COUNT(*) FROM processed_updates WHERE update_id = ?",
                        update["update_id"]) == [(1,)]
