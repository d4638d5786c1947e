"""The owner's numbers without leaving Telegram: `/stats` (figures and a chart), `/export` (CSV).

Channel-neutral. Figures are SQL aggregations (storage/stats.py) read on connections of their
own, so a long report never holds up the bot; the chart and the files are made off the event
loop; what is sent goes through the outbox like every other message.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any

from bot.clock import Clock
from bot.i18n import Translator
from bot.services.followups import Timing
from bot.delivery import Outbox
from bot.delivery.ports import Op
from bot.services.stats_chart import render_managers, render_overview, warm_up
from bot.services.stats_export import export_files
from bot.services.stats_period import Period, PeriodError, StatsQuery, parse_query
from bot.services.stats_text import StatsText
from storage import exports, managers
from storage import stats as sql
from storage.db import Database, Tx
from storage.stats import ALL, Ranks, Who, Window

log = logging.getLogger(__name__)


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide ("no data yet")."""
    return part / whole if whole else None


@dataclass
class Figures:
    """Every figure of one period for one scope: the whole firm, or one manager."""

    surveys_sent: int = 0
    surveys_answered: int = 0  # at least one question answered
    nps_answers: int = 0
    promoters: int = 0  # 9–10
    detractors: int = 0  # 0–6
    scores: dict[str, tuple[float | None, int]] = field(default_factory=dict)  # (average, answers)
    waits: int = 0  # client messages waiting for an answer (a run of them counts once)
    replies_kept: int = 0  # answered within REPLY_SLA
    replies_missed: int = 0  # answered later, or still unanswered past REPLY_SLA
    reply_in_hours: Ranks = field(default_factory=Ranks)  # seconds to the first answer
    reply_off_hours: Ranks = field(default_factory=Ranks)
    promise_days: int = 0  # (open request, day) pairs
    promise_kept: int = 0  # ... on which the client had news within PROGRESS_UPDATE_INTERVAL
    new_requests: int = 0
    open_by_stage: dict[str, int] = field(default_factory=dict)  # now, not in the period
    handovers: int = 0
    reports_in_handovers: int = 0
    to_handover: Ranks = field(default_factory=Ranks)  # days from request to handover
    cancelled: int = 0
    cancel_reasons: list[tuple[str, int]] = field(default_factory=list)
    reports_sent: int = 0
    interested: int = 0
    reviews_requested: int = 0
    reviews_left: int = 0
    critique: int = 0

    @property
    def nps(self) -> float | None:
        ratio = share(self.promoters - self.detractors, self.nps_answers)
        return None if ratio is None else ratio * 100

    @property
    def response_rate(self) -> float | None:
        return share(self.surveys_answered, self.surveys_sent)

    def score(self, dimension: str) -> float | None:
        return self.scores.get(dimension, (None, 0))[0]

    def score_answers(self, dimension: str) -> int:
        return self.scores.get(dimension, (None, 0))[1]

    @property
    def replies_judged(self) -> int:
        return self.replies_kept + self.replies_missed

    @property
    def sla_share(self) -> float | None:
        return share(self.replies_kept, self.replies_judged)

    @property
    def promise_share(self) -> float | None:
        return share(self.promise_kept, self.promise_days)

    @property
    def reports_per_handover(self) -> float | None:
        return share(self.reports_in_handovers, self.handovers)

    @property
    def interested_share(self) -> float | None:
        return share(self.interested, self.reports_sent)

    @property
    def reviews_left_share(self) -> float | None:
        return share(self.reviews_left, self.reviews_requested)


@dataclass(frozen=True)
class Trends:
    """The whole firm's figures by local week (for the chart), and the period's funnel."""

    weeks: list[date]  # their Mondays
    nps: dict[date, tuple[int, int, int]]  # week → (answers, promoters, detractors)
    replies: dict[date, Ranks]  # week → seconds to the first answer
    funnel: dict[str, int]  # stage → requests made in the period that got that far


@dataclass(frozen=True)
class Reading:
    """One period's figures: for the whole firm (key ALL) or per manager."""

    period: Period
    board: dict[Who, Figures]
    trends: Trends | None = None  # the period asked about, whole firm only
    names: dict[int, str] = field(default_factory=dict)  # manager id → display name

    def figures(self, who: Who) -> Figures:
        return self.board.get(who, Figures())


@dataclass(frozen=True)
class StatsReport:
    query: StatsQuery
    current: Reading
    before: Reading  # the previous period, for the changes

    def figures(self, who: Who) -> tuple[Figures, Figures]:
        return self.current.figures(who), self.before.figures(who)


# The families of figures (storage/stats.py), in two halves of about equal weight: each half
# of a period is read on a connection of its own.
TALK: tuple[Callable[[Tx, Window, bool], Any], ...] = (sql.surveys, sql.reviews, sql.critique)
DEALS: tuple[Callable[[Tx, Window, bool], Any], ...] = (
    sql.promise, sql.new_requests, sql.handovers, sql.cancellations, sql.reports,
)


