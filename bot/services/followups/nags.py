"""Warning managers before a promise breaks, and the owner when it does: news every interval
(a deal's own, set by /every, or PROGRESS_UPDATE_INTERVAL), answers within REPLY_SLA (in
working time: WORKING_HOURS on business days, not on HOLIDAYS).

At three quarters of the time the client's topic is warned ("in 12 h the client will have gone
48 h without news"); when the time is up the topic is told and so is the General topic.
Each open request keeps when its client last heard from us and how far the telling went (0
nothing, 1 warned, 2 broken), and each client which wait was warned of and which was told as
broken; so a sweep reads, through indexes, only the rows that became due since the last one.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from bot.services.base import Desk, Kit
from bot.services.timing import Timing
from storage import clients, deals, requests
from storage.db import Tx
from storage.requests import Silence

WARN_AT = 0.75  # of the interval


def _hours(span: timedelta) -> int:
    return max(int(span.total_seconds() // 3600), 0)


class Nags(Desk):
    def __init__(self, kit: Kit, timing: Timing) -> None:
        super().__init__(kit)
        self._timing = timing

    async def silences(self, now: datetime, batch: int) -> int:
        """Warn about, then escalate, requests whose client heard nothing; the rows read."""
        interval = self._timing.progress_interval  # a setting: read each sweep, never stored
        async with self._db.transaction() as tx:
            t = self._timing
            found = await requests.silent(tx, t.since(now, interval * WARN_AT),
                                          t.since(now, interval), batch)
            for silence in found:
                await self._silence(tx, silence, interval, now)
        return len(found)

    async def own_intervals(self, now: datetime) -> None:
        """Deals with their own interval (/every): few, read whole and judged here."""
        async with self._db.transaction() as tx:
            for silence, seconds in await deals.own_interval_silences(tx):
                interval = timedelta(seconds=seconds)
                silent_for = self._timing.elapsed(silence.heard_at, now)
                level = 2 if silent_for >= interval else (
                    1 if silent_for >= interval * WARN_AT else 0)
                if level > silence.nag_level:
                    await self._silence(tx, silence, interval, now)

    async def _silence(self, tx: Tx, silence: Silence, interval: timedelta, now: datetime) -> None:
        client = await clients.get(tx, silence.client_id)
        assert client is not None
        silent_for = self._timing.elapsed(silence.heard_at, now)
        if silent_for < interval:
            text = self._t(self._lang, "warn-progress", left=_hours(interval - silent_for) or 1,
                           hours=_hours(interval))
            await self._outbox.to_topic(tx, client, text)
            await requests.set_nag_level(tx, silence.request_id, 1)
            return
        hours = _hours(silent_for)  # on the promise clock (business days)
        await self._outbox.to_topic(tx, client, self._t(self._lang, "nag-progress", hours=hours))
        text = self._t(self._lang, "escalate-progress", hours=hours, id=silence.request_id,
                       name=escape(client.name or "—"), link=self._link(client.topic_id))
        await self._outbox.to_group(tx, text, None, about=client)
        await requests.set_nag_level(tx, silence.request_id, 2)

    async def waits(self, now: datetime, batch: int) -> int:
        """Warn the topic of a client waiting 3/4 of the SLA, then tell topic and General once
        it is broken; the number of rows read."""
        sla = self._timing.reply_span  # in working time: a night's message counts from opening
        async with self._db.transaction() as tx:
            t = self._timing
            warn = await clients.awaiting_warning(tx, t.answer_since(now, sla * WARN_AT), batch)
            for client_id, first in warn:
                await clients.warned(tx, client_id)
                client = await clients.get(tx, client_id)
                assert client is not None
                waited = t.answer_elapsed(first, now)
                if client.topic_id and waited < sla:
                    text = self._t(self._lang, "warn-reply", left=_hours(sla - waited) or 1,
                                   hours=_hours(sla))
                    await self._outbox.to_topic(tx, client, text)
            broken = await clients.awaiting_reminder(tx, t.answer_since(now, sla), batch)
            for client_id, first in broken:
                await self._reply_broken(tx, client_id, _hours(t.answer_elapsed(first, now)))
        return max(len(warn), len(broken))

    async def _reply_broken(self, tx: Tx, client_id: int, hours: int) -> None:
        client = await clients.get(tx, client_id)
        assert client is not None
        await clients.reminded(tx, client_id)
        if client.topic_id:
            await self._outbox.to_topic(tx, client, self._t(self._lang, "nag-reply", hours=hours))
            text = self._t(self._lang, "escalate-reply", hours=hours,
                           name=escape(client.name or "—"), link=self._link(client.topic_id))
            await self._outbox.to_group(tx, text, None, about=client)
