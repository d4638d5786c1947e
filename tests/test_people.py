"""One person on every channel (issue 25): a Telegram client who shares their own number and a
WhatsApp client with the same number are offered as one person; merged and unmerged with their
history and deals; managers' answers reach the channel the client last wrote from, or /via's;
erasure clears both identities. Through the real dispatcher, the fake Bot API and fake Twilio."""

from __future__ import annotations

import logging
import random
from typing import Any

import pytest

from tests.steps import (
    GROUP,
    IVAN,
    JOHN,
    MANAGER,
    SMS_FROM,
    Harness,
    Wa,
    intake,
    settle_erasure,
    with_request,
)

TG_TOPIC, WA_TOPIC = 500, 501  # Ivan's topic first (Telegram), then Anna's (WhatsApp)
NUMBER = "+79161234567"  # Anna's WhatsApp number; Ivan's own Telegram number


def harness(wa: Wa) -> Harness:
    """The Telegram side of the same app: one Updates, so update ids never repeat."""
    h = Harness(wa.app, wa.tg, wa.clock)
    h.updates = wa.updates
    return h


def contact(h: Harness, user_id: int, phone: str = "79161234567") -> dict[str, Any]:
    """A contact card sent by Ivan: his own (the share-phone button) when `user_id` is his."""
    card = {"phone_number": phone, "first_name": "Иван", "user_id": user_id}
    return h.updates.media(IVAN, "contact", contact=card)


async def in_topic(h: Harness, thread: int | None, text: str) -> list[Any]:
    before = len(h.tg.calls)
    await h.feed(h.updates.in_topic(MANAGER, thread, text=text))
    return [c for c in h.tg.calls[before:] if c.method == "sendMessage" and c.chat_id == GROUP]


def press_in(h: Harness, thread: int | None, data: str, message_id: int) -> dict[str, Any]:
    """A manager's press on a message in the group's `thread`."""
    update = h.updates.press(MANAGER, data, message_id)
    message = update["callback_query"]["message"]
    message["chat"] = {"id": GROUP, "type": "supergroup", "title": "Managers", "is_forum": True}
    if thread is not None:
        message["message_thread_id"] = thread
        message["is_topic_message"] = True
    return update


def offers(h: Harness, thread: int) -> list[Any]:
    return [c for c in h.tg.to_chat(GROUP) if c.thread_id == thread and c.method == "sendMessage"
            and any("объединить" in label for label in c.button_labels())]


def thread_texts(h: Harness, thread: int) -> list[str]:
    return [c.text or "" for c in h.tg.to_chat(GROUP)
            if c.thread_id == thread and c.method == "sendMessage"]


async def two_clients(wa: Wa) -> Harness:
    """Ivan's request on Telegram (topic 500), then Anna's on WhatsApp with Ivan's number (501)."""
    h = harness(wa)
    await with_request(h, IVAN)
    await h.say(IVAN, "Есть новости?")
    await intake(wa)
    await wa.say("Жду звонка")
    assert await h.rows("SELECT id, channel, topic_id FROM clients ORDER BY id") == [
        (1, "telegram", TG_TOPIC), (2, "whatsapp", WA_TOPIC)]
    return h


async def merged(wa: Wa) -> Harness:
    h = await two_clients(wa)
    await h.feed(contact(h, IVAN.id))
    [offer] = offers(h, WA_TOPIC)
    await h.feed(press_in(h, WA_TOPIC, offer.button_data("объединить"), offer.result["message_id"]))
    return h


async def test_own_contact_offers_the_merge_in_both_topics_and_no_one_elses(wa: Wa) -> None:
    h = await two_clients(wa)
    assert await h.rows("SELECT own_phone FROM clients ORDER BY id") == [(None,), (NUMBER,)]
    assert offers(h, TG_TOPIC) == offers(h, WA_TOPIC) == []  # a typed phone vouches for nothing

    await h.feed(contact(h, JOHN.id))  # someone else's card with the same number: no offer
    assert offers(h, TG_TOPIC) == offers(h, WA_TOPIC) == []
    assert await h.rows("SELECT own_phone FROM clients WHERE id = 1") == [(None,)]

    await h.feed(contact(h, IVAN.id))  # his own: the share-phone button
    [in_tg], [in_wa] = offers(h, TG_TOPIC), offers(h, WA_TOPIC)
    assert NUMBER in in_tg.text and "whatsapp" in in_tg.text and f"/{WA_TOPIC}" in in_tg.text
    assert "telegram" in in_wa.text and f"/{TG_TOPIC}" in in_wa.text
    assert in_tg.button_data("объединить") == in_wa.button_data("объединить") == "a:people:merge.1"
    # Nothing merged by itself; shared again, it is not offered twice.
    await h.feed(contact(h, IVAN.id))
    assert len(offers(h, TG_TOPIC)) == 1
    assert await h.rows("SELECT merged_into FROM clients ORDER BY id") == [(None,), (None,)]


