"""The steps many tests take, in one place: the people, the harness around the real app, a
client's request, a manager's command, the follow-up tick, a WhatsApp client, a bot in its own
process. Fixtures that build on them are in conftest.py; the fakes of the network in fakes/."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import sqlite3
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
from aiogram import BaseMiddleware
from aiogram.types import Update
from twilio.request_validator import RequestValidator

from bot.app import CarCareApp
from bot.config import Settings, load_settings
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.twilio import FakeTwilio
from tests.fakes.updates import TgUser, Updates

TOKEN = "123456789:TEST-token-not-a-secret-000000"
GROUP = -1001234567890
MANAGER = TgUser(id=900, first_name="Olga", language_code="ru", username="olga_manager")
IVAN = TgUser(id=111, first_name="Иван", language_code="ru", username="ivan_p")
JOHN = TgUser(id=222, first_name="John", language_code="en", username="john_s")
PAVEL = TgUser(id=901, first_name="Pavel", language_code="ru")  # a member of the group, not an admin
TOPIC = 500  # the first topic the fake Bot API opens
REVIEW_URL = "https://reviews.example/carcare"


class Harness:
    """The real app against the fake Bot API; each step waits until the outbox is drained."""

    def __init__(self, app: CarCareApp, tg: FakeTelegram, clock: FakeClock) -> None:
        self.app = app
        self.tg = tg
        self.clock = clock
        self.updates = Updates(GROUP)

    async def feed(self, update: dict[str, Any]) -> None:
        await self.app.feed(update)
        await self.app.settle()

    async def say(self, user: TgUser, text: str) -> None:
        if text.startswith("/"):
            await self.feed(self.updates.command(user, text))
        else:
            await self.feed(self.updates.text(user, text))

    async def tap(self, user: TgUser, label_part: str) -> None:
        """Press a button on the newest message to the user that has one with this label."""
        for call in reversed(self.tg.to_chat(user.id)):
            if any(label_part in label for label in call.button_labels()):
                message_id = call.result["message_id"]
                await self.feed(self.updates.press(user, call.button_data(label_part), message_id))
                return
        raise AssertionError(f"no button {label_part!r} was sent to {user.first_name}")

    async def rows(self, sql: str, *params: Any) -> list[Any]:
        async with self.app.db.read() as tx:
            return [tuple(row) for row in await tx.all(sql, params)]

    def texts_to(self, user: TgUser) -> list[str]:
        return [call.text or "" for call in self.tg.to_chat(user.id) if call.method == "sendMessage"]

    def last_text_to(self, user: TgUser) -> str:
        return self.texts_to(user)[-1]


def make_settings(tg: FakeTelegram, db_path: Path, **extra: Any) -> Settings:
    # Flood limits are off unless a test turns them on: they pace in real time. So are the
    # spam-wave guards (tests/test_topics_wave.py turns them on): a client's first message opens
    # their topic, as most tests about other things expect.
    limits = {"telegram_bot_per_second": 0, "telegram_chat_per_second": 0,
              "telegram_group_per_minute": 0, "whatsapp_per_second": 0,
              "new_topics_per_minute": 0, "hold_lone_first_message": False,
              # The promise clocks run every day, all day, unless a test looks at days off
              # or working hours itself.
              "business_days": "Mon-Sun", "working_hours": "00:00-24:00",
              # The workshop's quality check before release is off unless a test looks at it
              # (tests/test_workshop_quality.py): /done closes at once, as older tests expect.
              "qc_checks": ""}
    return load_settings(
        _env_file=None,
        bot_token=TOKEN,
        manager_chat_id=GROUP,
        telegram_api_url=tg.url,
        database_url=f"sqlite:///{db_path}",
        **{**limits, **extra},
    )


# -- a client's request and a manager's answer ---------------------------------------------


RU_ANSWERS = [
    ("name", "Иван Петров"),
    ("car", "Toyota RAV4"),
    ("years", "2018-2021"),
    ("budget", "1.5 млн"),
    ("must_haves", "полный привод, автомат"),
    ("deal_breakers", "серьёзные ДТП"),
    ("city", "Москва"),
    ("deadline", "до конца января"),
    ("phone", "8 (916) 123-45-67"),
    ("birth_date", "12.03.1985"),
]


async def answer_all(h: Harness, user, answers) -> None:
    for _, text in answers:
        await h.say(user, text)


REPORT = """Toyota RAV4, 2019
Цена: 1 450 000 ₽
Пробег: 68 000 км
VIN: JTMB1234567890
+ один владелец
+ полная сервисная история
- скол на лобовом стекле
- замена левого крыла
Вердикт: рекомендую"""


def plain(text: str) -> str:
    """Babel's dates use narrow no-break spaces; compare with ordinary ones."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


