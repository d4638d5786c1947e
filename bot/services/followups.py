"""Promises that depend on time: surveys, review reminders, later calls, birthdays, nags, digest.

The scheduler only ticks; what is owed lives in `due_tasks` and `manager_alerts`. A task is
claimed and its message queued in one transaction, so overlapping ticks or a restart never
send twice, and a restart after downtime catches up on what was missed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from zoneinfo import ZoneInfo

from bot.clock import Clock
from domain import Action, Automatic, Button, CarRequest, Client, Reply, Stage
from bot.i18n import Translator
from bot.services.contact_window import next_opening, window
from bot.delivery import Outbox
from bot.services.survey import SurveyFlow
from storage import clients, conversations, due, requests, surveys
from storage.db import Database, Tx, to_db

log = logging.getLogger(__name__)
# Rows per transaction when a sweep meets a backlog. Statements run on the event loop (see
# storage.db), so a batch of 100 holds it for tens of milliseconds, and other work goes between.
BATCH = 100


@dataclass(frozen=True)
class Timing:
    satisfaction_check: timedelta
    long_followup: timedelta
    progress_interval: timedelta
    reply_sla: timedelta
    digest_time: time
    contact_hours: tuple[time, time]
    timezone: ZoneInfo


class Followups:
    def __init__(self, db: Database, outbox: Outbox, translate: Translator, clock: Clock,
                 survey: SurveyFlow, timing: Timing) -> None:
        self._db = db
        self._outbox = outbox
        self._t = translate
        self._clock = clock
        self._survey = survey
        self._timing = timing
        self._lang = translate.default_language

    # -- scheduling (called by other services inside their transactions) ------------------

    async def after_handover(self, tx: Tx, request: CarRequest, handed_over_at: datetime) -> None:
        now = self._clock.now()
        for kind, delay in (("survey", self._timing.satisfaction_check),
                            ("long_followup", self._timing.long_followup)):
            await due.schedule(tx, f"{kind}:{request.id}", kind, request.client_id, request.id,
                               handed_over_at + delay, now)

    async def cancel(self, tx: Tx, request_id: int) -> int:
        return await due.cancel_for_request(tx, request_id)

    async def birthday(
        self, tx: Tx, client_id: int, birth_date: date | None, after: date | None = None
    ) -> None:
        """Owe the next greeting: today's or later, or strictly after `after` once one is sent."""
        if birth_date is None:
            return
        today = self._clock.now().astimezone(self._timing.timezone).date()
        for year in (today.year, today.year + 1):
            day = _on_year(birth_date, year)
            if day >= today and (after is None or day > after):
                start = datetime.combine(day, time(0), tzinfo=self._timing.timezone)
                await due.schedule(tx, f"birthday:{client_id}:{year}", "birthday", client_id,
                                   None, start, self._clock.now())
                return

    # -- the jobs -------------------------------------------------------------------------

    async def tick(self) -> None:
        """The frequent job: send what is due, nag about promises about to break."""
        await self.send_due()
        await self.nag()
        local = self._clock.now().astimezone(self._timing.timezone)
        if local.time() >= self._timing.digest_time:  # catch up a digest missed while down
            await self.digest()

    async def send_due(self) -> int:
        sent = 0
        async with self._db.read() as tx:
            tasks = await due.due(tx, self._clock.now(), BATCH)
        for task in tasks:
            async with self._db.transaction() as tx:
                sent += await self._perform(tx, task)
        return sent

    async def _perform(self, tx: Tx, task: due.DueTask) -> int:
        now = self._clock.now()
        client = await clients.get(tx, task.client_id)
        request = await requests.get(tx, task.request_id) if task.request_id else None
        if client is None or client.unreachable_at is not None:
            await due.claim(tx, task.id, "skipped", now)  # a blocked client gets nothing
            return 0
        if request is not None and request.stage == Stage.CANCELLED:
            await due.claim(tx, task.id, "cancelled", now)
            return 0
        opening = next_opening(now, self._zone(client), window(self._timing.contact_hours, client.contact_time))
        if opening > now:
            await due.postpone(tx, task.id, opening)
            return 0
        if not await due.claim(tx, task.id, "done", now):
            return 0  # another tick took it
        match task.kind:
            case "survey":
                assert request is not None
                await self._survey.begin(tx, client, request)
            case "review_reminder":
                assert request is not None
                if not await self._survey.remind_review(tx, client, request.id):
                    return 0
            case "long_followup":
                assert request is not None
                await conversations.clear(tx, client.id)  # what they write now is the answer
                text = self._t(client.language, "long-followup", car=escape(request.car))
                menu = ((Button(self._t(client.language, "button-menu"), Action.MENU),),)
                await self._outbox.to_client(tx, client, Reply(text, menu),
                                             automatic=Automatic.LONG_FOLLOWUP)
                await self._outbox.to_topic(tx, client, self._t(self._lang, "topic-long-followup"))
            case "birthday":
                text = self._t(client.language, "birthday", name=escape(client.name or ""))
                await self._outbox.to_client(tx, client, Reply(text), automatic=Automatic.BIRTHDAY)
                today = now.astimezone(self._timing.timezone).date()
                await self.birthday(tx, client.id, client.birth_date, after=today)  # next year's
        return 1

    async def nag(self) -> None:
        """Remind managers of promises about to break: updates every interval, answers in SLA.

        Each open request keeps when its client last heard from us and whether that silence
        was nagged or escalated, and each client whether their wait was reminded of; so a sweep
        reads, through indexes, only the rows that became due since the last one. A backlog
        (after downtime) is taken a batch per transaction, so the sweep never holds the
        database for long, nor the whole backlog in memory.
        """
        now = self._clock.now()
        for sweep in (self._nag_silences, self._remind_waits):
            while await sweep(now) == BATCH:
                pass  # a full batch: there may be more

    async def _nag_silences(self, now: datetime) -> int:
        interval = self._timing.progress_interval  # a setting: read each sweep, never stored
        async with self._db.transaction() as tx:
            found = await requests.silent(tx, now - interval, now - 2 * interval, BATCH)
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

    async def _remind_waits(self, now: datetime) -> int:
        async with self._db.transaction() as tx:
            found = await clients.awaiting_reminder(tx, now - self._timing.reply_sla, BATCH)
            for client_id, first in found:
                client = await clients.get(tx, client_id)
                assert client is not None
                await clients.reminded(tx, client_id)
                if client.topic_id:
                    hours = int((now - first).total_seconds() // 3600)
                    await self._outbox.to_topic(tx, client, self._t(self._lang, "nag-reply", hours=hours))
        return len(found)

    async def digest(self) -> None:
        """The morning summary in the General topic, once a day."""
        now = self._clock.now()
        today = now.astimezone(self._timing.timezone).date()
        async with self._db.transaction() as tx:
            if not await due.first_alert(tx, f"digest:{today.isoformat()}", now):
                return
            by_stage = await tx.all(
                "SELECT stage, COUNT(*) FROM requests WHERE stage NOT IN (?, ?) GROUP BY stage",
                (Stage.CLOSED.value, Stage.CANCELLED.value),
            )
            overdue = await requests.silent_count(tx, now - self._timing.progress_interval)
            unanswered = await tx.scalar(
                "SELECT COUNT(*) FROM clients WHERE first_unanswered_at <= ?",
                (to_db(now - self._timing.reply_sla),),
            )
            start = datetime.combine(today - timedelta(days=1), time(0), tzinfo=self._timing.timezone)
            answered = await surveys.completed_between(tx, start, start + timedelta(days=1))
            stages = "\n".join(
                f"• {self._t(self._lang, f'stage-{stage}')}: {count}"
                for stage, count in sorted(by_stage, key=lambda row: list(Stage).index(Stage(row[0])))
            ) or self._t(self._lang, "digest-none")
            scores = [nps for (nps,) in answered if nps is not None]
            text = self._t(self._lang, "digest", stages=stages, overdue=overdue, unanswered=unanswered,
                           surveys=len(answered),
                           nps=f"{sum(scores) / len(scores):.1f}" if scores else "—")
            await self._outbox.to_group(tx, text, None)

    def _zone(self, client: Client) -> ZoneInfo:
        return self._timing.timezone


def _on_year(birth: date, year: int) -> date:
    try:
        return birth.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 2, 28)