class StatsDesk:
    def __init__(
        self, db: Database, outbox: Outbox, translate: Translator, clock: Clock, timing: Timing
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._t = translate
        self._clock = clock
        self._timing = timing
        self._lang = translate.default_language
        self._text = StatsText(translate, self._lang, timing)

    # -- the commands ---------------------------------------------------------------------

    async def stats(self, topic_id: int | None, message_id: int, args: str) -> None:
        query = await self._query(topic_id, message_id, args)
        if query is None:
            return
        # The period asked about is read first, on both connections; its chart is drawn while
        # the previous period is read for the comparison (two cores, SQLite off the GIL).
        async with asyncio.TaskGroup() as group:
            group.create_task(asyncio.to_thread(warm_up))  # a no-op once imported
            current = group.create_task(self._read(query.period, query.by_manager, current=True))
            before = group.create_task(self._read(query.period.previous(), query.by_manager, False))
            chart = group.create_task(self._draw(query, await current))
        report = StatsReport(query, current.result(), before.result())
        texts = self._text.managers(report) if query.by_manager else self._text.overview(report)
        async with self._db.transaction() as tx:
            for text in texts:
                await self._outbox.to_group(tx, text, None, reply_to=message_id)
            if (png := chart.result()) is not None:
                await self._outbox.file_to_group(tx, Op.PHOTO, png, "stats.png", None,
                                                 reply_to=message_id)

    async def export(self, topic_id: int | None, message_id: int, args: str) -> None:
        query = await self._query(topic_id, message_id, args)
        if query is None:
            return
        period = query.period
        async with self._db.snapshot() as tx:
            tables = await exports.tables(tx, period.start, period.end)
            names = await managers.names(tx)
        # Thousands of rows to write: CPU work, off the event loop.
        files = await asyncio.to_thread(export_files, tables, names, self._t, self._lang, period.zone)
        label = self._text.period(period)
        async with self._db.transaction() as tx:
            for name, (content, rows) in files.items():
                caption = self._t(self._lang, f"export-caption-{name}", period=label, rows=rows)
                filename = f"{name}_{period.first_day}_{period.last_day}.csv"
                await self._outbox.file_to_group(tx, Op.DOCUMENT, content, filename, None,
                                                 caption=caption, reply_to=message_id)

    # -- the figures ----------------------------------------------------------------------

    async def report(self, query: StatsQuery) -> StatsReport:
        """Every figure of the period and of the one before it, for the firm or per manager."""
        current, before = await asyncio.gather(
            self._read(query.period, query.by_manager, current=True),
            self._read(query.period.previous(), query.by_manager, current=False),
        )
        return StatsReport(query, current, before)

    async def _read(self, period: Period, by_manager: bool, current: bool) -> Reading:
        """A period's figures; for the period asked about, also what only it shows (stages
        now, managers' names, and for the whole firm the chart's weeks and funnel)."""
        window = self._window(period)
        (talk, weekly, nps), (deals, funnel, names) = await asyncio.gather(
            self._talk(window, by_manager, trends=current and not by_manager),
            self._deals(window, by_manager, current),
        )
        merged: dict[Who, dict[str, Any]] = defaultdict(dict)
        for found in talk + deals:
            for who, values in found.items():
                merged[who].update(values)
        if not by_manager:
            merged.setdefault(ALL, {})
        board = {who: Figures(**values) for who, values in merged.items()}
        trends = Trends(period.weeks(), nps, weekly, funnel) if current and not by_manager else None
        return Reading(period, board, trends, names)

    async def _talk(
        self, window: Window, by_manager: bool, trends: bool
    ) -> tuple[list[dict[Who, dict[str, Any]]], dict[date, Ranks], dict[date, tuple[int, int, int]]]:
        async with self._db.snapshot() as tx:
            replies, weekly = await sql.replies(tx, window, by_manager)
            found = [replies] + [await query(tx, window, by_manager) for query in TALK]
            nps = await sql.weekly_nps(tx, window) if trends else {}
        return found, weekly, nps

    async def _deals(
        self, window: Window, by_manager: bool, current: bool
    ) -> tuple[list[dict[Who, dict[str, Any]]], dict[str, int], dict[int, str]]:
        async with self._db.snapshot() as tx:
            found = [await query(tx, window, by_manager) for query in DEALS]
            if not current:
                return found, {}, {}
            found.append(await sql.open_by_stage(tx, by_manager))
            funnel = {} if by_manager else await sql.funnel(tx, window)
            return found, funnel, await managers.names(tx)

    def _window(self, period: Period) -> Window:
        return Window(
            start=period.start,
            end=period.end,
            now=self._clock.now(),
            offsets=tuple(period.offsets()),
            contact_hours=self._timing.contact_hours,
            reply_sla=self._timing.reply_sla,
            progress_interval=self._timing.progress_interval,
        )

    # -- small pieces ---------------------------------------------------------------------

    async def _query(self, topic_id: int | None, message_id: int, args: str) -> StatsQuery | None:
        """The period asked for, or None once the managers were told what is wrong."""
        if topic_id is not None:  # figures for everyone to see, not in one client's topic
            await self._tell(topic_id, message_id, "stats-needs-general")
            return None
        try:
            return parse_query(args, self._clock.now(), self._timing.timezone)
        except PeriodError as error:  # what they wrote is shown back: escape it for HTML
            details = {name: escape(str(value)) for name, value in error.details.items()}
            await self._tell(None, message_id, error.key, **details)
            return None

    async def _tell(self, topic_id: int | None, message_id: int, key: str, **args: str) -> None:
        async with self._db.transaction() as tx:
            text = self._t(self._lang, key, **args)
            await self._outbox.to_group(tx, text, topic_id, reply_to=message_id)

    async def _draw(self, query: StatsQuery, current: Reading) -> bytes | None:
        """Drawing is CPU work: off the event loop. A chart that fails leaves the figures."""
        try:
            if query.by_manager:
                return await asyncio.to_thread(render_managers, self._text.managers_chart(query, current))
            return await asyncio.to_thread(render_overview, self._text.overview_chart(query, current))
        except Exception:  # the figures still go out; the log says why the chart did not
            log.exception("the stats chart could not be drawn")
            return None
