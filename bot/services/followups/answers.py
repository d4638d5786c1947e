"""Promises of a manager's answer, kept like the reply clock: a critique is answered within
CRITIQUE_REPLY, a client who accepted an extra service is contacted within EXTRA_SERVICE_REPLY,
both in working time (WORKING_HOURS on business days, not on HOLIDAYS; a whole day is a
working day).

Opening one owes two pieces of work (the one owed-work mechanism, owed.py): a warning in the
topic at ¾ of the time and, when it is over, the topic and General told it is broken. Any
manager's message to the client after the promise opened (written in the topic, or a stage, a
report…) closes it: what falls due after that finds it answered and says nothing. The client's
text names the moment from the same clock (`deadline`), so the words and the clock agree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from html import escape

from bot.services.base import Desk, Kit
from bot.services.followups.owed import DueKind
from bot.services.timing import Timing
from domain import Client, owed
from domain.owed import Owed
from storage import due, journal, requests
from storage.db import Tx

WARN_AT = 0.75  # of the promised time, as the reply clock


class Promise(StrEnum):
    CRITIQUE = "critique"  # ref: the feedback row
    SERVICE = "service"  # ref: the accepted service


@dataclass(frozen=True)
class Clock:
    soon: Owed
    lapsed: Owed


CLOCKS = {
    Promise.CRITIQUE: Clock(Owed.CRITIQUE_SOON, Owed.CRITIQUE_LAPSED),
    Promise.SERVICE: Clock(Owed.SERVICE_SOON, Owed.SERVICE_LAPSED),
}


def _hours(span: timedelta) -> int:
    return max(int(span.total_seconds() // 3600), 1)


class Answers(Desk):
    def __init__(self, kit: Kit, timing: Timing) -> None:
        super().__init__(kit)
        self._timing = timing

    def kinds(self) -> tuple[DueKind, ...]:
        """A warning and a lapse per promise: words to the managers, at any hour."""
        return tuple(
            DueKind(kind, self._fire, client_facing=False)
            for clock in CLOCKS.values() for kind in (clock.soon, clock.lapsed)
        )

    def _span(self, promise: Promise) -> timedelta:
        t = self._timing
        setting = t.critique_reply if promise is Promise.CRITIQUE else t.extra_service_reply
        return t.working.in_working_time(setting)

    def deadline(self, promise: Promise, opened: datetime) -> datetime:
        """When a promise opened at `opened` is broken."""
        return self._timing.working.after(opened, self._span(promise))

    async def open(self, tx: Tx, client: Client, promise: Promise, ref_id: int,
                   request_id: int | None = None) -> datetime:
        """Start the clock; the moment the answer is owed by."""
        now, clock = self._clock.now(), CLOCKS[promise]
        warn = self._timing.working.after(now, self._span(promise) * WARN_AT)
        lapse = self.deadline(promise, now)
        for kind, at in ((clock.soon, warn), (clock.lapsed, lapse)):
            await due.owe(tx, kind, owed.answer_key(kind, ref_id), at, client.id, now,
                          request_id=request_id, ref_id=ref_id)
        return lapse

    async def _fire(self, tx: Tx, client: Client, task: due.DueTask) -> bool:
        """Silent once a manager has written to the client since the promise opened."""
        answered = await journal.last_message_at(tx, client.id, "manager")
        if answered is not None and task.created_at is not None and answered > task.created_at:
            return False
        promise = next(p for p, clock in CLOCKS.items() if task.kind in (clock.soon, clock.lapsed))
        args: dict[str, object] = {"promise": promise.value, "hours": _hours(self._span(promise))}
        if promise is Promise.SERVICE:
            service = await requests.accepted_service(tx, task.ref_id or 0)
            if service is None:
                return False
            args["service"] = escape(service)
        if task.kind == CLOCKS[promise].soon:
            lapse = self.deadline(promise, task.created_at or task.due_at)
            left = self._timing.working.elapsed(self._clock.now(), lapse)
            text = self._t(self._lang, "answer-soon", left=_hours(left), **args)
            await self._outbox.to_topic(tx, client, text)
            return True
        await self._outbox.to_topic(tx, client, self._t(self._lang, "answer-lapsed", **args))
        text = self._t(self._lang, "answer-lapsed-general", name=escape(client.name or "—"),
                       link=self._link(client.topic_id), **args)
        await self._outbox.to_group(tx, text, None, about=client)
        return True
