"""GET /healthz: 200 while delivery makes progress (with the queue's depth and the age of its
oldest waiting item), 503 with a one-line reason per stalled worker otherwise."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiohttp import web

from bot.clock import Clock
from bot.supervision import Health, reason
from storage import outbox as queue
from storage.db import Database

log = logging.getLogger(__name__)
READ_LIMIT = 2.0  # seconds: a health check answers even when the database does not


class Healthz:
    def __init__(self, db: Database, health: Health, clock: Clock) -> None:
        self._db = db
        self._health = health
        self._clock = clock

    def register(self, app: web.Application) -> None:
        app.router.add_get("/healthz", self._answer)

    async def report(self) -> dict[str, Any]:
        """{"ok": ..., "outbox": "ok" or why not, "waiting": n, "oldest_waiting_s": s}"""
        body: dict[str, Any] = {"ok": True, "outbox": "ok"}
        now = self._clock.now()
        try:
            async with asyncio.timeout(READ_LIMIT), self._db.snapshot() as tx:
                waiting, oldest = await queue.depth(tx, now)
        except Exception as error:  # noqa: BLE001 - reported, not raised
            body |= {"ok": False, "database": f"cannot be read: {reason(error)}"}
        else:
            body["waiting"] = waiting
            body["oldest_waiting_s"] = int((now - oldest).total_seconds()) if oldest else 0
        for worker, stalled in self._health.problems().items():
            body |= {"ok": False, worker: stalled}
        return body

    async def _answer(self, request: web.Request) -> web.Response:
        body = await self.report()
        return web.json_response(body, status=200 if body["ok"] else 503)
