"""WhatsApp faults (issue 13): media read to their end and held to a real limit, a manager's
file Telegram will not hand over refused for good. Through the fake Twilio and Bot API."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from twilio.request_validator import RequestValidator

from bot.app import CarCareApp
from bot.channels.whatsapp.reading import MEDIA_LIMIT
from bot.channels.whatsapp.webhook import INCOMING_PATH
from storage.spool import Spool
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.twilio import FakeTwilio
from tests.steps import (
    AUTH,
    GROUP,
    PUBLIC,
    SHORT_LOCK_WAIT_MS,
    Wa,
    exchange,
    inject_fault_for,
    intake,
    remove_fault,
    status_of,
)

THREE_MB = 3 * 1024 * 1024


async def test_a_3_mb_photo_arrives_byte_for_byte(wa: Wa) -> None:
    await intake(wa)
    photo = os.urandom(THREE_MB)
    url = wa.twilio.add_media(photo, "image/jpeg")
    await wa.say("вот она", NumMedia="1", MediaUrl0=url, MediaContentType0="image/jpeg")
    sent = wa.topic()[-1]
    assert sent.method == "sendPhoto" and sent["caption"] == "вот она"
    assert wa.tg.uploads[-1][1] == photo


async def test_a_file_over_the_limit_is_refused_and_both_sides_are_told(wa: Wa) -> None:
    await intake(wa)
    url = wa.twilio.add_media(b"\0" * (MEDIA_LIMIT + 1), "video/mp4")
    await wa.say("видео осмотра", NumMedia="1", MediaUrl0=url, MediaContentType0="video/mp4")
    topic = wa.topic_texts()[-1]
    assert topic.startswith("видео осмотра") and "больше 20\u00a0МБ" in topic
    assert "больше 20\u00a0МБ" in wa.bodies()[-1] and "ссылку" in wa.bodies()[-1]
    assert not any(name.startswith("video") for name, _ in wa.tg.uploads)


async def test_a_managers_file_over_20_mb_fails_for_good_and_holds_nothing_back(wa: Wa) -> None:
    await intake(wa)
    wa.tg.files["photo-id"] = b"never handed over"
    wa.tg.fail("getFile", 400, "Bad Request: file is too big")
    await wa.manager(kind="photo")
    assert any("Не доставлено" in t and "file is too big" in t for t in wa.topic_texts())
    await wa.manager("А это текстом")
    assert wa.bodies()[-1] == "А это текстом"
    assert await wa.rows("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == [(0,)]


async def test_a_failing_whatsapp_message_is_kept_retried_then_reported_once(wa: Wa) -> None:
    await intake(wa)
    [(client_id,)] = await wa.rows("SELECT id FROM clients WHERE channel = 'whatsapp'")
    inject_fault_for(wa.app.settings.database_path, client_id)
    await wa.say("Когда будет машина?")
    assert await wa.rows(
        "SELECT attempts, processed_at, dead_at FROM wa_messages WHERE direction = 'in'"
        " AND params LIKE '%Когда будет машина%'"
    ) == [(1, None, None)]
    for _ in range(4):
        wa.clock.advance(minutes=10)
        await wa.app.retry_kept()
        await wa.app.settle()
    general = [c.text or "" for c in wa.tg.sent("sendMessage", GROUP) if c.thread_id is None]
    told = [t for t in general if "не удалось обработать" in t]
    assert len(told) == 1 and "Анна" in told[0] and "Когда будет машина?" in told[0]
    wa.clock.advance(hours=1)
    await wa.app.retry_kept()
    await wa.app.settle()
    assert await wa.rows(
        "SELECT attempts, dead_at IS NOT NULL FROM wa_messages WHERE params LIKE '%машина%'"
    ) == [(5, 1)]
    remove_fault(wa.app.settings.database_path)
    await wa.say("А сейчас?")  # the next messages are handled
    assert wa.topic_texts()[-1] == "А сейчас?"


async def signed_post(wa: Wa, form: dict[str, str]) -> int:
    """Twilio posting a message, without waiting for it to be handled."""
    signature = RequestValidator(AUTH).compute_signature(PUBLIC + INCOMING_PATH, form)
    async with wa.session.post(wa.base + INCOMING_PATH, data=form,
                               headers={"X-Twilio-Signature": signature}) as answer:
        return answer.status


def spooled(spool: Spool) -> str:
    """What the spool holds, the part being drained included. A drain attempt may rename the
    spool to its drained part between the listing and the read: then list again."""
    for _ in range(100):
        try:
            return "".join(path.read_text() for path in spool.path.parent.glob(f"{spool.path.name}*"))
        except FileNotFoundError:
            continue
    raise AssertionError("the spool's files kept moving while being read")


@contextmanager
def write_lock(wa: Wa) -> Iterator[None]:
    """Another program holds the database's write lock (a backup script, a sqlite3 shell)."""
    wa.app.db.busy_timeout_ms = SHORT_LOCK_WAIT_MS
    other = sqlite3.connect(wa.app.settings.database_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


async def test_a_message_arriving_while_the_database_is_locked_is_spooled_then_handled_once(
    wa: Wa,
) -> None:
    await intake(wa)
    spool = Spool.beside(wa.app.settings.database_path)
    form = wa.form("Пишу, пока база занята")
    with write_lock(wa):
        assert await asyncio.wait_for(signed_post(wa, form), 5) == 200  # kept, at once
        assert spool.pending() and form["MessageSid"] in spooled(spool)
        assert await asyncio.wait_for(signed_post(wa, form), 5) == 200  # Twilio, again
        assert await wa.rows("SELECT COUNT(*) FROM wa_messages WHERE sid = ?",
                             form["MessageSid"]) == [(0,)]
        async with asyncio.timeout(10):
            while "whatsapp spool" not in (await wa_health(wa))[1]:
                await asyncio.sleep(0.01)
    await asyncio.wait_for(wa.app.settle(), 15)  # drained once the lock is gone
    assert wa.topic_texts().count("Пишу, пока база занята") == 1
    assert await wa.rows("SELECT processed_at IS NOT NULL FROM wa_messages WHERE sid = ?",
                         form["MessageSid"]) == [(1,)]
    assert not spool.pending()
    assert (await wa_health(wa))[0] == 200


async def test_a_spooled_message_survives_a_stop_and_is_handled_after_the_restart(
    wa: Wa, tg: FakeTelegram, twilio: FakeTwilio, clock: FakeClock
) -> None:
    await intake(wa)
    settings = wa.app.settings
    with write_lock(wa):
        assert await asyncio.wait_for(signed_post(wa, wa.form("До остановки")), 5) == 200
        await wa.app.stop()  # stopped (or killed) before the database came back
    wa.app = CarCareApp(settings, clock)
    await wa.app.start()
    await wa.app.settle()
    assert wa.topic_texts().count("До остановки") == 1
    assert not Spool.beside(settings.database_path).pending()


async def test_a_backlog_is_not_read_again_for_each_of_its_messages(wa: Wa) -> None:
    """Each message is read by its id: handling n messages does not scan all n each time."""
    await intake(wa)
    scans: list[str] = []
    conn = wa.app.db._conn  # noqa: SLF001 - the statements the bot's own connection runs
    assert conn is not None
    conn.set_trace_callback(lambda sql: scans.append(sql) if "processed_at IS NULL" in sql
                            and "WHERE id =" not in sql else None)
    try:
        forms = [wa.form(f"сообщение {n}") for n in range(30)]
        for form in forms:
            assert await signed_post(wa, form) == 200
        await wa.app.settle()
    finally:
        conn.set_trace_callback(None)
    assert wa.topic_texts()[-30:] == [f"сообщение {n}" for n in range(30)]
    assert scans == []


async def wa_health(wa: Wa) -> tuple[int, dict]:
    async with wa.session.get(wa.base + "/healthz") as answer:
        return answer.status, await answer.json()


async def test_media_are_downloads_of_their_stored_type_never_sniffed(wa: Wa) -> None:
    await intake(wa)
    wa.tg.files["doc-id"] = b"%PDF report"
    await wa.manager(kind="document")
    url = wa.sent()[-1].media_urls[0]
    [(stored,)] = await wa.rows("SELECT content_type FROM media_files")
    async with wa.session.get(url.replace("https://carcare.example.com", wa.base)) as answer:
        assert answer.status == 200 and await answer.read() == b"%PDF report"
        assert answer.headers["Content-Type"] == stored
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Content-Disposition"] == 'attachment; filename="inspection.pdf"'

    token = await wa.app.media.keep(b"<script>alert(1)</script>", "text/html", "page.html")
    async with wa.session.get(wa.base + f"/media/{token}/page.html") as answer:
        assert answer.headers["Content-Type"] == "text/html"
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Content-Disposition"].startswith("attachment")


async def test_a_twilio_signature_that_is_not_utf8_is_refused(wa: Wa) -> None:
    form = "&".join(f"{key}={value}" for key, value in wa.form("hi").items()).encode()
    request = (b"POST /twilio/whatsapp HTTP/1.1\r\nHost: bot\r\nConnection: close\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\n"
               b"X-Twilio-Signature: \xff\xfe\x80==\r\nContent-Length: "
               + str(len(form)).encode() + b"\r\n\r\n" + form)
    answer = await exchange(wa.app.web.port, request)
    assert status_of(answer) == 403