async def with_request(h: Harness, user=IVAN) -> None:
    await h.say(user, "/new")
    await answer_all(h, user, RU_ANSWERS)
    await h.tap(user, "Утром")
    await h.tap(user, "Всё верно")


async def manager(h: Harness, text: str, kind: str | None = None, thread: int | None = TOPIC) -> None:
    await h.feed(h.updates.in_topic(MANAGER, thread, text=text, kind=kind))


def group_texts(h: Harness) -> list[str]:
    return [c.text or "" for c in h.tg.to_chat(GROUP) if c.method == "sendMessage"]


async def send_due_reports(h: Harness) -> None:
    h.clock.advance(seconds=21)
    h.app.outbox.wake()
    await h.app.outbox.wait_idle()


async def send_report(h: Harness, title: str) -> int:
    await manager(h, f"/report {title}\n+ хорошо\n- плохо")
    await send_due_reports(h)
    return h.tg.last_to(IVAN.id).result["message_id"]


async def start_app(tg: FakeTelegram, clock: FakeClock, db_path: Path, **settings: str) -> Harness:
    app = CarCareApp(make_settings(tg, db_path, review_url=REVIEW_URL, **settings), clock)
    await app.start()
    return Harness(app, tg, clock)


async def request(h: Harness, contact_time: str = "В любое время") -> None:
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS)
    await h.tap(IVAN, contact_time)
    await h.tap(IVAN, "Всё верно")


async def tick(h: Harness) -> None:
    await h.app.followups.tick()
    await h.app.outbox.wait_idle()


def topic_texts(h: Harness, thread: int | None = TOPIC) -> list[str]:
    return [c.text or "" for c in h.tg.to_chat(GROUP) if c.method == "sendMessage" and c.thread_id == thread]


async def answer_survey(h: Harness, scores: list[int]) -> None:
    for score in scores:
        question = h.tg.last_to(IVAN.id)
        await h.feed(h.updates.press(IVAN, question.button_data(str(score)), question.result["message_id"]))


async def in_general(h: Harness, who: TgUser, text: str) -> list[Any]:
    before = len(h.tg.calls)
    await h.feed(h.updates.in_topic(who, None, text=text))
    return h.tg.calls[before:]


# -- what the database holds ----------------------------------------------------------------


async def snapshot(h: Harness, client_id: int) -> list:
    queries = [
        "SELECT * FROM clients WHERE id = ?",
        "SELECT * FROM requests WHERE client_id = ?",
        "SELECT * FROM conversations WHERE client_id = ?",
        "SELECT r.* FROM reports r JOIN requests q ON q.id = r.request_id WHERE q.client_id = ?",
        "SELECT p.* FROM report_replies p JOIN reports r ON r.id = p.report_id"
        " JOIN requests q ON q.id = r.request_id WHERE q.client_id = ?",
        "SELECT a.* FROM accepted_services a JOIN requests q ON q.id = a.request_id WHERE q.client_id = ?",
        "SELECT * FROM surveys WHERE client_id = ?",
        "SELECT * FROM feedback WHERE client_id = ?",
        "SELECT * FROM messages WHERE client_id = ?",
    ]
    return [await h.rows(sql, client_id) for sql in queries]