async def test_merge_keeps_one_client_one_topic_and_unmerge_gives_each_back(wa: Wa) -> None:
    h = await two_clients(wa)
    owned = {client: await _owned(h, client) for client in (1, 2)}
    last_before = (await h.rows("SELECT MAX(id) FROM messages"))[0][0]
    assert {kind for kind, _ in owned[1]} == {kind for kind, _ in owned[2]} == {"r", "m"}
    [found_before] = await in_topic(h, None, "/find Петров")
    assert "#1" in found_before.text and "#2" in found_before.text  # two clients, two lines

    await h.feed(contact(h, IVAN.id))
    [offer] = offers(h, WA_TOPIC)
    await h.feed(press_in(h, WA_TOPIC, offer.button_data("объединить"), offer.result["message_id"]))

    # One client: Anna's request and history moved to Ivan, her topic closed with a link.
    assert await h.rows("SELECT id, merged_into FROM clients ORDER BY id") == [(1, None), (2, 1)]
    assert await h.rows("SELECT DISTINCT client_id FROM requests") == [(1,)]
    assert await h.rows("SELECT COUNT(*) FROM messages WHERE client_id = 2") == [(0,)]
    assert WA_TOPIC in h.tg.closed_topics and TG_TOPIC not in h.tg.closed_topics
    assert f"/{TG_TOPIC}" in thread_texts(h, WA_TOPIC)[-1]
    note = [c for c in h.tg.to_chat(GROUP) if c.thread_id == TG_TOPIC and c.method == "sendMessage"][-1]
    assert "Объединено" in note.text and f"/{WA_TOPIC}" in note.text
    # /find sees one client: one line, the kept client's latest request.
    found = (await in_topic(h, None, "/find Петров"))[-1].text
    assert "#2" in found and "#1 " not in found

    # Anna writes on WhatsApp: it lands in the kept topic, and the answer goes back to WhatsApp.
    await wa.say("Можно в субботу?")
    assert any("Можно в субботу?" in (c.text or "") for c in h.tg.to_chat(GROUP)
               if c.thread_id == TG_TOPIC)
    await h.feed(h.updates.in_topic(MANAGER, TG_TOPIC, text="Да, в субботу в 10:00"))
    assert wa.bodies()[-1] == "Да, в субботу в 10:00"

    # Undone from the note's button: two clients again, each with what they had; what was
    # written while merged stays with the kept client.
    await h.feed(press_in(h, TG_TOPIC, note.button_data("Разъединить"), note.result["message_id"]))
    assert await h.rows("SELECT id, merged_into FROM clients ORDER BY id") == [(1, None), (2, None)]
    assert await _owned(h, 2) == owned[2]
    kept = await _owned(h, 1)
    assert set(owned[1]) <= set(kept)
    assert all(kind == "m" and row > last_before for kind, row in set(kept) - set(owned[1]))
    assert WA_TOPIC not in h.tg.closed_topics
    assert "Разъединено" in thread_texts(h, WA_TOPIC)[-1]
    found_after = (await in_topic(h, None, "/find Петров"))[-1].text
    assert "#1" in found_after and "#2" in found_after
    # Each topic answers its own client again.
    await h.feed(h.updates.in_topic(MANAGER, WA_TOPIC, text="Анне"))
    await h.feed(h.updates.in_topic(MANAGER, TG_TOPIC, text="Ивану"))
    assert wa.bodies()[-1] == "Анне"
    assert h.tg.last_to(IVAN.id).method == "copyMessage"


