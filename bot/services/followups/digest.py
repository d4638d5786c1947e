"""The morning summary in the General topic, once a day: open requests by stage, promises
overdue, clients waiting, yesterday's surveys."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from html import escape

from bot.services.base import Desk, Kit
from bot.services.timing import Timing
from domain import Stage
from domain.groups import Business, topic_link
from storage import clients, deals, due, requests, surveys, topic_states, topics
from storage.db import Tx

Waiting = tuple[int, str | None, int | None, datetime, int | None]  # storage/clients.waiting
MAX_NAMED = 15  # the digest names this many of each; /open lists them all


class Digest(Desk):
    def __init__(self, kit: Kit, timing: Timing) -> None:
        super().__init__(kit)
        self._timing = timing

    async def send(self) -> None:
        """Once a day, in each manager group: a second call the same day sends nothing. The
        group of car requests gets the requests' figures; every group its waiting clients."""
        now = self._clock.now()
        today = now.astimezone(self._timing.timezone).date()
        for chat in self._outbox.groups.chats():
            async with self._db.transaction() as tx:
                await self._send_to(tx, chat, now, today)

    async def _send_to(self, tx: Tx, chat: int, now: datetime, today: date) -> None:
        groups = self._outbox.groups
        key = f"digest:{today.isoformat()}"
        if not await due.first_alert(tx, key if chat == groups.home else f"{key}:{chat}", now):
            return
        t = self._timing
        waiting = [row for row in await clients.waiting(tx, t.answer_since(now, t.reply_span))
                   if self._outbox.group_of_record(row[4]) == chat]
        requests_here = chat == groups.for_business(Business.CAR_REQUEST)
        if requests_here:
            by_stage = await requests.open_by_stage(tx)
            overdue = await requests.silent_count(tx, t.since(now, t.progress_interval))
            start = datetime.combine(today - timedelta(days=1), time(0), tzinfo=self._timing.timezone)
            answered = await surveys.completed_between(tx, start, start + timedelta(days=1))
            scores = [nps for (nps,) in answered if nps is not None]
            text = self._t(self._lang, "digest", stages=self._stages(by_stage), overdue=overdue,
                           unanswered=len(waiting), surveys=len(answered),
                           nps=round(sum(scores) / len(scores), 1) if scores else "none")
        else:
            text = self._t(self._lang, "digest-group", unanswered=len(waiting))
        text += "\n" + self._t(self._lang, "digest-conversations",
                                open=await topic_states.open_count(tx, self._outbox.department(chat)))
        text += await self._names(tx, now, chat, waiting, requests_here)
        await self._outbox.to_group(tx, text, None, group=chat)

    async def _names(self, tx: Tx, now: datetime, chat: int, waiting: list[Waiting],
                     requests_here: bool) -> str:
        """The overdue requests and the waiting clients by name, each a link to the topic."""
        parts = []
        t = self._timing
        silent = await deals.silent_deals(tx, t.since(now, t.progress_interval)) if requests_here else []
        if silent:
            lines = [self._line(d.name, await self._topic(tx, chat, d.client_id, d.topic_id), chat,
                                f"#{d.request_id} · "
                                + self._t(self._lang, "open-days", days=(now - d.heard_at).days))
                     for d in silent[:MAX_NAMED]]
            parts.append(self._t(self._lang, "digest-overdue-list", lines="\n".join(lines)))
        if waiting:
            lines = [self._line(name, await self._topic(tx, chat, client_id, topic), chat,
                                self._t(self._lang, "digest-waiting-hours",
                                        hours=int((now - since).total_seconds() // 3600)))
                     for client_id, name, topic, since, _ in waiting[:MAX_NAMED]]
            parts.append(self._t(self._lang, "digest-waiting-list", lines="\n".join(lines)))
        return "".join("\n\n" + part for part in parts)

    async def _topic(self, tx: Tx, chat: int, client_id: int, home_topic: int | None) -> int | None:
        """The client's topic in group `chat`."""
        if chat == self._outbox.groups.home:
            return home_topic
        return await topics.topic_in(tx, client_id, chat)

    def _line(self, name: str | None, topic_id: int | None, chat: int, tail: str) -> str:
        link = topic_link(chat, topic_id) if topic_id else ""
        shown = escape(name or "—")
        return f'• <a href="{link}">{shown}</a> {tail}' if link else f"• {shown} {tail}"

    def _stages(self, by_stage: list[tuple[str, int]]) -> str:
        ordered = sorted(by_stage, key=lambda row: list(Stage).index(Stage(row[0])))
        lines = [f"• {self._t(self._lang, f'stage-{stage}')}: {count}" for stage, count in ordered]
        return "\n".join(lines) or self._t(self._lang, "digest-none")
