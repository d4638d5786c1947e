"""The one mechanism for work owed at a moment (every step's: surveys, birthdays, the
workshop's reminders and checks).

Owing is one call inside the caller's transaction, `storage.due.owe(tx, kind, key, when, ...)`,
with the key from `domain.owed` (owed once per key). Performing is one registration per kind:
a `DueKind` names its performer and whether it waits for the client's contact hours and
behind a live flow. The tick sweeps what has fallen due; each task is claimed and performed in
one transaction, so overlapping ticks or a restart never perform it twice.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.services import followups as package
from bot.services.base import Desk, Kit
from bot.services.flows import Flows
from bot.services.followups.contact_window import next_opening, window
from bot.services.timing import Timing
from domain import Client, Stage
from domain.zones import zone_or
from storage import clients, conversations, due, requests
from storage.db import Tx

log = logging.getLogger(__name__)

# What a kind does when it falls due; False when, after all, it had nothing to send.
Performer = Callable[[Tx, Client, due.DueTask], Awaitable[bool | None]]


@dataclass(frozen=True)
class DueKind:
    """One kind of owed work, registered once: what performs it and when it may run."""

    name: str
    perform: Performer
    client_facing: bool = True  # a message to the client: it waits for their contact hours
    waits_behind_flow: bool = False  # a question: it waits until the client's flow ends


class OwedWork(Desk):
    """The registry of kinds, and the sweep that performs what has fallen due."""

    def __init__(self, kit: Kit, timing: Timing, flows: Flows) -> None:
        super().__init__(kit)
        self._timing = timing
        self._flows = flows  # a question waits behind the flows that hold (Flow.holds)
        self._kinds: dict[str, DueKind] = {}

    def register(self, *kinds: DueKind) -> None:
        for kind in kinds:
            if kind.name in self._kinds:
                raise ValueError(f"owed work {kind.name!r} is registered twice")
            self._kinds[kind.name] = kind

    async def send_due(self) -> int:
        """Perform what has fallen due, a transaction each; how many messages went."""
        sent = 0
        async with self._db.read() as tx:
            tasks = await due.due(tx, self._clock.now(), package.BATCH, self._kinds)
        for task in tasks:
            async with self._db.transaction() as tx:
                sent += await self.perform(tx, task)
        return sent

    async def perform(self, tx: Tx, task: due.DueTask) -> int:
        """1 if the task's message was queued now; 0 if skipped, postponed, waiting behind a
        flow or taken by another tick."""
        now = self._clock.now()
        kind = self._kinds[task.kind]
        client = await clients.get(tx, task.client_id)
        if client is None or client.unreachable_at is not None:
            await due.claim(tx, task.id, "skipped", now)  # a blocked client gets nothing
            return 0
        if task.request_id is not None:
            request = await requests.get(tx, task.request_id)
            if request is not None and request.stage == Stage.CANCELLED:
                await due.claim(tx, task.id, "cancelled", now)
                return 0
        if kind.client_facing:  # contact hours and the time of day they chose, on their clock
            hours = window(self._timing.contact_hours, client.contact_time)
            opening = next_opening(now, zone_or(client.timezone, self._timing.timezone), hours)
            if opening > now:
                await due.postpone(tx, task.id, opening)
                return 0
        if not await due.claim(tx, task.id, "done", now):
            return 0  # another tick took it
        return await self._run(tx, kind, client, task)

    async def flow_ended(self, tx: Tx, client: Client) -> None:
        """The client is free again: perform the oldest question that waited for them."""
        if await conversations.get(tx, client.id) is not None:
            return
        waiting = await conversations.next_pending(tx, client.id)
        task = await due.get(tx, waiting) if waiting is not None else None
        if task is not None and task.kind in self._kinds:
            await self._run(tx, self._kinds[task.kind], client, task)

    async def _run(self, tx: Tx, kind: DueKind, client: Client, task: due.DueTask) -> int:
        if kind.waits_behind_flow and await self._busy(tx, client):
            await conversations.queue(tx, client.id, task.kind, task.request_id, task.id,
                                      self._clock.now())
            return 0  # performed when the client's flow ends (flow_ended)
        return 0 if await kind.perform(tx, client, task) is False else 1

    async def _busy(self, tx: Tx, client: Client) -> bool:
        """In a flow a question must not break (an intake, a survey, feedback)."""
        conversation = await conversations.get(tx, client.id)
        return conversation is not None and conversation.flow in self._flows.holding()