async def test_merge_fills_the_time_zone_with_where_it_came_from_and_unmerge_takes_it_back(
    wa: Wa,
) -> None:
    """The kept client without a zone takes the other's with its source (docs/timezones.md: a
    zone the client chose is never overwritten by a guess)."""
    h = await two_clients(wa)
    async with h.app.db.transaction() as tx:
        await tx.execute("UPDATE clients SET timezone = NULL, timezone_source = NULL WHERE id = 1")
        await tx.execute("UPDATE clients SET timezone = 'Asia/Omsk', timezone_source = 'client'"
                         " WHERE id = 2")
    await h.feed(contact(h, IVAN.id))
    [offer] = offers(h, WA_TOPIC)
    await h.feed(press_in(h, WA_TOPIC, offer.button_data("объединить"), offer.result["message_id"]))
    assert await h.rows("SELECT timezone, timezone_source FROM clients WHERE id = 1") == [
        ("Asia/Omsk", "client")]
    await in_topic(h, TG_TOPIC, "/unmerge")
    assert await h.rows("SELECT timezone, timezone_source FROM clients ORDER BY id") == [
        (None, None), ("Asia/Omsk", "client")]


async def test_the_answer_follows_the_channel_the_client_last_wrote_from(wa: Wa) -> None:
    h = await merged(wa)
    await h.say(IVAN, "Пишу из Телеграма")
    to_ivan = len(h.tg.to_chat(IVAN.id))
    await h.feed(h.updates.in_topic(MANAGER, TG_TOPIC, text="Ответ в Телеграм"))
    assert len(h.tg.to_chat(IVAN.id)) == to_ivan + 1 and h.tg.last_to(IVAN.id).method == "copyMessage"
    assert "Ответ в Телеграм" not in wa.bodies()

    await wa.say("А теперь из WhatsApp")
    await h.feed(h.updates.in_topic(MANAGER, TG_TOPIC, text="Ответ в WhatsApp"))
    assert wa.bodies()[-1] == "Ответ в WhatsApp"
    assert len(h.tg.to_chat(IVAN.id)) == to_ivan + 1
    assert await h.rows("SELECT last_channel FROM clients WHERE id = 1") == [("whatsapp",)]


async def test_a_reply_quotes_only_a_message_on_the_channel_it_goes_to(wa: Wa) -> None:
    """Message ids are counted per channel: after the merge a WhatsApp message and a Telegram
    one may share an id. Both pairs are kept, and a manager's reply quotes a message only on
    the channel the answer goes out on."""
    h = await merged(wa)
    await wa.say("Из WhatsApp")
    [(same,)] = await h.rows("SELECT client_message_id FROM message_links WHERE channel = 'whatsapp'"
                             " AND direction = 'in' ORDER BY id DESC LIMIT 1")
    update = h.updates.text(IVAN, "Из Телеграма")
    update["message"]["message_id"] = same  # Telegram's message of the same number
    await h.feed(update)
    pairs = dict(await h.rows("SELECT channel, group_message_id FROM message_links"
                              " WHERE client_message_id = ? AND direction = 'in'", same))
    assert set(pairs) == {"telegram", "whatsapp"}

    # The client wrote last from Telegram: the answer goes there. To the WhatsApp message it
    # quotes nothing (Telegram's message `same` is another one); to the Telegram one, that.
    await h.feed(h.updates.in_topic(MANAGER, TG_TOPIC, text="Про WhatsApp", reply_to=pairs["whatsapp"]))
    answer = h.tg.last_to(IVAN.id)
    assert answer.method == "copyMessage" and "reply_parameters" not in answer.params
    await h.feed(h.updates.in_topic(MANAGER, TG_TOPIC, text="Про Телеграм", reply_to=pairs["telegram"]))
    answer = h.tg.last_to(IVAN.id)
    assert answer.method == "copyMessage" and answer["reply_parameters"]["message_id"] == same


