"""WhatsApp clients through Twilio: signed webhooks in, the Twilio REST API out (both faked
on 127.0.0.1), the real app, dispatcher, outbox and SQLite in between."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from twilio.request_validator import RequestValidator

from bot.app import CarCareApp, StartupError
from bot.config import ConfigError, load_settings
from tests.fakes.telegram import FakeTelegram
from tests.fakes.twilio import FakeTwilio
from tests.steps import (
    ANNA,
    AUTH,
    GROUP,
    PUBLIC,
    RU_ANSWERS,
    SENDER,
    SID,
    TOKEN,
    TOPIC,
    WA_ANSWERS,
    Wa,
    intake,
    wa_settings,
)

# -- intake -------------------------------------------------------------------------------


async def test_first_message_greets_with_numbered_menu(wa: Wa) -> None:
    assert await wa.say("Здравствуйте") == 200
    greeting = wa.bodies()[0]
    assert greeting.startswith("Здравствуйте, Анна!")
    assert "1. 🚗 Новая заявка на подбор" in greeting and "4. ✍️ Пожелание или критика" in greeting
    assert "5. 🔒 О моих данных" in greeting
    assert "Ответьте цифрой (1, 2, 3, 4 или 5) или напишите вариант словами" in greeting
    assert "<b>" not in greeting and "&" not in greeting
    assert all(m.params["From"] == SENDER for m in wa.sent())
    assert all(m.params["StatusCallback"] == PUBLIC + "/twilio/status" for m in wa.sent())
    client = await wa.rows("SELECT channel, external_id, chat_id, name FROM clients")
    assert client == [("whatsapp", "79161234567", ANNA, "Анна")]


async def test_intake_by_numbers(wa: Wa) -> None:
    await wa.say("Здравствуйте")
    await wa.say("1")
    assert "Вопрос 1 из 11" in wa.bodies()[-1]
    for _, text in WA_ANSWERS:
        await wa.say(text)
    options = wa.bodies()[-1]
    assert "Когда вам удобнее" in options
    number = next(line.split(".")[0] for line in options.splitlines() if "Вечером" in line)
    await wa.say(number)
    summary = wa.bodies()[-1]
    assert "Проверьте заявку" in summary and "Вечером" in summary and "1. ✅ Всё верно" in summary
    await wa.say("1")
    assert "Заявка №\u00a01 принята" in wa.bodies()[-2]
    assert await wa.rows("SELECT car, city, stage FROM requests") == [("Toyota RAV4", "Москва", "new")]
    assert await wa.rows("SELECT contact_time, topic_id FROM clients") == [("evening", TOPIC)]
    card = [c for c in wa.topic() if "Заявка №\u00a01" in (c.text or "")]
    assert card and "whatsapp" in card[-1].text


async def test_a_whatsapp_client_is_not_asked_for_their_number(wa: Wa) -> None:
    await intake(wa)
    assert not any("Телефон для связи" in body for body in wa.bodies())
    assert await wa.rows("SELECT phone FROM clients") == [("+79161234567",)]  # from WhatsApp
    assert "+79161234567" in next(b for b in wa.bodies() if "Проверьте заявку" in b)


async def test_intake_by_words(wa: Wa) -> None:
    await wa.say("Здравствуйте")
    await wa.say("Новая заявка")
    assert "Вопрос 1 из 11" in wa.bodies()[-1]
    for _, text in RU_ANSWERS[:4]:
        await wa.say(text)
    await wa.say("пропустить")  # must-haves: the Skip option, by its word
    assert "Вопрос 6 из 11" in wa.bodies()[-1]
    await wa.say("назад")
    assert "Вопрос 5 из 11" in wa.bodies()[-1]
    for _, text in WA_ANSWERS[4:]:
        await wa.say(text)
    await wa.say("В любое время")
    await wa.say("✅ Всё верно, отправить")
    assert await wa.rows("SELECT contact_time FROM clients") == [("any",)]
    assert await wa.rows("SELECT COUNT(*) FROM requests") == [(1,)]


async def test_text_that_is_no_option_is_an_ordinary_message(wa: Wa) -> None:
    await wa.say("Здравствуйте")
    await wa.say("7")  # four options only: relayed to the topic as written
    assert "7" in wa.topic_texts()


# -- relay --------------------------------------------------------------------------------


async def test_client_text_and_photo_reach_the_topic(wa: Wa) -> None:
    await intake(wa)
    wa.tg.clear()
    await wa.say("Есть вопрос по срокам")
    assert wa.topic_texts()[-1] == "Есть вопрос по срокам"
    url = wa.twilio.add_media(b"\x89PNG-client-photo", "image/png")
    await wa.say("вот такую хочу", NumMedia="1", MediaUrl0=url, MediaContentType0="image/png")
    photo = wa.topic()[-1]
    assert photo.method == "sendPhoto" and photo["caption"] == "вот такую хочу"
    assert wa.tg.uploads[-1][1] == b"\x89PNG-client-photo"
    assert list(wa.twilio.media_fetches.values()) == [1]  # fetched once, with the account's auth
    links = await wa.rows("SELECT direction FROM message_links")
    assert links.count("in") == 0 and ("in",) in links


async def test_client_document_and_location(wa: Wa) -> None:
    await intake(wa)
    wa.tg.clear()
    url = wa.twilio.add_media(b"%PDF-1.7", "application/pdf")
    await wa.say("", NumMedia="1", MediaUrl0=url, MediaContentType0="application/pdf")
    assert wa.topic()[-1].method == "sendDocument" and wa.tg.uploads[-1] == ("document-1.pdf", b"%PDF-1.7")
    await wa.say("", Latitude="55.751", Longitude="37.618", Address="Красная площадь")
    assert "55.751,37.618" in wa.topic_texts()[-1] and "Красная площадь" in wa.topic_texts()[-1]


async def test_manager_text_and_photo_reach_the_client(wa: Wa) -> None:
    await intake(wa)
    await wa.manager("Нашли два варианта, завтра пришлю отчёт")
    assert wa.bodies()[-1] == "Нашли два варианта, завтра пришлю отчёт"
    wa.tg.files["photo-id"] = b"JPEG-manager-photo"
    await wa.manager(kind="photo")
    media = wa.sent()[-1].media_urls
    assert len(media) == 1 and media[0].startswith(PUBLIC + "/media/")
    assert await wa.get(media[0]) == (200, b"JPEG-manager-photo")
    assert len(media[0].split("/")[4]) >= 40  # unguessable


async def test_manager_album_becomes_several_media_messages(wa: Wa) -> None:
    await intake(wa)
    for n in range(3):
        wa.tg.files["photo-id"] = f"photo {n}".encode()
        await wa.manager(kind="photo")
    album = wa.sent()[-3:]
    assert all(len(m.media_urls) == 1 for m in album)
    assert [(await wa.get(m.media_urls[0]))[1] for m in album] == [b"photo 0", b"photo 1", b"photo 2"]


async def test_long_manager_text_is_split(wa: Wa) -> None:
    await intake(wa)
    before = len(wa.sent())
    await wa.manager(" ".join(["слово"] * 600))  # 3599 characters
    parts = wa.sent()[before:]
    assert len(parts) == 3 and all(len(m.body) <= 1600 for m in parts)
    assert " ".join(m.body for m in parts) == " ".join(["слово"] * 600)


async def test_manager_reply_routes_to_the_clients_message_pair(wa: Wa) -> None:
    await intake(wa)
    await wa.say("Когда будет отчёт?")
    relayed = wa.topic()[-1].result["message_id"]
    await wa.manager("Завтра", reply_to=relayed)
    assert wa.bodies()[-1] == "Завтра"
    client_twin = await wa.rows("SELECT direction FROM message_links WHERE group_message_id = ?", relayed)
    assert client_twin == [("in",)]


# -- signatures and duplicates --------------------------------------------------------------


async def test_forged_and_missing_signatures_are_refused(wa: Wa) -> None:
    assert await wa.post("/twilio/whatsapp", wa.form("привет"), signature=None) == 403
    assert await wa.post("/twilio/whatsapp", wa.form("привет"), signature="Zm9yZ2Vk") == 403
    tampered = wa.form("привет")
    good = RequestValidator(AUTH).compute_signature(PUBLIC + "/twilio/whatsapp", tampered)
    tampered["Body"] = "подмена"
    assert await wa.post("/twilio/whatsapp", tampered, signature=good) == 403
    other_key = RequestValidator("another-token").compute_signature(PUBLIC + "/twilio/whatsapp", wa.form())
    assert await wa.post("/twilio/whatsapp", wa.form(), signature=other_key) == 403
    status = {"MessageSid": "SM1", "MessageStatus": "failed", "ErrorCode": "30008"}
    assert await wa.post("/twilio/status", status, signature=None) == 403
    assert await wa.rows("SELECT COUNT(*) FROM wa_messages") == [(0,)]
    assert await wa.rows("SELECT COUNT(*) FROM clients") == [(0,)]
    assert wa.twilio.messages == []


async def test_messaging_service_parameters_are_accepted(start) -> None:
    wa = await start(twilio_messaging_service_sid="MG" + "2" * 32)
    form = wa.form("Здравствуйте", To="whatsapp:+14155550000", MessagingServiceSid="MG" + "2" * 32,
                   ChannelMetadata='{"type":"whatsapp","data":{"context":{"ProfileName":"Анна"}}}')
    assert await wa.post("/twilio/whatsapp", form) == 200
    assert wa.bodies()[0].startswith("Здравствуйте, Анна!")
    sent = wa.sent()[0].params
    assert sent["MessagingServiceSid"] == "MG" + "2" * 32 and "From" not in sent


async def test_a_sender_without_a_phone_number_is_known_by_its_id(wa: Wa) -> None:
    form = wa.form("Hello", sender="whatsapp:user.8f3a2b")
    del form["WaId"]
    assert await wa.post("/twilio/whatsapp", form) == 200
    identities = await wa.rows("SELECT external_id, chat_id FROM clients")
    assert identities == [("user.8f3a2b", "whatsapp:user.8f3a2b")]
    assert wa.sent("whatsapp:user.8f3a2b")


async def test_duplicate_message_sid_is_acknowledged_and_handled_once(wa: Wa) -> None:
    await intake(wa)
    form = wa.form("Один раз")
    assert await wa.post("/twilio/whatsapp", form) == 200
    assert await wa.post("/twilio/whatsapp", form) == 200
    assert wa.topic_texts().count("Один раз") == 1
    assert await wa.rows("SELECT COUNT(*) FROM wa_messages WHERE sid = ?", form["MessageSid"]) == [(1,)]


async def test_health_check_and_webhook_never_show_a_traceback(wa: Wa) -> None:
    status, body = await wa.get(PUBLIC + "/healthz")
    assert status == 200 and b"ok" in body
    form = {"AccountSid": SID}  # signed, but no MessageSid or From
    assert await wa.post("/twilio/whatsapp", form) == 400
    async with wa.session.post(wa.base + "/twilio/whatsapp", data=b"\xff\xfe", headers={
        "Content-Type": "application/x-www-form-urlencoded"}) as answer:
        text = await answer.text()
    assert answer.status in (400, 403) and "Traceback" not in text


# -- the 24-hour window -----------------------------------------------------------------------


async def test_manager_text_outside_the_window_is_held_and_the_manager_told(wa: Wa) -> None:
    await intake(wa)
    wa.clock.advance(hours=25)
    before = len(wa.sent())
    update = await wa.manager("Машина готова, когда удобно забрать?")
    assert len(wa.sent()) == before
    note = wa.topic()[-1]
    assert "Не отправлено клиенту" in note.text and "24 час" in note.text
    assert "не уйдёт и позже" in note.text and "/call" in note.text  # plainly, and what to do
    assert note["reply_parameters"]["message_id"] == update["message"]["message_id"]
    # The client writes again: the window opens and the next message goes.
    await wa.say("Я тут")
    await wa.manager("Отлично, завтра в 10?")
    assert wa.bodies()[-1] == "Отлично, завтра в 10?"


async def test_stage_news_outside_the_window_without_a_template_is_held(wa: Wa) -> None:
    await intake(wa)
    wa.clock.advance(hours=30)
    before = len(wa.sent())
    await wa.manager("/stage searching смотрим три варианта")
    assert len(wa.sent()) == before
    assert any("новость по сделке" in text and "шаблон" in text for text in wa.topic_texts())


async def test_stage_news_outside_the_window_goes_as_its_template(start) -> None:
    wa = await start(twilio_template_deal_news="HX" + "a" * 32)
    await intake(wa)
    wa.clock.advance(hours=30)
    await wa.manager("/stage searching смотрим три варианта")
    template = wa.sent()[-1].params
    assert template["ContentSid"] == "HX" + "a" * 32 and "Body" not in template
    variables = template["ContentVariables"]
    assert '"1": "Анна"' in variables or '"1": "Иван Петров"' in variables
    assert "смотрим три варианта" in template["ContentVariables"]
    assert "\\n" not in template["ContentVariables"]


async def test_a_managers_text_outside_the_window_goes_as_the_deal_news_template(start) -> None:
    wa = await start(twilio_template_deal_news="HX" + "a" * 32)
    await intake(wa)
    wa.clock.advance(hours=30)
    await wa.manager("Машина готова, когда удобно забрать?")
    template = wa.sent()[-1].params
    assert template["ContentSid"] == "HX" + "a" * 32 and "Body" not in template
    assert "Машина готова" in template["ContentVariables"]
    assert not any("Не отправлено" in text for text in wa.topic_texts())


async def test_inside_the_window_stage_news_is_free_text(start) -> None:
    wa = await start(twilio_template_deal_news="HX" + "a" * 32)
    await intake(wa)
    await wa.manager("/stage searching смотрим три варианта")
    assert "ContentSid" not in wa.sent()[-1].params
    assert "смотрим три варианта" in wa.bodies()[-1]


# -- surveys ----------------------------------------------------------------------------------


async def handed_over(wa: Wa) -> None:
    await intake(wa)
    await wa.manager("/handover")
    wa.clock.advance(days=7)
    await wa.app.followups.tick()
    await wa.app.settle()


async def test_survey_by_template_then_answered_by_numbers(start) -> None:
    wa = await start(twilio_template_survey="HX" + "b" * 32)
    await handed_over(wa)
    template = wa.sent()[-1].params
    assert template["ContentSid"] == "HX" + "b" * 32
    before = len(wa.sent())
    await wa.say("Да, давайте")  # the answer opens the window: the first question follows
    assert "качество автомобиля" in wa.bodies()[-1] and "1. 1" in wa.bodies()[-1]
    assert len(wa.sent()) == before + 1
    for score in ["5", "4", "5", "5", "3", "5", "5", "5"]:
        await wa.say(score)
    nps = wa.bodies()[-1]
    assert "1. 0" in nps and "11. 10" in nps
    await wa.say("10")  # the option labelled 10, not the tenth option
    await wa.say("Всё отлично, спасибо!")
    survey = await wa.rows("SELECT car_quality, expectations, price, nps, comment,"
                           " completed_at IS NOT NULL FROM surveys")
    assert survey == [(5, 4, 3, 10, "Всё отлично, спасибо!", 1)]


async def test_survey_outside_the_window_without_a_template_is_held_once(wa: Wa) -> None:
    await handed_over(wa)
    held = [t for t in wa.topic_texts() if "опрос" in t and "Не отправлено" in t]
    assert len(held) == 1
    assert not any("качество автомобиля" in body for body in wa.bodies())


# -- delivery status --------------------------------------------------------------------------


async def test_failed_status_is_reported_in_the_topic_once(wa: Wa) -> None:
    await intake(wa)
    update = await wa.manager("Отчёт готов")
    sid = wa.sent()[-1].sid
    form = {"MessageSid": sid, "MessageStatus": "undelivered", "ErrorCode": "63016",
            "AccountSid": SID, "To": ANNA, "From": SENDER}
    assert await wa.post("/twilio/status", form) in (200, 204)
    assert await wa.post("/twilio/status", form) in (200, 204)
    notes = [c for c in wa.topic() if "63016" in (c.text or "")]
    assert len(notes) == 1
    assert notes[0]["reply_parameters"]["message_id"] == update["message"]["message_id"]
    status = await wa.rows("SELECT status, error_code FROM wa_messages WHERE sid = ?", sid)
    assert status == [("undelivered", "63016")]


async def test_delivered_status_is_recorded_quietly(wa: Wa) -> None:
    await intake(wa)
    await wa.manager("Отчёт готов")
    sid = wa.sent()[-1].sid
    before = len(wa.topic())
    assert await wa.post("/twilio/status", {"MessageSid": sid, "MessageStatus": "delivered"}) in (200, 204)
    assert len(wa.topic()) == before
    assert await wa.rows("SELECT status FROM wa_messages WHERE sid = ?", sid) == [("delivered",)]


async def test_twilio_errors_retry_or_report(wa: Wa) -> None:
    await intake(wa)
    wa.twilio.fail(500, 20500, "Internal Server Error")
    await wa.manager("Первое")
    first = await wa.rows("SELECT status, attempts FROM outbox WHERE payload LIKE '%Первое%'")
    assert first == [("pending", 1)]
    wa.clock.advance(seconds=10)
    wa.app.outbox.wake()
    await wa.app.settle()
    assert wa.bodies()[-1] == "Первое"
    wa.twilio.fail(400, 21211, "Invalid 'To' Phone Number")
    await wa.manager("Второе")
    assert any("21211" in t and "Не доставлено" in t for t in wa.topic_texts())


# -- media URLs ---------------------------------------------------------------------------------


async def test_media_urls_expire(wa: Wa) -> None:
    await intake(wa)
    wa.tg.files["doc-id"] = b"%PDF report"
    await wa.manager(kind="document")
    url = wa.sent()[-1].media_urls[0]
    assert url.endswith("/inspection.pdf")
    assert await wa.get(url) == (200, b"%PDF report")
    wa.clock.advance(minutes=61)
    assert (await wa.get(url))[0] == 404
    assert (await wa.get(PUBLIC + "/media/guess/inspection.pdf"))[0] == 404


# -- configuration ------------------------------------------------------------------------------


def test_half_configured_twilio_stops_start_up_with_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as problem:
        load_settings(_env_file=None, bot_token=TOKEN, manager_chat_id=GROUP,
                      twilio_account_sid=SID, public_url=PUBLIC)
    message = str(problem.value)
    assert "\n" not in message
    assert "TWILIO_AUTH_TOKEN" in message and "TWILIO_WHATSAPP_FROM" in message
    assert "TWILIO_ACCOUNT_SID" not in message
    with pytest.raises(ConfigError) as problem:
        load_settings(_env_file=None, bot_token=TOKEN, manager_chat_id=GROUP,
                      twilio_account_sid=SID, twilio_auth_token=AUTH, twilio_whatsapp_from=SENDER)
    assert "PUBLIC_URL" in str(problem.value) and AUTH not in str(problem.value)


async def test_start_up_checks_the_twilio_account(wa: Wa) -> None:
    assert wa.twilio.account_fetches == 1
    assert wa.twilio.refused_auth == 0  # the check (and everything since) was let in
    assert wa.twilio.messages == []  # and it sent nothing


@pytest.mark.parametrize(
    ("setup", "extra", "expected"),
    [
        (lambda twilio: None, {"twilio_auth_token": "a-token-twilio-never-issued"},
         "TWILIO_ACCOUNT_SID or TWILIO_AUTH_TOKEN was rejected by Twilio"),
        (lambda twilio: setattr(twilio, "account_status", "suspended"), {},
         f"The Twilio account {SID} is suspended"),
        (lambda twilio: None, {"twilio_api_url": "http://127.0.0.1:9"},
         "Cannot reach the Twilio API at http://127.0.0.1:9"),
    ],
)
async def test_a_twilio_account_that_cannot_send_stops_start_up(
    tg: FakeTelegram, twilio: FakeTwilio, tmp_path: Path, setup, extra, expected
) -> None:
    setup(twilio)
    app = CarCareApp(wa_settings(tg, twilio, tmp_path / "db.sqlite3", **extra))
    try:
        with pytest.raises(StartupError, match=expected) as problem:
            await app.start()
        assert "a-token-twilio-never-issued" not in str(problem.value)
        assert AUTH not in str(problem.value)
    finally:
        await app.stop()


def test_without_twilio_settings_whatsapp_is_off(tmp_path: Path) -> None:
    settings = load_settings(_env_file=None, bot_token=TOKEN, manager_chat_id=GROUP)
    assert not settings.whatsapp_enabled and not settings.http_enabled


def test_locale_files_have_the_same_keys() -> None:
    from bot.i18n import Translator

    t = Translator("ru")
    assert t.keys("ru") == t.keys("en")


# -- reports --------------------------------------------------------------------------------------

REPORT = """/report Toyota RAV4, 2019
Цена: 1 450 000 ₽
+ один владелец
- скол на лобовом стекле
Вердикт: рекомендую"""


async def test_report_with_photo_reaches_the_client_and_is_answered_by_number(wa: Wa) -> None:
    await intake(wa)
    await wa.manager(REPORT)
    wa.tg.files["photo-id"] = b"JPEG report photo"
    await wa.manager(kind="photo")
    before = len(wa.sent())
    wa.clock.advance(seconds=21)
    wa.app.outbox.wake()
    await wa.app.settle()
    photo, card = wa.sent()[before:]
    assert await wa.get(photo.media_urls[0]) == (200, b"JPEG report photo")
    assert "Toyota RAV4" in card.body and "1. 👍 Интересно" in card.body
    await wa.say("1")
    assert await wa.rows("SELECT reaction FROM reports") == [("interested",)]


async def test_client_commands_typed_on_whatsapp(wa: Wa) -> None:
    """The commands a Telegram client has work typed on WhatsApp (one list serves both)."""
    await wa.say("Здравствуйте")
    await wa.say("/new")
    assert "Вопрос 1 из 11" in wa.bodies()[-1]
    await wa.say("/cancel")
    await wa.say("/START")
    assert wa.bodies()[-1].startswith("Здравствуйте, Анна!")
    sent = len(wa.bodies())
    await wa.say("/help")
    assert len(wa.bodies()) == sent + 1
    assert not any("/new" in text or "/help" in text for text in wa.topic_texts())
    await wa.say("/nosuchcommand")  # not a command of ours: relayed as written
    assert any("/nosuchcommand" in text for text in wa.topic_texts())


async def test_options_stored_by_the_previous_version_still_answer(wa: Wa) -> None:
    """Numbered options already stored when this version starts (as the previous one wrote
    them) read through the same codec as Telegram's buttons: one still counts, one that reads
    as no press any more answers "button out of date"."""
    await intake(wa)
    await wa.manager(REPORT)
    wa.clock.advance(seconds=21)
    wa.app.outbox.wake()
    await wa.app.settle()
    old = json.dumps([
        {"label": "👍 Интересно", "action": "react", "arg": "1.interested", "url": ""},
        {"label": "Старое", "action": "retired_action", "arg": ""},
        {"label": "Опрос", "action": "survey", "arg": "1.nps"},
    ], ensure_ascii=False)
    for number in ("2", "3", "1"):
        async with wa.app.db.transaction() as tx:
            await tx.execute("UPDATE wa_options SET options = ?", (old,))
        await wa.say(number)
        if number != "1":
            assert wa.bodies()[-1].startswith("Эта кнопка уже неактуальна"), number
    assert await wa.rows("SELECT reaction FROM reports") == [("interested",)]
