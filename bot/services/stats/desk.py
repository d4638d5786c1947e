"""The owner's numbers without leaving Telegram: `/stats` (figures and a chart), `/export` (CSV).

Channel-neutral. The command is answered at once and the report computed in a task of its own
(ReportRuns), so no update waits behind it. Figures are SQL aggregations (storage/stats.py) read
on connections of their own; the chart and the files are made off the event loop; what is sent
goes through the outbox like every other message.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from html import escape
from typing import Any

from bot.delivery.ports import Op
from bot.services.base import Desk, Kit
from bot.services.stats.chart import render_managers, render_overview, warm_up
from bot.services.stats.export import export_files
from bot.services.stats.figures import Figures, Reading, StatsReport, Trends
from bot.services.stats.period import Period, PeriodError, StatsQuery, parse_query
from bot.services.stats.runs import ReportRuns
from bot.services.stats.text import StatsText
from bot.services.timing import Timing
from domain.groups import Business, business_in
from storage import exports, managers
from storage import stats as sql
from storage.db import Tx
from storage.stats import ALL, Ranks, Who, Window

log = logging.getLogger(__name__)

# The families of figures (storage/stats.py), in two halves of about equal weight: each half
# of a period is read on a connection of its own.
TALK: tuple[Callable[[Tx, Window, bool], Any], ...] = (
    sql.surveys, sql.reviews, sql.critique, sql.calls,
)
DEALS: tuple[Callable[[Tx, Window, bool], Any], ...] = (
    sql.promise, sql.new_requests, sql.handovers, sql.cancellations, sql.reports,
    sql.budgets,  # a price within the agreed budget (issue 23)
)


# The requests, deals, conversion and NPS by lead source of [start, end), as a text (None: none).
BySource = Callable[[datetime, datetime], Awaitable[str | None]]


class StatsDesk(Desk):
    def __init__(self, kit: Kit, timing: Timing, by_source: BySource | None = None) -> None:
        super().__init__(kit)
        self._timing = timing
        self._by_source = by_source  # the figures by lead source (bot/services/intake/source.py)
        self._text = StatsText(self._t, self._lang, timing)
        self.runs = ReportRuns()

    # -- the commands ---------------------------------------------------------------------

    async def stats(self, topic_id: int | None, message_id: int, args: str) -> None:
        """Answered at once; the figures follow from a task of their own (see ReportRuns).
        `/stats sales` is these figures alone (car requests, the sales group's business);
        `/stats service` the workshop's alone (bot/services/workshop/figures.py)."""
        business, args = business_in(args)
        if business is Business.SERVICE:
            if not self._workshop_menu:
                await self._tell(topic_id, message_id, "stats-service-off")
            return
        query = await self._query(topic_id, message_id, args)
        if query is None:
            return
        await self._tell(None, message_id, "stats-counting", period=self._text.period(query.period))
        key = ("stats", query.by_manager, *_span(query.period))
        self.runs.ask(key, lambda: self._figures(query),
                      lambda found: self._post_figures(found, message_id),
                      lambda: self._tell(None, message_id, "stats-failed"))

    async def export(self, topic_id: int | None, message_id: int, args: str) -> None:
        query = await self._query(topic_id, message_id, args)
        if query is None:
            return
        await self._tell(None, message_id, "export-preparing", period=self._text.period(query.period))
        self.runs.ask(("export", *_span(query.period)), lambda: self._files(query.period),
                      lambda files: self._post_files(files, query.period, message_id),
                      lambda: self._tell(None, message_id, "stats-failed"))

    def warm_up(self) -> None:
        """Start the drawing process and import the chart library there now, rather than
        during the first /stats (see ReportRuns)."""
        self.runs.warm_up(warm_up)

    async def _figures(self, query: StatsQuery) -> tuple[list[str], bytes | None]:
        # The period asked about is read first, on both connections; its chart is drawn while
        # the previous period is read for the comparison (two cores, SQLite off the GIL).
        async with asyncio.TaskGroup() as group:
            current = group.create_task(self._read(query.period, query.by_manager, current=True))
            before = group.create_task(self._read(query.period.previous(), query.by_manager, False))
            chart = group.create_task(self._draw(query, await current))
        report = StatsReport(query, current.result(), before.result())
        texts = self._text.managers(report) if query.by_manager else self._text.overview(report)
        if self._by_source is not None and not query.by_manager:
            block = await self._by_source(query.period.start, query.period.end)
            texts += [block] if block else []
        return texts, chart.result()

    async def _post_figures(self, found: tuple[list[str], bytes | None], message_id: int) -> None:
        texts, png = found
        async with self._db.transaction() as tx:
            for text in texts:
                await self._outbox.to_group(tx, text, None, reply_to=message_id)
            if png is not None:
                await self._outbox.file_to_group(tx, Op.PHOTO, png, "stats.png", None,
                                                 reply_to=message_id)

    async def _files(self, period: Period) -> dict[str, tuple[bytes, int]]:
        async with self._db.snapshot() as tx:
            tables = await exports.tables(tx, period.start, period.end)
            names = await managers.names(tx)
        # Thousands of rows to write: CPU work, off the event loop.
        return await asyncio.to_thread(export_files, tables, names, self._t, self._lang, period.zone)

    async def _post_files(
        self, files: dict[str, tuple[bytes, int]], period: Period, message_id: int
    ) -> None:
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
            await self._answer(tx, topic_id, message_id, key, **args)

    async def _draw(self, query: StatsQuery, current: Reading) -> bytes | None:
        """Drawing is CPU work: in the drawing process. A chart that fails leaves the figures."""
        try:
            if query.by_manager:
                return await self.runs.draw(render_managers, self._text.managers_chart(query, current))
            return await self.runs.draw(render_overview, self._text.overview_chart(query, current))
        except Exception:  # the figures still go out; the log says why the chart did not
            log.exception("the stats chart could not be drawn")
            return None


def _span(period: Period) -> tuple[str, date, date]:
    """What makes two requests the same report: "the last 30 days" asked a minute apart is."""
    return period.kind, period.first_day, period.last_day