async def test_via_overrides_the_channel_and_sms_is_refused_until_it_is_set_up(wa: Wa) -> None:
    h = await merged(wa)
    await h.say(IVAN, "Пишу из Телеграма")
    [answer] = await in_topic(h, TG_TOPIC, "/via whatsapp")
    assert "whatsapp" in answer.text
    await h.say(IVAN, "Снова из Телеграма")  # /via holds wherever he writes from
    await h.feed(h.updates.in_topic(MANAGER, TG_TOPIC, text="Всё равно в WhatsApp"))
    assert wa.bodies()[-1] == "Всё равно в WhatsApp"
    [shown] = await in_topic(h, TG_TOPIC, "/via")
    assert "whatsapp" in shown.text and "telegram, whatsapp" in shown.text

    [refused] = await in_topic(h, TG_TOPIC, "/via sms")
    assert "TWILIO_SMS_FROM" in refused.text
    assert await h.rows("SELECT via FROM clients WHERE id = 1") == [("whatsapp",)]

    [back] = await in_topic(h, TG_TOPIC, "/via auto")
    assert "telegram" in back.text
    await h.feed(h.updates.in_topic(MANAGER, TG_TOPIC, text="Теперь в Телеграм"))
    assert h.tg.last_to(IVAN.id).method == "copyMessage"
    assert "Теперь в Телеграм" not in wa.bodies()


async def test_via_sms_sends_the_answers_to_the_clients_number(start: Any) -> None:
    wa = await start(twilio_sms_from=SMS_FROM)
    h = await merged(wa)
    await h.say(IVAN, "Пишу из Телеграма")
    [answer] = await in_topic(h, TG_TOPIC, "/via sms")
    assert "sms" in answer.text
    to_ivan, on_whatsapp = len(h.tg.to_chat(IVAN.id)), len(wa.bodies())
    await h.feed(h.updates.in_topic(MANAGER, TG_TOPIC, text="Перезвоню завтра"))
    assert [m.body for m in wa.twilio.sms(NUMBER)] == ["Перезвоню завтра"]
    assert len(h.tg.to_chat(IVAN.id)) == to_ivan and len(wa.bodies()) == on_whatsapp
    await in_topic(h, TG_TOPIC, "/via auto")
    await h.feed(h.updates.in_topic(MANAGER, TG_TOPIC, text="Снова в Телеграм"))
    assert h.tg.last_to(IVAN.id).method == "copyMessage"
    assert len(wa.twilio.sms(NUMBER)) == 1


async def test_via_a_channel_the_client_does_not_have_is_refused(wa: Wa) -> None:
    h = await two_clients(wa)
    [refused] = await in_topic(h, TG_TOPIC, "/via whatsapp")
    assert "нет чата в whatsapp" in refused.text
    [none] = await in_topic(h, TG_TOPIC, "/unmerge")
    assert "ни с кем не объединён" in none.text
    assert await h.rows("SELECT via FROM clients") == [(None,), (None,)]


async def test_erasing_a_merged_client_clears_both_identities(wa: Wa) -> None:
    h = await merged(wa)
    ask = (await in_topic(h, TG_TOPIC, "/forget"))[-1]
    await h.feed(press_in(h, TG_TOPIC, ask.button_data("Да, удалить"), ask.result["message_id"]))
    await settle_erasure(h)
    assert await h.rows("SELECT id, name, own_phone, phone, external_id FROM clients ORDER BY id") == [
        (1, None, None, None, "erased:1"), (2, None, None, None, "erased:2")]
    assert await h.rows("SELECT COUNT(*) FROM merge_offers") == [(0,)]
    assert await h.rows("SELECT COUNT(*) FROM wa_messages WHERE chat_id IS NOT NULL") == [(0,)]
    # Both topics were told and renamed: neither shows the name any more.
    assert h.tg.topic_names[TG_TOPIC] == "Удалённый клиент #1"
    assert h.tg.topic_names[WA_TOPIC] == "Удалённый клиент #2"


async def test_retention_leaves_a_merged_identity_to_its_kept_client(start: Any) -> None:
    wa = await start(retention="1y")
    h = await merged(wa)
    wa.clock.advance(days=800)
    erased = await wa.app.erasure.daily()
    assert erased == 1  # the kept client, and with it the other identity
    assert await h.rows("SELECT id FROM clients WHERE erased_at IS NOT NULL ORDER BY id") == [(1,), (2,)]


