"""The fair group queue (issue 26): when a manager group's minute is full, clients' own words
go before automatic notes, lanes take turns (the one waiting longest first), and each client's
messages stay in order. The fake's flood limits through a paced monotonic clock, the business
clock injected; the real dispatcher, worker and SQLite."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.delivery.pacing import Limits, Pacer
from tests.fakes.clock import Monotonic
from tests.fakes.telegram import Call
from tests.fakes.updates import TgUser
from tests.steps import GROUP, IVAN, MANAGER, Harness

MARIA = TgUser(id=333, first_name="Мария", language_code="ru", username="maria_k")
PETR = TgUser(id=444, first_name="Пётр", language_code="ru", username="petr_s")
SPAM = [TgUser(id=7000 + n, first_name=f"Bot{n}", language_code="ru") for n in range(5)]


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


def group_messages(h: Harness) -> list[Call]:
    """What appeared in the group, topics and notes alike."""
    kinds = {"copyMessage", "copyMessages", "sendMessage", "createForumTopic"}
    return [call for call in h.tg.sent(chat_id=GROUP) if call.method in kinds]


def who(call: Call) -> str:
    if call.method == "createForumTopic":
        return f"topic:{call['name']}"
    if call.method in ("copyMessage", "copyMessages"):
        return {IVAN.id: "Иван", MARIA.id: "Мария", PETR.id: "Пётр"}.get(
            int(call["from_chat_id"]), str(call["from_chat_id"]))
    return "note"


async def one_a_minute(h: Harness) -> Monotonic:
    """The group takes one message a minute from now, and this minute's is used up."""
    mono = Monotonic()
    pacer = h.app.worker.pacers["telegram"] = Pacer(Limits(0, 0, per_group_per_minute=1), mono)
    pacer.sent(str(GROUP))
    return mono


async def next_minute(h: Harness, mono: Monotonic, seen: int) -> None:
    """The group's next minute: one more message goes."""
    mono.now += 61
    h.app.outbox.wake()
    await wait_until(lambda: len(group_messages(h)) >= seen + 1)


async def write(h: Harness, user: TgUser, text: str, reply_to: int | None = None) -> int:
    h.clock.advance(seconds=1)  # each message a second after the last
    update = h.updates.text(user, text, reply_to=reply_to)
    await h.app.feed(update)
    return update["message"]["message_id"]


async def with_topics(h: Harness, *users: TgUser) -> None:
    for user in users:
        await h.say(user, "здравствуйте")
    h.tg.clear()


async def test_a_chatty_client_takes_turns_with_the_others(harness: Harness) -> None:
    h = harness
    await with_topics(h, IVAN, MARIA, PETR)
    mono = await one_a_minute(h)
    # Each quotes our answer: a reply is copied on its own (copyMessages carries no replies).
    quoted = 1  # the bot's greeting
    ivan = [await write(h, IVAN, f"вопрос {n}", reply_to=quoted) for n in range(4)]
    await write(h, MARIA, "а у меня один вопрос")
    await write(h, PETR, "и у меня")

    for seen in range(6):
        await next_minute(h, mono, seen)
    # First in first out would have been Иван ×4, then Мария, then Пётр.
    assert [who(call) for call in group_messages(h)] == [
        "Иван", "Мария", "Пётр", "Иван", "Иван", "Иван"]
    copied = [call["message_id"] for call in group_messages(h) if who(call) == "Иван"]
    assert copied == ivan  # a client's own messages stay in their order


async def test_clients_words_go_before_automatic_notes_and_new_topics(harness: Harness) -> None:
    h = harness
    await with_topics(h, IVAN, MARIA)
    mono = await one_a_minute(h)
    async with h.app.db.transaction() as tx:  # an automatic note in General, queued first
        await h.app.outbox.to_group(tx, "☀️ Сводка", None)
    await write(h, PETR, "новый клиент")  # a new topic (topic, card, pin), then his message
    await write(h, MARIA, "вопрос")
    await write(h, IVAN, "и мой вопрос")

    for seen in range(4):
        await next_minute(h, mono, seen)
    order = [who(call) for call in group_messages(h)]
    # The clients' words first, though queued last; then the note and the new topic by age.
    assert order == ["Мария", "Иван", "note", "topic:Пётр"]
    petr = await h.rows("SELECT kind, status FROM outbox WHERE client_id = 3 ORDER BY id")
    assert ("copy", "pending") in petr  # his own message waits behind his topic, in his lane


async def test_a_wave_of_new_topics_does_not_hold_back_an_existing_client(harness: Harness) -> None:
    h = harness
    await with_topics(h, IVAN)
    mono = await one_a_minute(h)
    for bot in SPAM:  # a wave of new accounts, each opening a topic
        await write(h, bot, "привет")
    await write(h, IVAN, "когда машина?")

    await next_minute(h, mono, 0)
    assert who(group_messages(h)[0]) == "Иван"  # the next minute is his, not the wave's


async def test_a_clients_waiting_messages_and_album_go_in_one_call_each_paired(
    harness: Harness,
) -> None:
    h = harness
    await with_topics(h, IVAN)
    mono = await one_a_minute(h)
    texts = [await write(h, IVAN, f"вопрос {n}") for n in range(3)]
    album = h.updates.album(IVAN, 2)
    for update in album:
        await h.app.feed(update)
    reply = await write(h, IVAN, "и ещё", reply_to=1)  # quoting the bot's greeting

    await next_minute(h, mono, 0)
    [call] = h.tg.sent("copyMessages", GROUP)  # five messages, one of the group's minute
    originals = [*texts, *(u["message"]["message_id"] for u in album)]
    assert call["message_ids"] == originals and int(call["from_chat_id"]) == IVAN.id
    topic = (await h.rows("SELECT topic_id FROM clients"))[0][0]
    assert call.thread_id == topic
    await next_minute(h, mono, 1)
    assert h.tg.sent("copyMessage", GROUP)[-1]["message_id"] == reply  # the reply on its own

    copies = [item["message_id"] for item in call.result]
    pairs = await h.rows("SELECT client_message_id, group_message_id FROM message_links"
                         " WHERE direction = 'in' ORDER BY client_message_id")
    assert [(o, c) for o, c in zip(originals, copies, strict=True)] == [
        p for p in pairs if p[0] in originals]
    # A manager answering the copy of the second question answers its original.
    await h.feed(h.updates.in_topic(MANAGER, topic, text="Отвечаю", reply_to=copies[1]))
    answer = h.tg.sent("copyMessage", IVAN.id)[-1]
    assert answer["reply_parameters"]["message_id"] == texts[1]
