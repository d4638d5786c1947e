"""The morning summary in the General topic, once a day: open requests by stage, promises
overdue, clients waiting, yesterday's surveys."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.services.base import Desk, Kit
from bot.services.timing import Timing
from domain import Stage
from storage import clients, due, requests, surveys


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
            overdue = await requests.silent_count(tx, now - self._timing.progress_interval)
            unanswered = await clients.unanswered_count(tx, now - self._timing.reply_sla)
            start = datetime.combine(today - timedelta(days=1), time(0), tzinfo=self._timing.timezone)
            answered = await surveys.completed_between(tx, start, start + timedelta(days=1))
            scores = [nps for (nps,) in answered if nps is not None]
            text = self._t(self._lang, "digest", stages=self._stages(by_stage), overdue=overdue,
                           unanswered=unanswered, surveys=len(answered),
                           nps=f"{sum(scores) / len(scores):.1f}" if scores else "—")
            await self._outbox.to_group(tx, text, None)

    def _stages(self, by_stage: list[tuple[str, int]]) -> str:
        ordered = sorted(by_stage, key=lambda row: list(Stage).index(Stage(row[0])))
        lines = [f"• {self._t(self._lang, f'stage-{stage}')}: {count}" for stage, count in ordered]
        return "\n".join(lines) or self._t(self._lang, "digest-none")
