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
