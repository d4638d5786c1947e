"""The guided tour: a short script of steps through the firm's procedure, each naming what the
procedure promises there. A step is done by the people on the page (through `Actors`), so the
page shows it as if someone had clicked; the person may also do it by hand."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.demo.actors import Actors
from bot.i18n import Translator

log = logging.getLogger(__name__)
TOUR = ("intake",)


class Tour:
    def __init__(
        self, actors: Actors, translate: Translator, lang: str, publish: Callable[[dict[str, Any]], None]
    ) -> None:
        self._actors = actors
        self._publish = publish
        self._t = translate
        self._lang = lang
        self._lock = asyncio.Lock()

    @property
    def busy(self) -> bool:
        return self._lock.locked()

    def steps(self) -> list[dict[str, Any]]:
        return [{"key": key, "title": self._t(self._lang, f"demo-tour-{key}"),
                 "promise": self._t(self._lang, f"demo-tour-{key}-promise")} for key in TOUR]

    async def run(self, index: int) -> None:
        async with self._lock:
            self._publish({"type": "tour", "running": True})
            failed = ""
            try:
                script: Callable[[], Awaitable[None]] = getattr(self, f"_{TOUR[index]}")
                await script()
            except Exception as error:  # shown on the page in one line; the demo goes on
                log.exception("demo: tour step %s failed", TOUR[index])
                failed = str(error) or type(error).__name__
            self._publish({"type": "tour", "running": False, "failed": failed})

    async def _intake(self) -> None:
        client = self._actors.clients[0]
        await self._actors.say(client, "/start")
