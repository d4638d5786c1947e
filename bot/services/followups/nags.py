"""Reminding managers of promises about to break: news every interval, answers within the SLA.

Each open request keeps when its client last heard from us and whether that silence was nagged
or escalated, and each client whether their wait was reminded of; so a sweep reads, through
indexes, only the rows that became due since the last one, a batch per transaction.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.services.base import Desk, Kit
from bot.services.timing import Timing
from storage import clients, requests


class Nags(Desk):
    def __init__(self, kit: Kit, timing: Timing) -> None:
        super().__init__(kit)
        self._timing = timing

    async def silences(self, now: datetime, batch: int) -> int:
        """Nag (then escalate) requests whose client heard nothing; the number of rows read."""
        interval = self._timing.progress_interval  # a setting: read each sweep, never stored
        async with self._db.transaction() as tx:
            found = await requests.silent(tx, now - interval, now - 2 * interval, batch)
            for silence in found:
                client = await clients.get(tx, silence.client_id)
                assert client is not None
                hours = int((now - silence.heard_at).total_seconds() // 3600)
                if silence.nag_level == 0:
                    await self._outbox.to_topic(tx, client, self._t(self._lang, "nag-progress", hours=hours))
                level = 1
                if now - silence.heard_at >= 2 * interval:
                    text = self._t(self._lang, "escalate-progress", hours=hours, id=silence.request_id,
                                   name=escape(client.name or "—"))
                    await self._outbox.to_group(tx, text, None)
                    level = 2
                await requests.set_nag_level(tx, silence.request_id, level)
        return len(found)

    async def waits(self, now: datetime, batch: int) -> int:
        """Remind managers of clients waiting past the SLA; the number of rows read."""
        async with self._db.transaction() as tx:
            found = await clients.awaiting_reminder(tx, now - self._timing.reply_sla, batch)
            for client_id, first in found:
                client = await clients.get(tx, client_id)
                assert client is not None
                await clients.reminded(tx, client_id)
                if client.topic_id:
                    hours = int((now - first).total_seconds() // 3600)
                    await self._outbox.to_topic(tx, client, self._t(self._lang, "nag-reply", hours=hours))
        return len(found)
