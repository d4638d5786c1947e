"""WhatsApp inbound: senders handled at once, each sender's messages in order."""

from __future__ import annotations

import asyncio

from twilio.request_validator import RequestValidator

from tests.steps import AUTH, PUBLIC, Wa, intake

BORIS = "whatsapp:+79035550101"
WAIT = 10.0


async def post_only(wa: Wa, form: dict[str, str]) -> None:
    """Deliver as Twilio does and return once accepted (not once handled)."""
    path = "/twilio/whatsapp"
    headers = {"X-Twilio-Signature": RequestValidator(AUTH).compute_signature(PUBLIC + path, form)}
    async with wa.session.post(wa.base + path, data=form, headers=headers) as answer:
        assert answer.status == 200


async def test_a_slow_sender_holds_only_their_own_messages(wa: Wa) -> None:
    await intake(wa)
    url = wa.twilio.add_media(b"\x89PNG-big-photo", "image/png")
    release = wa.twilio.hold_media(url)
    await post_only(wa, wa.form("вот фото", NumMedia="1", MediaUrl0=url, MediaContentType0="image/png"))
    await asyncio.wait_for(wa.twilio.fetching.wait(), WAIT)  # Anna's photo is downloading...
    await post_only(wa, wa.form("и ещё вопрос"))
    await post_only(wa, wa.form("Здравствуйте", sender=BORIS, ProfileName="Борис"))

    async with asyncio.timeout(WAIT):  # ...and Boris, a new client, is greeted meanwhile
        while not wa.twilio.to(BORIS):
            await wa.twilio.next_message()
    assert "и ещё вопрос" not in wa.topic_texts()  # Anna's next waits for her photo
    release.set()
    await wa.app.settle()
    topic = wa.topic()
    photo = next(n for n, call in enumerate(topic) if call.method == "sendPhoto")
    question = next(n for n, call in enumerate(topic) if call.get("text") == "и ещё вопрос")
    assert photo < question


async def test_a_stuck_sender_with_a_flood_behind_does_not_stop_the_others(wa: Wa) -> None:
    """Anna's photo never finishes downloading and she writes 70 more messages: Boris, who
    writes after all of them, is still answered; Anna's wait, in order."""
    await intake(wa)
    url = wa.twilio.add_media(b"\x89PNG-never-arrives", "image/png")
    release = wa.twilio.hold_media(url)
    await post_only(wa, wa.form("фото", NumMedia="1", MediaUrl0=url, MediaContentType0="image/png"))
    flood = [f"ещё {n}" for n in range(70)]
    for text in flood:
        await post_only(wa, wa.form(text))
    await post_only(wa, wa.form("Здравствуйте", sender=BORIS, ProfileName="Борис"))

    async with asyncio.timeout(WAIT):
        while not wa.twilio.to(BORIS):
            await wa.twilio.next_message()
    assert not any(text in wa.topic_texts() for text in flood)
    release.set()
    await wa.app.settle()
    assert [text for text in wa.topic_texts() if text.startswith("ещё")] == flood


async def test_a_stuck_message_is_timed_out_kept_and_its_sender_goes_on(start) -> None:
    wa = await start(update_timeout="0.3s")
    await intake(wa)
    url = wa.twilio.add_media(b"\x89PNG-late", "image/png")
    release = wa.twilio.hold_media(url)
    await post_only(wa, wa.form("фото", NumMedia="1", MediaUrl0=url, MediaContentType0="image/png"))
    await post_only(wa, wa.form("а это после фото"))
    async with asyncio.timeout(WAIT):  # the photo's attempt was given up: her next goes on
        while "а это после фото" not in wa.topic_texts():
            await wa.tg.wait_for_call()
    assert await wa.rows("SELECT attempts, processed_at, dead_at FROM wa_messages"
                         " WHERE params LIKE '%MediaUrl0%'") == [(1, None, None)]
    release.set()  # the network is back: the retry brings the photo, once
    wa.clock.advance(minutes=1)
    await wa.app.retry_kept()
    await wa.app.settle()
    assert [call.method for call in wa.topic()].count("sendPhoto") == 1
    assert await wa.rows("SELECT COUNT(*) FROM wa_messages WHERE direction = 'in'"
                         " AND processed_at IS NULL") == [(0,)]
