"""The parts of SMS around the round trip (test_sms.py): segments counted as the networks bill
them, the opt-out words, the setting checked at start, a WhatsApp client reached by SMS outside
its window, a message `via` SMS for another channel's client, `/book` with odd phones."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import ConfigError, load_settings
from bot.delivery import Unreachable
from domain import Channel, Reply
from domain.sms import cheapest, cut, measure, pieces, word
from storage import clients
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import ANNA, GROUP, IVAN, MANAGER, SMS_FROM, TOKEN, TOPIC, Harness, Wa, topic_texts
from tests.steps_workshop import HOURS
from tests.steps_workshop import start as workshop_app

# -- segments -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "gsm", "units", "segments"), [
    ("a" * 160, True, 160, 1),
    ("a" * 161, True, 161, 2),
    ("a" * 306, True, 306, 2),
    ("a" * 307, True, 307, 3),
    ("€" * 80, True, 160, 1),  # the extension table: two units each
    ("[]" * 41, True, 164, 2),
    ("я" * 70, False, 70, 1),
    ("я" * 71, False, 71, 2),
    ("я" * 134, False, 134, 2),
    ("я" * 135, False, 135, 3),
    ("a" * 159 + "я", False, 160, 3),  # one Cyrillic letter makes it all UCS-2
    ("🚗" * 35, False, 70, 1),  # an emoji is two UTF-16 units
    ("🚗" * 36, False, 72, 2),
])
def test_segments_as_the_networks_count_them(text: str, gsm: bool, units: int, segments: int) -> None:
    assert measure(text) == (measure(text).__class__(gsm, units, segments))


def test_a_latin_text_drops_typography_that_would_make_it_ucs2() -> None:
    plain = 'Reply with a digit: 1 - Confirm, "yes"...'
    assert cheapest("Reply with a digit: 1\u00a0— Confirm, «yes»…") == plain
    assert cheapest("Ответьте цифрой: 1\u00a0— Да") == "Ответьте цифрой: 1\u00a0— Да"  # UCS-2 anyway


@given(st.text(alphabet="абвгд ежз,.\nabc€[😀", max_size=900))
def test_cut_and_pieces_keep_every_sms_within_two_segments(text: str) -> None:
    assert measure(cut(text)).segments <= 2
    parts = pieces(text)
    assert all(measure(part).segments <= 2 for part in parts)
    assert "".join("".join(part.split()) for part in parts) == "".join(text.split())


@pytest.mark.parametrize(("said", "meant"), [
    ("STOP", "stop"), (" stop ", "stop"), ("Стоп!", "stop"), ("СТОП", "stop"), ("unsubscribe", "stop"),
    ("START", "start"), ("старт", "start"), ("stop it please", None), ("1", None), ("", None),
])
def test_the_opt_out_and_opt_in_words(said: str, meant: str | None) -> None:
    assert word(said) == meant


# -- the setting ----------------------------------------------------------------------------

TWILIO = {"twilio_account_sid": "AC" + "1" * 32, "twilio_auth_token": "token",
          "twilio_whatsapp_from": "whatsapp:+14155238886", "public_url": "https://bot.example.com"}


@pytest.mark.parametrize("sender", ["+15005550006", "MG" + "0123456789abcdef" * 2])
def test_the_sms_sender_is_a_number_or_a_messaging_service(sender: str) -> None:
    settings = load_settings(_env_file=None, bot_token=TOKEN, manager_chat_id=GROUP,
                             twilio_sms_from=sender, **TWILIO)
    assert settings.sms_enabled and settings.twilio_sms_from == sender


@pytest.mark.parametrize("sender", ["15005550006", "+1 500 555 0006", "whatsapp:+15005550006",
                                    "MG123", "+0123456", "+١٥٠٠٥٥٥٠٠٠٦"])
def test_a_malformed_sms_sender_is_named_in_one_line(sender: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(_env_file=None, bot_token=TOKEN, manager_chat_id=GROUP,
                      twilio_sms_from=sender, **TWILIO)
    assert str(error.value).startswith("Setting TWILIO_SMS_FROM is malformed: expected the SMS")
    assert "\n" not in str(error.value) and sender not in str(error.value)


def test_an_sms_sender_without_the_twilio_account_stops_the_start() -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(_env_file=None, bot_token=TOKEN, manager_chat_id=GROUP,
                      twilio_sms_from="+15005550006")
    assert "TWILIO_SMS_FROM is set but the Twilio account is not" in str(error.value)
    off = load_settings(_env_file=None, bot_token=TOKEN, manager_chat_id=GROUP, **TWILIO)
    assert not off.sms_enabled


# -- a WhatsApp client outside the 24-hour window -------------------------------------------


@pytest.fixture
def start_wa(start: Any) -> Any:
    """The app with WhatsApp (conftest's `start`), named apart from the workshop's own start."""
    return start



async def test_a_whatsapp_client_outside_the_window_gets_the_reminder_by_sms(start_wa: Any) -> None:
    wa: Wa = await start_wa(workshop_hours=HOURS, contact_hours="00:00-24:00",
                            twilio_sms_from=SMS_FROM)
    await wa.say("Здравствуйте")
    await wa.manager("/book 26.11 10:00 ТО")  # Thursday: reminded on Wednesday, 46 h on
    whatsapp = len(wa.sent())
    wa.clock.advance(hours=47)
    assert wa.app.workshop is not None
    await wa.app.workshop.tick()
    await wa.app.settle()
    assert len(wa.sent()) == whatsapp  # not on WhatsApp: its window is closed, no template
    (reminder,) = wa.texts("+79161234567")
    assert reminder.startswith("CarCare: ждём вас в сервисе чт, 26 ноября, 10:00.")
    assert wa.twilio.sms()[0].params["From"] == SMS_FROM
    await wa.text("1", number="+79161234567")  # answered by SMS: the WhatsApp client's own
    assert await wa.rows("SELECT status FROM ws_bookings") == [("confirmed",)]
    assert await wa.rows("SELECT channel FROM clients") == [("whatsapp",)]
    assert not any("Не отправлено клиенту" in text for text in wa.topic_texts())


async def test_without_sms_the_whatsapp_reminder_is_held_as_before(start_wa: Any) -> None:
    wa: Wa = await start_wa(workshop_hours=HOURS, contact_hours="00:00-24:00")
    await wa.say("Здравствуйте")
    await wa.manager("/book 26.11 10:00 ТО")
    wa.clock.advance(hours=47)
    assert wa.app.workshop is not None
    await wa.app.workshop.tick()
    await wa.app.settle()
    assert wa.twilio.sms() == []
    assert any("Не отправлено клиенту" in text for text in wa.topic_texts())
    assert len(wa.sent(ANNA)) >= 1


# -- `via` SMS, for /via sms -----------------------------------------------------------------


async def test_a_message_via_sms_reaches_another_channels_client_by_their_number(start_wa: Any) -> None:
    wa: Wa = await start_wa(twilio_sms_from=SMS_FROM)
    await wa.app.feed(wa.updates.text(IVAN, "Здравствуйте"))
    await wa.app.settle()
    app = wa.app
    async with app.db.transaction() as tx:
        ivan = await clients.by_identity(tx, Channel.TELEGRAM, str(IVAN.id))
        assert ivan is not None
        with pytest.raises(Unreachable):  # no number known yet
            await app.outbox.to_client(tx, ivan, Reply("Позвоните нам"), via=Channel.SMS)
        await tx.execute("UPDATE clients SET phone = '+79035550101' WHERE id = ?", (ivan.id,))
        ivan = await clients.get(tx, ivan.id)
        assert ivan is not None and app.outbox.address(ivan, Channel.SMS) == "+79035550101"
        await app.outbox.to_client(tx, ivan, Reply("<b>Позвоните</b> нам"), via=Channel.SMS)
    await app.settle()
    assert wa.texts("+79035550101") == ["Позвоните нам"]


async def test_via_sms_is_unreachable_while_sms_is_off(start_wa: Any) -> None:
    wa: Wa = await start_wa()
    await wa.say("Здравствуйте")
    async with wa.app.db.transaction() as tx:
        anna = await clients.by_identity(tx, Channel.WHATSAPP, "79161234567")
        assert anna is not None and wa.app.outbox.address(anna, Channel.SMS) is None
        with pytest.raises(Unreachable):
            await wa.app.outbox.to_client(tx, anna, Reply("…"), via=Channel.SMS)


# -- /book with odd phones -------------------------------------------------------------------

ODD_PHONES = ["+7 916 555-12-34", "8 (916) 555-12-34", "+79165551234", "+7 916 555²", "+٧٩١٦٥٥٥١٢٣٤",
              "9" * 40, "+0000000", "12345678", "+1 (", "+7-916-555-12-34-99-99-99", "00 7 916 5551234"]
ODD_REST = ["25.11 10:00 ТО", "25.11 10:00", "31.12.9999 10:00 ТО", "25.11 25:00 ТО", "", "ТО",
            "25.11 10:00 Нет-такого", "2⁵.11 10:00 ТО"]


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> Any:
    harness = await workshop_app(tg, clock, db_path)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def test_book_by_phone_with_odd_input_is_answered_in_one_line(h: Harness) -> None:
    rng = random.Random(20261208)
    for _ in range(40):
        command = f"/book {rng.choice(ODD_PHONES)} {rng.choice(ODD_REST)}".strip()
        before = len(topic_texts(h, None))
        await h.feed(h.updates.in_topic(MANAGER, None, text=command))
        answers = topic_texts(h, None)[before:]
        assert answers, f"no answer to {command!r}"
        assert all("Traceback" not in a for a in answers)
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]
    assert await h.rows("SELECT COUNT(*) FROM clients") == [(0,)]  # no odd number made a client
    for spelling, hour in (("+7 916 555-12-34", 10), ("8 (916) 555-12-34", 11), ("+79165551234", 12)):
        await h.feed(h.updates.in_topic(MANAGER, None, text=f"/book {spelling} 25.11 {hour}:00 ТО"))
    booked = await h.rows("SELECT c.external_id, COUNT(*) FROM ws_bookings b JOIN clients c"
                          " ON c.id = b.client_id GROUP BY c.id")
    assert booked == [("+79165551234", 3)]  # every spelling of the one number is one client


async def test_book_by_phone_finds_the_client_who_has_it(h: Harness) -> None:
    await h.say(IVAN, "Здравствуйте")
    async with h.app.db.transaction() as tx:
        await tx.execute("UPDATE clients SET phone = '+79165551234'")
    await h.feed(h.updates.in_topic(MANAGER, None, text="/book 8 916 555-12-34 25.11 10:00 ТО"))
    assert await h.rows("SELECT channel FROM clients") == [("telegram",)]
    assert await h.rows("SELECT COUNT(*) FROM ws_bookings") == [(1,)]
    assert any("Вы записаны" in text for text in h.texts_to(IVAN))
    assert any("Записали клиента" in t for t in topic_texts(h, TOPIC))
