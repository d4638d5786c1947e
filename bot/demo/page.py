"""The demo's page: static files, the state of both phones, live events (server-sent events),
and what the people on the page do (write, tap, send photos, move the clock, take the tour).

Every action goes through the stand-ins as the people's apps would send it: a Telegram update
the bot takes by getUpdates, or a signed Twilio webhook; nothing here calls the bot directly.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.clock import Clock
from bot.demo.actors import Actors
from bot.demo.files import SAMPLES, STATIC, StoredFile, samples
from bot.demo.people import Person
from bot.demo.telegram import ApiError, BotApi
from bot.demo.time_machine import TimeMachine
from bot.demo.tour import Tour
from bot.demo.twilio import TwilioStandIn

log = logging.getLogger(__name__)
SPANS = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(weeks=1)}
UPLOAD_LIMIT = 20 * 1024 * 1024
PING = 15.0  # seconds between keep-alive comments on the event stream


class Hub:
    """Live events to every open page, numbered so a page that just loaded the state skips
    what it already has."""

    def __init__(self) -> None:
        self.seq = 0
        self._queues: set[asyncio.Queue[dict[str, Any] | None]] = set()

    def publish(self, event: dict[str, Any]) -> None:
        self.seq += 1
        event["seq"] = self.seq
        for queue in self._queues:
            queue.put_nowait(event)

    def subscribe(self) -> asyncio.Queue[dict[str, Any] | None]:
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self._queues.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[dict[str, Any] | None]) -> None:
        self._queues.discard(queue)

    def close(self) -> None:
        for queue in self._queues:
            queue.put_nowait(None)


class DemoPage:
    def __init__(
        self,
        hub: Hub,
        api: BotApi,
        twilio: TwilioStandIn,
        actors: Actors,
        machine: TimeMachine,
        tour: Tour,
        clock: Clock,
        texts: Callable[[], dict[str, str]],
        lang: str,
        zone: str,
    ) -> None:
        self._hub = hub
        self._api = api
        self._twilio = twilio
        self._actors = actors
        self._machine = machine
        self._tour = tour
        self._clock = clock
        self._texts = texts
        self._lang = lang
        self._zone = zone
        self._background: set[asyncio.Task[None]] = set()

    def register(self, app: web.Application) -> None:
        app.router.add_get("/", self._index)
        app.router.add_static("/static", STATIC)
        app.router.add_get("/api/state", self._state)
        app.router.add_get("/api/events", self._events)
        app.router.add_get("/api/file/{file_id}", self._file)
        app.router.add_get("/api/wa-file/{file_id}", self._wa_file)
        app.router.add_post("/api/client", self._client)
        app.router.add_post("/api/manager", self._manager)
        app.router.add_post("/api/press", self._press)
        app.router.add_post("/api/clock", self._clock_moves)
        app.router.add_post("/api/tour", self._tour_step)

    # -- reading ----------------------------------------------------------------------------

    async def _index(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "index.html")

    async def _state(self, request: web.Request) -> web.Response:
        people = self._actors.clients
        return web.json_response({
            "seq": self._hub.seq,
            "lang": self._lang,
            "tz": self._zone,
            "texts": self._texts(),
            "clients": [person.view() for person in people],
            "manager": self._actors.manager.view(),
            "group": self._api.group_id,
            "chats": self._api.snapshot(),
            "wa": self._twilio.messages,
            "clock": self._clock.now().isoformat(),
            "busy": self._machine.busy,
            "touring": self._tour.busy,
            "samples": [path.name for path in samples()],
            "tour": self._tour.steps(),
        }, dumps=_dumps)

    async def _events(self, request: web.Request) -> web.StreamResponse:
        answer = web.StreamResponse(headers={"Content-Type": "text/event-stream",
                                             "Cache-Control": "no-cache, no-transform"})
        await answer.prepare(request)
        queue = self._hub.subscribe()
        try:
            while True:
                try:
                    event = await asyncio.wait_for(queue.get(), PING)
                except TimeoutError:
                    await answer.write(b": ping\n\n")
                    continue
                if event is None:
                    break
                await answer.write(f"data: {_dumps(event)}\n\n".encode())
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self._hub.unsubscribe(queue)
        return answer

    async def _file(self, request: web.Request) -> web.Response:
        return _serve(self._api.files.get(request.match_info["file_id"]))

    async def _wa_file(self, request: web.Request) -> web.Response:
        return _serve(self._twilio.files.get(request.match_info["file_id"]))

    # -- acting -----------------------------------------------------------------------------

    async def _client(self, request: web.Request) -> web.Response:
        form = await request.post()
        person = self._person(str(form.get("person", "")))
        files = self._files(form, person.channel == "telegram")
        text = str(form.get("text", ""))[:4096]
        if form.get("contact"):
            return await self._act(self._actors.share_phone(person))
        if not text.strip() and not files:
            raise _refused("nothing to send")
        reply_to = _number(form.get("reply_to"))
        return await self._act(self._actors.client_sends(person, text, files, reply_to))

    async def _manager(self, request: web.Request) -> web.Response:
        form = await request.post()
        thread = _number(form.get("thread"))
        files = self._files(form, True)
        text = str(form.get("text", ""))[:4096]
        if not text.strip() and not files:
            raise _refused("nothing to send")
        reply_to = _number(form.get("reply_to"))
        return await self._act(self._actors.manager_sends(thread, text, files, reply_to))

    async def _press(self, request: web.Request) -> web.Response:
        form = await request.post()
        who = str(form.get("person", ""))
        person = self._actors.manager if who == "manager" else self._person(who)
        chat, message = _number(form.get("chat")), _number(form.get("message_id"))
        if chat is None or message is None:
            raise _refused("chat and message_id are required")
        return await self._act(self._actors.press(person, chat, message, str(form.get("data", ""))))

    async def _clock_moves(self, request: web.Request) -> web.Response:
        form = await request.post()
        span = SPANS.get(str(form.get("span", "")))
        if span is None:
            raise _refused("span is hour, day or week")
        if self._machine.busy:
            raise _refused("the clock is already moving")
        self._start(self._machine.advance(span))
        return web.json_response({"ok": True})

    async def _tour_step(self, request: web.Request) -> web.Response:
        form = await request.post()
        step = _number(form.get("step"))
        if step is None or not 0 <= step < len(self._tour.steps()):
            raise _refused("no such step")
        if self._tour.busy:
            raise _refused("a step is already running")
        self._start(self._tour.run(step))
        return web.json_response({"ok": True})

    async def _act(self, action: Any) -> web.Response:
        """Start what a person does; the page sees its effects as events."""
        try:
            await action
        except ApiError as error:
            raise _refused(error.description) from None
        return web.json_response({"ok": True})

    def _start(self, work: Any) -> None:
        task: asyncio.Task[None] = asyncio.create_task(work)
        self._background.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("demo: %s", task.exception())

    async def stop(self) -> None:
        for task in list(self._background):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _person(self, key: str) -> Person:
        for person in self._actors.clients:
            if person.key == key:
                return person
        raise _refused("no such client")

    def _files(self, form: Any, telegram: bool) -> list[StoredFile]:
        """Sample photos by name, and files uploaded from the person's computer."""
        store = self._api.files if telegram else self._twilio.files
        found: list[StoredFile] = []
        for name in str(form.get("samples", "")).split(","):
            path = SAMPLES / Path(name.strip()).name
            if name.strip() and path.is_file():
                found.append(store.add(path.read_bytes(), path.name, "image/jpeg"))
        for field in form.getall("upload", []):
            if isinstance(field, web.FileField):
                data = field.file.read(UPLOAD_LIMIT + 1)
                if len(data) > UPLOAD_LIMIT:
                    raise _refused("a file over 20 MB")
                found.append(store.add(data, field.filename or "file", field.content_type))
        return found


def _serve(stored: StoredFile | None) -> web.Response:
    if stored is None:
        raise web.HTTPNotFound()
    disposition = f'inline; filename="{stored.name}"'
    return web.Response(body=stored.data, content_type=stored.mime,
                        headers={"Content-Disposition": disposition})


def _number(value: Any) -> int | None:
    text = str(value or "").strip()
    if not text or not text.lstrip("-").isascii() or not text.lstrip("-").isdigit() or len(text) > 20:
        return None
    return int(text)


def _refused(reason: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=json.dumps({"error": reason}), content_type="application/json")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)
