"""Twilio's webhooks: incoming WhatsApp messages and delivery status callbacks.

Every request must carry a valid X-Twilio-Signature for PUBLIC_URL + path and its form.
An incoming message is recorded under its MessageSid (a redelivery is acknowledged and
dropped) and answered at once; it is routed afterwards (bot/handlers/whatsapp.py), in arrival
order, from the database, so a crash in between loses nothing; one whose handling fails is
kept and tried again (bot/dead_letters.py). Its media are read by reading.py.

While the database cannot be written, a message is appended to a spool file (storage/spool.py)
before Twilio hears 200, and the spool is drained into the database once it can be; meanwhile
new messages go behind it, so each sender's order holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web
from multidict import MultiDict
from twilio.request_validator import RequestValidator

from bot.channels.media import MediaStore
from bot.channels.whatsapp.reading import MessageReader
from bot.channels.whatsapp.twilio_api import TwilioApi
from bot.clock import Clock
from bot.concurrency.lanes import Lanes
from bot.i18n import Translator
from bot.supervision import Health
from domain import Inbound
from storage import whatsapp as wa
from storage.db import Database, from_db, to_db
from storage.problems import unavailable
from storage.spool import Spool

log = logging.getLogger(__name__)

INCOMING_PATH = "/twilio/whatsapp"
SMS_PATH = "/twilio/sms"  # SMS in (docs/sms.md): the same accept, order and retries
STATUS_PATH = "/twilio/status"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

# (message id, form, text, number of media) -> the message as the services take it, and
# whether an attachment was over MEDIA_LIMIT (the client is then told what to do instead)
ReadMessage = Callable[[int, Mapping[str, str], str, int], Awaitable[tuple[Inbound, bool]]]
# (message id, form, read) -> the client's id once the message was handled
Route = Callable[[int, Mapping[str, str], ReadMessage], Awaitable[int | None]]
# (client id, our message id, Twilio's error code or status) for a message Twilio could not deliver
NotDelivered = Callable[[int, int, str], Awaitable[None]]
# (message id, form, error) -> attempts so far: a message whose handling failed is kept
Kept = Callable[[int, Mapping[str, str], BaseException], Awaitable[int]]
WORKER = "whatsapp"  # its name in /healthz
ACCEPTING = "whatsapp webhook"
SPOOL = "whatsapp spool"  # its name in /healthz while the spool cannot be drained
STOP_GRACE = 10.0  # seconds the messages being handled get to finish at a stop
ACCEPT_PATIENCE = 12.0  # seconds of real time: Twilio gives a webhook 15


class WhatsAppWebhook:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        translate: Translator,
        api: TwilioApi,
        media: MediaStore,
        route: Route,
        not_delivered: NotDelivered,
        auth_token: str,
        public_url: str,
        kept: Kept,
        health: Health,
        spool: Spool,
        timeout: float | None = None,
        sms: bool = False,
    ) -> None:
        self._sms = sms  # SMS_PATH is served too
        self._timeout = timeout  # an attempt longer than this is stopped and kept as failed
        self._spool = spool
        self._spooled = asyncio.Event()  # something was spooled: drain when you can
        self._drained = asyncio.Event()  # a drain pass finished
        self._kept = kept
        self._health = health
        self._queued: set[int] = set()
        self._db = db
        self._clock = clock
        self._reader = MessageReader(db, translate, api, media)
        self._route = route
        self._not_delivered = not_delivered
        self._validator = RequestValidator(auth_token)
        self._public_url = public_url
        # (our message id, its sender): accepted, to be handled in the sender's lane
        self._queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue()
        # Senders at once, each sender's messages in order, each sender a few at a time: the
        # rest of a sender's messages wait here (they are in the database) while others go on.
        self._lanes = Lanes()
        self._parked: dict[str, deque[int]] = {}
        self._unparking: set[asyncio.Task[None]] = set()
        self._task: asyncio.Task[None] | None = None
        self._drainer: asyncio.Task[None] | None = None

    def register(self, app: web.Application) -> None:
        app.router.add_post(INCOMING_PATH, self._incoming)
        if self._sms:
            app.router.add_post(SMS_PATH, self._incoming)
        app.router.add_post(STATUS_PATH, self._status)

    async def start(self) -> None:
        """Handle what was accepted but not handled before a restart, then what comes."""
        async with self._db.read() as tx:
            waiting = await wa.unprocessed(tx)
        for message in waiting:
            self._enqueue(message.id, message.params.get("From", ""))
        self._task = asyncio.create_task(self._work(), name="whatsapp-inbound")
        if self._spool.pending():  # kept while the database could not be written, then a stop
            self._spooled.set()
        self._drainer = asyncio.create_task(self._drain(), name=SPOOL)

    async def retry_due(self) -> None:
        """Messages whose handling failed and whose retry time has come go again."""
        async with self._db.read() as tx:
            due = await wa.unprocessed(tx, due_at=self._clock.now())
        for message in due:
            self._enqueue(message.id, message.params.get("From", ""))

    def _enqueue(self, message_id: int, sender: str) -> None:
        if message_id not in self._queued:
            self._queued.add(message_id)
            self._queue.put_nowait((message_id, sender))

    async def stop(self) -> None:
        self._parked.clear()  # in the database: handled after the restart, nothing taken now
        for task in (self._drainer, self._task, *self._unparking):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await self._lanes.close(STOP_GRACE)  # the rest is handled after the restart

    async def wait_idle(self) -> None:
        """Until every accepted message has been handled (tests, graceful shutdown)."""
        while self._spool.pending():
            self._drained.clear()
            await self._drained.wait()
        await self._queue.join()

    # -- HTTP ------------------------------------------------------------------------------

    async def _incoming(self, request: web.Request) -> web.Response:
        form = await self._signed_form(request)
        sid = form.get("MessageSid") or form.get("SmsMessageSid")
        sender = form.get("From", "")
        if not sid or not sender:
            raise web.HTTPBadRequest(text="MessageSid and From are required")
        message_id = await self._accept(sid, sender, dict(form))
        if message_id is not None:
            self._enqueue(message_id, sender)
        return web.Response(text=EMPTY_TWIML, content_type="text/xml")

    async def _accept(self, sid: str, sender: str, form: dict[str, str]) -> int | None:
        """Keep the message before answering; its id, or None when it was seen before or is
        kept in the spool. Twilio never retries a webhook that failed, so while the database
        cannot be written (another program's lock, a full disk) the message goes to the
        spool; only if that cannot be written either does this wait, within Twilio's 15 s."""
        deadline = time.monotonic() + ACCEPT_PATIENCE
        while True:
            try:
                return await self._record_or_spool(sid, sender, form)
            except OSError as error:  # the spool's disk refuses too
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(self._health.failed(ACCEPTING, error))

    async def _record_or_spool(self, sid: str, sender: str, form: dict[str, str]) -> int | None:
        now = self._clock.now()
        if not self._spool.pending():  # else behind what waits there: each sender's order holds
            try:
                async with self._db.transaction() as tx:
                    accepted = await wa.accept_inbound(tx, sid, sender, form, now)
            except Exception as error:
                if not unavailable(error):
                    raise
                log.warning("whatsapp message %s goes to the spool: %s", sid, error)
            else:
                self._health.succeeded(ACCEPTING)
                if accepted is None:
                    log.info("whatsapp message %s was delivered again: already accepted", sid)
                return accepted
        record = {"sid": sid, "from": sender, "form": form, "at": to_db(now)}
        await asyncio.to_thread(self._spool.append, record)
        self._health.succeeded(ACCEPTING)
        self._spooled.set()
        return None

    async def _drain(self) -> None:
        """Supervised: move the spool into the database whenever there is something in it and
        the database can be written; hand what was new to the workers."""
        while True:
            await self._spooled.wait()
            try:
                records = await asyncio.to_thread(self._spool.take)
                accepted = []
                async with self._db.transaction() as tx:
                    for record in records:
                        message_id = await wa.accept_inbound(
                            tx, record["sid"], record["from"], record["form"],
                            from_db(record["at"]) or self._clock.now(),
                        )
                        if message_id is not None:
                            accepted.append((message_id, record["from"]))
                await asyncio.to_thread(self._spool.drained)
            except Exception as error:  # noqa: BLE001 - still locked or full: again later
                await asyncio.sleep(self._health.failed(SPOOL, error))
                continue
            self._health.succeeded(SPOOL)
            for message_id, sender in accepted:
                self._enqueue(message_id, sender)
            if not self._spool.pending():
                self._spooled.clear()
            self._drained.set()

    async def _status(self, request: web.Request) -> web.Response:
        form = await self._signed_form(request)
        sid, status = form.get("MessageSid", ""), form.get("MessageStatus", "")
        code = form.get("ErrorCode") or None
        async with self._db.transaction() as tx:
            failed = await wa.set_status(tx, sid, status, code, self._clock.now()) if sid else None
        if failed is not None:
            message_id, client_id = failed
            await self._not_delivered(client_id, message_id, code or status)
        return web.Response(text="", status=204)

    async def _signed_form(self, request: web.Request) -> MultiDict[str]:
        try:
            form = await request.post()
        except (ValueError, UnicodeDecodeError):
            raise web.HTTPBadRequest(text="unreadable form") from None
        signature = request.headers.get("X-Twilio-Signature", "")
        url = self._public_url + request.path_qs
        text_form = MultiDict(_texts(form))
        if not signature or not self._validator.validate(url, text_form, signature):
            log.warning("refused a request to %s without a valid Twilio signature", request.path)
            raise web.HTTPForbidden(text="forbidden")
        return text_form

    # -- accepted messages: senders at once, each sender's in order ----------------------

    async def _work(self) -> None:
        """Supervised: a message whose handling fails is kept and tried again later, after
        the last attempt a dead letter; nothing here ends the task."""
        while True:
            message_id, sender = await self._queue.get()
            if sender in self._parked or not self._lanes.has_room(sender):
                self._parked.setdefault(sender, deque()).append(message_id)
                continue
            await self._submit(message_id, sender)

    async def _submit(self, message_id: int, sender: str) -> None:
        task = await self._lanes.submit(sender, functools.partial(self._one, message_id))
        task.add_done_callback(lambda _: self._unpark(sender))  # after the lane let it go

    def _unpark(self, sender: str) -> None:
        if sender in self._parked and self._lanes.has_room(sender):
            task = asyncio.create_task(self._from_parking(sender))
            self._unparking.add(task)
            task.add_done_callback(self._unparking.discard)

    async def _from_parking(self, sender: str) -> None:
        """A sender's parked messages into their lane, in order, while it has room; the sender
        stays parked until then, so a newer message cannot pass an older one."""
        parked = self._parked.get(sender)
        while parked and self._lanes.has_room(sender):
            await self._submit(parked.popleft(), sender)
        if parked is not None and not parked and self._parked.get(sender) is parked:
            del self._parked[sender]

    async def _one(self, message_id: int) -> None:
        try:
            await self._attempt(message_id)
        finally:
            self._queued.discard(message_id)
            self._queue.task_done()

    async def _attempt(self, message_id: int) -> None:
        form: Mapping[str, str] = {}
        while True:
            try:
                async with self._db.read() as tx:
                    found = await wa.inbound(tx, message_id)
                if found is None:
                    return
                form = found.params
                async with asyncio.timeout(self._timeout):  # a hung attempt: kept, tried later
                    await self._handle(message_id, form)
            except Exception as error:  # noqa: BLE001 - kept below, never lost
                # The database locked or full: the same message again once it can be written
                # (order holds); a fault of its own: kept, tried again later.
                if unavailable(error) or not await self._keep(message_id, form, error):
                    await asyncio.sleep(self._health.failed(WORKER, error))
                    continue
                return
            self._health.succeeded(WORKER)
            return

    async def _keep(self, message_id: int, form: Mapping[str, str], error: BaseException) -> bool:
        """Record the failed attempt; False if even that failed."""
        try:
            await self._kept(message_id, form, error)
        except Exception:  # noqa: BLE001 - the database locked, the disk full
            return False
        return True

    async def _handle(self, message_id: int, form: Mapping[str, str]) -> None:
        client_id = await self._route(message_id, form, self._reader.read)
        async with self._db.transaction() as tx:
            await wa.processed(tx, message_id, client_id, self._clock.now())


def _texts(form: Mapping[str, object]) -> list[tuple[str, str]]:
    return [(key, value) for key, value in form.items() if isinstance(value, str)]
