"""The morning summary in the General topic, once a day: open requests by stage, promises
overdue, clients waiting, yesterday's surveys."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from html import escape

from bot.services.base import Desk, Kit
from bot.services.timing import Timing
from domain import Stage
from storage import clients, deals, due, requests, surveys
from storage.db import Tx

MAX_NAMED = 15  # the digest names this many of each; /open lists them all


class Digest(Desk):
    def __init__(self, kit: Kit, timing: Timing) -> None:
        super().__init__(kit)
        self._timing = timing

    async def send(self) -> None:
        """Once a day: a second call the same day sends nothing."""
        now = self._clock.now()
        today = now.astimezone(self._timing.timezone).date()
        async with self._db.transaction() as tx:
            if not await due.first_alert(tx, f"digest:{today.isoformat()}", now):
                return
            by_stage = await requests.open_by_stage(tx)
            t = self._timing
            overdue = await requests.silent_count(tx, t.since(now, t.progress_interval))
            unanswered = await clients.unanswered_count(tx, t.answer_since(now, t.reply_span))
            start = datetime.combine(today - timedelta(days=1), time(0), tzinfo=self._timing.timezone)
            answered = await surveys.completed_between(tx, start, start + timedelta(days=1))
            scores = [nps for (nps,) in answered if nps is not None]
            text = self._t(self._lang, "digest", stages=self._stages(by_stage), overdue=overdue,
                           unanswered=unanswered, surveys=len(answered),
                           nps=round(sum(scores) / len(scores), 1) if scores else "—")
            text += await self._names(tx, now)
            await self._outbox.to_group(tx, text, None)

    async def _names(self, tx: Tx, now: datetime) -> str:
        """The overdue requests and the waiting clients by name, each a link to the topic."""
        parts = []
        t = self._timing
        silent = await deals.silent_deals(tx, t.since(now, t.progress_interval))
        if silent:
            lines = [self._line(d.name, d.topic_id, f"#{d.request_id} · "
                                + self._t(self._lang, "open-days", days=(now - d.heard_at).days))
                     for d in silent[:MAX_NAMED]]
            parts.append(self._t(self._lang, "digest-overdue-list", lines="\n".join(lines)))
        waiting = await clients.waiting(tx, t.answer_since(now, t.reply_span))
        if waiting:
            lines = [self._line(name, topic, self._t(self._lang, "digest-waiting-hours",
                                                     hours=int((now - since).total_seconds() // 3600)))
                     for _, name, topic, since in waiting[:MAX_NAMED]]
            parts.append(self._t(self._lang, "digest-waiting-list", lines="\n".join(lines)))
        return "".join("\n\n" + part for part in parts)

    def _line(self, name: str | None, topic_id: int | None, tail: str) -> str:
        link = self._link(topic_id)
        shown = escape(name or "—")
        return f'• <a href="{link}">{shown}</a> {tail}' if link else f"• {shown} {tail}"

    def _stages(self, by_stage: list[tuple[str, int]]) -> str:
        ordered = sorted(by_stage, key=lambda row: list(Stage).index(Stage(row[0])))
        lines = [f"• {self._t(self._lang, f'stage-{stage}')}: {count}" for stage, count in ordered]
        return "\n".join(lines) or self._t(self._lang, "digest-none")