async def test_forged_and_stale_merge_buttons_change_nothing(wa: Wa) -> None:
    h = await two_clients(wa)
    await h.feed(contact(h, IVAN.id))
    [offer] = offers(h, TG_TOPIC)
    data, message = offer.button_data("объединить"), offer.result["message_id"]
    # From another topic, or naming what does not exist: refused in one line.
    for thread, forged in ((777, data), (TG_TOPIC, "a:people:merge.2"),
                           (TG_TOPIC, "a:people:merge.²"), (TG_TOPIC, "a:people:merge." + "9" * 30),
                           (TG_TOPIC, "a:people:unmerge.1"), (None, data),
                           (TG_TOPIC, "a:people:zz.1")):
        before = len(h.tg.calls)
        await h.feed(press_in(h, thread, forged, message))
        said = [c for c in h.tg.calls[before:] if c.method == "sendMessage"]
        assert len(said) == 1 and "устарела" in said[0].text, forged
    assert await h.rows("SELECT merged_into FROM clients ORDER BY id") == [(None,), (None,)]

    await h.feed(press_in(h, TG_TOPIC, data, message))  # the real press
    assert await h.rows("SELECT merged_into FROM clients ORDER BY id") == [(None,), (1,)]
    [again] = [c for c in await _press(h, WA_TOPIC, data, message) if c.method == "sendMessage"]
    assert "устарела" in again.text
    assert await h.rows("SELECT COUNT(*) FROM merges") == [(1,)]

    notes = await in_topic(h, TG_TOPIC, "/unmerge")  # a note in each topic
    assert sorted(c.thread_id for c in notes if "Разъединено" in c.text) == [TG_TOPIC, WA_TOPIC]
    [stale] = [c for c in await _press(h, TG_TOPIC, "a:people:unmerge.1", message)
               if c.method == "sendMessage"]
    assert "устарела" in stale.text
    assert await h.rows("SELECT merged_into FROM clients ORDER BY id") == [(None,), (None,)]


async def test_an_offer_is_stale_once_a_client_shared_another_number(wa: Wa) -> None:
    h = await two_clients(wa)
    await h.feed(contact(h, IVAN.id))
    [offer] = offers(h, TG_TOPIC)
    await h.feed(contact(h, IVAN.id, phone="79031234567"))  # a new own number since
    said = await _press(h, TG_TOPIC, offer.button_data("объединить"), offer.result["message_id"])
    assert "Не объединено" in said[-1].text
    assert await h.rows("SELECT merged_into FROM clients ORDER BY id") == [(None,), (None,)]


async def _owned(h: Harness, client: int) -> list[tuple[str, int]]:
    """The client's requests ('r') and journal entries ('m')."""
    return await h.rows("SELECT 'r', id FROM requests WHERE client_id = ? UNION ALL"
                        " SELECT 'm', id FROM messages WHERE client_id = ? ORDER BY 1, 2",
                        client, client)


async def _press(h: Harness, thread: int | None, data: str, message_id: int) -> list[Any]:
    before = len(h.tg.calls)
    await h.feed(press_in(h, thread, data, message_id))
    return h.tg.calls[before:]


ODD = ["²", "①", "٣", "-1", "9" * 40, "<b>", "{", "telegram²", "whatsapp whatsapp", "\u202e",
       "ё" * 300, "'; DROP TABLE clients; --", "SMS", "Auto", "\n", "telegramm", "viber"]


async def test_fuzzed_via_unmerge_and_people_presses_are_answered_in_one_line(
    wa: Wa, caplog: pytest.LogCaptureFixture
) -> None:
    h = await merged(wa)
    rng = random.Random(2532)
    caplog.set_level(logging.ERROR)
    for _ in range(40):
        args = " ".join(rng.choice(ODD) for _ in range(rng.randint(0, 3)))
        thread = rng.choice([TG_TOPIC, WA_TOPIC, None, 999])
        command = rng.choice(["via", "unmerge"])
        said = await in_topic(h, thread, f"/{command} {args}".strip())
        assert len(said) <= 2 and said, (command, args, thread)  # unmerge: a note in each topic
        assert all("Traceback" not in (c.text or "") for c in said)
        data = f"a:people:{rng.choice(['merge', 'unmerge', '', 'x'])}.{rng.choice(ODD)}"[:64]
        pressed = [c for c in await _press(h, thread, data, 1) if c.method == "sendMessage"]
        assert len(pressed) == 1 and "устарела" in pressed[0].text, data
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
