"""The guided tour: a short script through the firm's procedure, each step naming what the
procedure promises there. A step is played by the people on the page (through `Actors`: the
client's taps and messages, the manager's commands), never by calling the bot, so the page
shows it exactly as if someone had done it by hand; the person may also do it by hand.

Buttons are found by what they do (their callback data: `a:<action>:<arg>`, see
`bot/channels/telegram.py`), so the script works in both languages; what people type comes
from the demo's texts (`demo-tour-say-*`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.demo.actors import Actors
from bot.demo.people import Person
from bot.demo.time_machine import TimeMachine
from bot.i18n import Translator
from domain.workshop import parse_kinds

log = logging.getLogger(__name__)
# The steps in order; each has demo-tour-<step> and demo-tour-<step>-promise texts.
TOUR = ("intake", "answer", "report", "interested", "news", "handover", "survey", "review",
        "booking", "order", "bill", "check")
# What the people type (demo-tour-say-<what>).
SAID = ("answers", "answer", "report", "stage_note", "eta_reason", "handover_note", "comment",
        "review", "booking_note", "order", "advice", "qc")
SURVEY_SCORES = ("5", "5", "4", "5", "5", "4", "5", "5", "10")
LINES_AT_MOST = 10


class TourError(Exception):
    """A step could not go on: the page shows it in one line."""


class Tour:
    def __init__(
        self,
        actors: Actors,
        machine: TimeMachine,
        clock: Clock,
        zone: str,
        translate: Translator,
        lang: str,
        publish: Callable[[dict[str, Any]], None],
    ) -> None:
        self._actors = actors
        self._machine = machine
        self._clock = clock
        self._zone = ZoneInfo(zone)
        self._t = translate
        self._lang = lang
        self._publish = publish
        self._lock = asyncio.Lock()
        self._client = actors.clients[0]
        self._thread: int | None = None  # the client's topic, once it exists

    @property
    def busy(self) -> bool:
        return self._lock.locked()

    def steps(self) -> list[dict[str, Any]]:
        return [{"key": key, "title": self._t(self._lang, f"demo-tour-{key}"),
                 "promise": self._t(self._lang, f"demo-tour-{key}-promise"), "client": 0}
                for key in TOUR]

    async def run(self, index: int) -> None:
        async with self._lock:
            self._publish({"type": "tour", "running": True, "step": index})
            failed = ""
            try:
                script: Callable[[], Awaitable[None]] = getattr(self, f"_{TOUR[index]}")
                await script()
            except Exception as error:  # shown on the page in one line; the demo goes on
                log.exception("demo: tour step %s failed", TOUR[index])
                failed = str(error) or type(error).__name__
            self._publish({"type": "tour", "running": False, "step": index, "failed": failed,
                           "thread": self._thread})

    # -- helpers ----------------------------------------------------------------------------

    def _say(self, what: str) -> str:
        return self._t(self._lang, f"demo-tour-say-{what}")

    async def _tap(self, person: Person, data: str, exact: bool = False) -> None:
        if not await self._actors.tap_data(person, data, exact):
            raise TourError(self._t(self._lang, "demo-tour-no-button"))

    async def _manager(self, text: str, photos: int = 0) -> None:
        if self._thread is None:
            self._thread = self._actors.topic_of(self._name())
        if self._thread is None:
            raise TourError(self._t(self._lang, "demo-tour-no-topic"))
        files = self._actors.sample_photos(photos)
        await self._actors.write(self._thread, text, files)

    def _name(self) -> str:
        return self._say("answers").split("|")[0].strip()

    def _local_date(self, days: int) -> str:
        return (self._clock.now().astimezone(self._zone) + timedelta(days=days)).strftime("%d.%m.%Y")

    # -- the steps --------------------------------------------------------------------------

    async def _intake(self) -> None:
        client = self._client
        await self._actors.say(client, "/start")
        await self._tap(client, "a:new:")
        answers = self._say("answers").split("|")
        for answer in answers[:8]:  # name … deadline
            await self._actors.say(client, answer.strip())
        await self._actors.share(client)
        await self._actors.say(client, answers[8].strip())  # birth date
        await self._tap(client, "a:answer:any")
        await self._tap(client, "a:confirm:")
        self._thread = self._actors.topic_of(self._name())

    async def _answer(self) -> None:
        await self._manager(self._say("answer"))

    async def _report(self) -> None:
        await self._manager(self._say("report"), photos=3)
        await asyncio.sleep(0)  # the report waits REPORT_PHOTO_WINDOW for more photos, then goes

    async def _interested(self) -> None:
        await self._wait_for(lambda: self._actors.find_data(self._client, "a:react:", ".interested"))
        if not await self._actors.tap_suffix(self._client, "a:react:", ".interested"):
            raise TourError(self._t(self._lang, "demo-tour-no-button"))

    async def _news(self) -> None:
        await self._manager("/stage negotiating " + self._say("stage_note"))
        await self._manager(f"/eta {self._local_date(14)} {self._say('eta_reason')}")

    async def _handover(self) -> None:
        await self._manager("/handover " + self._say("handover_note"))
        await self._tap(self._client, "a:service:")

    async def _survey(self) -> None:
        await self._machine.advance(timedelta(weeks=1))
        for score in SURVEY_SCORES:
            await self._actors.tap_label(self._client, score)
        await self._actors.say(self._client, self._say("comment"))

    async def _review(self) -> None:
        await self._actors.say(self._client, self._say("review"))

    async def _booking(self) -> None:
        day = (self._clock.now().astimezone(self._zone) + timedelta(days=1))
        if day.weekday() == 6:  # the workshop is closed on Sundays
            day += timedelta(days=1)
        kind = parse_kinds(self._t(self._lang, "demo-service-kinds"))[0][0]
        await self._manager(f"/book {day.strftime('%d.%m')} 11:00 {kind} {self._say('booking_note')}")

    async def _order(self) -> None:
        await self._machine.advance(timedelta(days=1))  # the visit's day: the reminder came
        await self._manager("/arrived")
        await self._manager(self._say("order"))
        for _ in range(LINES_AT_MOST):  # each line approved with its own button
            if not await self._actors.tap_data(self._client, "a:ws:la."):
                break

    async def _bill(self) -> None:
        await self._manager(self._say("qc"))  # the check before release (QC_CHECKS), all ticked
        await self._manager("/done " + self._say("advice"))

    async def _check(self) -> None:
        await self._machine.advance(timedelta(days=5))

    async def _wait_for(self, found: Callable[[], object], seconds: float = 30.0) -> None:
        """Until something the bot sends after a delay is there (the report's photo window)."""
        async with asyncio.timeout(seconds):
            while not found():
                await asyncio.sleep(0.2)