async def values_left(db_rows: Any, values: list[str]) -> list[tuple[str, str]]:
    """(table, value) for every personal value still found anywhere, as text or JSON-escaped."""
    tables = [row[0] for row in await db_rows("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert {"clients", "outbox", "feedback", "surveys", "wa_messages"} <= set(tables)
    found = []
    for table in tables:
        for row in await db_rows(f'SELECT * FROM "{table}"'):
            cells = " ".join(
                cell.decode("utf-8", "replace") if isinstance(cell, bytes) else str(cell)
                for cell in row
            ).casefold()
            for value in values:
                forms = {value.casefold(), json.dumps(value)[1:-1].casefold()}
                if any(form in cells for form in forms):
                    found.append((table, value))
    return found


async def settle_erasure(h: Harness) -> None:
    await h.app.outbox.wait_idle()
    await h.app.erasure.sweep()


PHRASE = "ключи оставлю у соседки Зинаиды"
IVAN_VALUES = [
    "Иван Петров", "ivan_p", "+79161234567", "123-45-67", "1985-03-12", "12.03.1985",
    "Toyota RAV4", "полный привод", "серьёзные ДТП", "до конца января", PHRASE,
    "жалоба на долгие звонки", "дороговато за такой пробег", "Ольга нашла идеальную машину",
    "секретная заметка о клиенте",
]


async def rich_history(h: Harness) -> None:
    """Ivan leaves a trace in every table a client can reach: request, relay, feedback, a note,
    a report with his impression, a survey with a comment, a written review."""
    await request(h)
    await h.say(IVAN, PHRASE)
    await h.say(IVAN, "/feedback")
    await h.say(IVAN, "жалоба на долгие звонки")
    await manager(h, "/note секретная заметка о клиенте")
    await manager(h, "/report Kia Sportage, 2020\n+ хорошо\n- плохо")
    h.clock.advance(seconds=21)
    h.app.outbox.wake()
    await h.app.outbox.wait_idle()
    await h.tap(IVAN, "Не подходит")
    await h.say(IVAN, "дороговато за такой пробег")
    await manager(h, "/handover")
    h.clock.advance(days=7)
    await tick(h)
    await answer_survey(h, [5] * 8 + [9])
    await h.say(IVAN, "Ольга нашла идеальную машину")  # the survey comment
    await h.say(IVAN, "Ольга нашла идеальную машину, спасибо")  # the written review
    assert await values_left(h.rows, IVAN_VALUES)  # the scan finds what is there


def group_press(h: Harness, who: Any, data: str, message_id: int) -> dict[str, Any]:
    update = h.updates.press(who, data, message_id)
    message = update["callback_query"]["message"]
    message["chat"] = {"id": GROUP, "type": "supergroup", "title": "Managers", "is_forum": True}
    message["message_thread_id"] = TOPIC
    message["is_topic_message"] = True
    return update


SHORT_LOCK_WAIT_MS = 50  # production waits 5 s for another program's lock; tests need not


def inject_fault_for(db_path: Path, client_id: int) -> None:
    """From now on, handling anything this client writes fails inside SQLite (as a full disk
    or a broken row would), through another connection, as an operator's script could."""
    conn = sqlite3.connect(db_path)
    conn.execute(
        f"CREATE TRIGGER injected_fault BEFORE INSERT ON messages WHEN NEW.client_id = {client_id}"
        " BEGIN SELECT RAISE(ABORT, 'injected fault'); END"
    )
    conn.commit()
    conn.close()


def remove_fault(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER injected_fault")
    conn.commit()
    conn.close()


async def client_id_of(h: Harness, user: TgUser) -> int:
    [(found,)] = await h.rows("SELECT id FROM clients WHERE external_id = ?", str(user.id))
    return found


async def retry_after_backoff(h: Harness, seconds: float = 300) -> None:
    """Move the clock past the next retry time and let the scheduler's tick run."""
    h.clock.advance(seconds=seconds)
    await h.app.retry_kept()
    await h.app.outbox.wait_idle()


# -- a bot in its own process ---------------------------------------------------------------


SETTING_PREFIXES = ("BOT_", "MANAGER_", "TELEGRAM_", "DATABASE_", "TIMEZONE", "DEFAULT_LANGUAGE")


def env_for(tg_url: str, db: Path, **changes: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(SETTING_PREFIXES)}
    env.update({
        "BOT_TOKEN": TOKEN, "MANAGER_CHAT_ID": str(GROUP), "TELEGRAM_API_URL": tg_url,
        "DATABASE_URL": f"sqlite:///{db}", "PYTHONUNBUFFERED": "1",
        # The spam-wave guards off, as in make_settings: a client's first message opens the topic.
        "NEW_TOPICS_PER_MINUTE": "0", "HOLD_LONE_FIRST_MESSAGE": "false",
    })
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


async def run_bot(env: dict[str, str], cwd: Path, timeout: float = 30) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout)
    return process.returncode or 0, output.decode()


# -- a WhatsApp client through Twilio -------------------------------------------------------

# WhatsApp knows the client's number: the intake does not ask it.
WA_ANSWERS = [(step, text) for step, text in RU_ANSWERS if step != "phone"]
SID = "AC" + "1" * 32
AUTH = "twilio-auth-token-not-a-secret"
SENDER = "whatsapp:+14155238886"
PUBLIC = "https://carcare.example.com"
ANNA = "whatsapp:+79161234567"
SMS_FROM = "+15005550006"  # TWILIO_SMS_FROM in the SMS tests
PETR = "+79165551234"  # a client known only by this number (booked after a call)


class Wa:
    """A WhatsApp client's side: signed webhook requests, and what Twilio was asked to send."""

    def __init__(self, app: CarCareApp, tg: FakeTelegram, twilio: FakeTwilio, clock: FakeClock) -> None:
        self.app, self.tg, self.twilio, self.clock = app, tg, twilio, clock
        assert app.web is not None
        self.base = f"http://127.0.0.1:{app.web.port}"
        self.updates = Updates(GROUP)
        self._sids = itertools.count(1)
        self.session = aiohttp.ClientSession()

    def form(self, body: str = "", sender: str = ANNA, **extra: str) -> dict[str, str]:
        form = {
            "MessageSid": f"SM{next(self._sids):032d}", "AccountSid": SID, "From": sender,
            "To": SENDER, "Body": body, "NumMedia": "0", "ProfileName": "Анна",
            "WaId": sender.removeprefix("whatsapp:+"), "SmsStatus": "received", "NumSegments": "1",
            "ApiVersion": "2010-04-01",
        }
        form.update(extra)
        return form

    async def post(self, path: str, form: dict[str, str], signature: str | None = "sign") -> int:
        headers = {}
        if signature == "sign":
            signature = RequestValidator(AUTH).compute_signature(PUBLIC + path, form)
        if signature is not None:
            headers["X-Twilio-Signature"] = signature
        async with self.session.post(self.base + path, data=form, headers=headers) as answer:
            await answer.read()
            status = answer.status
        await self.app.settle()
        return status

    async def say(self, body: str = "", **extra: str) -> int:
        return await self.post("/twilio/whatsapp", self.form(body, **extra))

    async def text(self, body: str, number: str = PETR, signature: str | None = "sign") -> int:
        """An SMS from `number` to the SMS number, as Twilio posts it to /twilio/sms."""
        form = {"MessageSid": f"SM{next(self._sids):032d}", "AccountSid": SID, "From": number,
                "To": SMS_FROM, "Body": body, "NumMedia": "0", "NumSegments": "1",
                "SmsStatus": "received", "ApiVersion": "2010-04-01"}
        return await self.post("/twilio/sms", form, signature)

    def texts(self, number: str = PETR) -> list[str]:
        """The SMS bodies sent to `number`."""
        return [m.body for m in self.twilio.sms(number)]

    async def manager(
        self, text: str | None = None, kind: str | None = None, reply_to: int | None = None
    ) -> dict[str, Any]:
        update = self.updates.in_topic(MANAGER, TOPIC, text=text, kind=kind, reply_to=reply_to)
        await self.app.feed(update)
        await self.app.settle()
        return update

    async def get(self, url: str) -> tuple[int, bytes]:
        async with self.session.get(url.replace(PUBLIC, self.base)) as answer:
            return answer.status, await answer.read()

    def sent(self, to: str = ANNA) -> list[Any]:
        return self.twilio.to(to)

    def bodies(self, to: str = ANNA) -> list[str]:
        return [m.body for m in self.sent(to)]

    def topic(self) -> list[Any]:
        return [c for c in self.tg.to_chat(GROUP) if c.thread_id == TOPIC]

    def topic_texts(self) -> list[str]:
        return [c.text or c.get("caption") or "" for c in self.topic()]

    async def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        async with self.app.db.read() as tx:
            return [tuple(row) for row in await tx.all(sql, params)]


def wa_settings(tg: FakeTelegram, twilio: FakeTwilio, db_path: Path, **extra: Any):
    wa = {"twilio_account_sid": SID, "twilio_auth_token": AUTH, "twilio_whatsapp_from": SENDER,
          "twilio_api_url": twilio.url, "public_url": PUBLIC, "http_host": "127.0.0.1", "http_port": 0}
    return make_settings(tg, db_path, **{**wa, **extra})


async def intake(wa: Wa) -> None:
    """A full request over WhatsApp: the menu by number, answers typed, choices by words."""
    await wa.say("Здравствуйте")
    await wa.say("1")
    for _, text in WA_ANSWERS:
        await wa.say(text)
    await wa.say("в любое время")
    await wa.say("Всё верно")


# -- the dispatcher held from inside ---------------------------------------------------------


WAIT = 10.0  # seconds before a test gives up on something that should happen


class Gate(BaseMiddleware):
    """Holds chosen updates before their handler until the test lets them go, and records
    when each update's handling began and ended."""

    def __init__(self) -> None:
        self.held: dict[int, asyncio.Event] = {}
        self.began: list[int] = []
        self.ended: dict[int, asyncio.Event] = {}
        self._began = asyncio.Event()

    def hold(self, update: dict[str, Any]) -> asyncio.Event:
        return self.held.setdefault(update["update_id"], asyncio.Event())

    async def started(self, update: dict[str, Any]) -> None:
        async with asyncio.timeout(WAIT):
            while update["update_id"] not in self.began:
                self._began.clear()
                await self._began.wait()

    async def handled(self, update: dict[str, Any]) -> None:
        ended = self.ended.setdefault(update["update_id"], asyncio.Event())
        await asyncio.wait_for(ended.wait(), WAIT)

    async def __call__(
        self, handler: Callable[[Update, dict[str, Any]], Awaitable[Any]], event: Update,
        data: dict[str, Any],
    ) -> Any:
        self.began.append(event.update_id)
        self._began.set()
        if event.update_id in self.held:
            await self.held[event.update_id].wait()
        try:
            return await handler(event, data)
        finally:
            self.ended.setdefault(event.update_id, asyncio.Event()).set()




# -- raw HTTP, for what a well-behaved client cannot send ----------------------------------


async def exchange(port: int, request: bytes, wait: float = 5.0) -> bytes:
    """Send raw bytes to 127.0.0.1:port; what comes back until the server closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        async with asyncio.timeout(wait):
            return await reader.read()
    finally:
        writer.close()


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])
