"""The owner's numbers in words: one line per figure, with what it rests on and its change.

A line reads `label: <b>value</b> (basis; change)`: the basis is the count the figure rests on,
the change is against the previous period, signed. A figure with nothing to rest on says so in
words instead of dividing by zero.
"""

from __future__ import annotations

from datetime import date
from html import escape

from babel.dates import format_date
from babel.numbers import get_decimal_symbol

from bot.i18n import Translator
from bot.services.stats.chart import ManagersChart, OverviewChart
from bot.services.stats.figures import Figures, Reading, StatsReport
from bot.services.stats.lines import SECTIONS, Line
from bot.services.stats.numbers import Numbers
from bot.services.stats.period import Period, StatsQuery
from bot.services.timing import Timing
from storage.stats import ALL, DIMENSIONS, FUNNEL, OPEN_STAGES, Ranks, Who

MESSAGE_LIMIT = 4000  # Telegram's is 4096 characters; leave room for markup
SHOWN_REASONS = 5


class StatsText:
    def __init__(self, translate: Translator, lang: str, timing: Timing) -> None:
        self._t = translate
        self._lang = lang
        self._timing = timing
        self._n = Numbers(translate, lang)

    # -- messages -------------------------------------------------------------------------

    def overview(self, report: StatsReport) -> list[str]:
        current, before = report.figures(ALL)
        head = [self._t(self._lang, "stats-title", period=self.period(report.query.period)),
                self._t(self._lang, "stats-legend", previous=self.dates(report.before.period))]
        if _is_empty(current):
            head.append(self._t(self._lang, "stats-empty"))
        return _pack(["\n".join(head), self._block(current, before)])

    def managers(self, report: StatsReport) -> list[str]:
        head = [self._t(self._lang, "stats-managers-title", period=self.period(report.query.period)),
                self._t(self._lang, "stats-legend", previous=self.dates(report.before.period)),
                self._t(self._lang, "stats-attribution")]
        blocks = ["\n".join(head)]
        names = report.current.names
        people = self._people(names, set(report.current.board) | set(report.before.board))
        if not people:
            blocks.append(self._t(self._lang, "stats-empty"))
        for who in people:
            current, before = report.figures(who)
            name = self._t(self._lang, "stats-manager", name=escape(self.name(names, who)))
            blocks.append(f"{name}\n{self._block(current, before)}")
        return _pack(blocks)

    def dates(self, period: Period) -> str:
        return self._t(self._lang, "stats-period-dates", first=self._date(period.first_day),
                       last=self._date(period.last_day))

    def period(self, period: Period) -> str:
        first, last = self._date(period.first_day), self._date(period.last_day)
        if period.kind == "month":
            month = format_date(period.first_day, "LLLL yyyy", locale=self._lang)
            return self._t(self._lang, "stats-period-month", month=month)
        if period.kind == "days":
            return self._t(self._lang, "stats-period-days", days=period.days, first=first, last=last)
        return self.dates(period)

    def name(self, names: dict[int, str], who: Who) -> str:
        if who is None:
            return self._t(self._lang, "stats-unassigned")
        return names.get(int(who)) or self._t(self._lang, "stats-manager-id", id=str(who))

    # -- charts ---------------------------------------------------------------------------

    def overview_chart(self, query: StatsQuery, current: Reading) -> OverviewChart:
        trends = current.trends
        assert trends is not None
        nps = [trends.nps.get(week, (0, 0, 0)) for week in trends.weeks]
        replies = [trends.replies.get(week, Ranks()) for week in trends.weeks]
        scale, unit = _time_unit([ranks.quantile(0.9) for ranks in replies])
        figures = current.figures(ALL)
        return OverviewChart(
            title=self._t(self._lang, "stats-chart-title", period=self.dates(query.period)),
            no_data=self._t(self._lang, "stats-no-data"),
            decimal=get_decimal_symbol(self._lang),
            weeks=[format_date(week, "dd.MM", locale=self._lang) for week in trends.weeks],
            nps_title=self._t(self._lang, "stats-chart-nps"),
            nps=[(p - d) / n * 100 if n else None for n, p, d in nps],
            nps_answers=[self._t(self._lang, "stats-basis-answers", n=n) for n, _, _ in nps],
            reply_title=self._t(self._lang, "stats-chart-replies", unit=self._t(self._lang, unit)),
            reply_median=[_in(scale, ranks.quantile(0.5)) for ranks in replies],
            reply_p90=[_in(scale, ranks.quantile(0.9)) for ranks in replies],
            reply_labels=(self._t(self._lang, "stats-chart-median"), self._t(self._lang, "stats-chart-p90")),
            scores_title=self._t(self._lang, "stats-chart-scores"),
            scores=[(self._t(self._lang, f"survey-label-{d}"), figures.score(d)) for d in DIMENSIONS],
            funnel_title=self._t(self._lang, "stats-chart-funnel"),
            funnel=[(self._t(self._lang, f"stage-{stage}"), trends.funnel.get(stage, 0)) for stage in FUNNEL],
        )

    def managers_chart(self, query: StatsQuery, current: Reading) -> ManagersChart:
        people = [who for who in self._people(current.names, set(current.board)) if who is not None]
        figures = [current.figures(who) for who in people]
        medians = [f.reply_in_hours.quantile(0.5) for f in figures]
        scale, unit = _time_unit(medians)
        return ManagersChart(
            title=self._t(self._lang, "stats-chart-managers", period=self.dates(query.period)),
            no_data=self._t(self._lang, "stats-no-data"),
            decimal=get_decimal_symbol(self._lang),
            names=[self.name(current.names, who) for who in people],
            panels=[
                (self._t(self._lang, "stats-chart-nps-short"), [f.nps for f in figures], (-100, 100), 0),
                (self._t(self._lang, "stats-chart-reply-median", unit=self._t(self._lang, unit)),
                 [_in(scale, median) for median in medians], None, 0 if scale == 60 else 1),
                (self._label("stats-chart-sla"), [_percent(f.sla_share) for f in figures], (0, 100), 0),
                (self._label("stats-chart-promise"), [_percent(f.promise_share) for f in figures],
                 (0, 100), 0),
            ],
        )

    # -- lines ----------------------------------------------------------------------------

    def _block(self, current: Figures, before: Figures) -> str:
        lines: list[str] = []
        for title, section in SECTIONS:
            lines.append("\n" + self._label(title))
            if title == "stats-section-requests":
                lines.append(self._open_requests(current))
            for line in section:
                lines.append(self._line(line, current, before))
                if line.label == "stats-cancelled":
                    lines.extend(self._reasons(current))
        return "\n".join(lines).strip()

    def _line(self, line: Line, current: Figures, before: Figures) -> str:
        label = self._label(line.label)
        value = line.value(current)
        if value is None:
            return self._t(self._lang, "stats-line-empty", label=label)
        notes = []
        if line.basis is not None:
            key, args = line.basis(current)
            notes.append(self._t(self._lang, key, **args))
        notes.append(self._n.change(line.kind, value, line.value(before)))
        shown = self._n.value(line.kind, value)
        return self._t(self._lang, "stats-line", label=label, value=shown, notes="; ".join(notes))

    def _label(self, key: str) -> str:
        return self._t(self._lang, key, sla=self._n.duration(self._timing.reply_sla.total_seconds()),
                       interval=self._n.duration(self._timing.progress_interval.total_seconds()))

    def _open_requests(self, figures: Figures) -> str:
        parts = [
            f"{self._t(self._lang, f'stage-{stage}')} {figures.open_by_stage[stage]}"
            for stage in OPEN_STAGES if figures.open_by_stage.get(stage)
        ]
        stages = " · ".join(parts) or self._t(self._lang, "stats-open-none")
        return self._t(self._lang, "stats-open-now", stages=stages)

    def _reasons(self, figures: Figures) -> list[str]:
        shown = figures.cancel_reasons[:SHOWN_REASONS]
        lines = [
            self._t(self._lang, "stats-cancel-reason",
                    reason=escape(reason) or self._t(self._lang, "stats-no-reason"), n=times)
            for reason, times in shown
        ]
        rest = sum(times for _, times in figures.cancel_reasons[SHOWN_REASONS:])
        if rest:
            lines.append(self._t(self._lang, "stats-cancel-more", n=rest))
        return lines

    def _date(self, day: date) -> str:
        return format_date(day, "d MMM yyyy", locale=self._lang)

    def _people(self, names: dict[int, str], found: set[Who]) -> list[Who]:
        """Managers with anything to show, by name; what nobody can be credited with, last."""
        found = found - {ALL}
        named = sorted((who for who in found if who is not None), key=lambda w: self.name(names, w).lower())
        return named + ([None] if None in found else [])


def _is_empty(figures: Figures) -> bool:
    return not any((figures.surveys_sent, figures.waits, figures.promise_days, figures.new_requests,
                    figures.handovers, figures.cancelled, figures.reports_sent,
                    figures.reviews_requested, figures.critique))


def _time_unit(seconds: list[float | None]) -> tuple[int, str]:
    """Minutes while every value is under two hours, else hours: no "0,4 h" on a chart."""
    longest = max((value for value in seconds if value is not None), default=0.0)
    return (60, "stats-unit-minutes") if longest < 7200 else (3600, "stats-unit-hours")


def _in(scale: int, seconds: float | None) -> float | None:
    return None if seconds is None else seconds / scale


def _percent(value: float | None) -> float | None:
    return None if value is None else value * 100


def _pack(blocks: list[str]) -> list[str]:
    """Blocks into as few messages as Telegram's length allows, never splitting a block."""
    messages: list[str] = []
    for block in blocks:
        if messages and len(messages[-1]) + 2 + len(block) <= MESSAGE_LIMIT:
            messages[-1] += "\n\n" + block
        else:
            messages.append(block)
    return messages

