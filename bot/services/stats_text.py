"""The owner's numbers in words: one line per figure, with what it rests on and its change.

A line reads `label: <b>value</b> (basis; change)`: the basis is the count the figure rests on,
the change is against the previous period, signed. A figure with nothing to rest on says so in
words instead of dividing by zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from html import escape
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol

from bot.i18n import Translator
from bot.services.followups import Timing
from bot.services.stats_chart import ManagersChart, OverviewChart
from bot.services.stats_period import Period
from storage.stats import ALL, DIMENSIONS, FUNNEL, OPEN_STAGES, Ranks, Who

if TYPE_CHECKING:
    from bot.services.stats import Figures, Reading, StatsReport
    from bot.services.stats_period import StatsQuery

MESSAGE_LIMIT = 4000  # Telegram's is 4096 characters; leave room for markup
MINUS = "\u2212"
SHOWN_REASONS = 5


class Kind(Enum):
    COUNT = "count"
    PERCENT = "percent"  # a share 0..1, changes in percentage points
    NPS = "nps"  # -100..100, changes in points
    SCORE = "score"  # an average of 1..5 answers
    RATIO = "ratio"  # reports per handover
    DAYS = "days"
    SPREAD = "spread"  # seconds: median and 90th percentile


@dataclass(frozen=True)
class Line:
    label: str  # locale key; it may use $sla and $interval
    kind: Kind
    value: Callable[[Figures], Any]  # None: nothing to rest on
    basis: Callable[[Figures], tuple[str, dict[str, Any]]] | None = None  # locale key, args


def _of(part: str, whole: str) -> Callable[[Figures], tuple[str, dict[str, Any]]]:
    return lambda f: ("stats-basis-of", {"part": getattr(f, part), "whole": getattr(f, whole)})


def _count(key: str, attribute: str) -> Callable[[Figures], tuple[str, dict[str, Any]]]:
    return lambda f: (key, {"n": getattr(f, attribute)})


def _spread(attribute: str) -> Callable[[Figures], Ranks | None]:
    return lambda f: getattr(f, attribute) if getattr(f, attribute).n else None


def _dimension(name: str) -> Line:
    return Line(f"survey-label-{name}", Kind.SCORE, lambda f: f.score(name),
                lambda f: ("stats-basis-answers", {"n": f.score_answers(name)}))


SECTIONS: tuple[tuple[str, tuple[Line, ...]], ...] = (
    ("stats-section-satisfaction", (
        Line("stats-nps", Kind.NPS, lambda f: f.nps, _count("stats-basis-answers", "nps_answers")),
        Line("stats-response-rate", Kind.PERCENT, lambda f: f.response_rate,
             _of("surveys_answered", "surveys_sent")),
        *(_dimension(name) for name in DIMENSIONS),
    )),
    ("stats-section-speed", (
        Line("stats-reply-in-hours", Kind.SPREAD, _spread("reply_in_hours"),
             lambda f: ("stats-basis-waits", {"n": f.reply_in_hours.n})),
        Line("stats-reply-off-hours", Kind.SPREAD, _spread("reply_off_hours"),
             lambda f: ("stats-basis-waits", {"n": f.reply_off_hours.n})),
        Line("stats-reply-sla", Kind.PERCENT, lambda f: f.sla_share, _of("replies_kept", "replies_judged")),
    )),
    ("stats-section-promise", (
        Line("stats-promise", Kind.PERCENT, lambda f: f.promise_share, _of("promise_kept", "promise_days")),
    )),
    ("stats-section-requests", (
        Line("stats-new-requests", Kind.COUNT, lambda f: f.new_requests),
        Line("stats-handovers", Kind.COUNT, lambda f: f.handovers),
        Line("stats-to-handover", Kind.DAYS, lambda f: f.to_handover.quantile(0.5),
             lambda f: ("stats-basis-handovers", {"n": f.to_handover.n})),
        Line("stats-cancelled", Kind.COUNT, lambda f: f.cancelled),
    )),
    ("stats-section-reports", (
        Line("stats-reports-per-handover", Kind.RATIO, lambda f: f.reports_per_handover,
             lambda f: ("stats-basis-handovers", {"n": f.handovers})),
        Line("stats-interested", Kind.PERCENT, lambda f: f.interested_share,
             _of("interested", "reports_sent")),
    )),
    ("stats-section-reviews", (
        Line("stats-reviews-requested", Kind.COUNT, lambda f: f.reviews_requested),
        Line("stats-reviews-left", Kind.PERCENT, lambda f: f.reviews_left_share,
             _of("reviews_left", "reviews_requested")),
        Line("stats-critique", Kind.COUNT, lambda f: f.critique),
    )),
)


def half_up(value: float, places: int = 0) -> Decimal:
    """School rounding (2.5 → 3), on the number as written, so 4.65 shows as 4.7."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class StatsText:
    def __init__(self, translate: Translator, lang: str, timing: Timing) -> None:
        self._t = translate
        self._lang = lang
        self._timing = timing

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
        notes.append(self._change(line.kind, value, line.value(before)))
        shown = self._value(line.kind, value)
        return self._t(self._lang, "stats-line", label=label, value=shown, notes="; ".join(notes))

    def _label(self, key: str) -> str:
        return self._t(self._lang, key, sla=self._duration(self._timing.reply_sla.total_seconds()),
                       interval=self._duration(self._timing.progress_interval.total_seconds()))

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

    # -- numbers --------------------------------------------------------------------------

    def _value(self, kind: Kind, value: Any) -> str:
        match kind:
            case Kind.COUNT:
                return self._number(value)
            case Kind.PERCENT:
                return self._t(self._lang, "stats-percent", value=self._number(half_up(value * 100)))
            case Kind.NPS:
                rounded = half_up(value)
                return self._signed(rounded) if rounded else "0"
            case Kind.SCORE | Kind.RATIO:
                return self._number(half_up(value, 1), "0.0")
            case Kind.DAYS:
                return self._t(self._lang, "stats-days", value=self._number(half_up(value, 1), "0.0"))
            case Kind.SPREAD:
                return self._t(self._lang, "stats-spread", median=self._duration(value.quantile(0.5)),
                               p90=self._duration(value.quantile(0.9)))
        raise ValueError(kind)

    def _change(self, kind: Kind, value: Any, previous: Any) -> str:
        if previous is None:
            return self._t(self._lang, "stats-no-earlier")
        match kind:
            case Kind.COUNT:
                return self._signed(Decimal(value - previous))
            case Kind.PERCENT:
                points = self._signed(half_up((value - previous) * 100))
                return self._t(self._lang, "stats-points", value=points)
            case Kind.NPS:
                return self._signed(half_up(value - previous))
            case Kind.SCORE | Kind.RATIO:
                return self._signed(half_up(value - previous, 1), "0.0")
            case Kind.DAYS:
                days = self._signed(half_up(value - previous, 1), "0.0")
                return self._t(self._lang, "stats-days", value=days)
            case Kind.SPREAD:
                delta = value.quantile(0.5) - previous.quantile(0.5)
                if abs(delta) < 30:  # under half a minute: no change worth a sign
                    return "±0"
                return ("+" if delta > 0 else MINUS) + self._duration(abs(delta))
        raise ValueError(kind)

    def _signed(self, value: Decimal, pattern: str = "#,##0") -> str:
        if not value:
            return "±0"
        return ("+" if value > 0 else MINUS) + self._number(abs(value), pattern)

    def _number(self, value: Any, pattern: str = "#,##0") -> str:
        return format_decimal(value, format=pattern, locale=self._lang)

    def _duration(self, seconds: float) -> str:
        """45 s, 25 min, 3 h 10 min, 3 d 5 h: as precise as a person needs."""
        if seconds < 60:
            return self._t(self._lang, "stats-seconds", n=int(half_up(seconds)))
        minutes = int(half_up(seconds / 60))
        if minutes < 60:
            return self._t(self._lang, "stats-minutes", n=minutes)
        hours, minutes = divmod(minutes, 60)
        if hours < 72:  # "48 h" reads better than "2 d" for the promise and the SLA
            parts = [self._t(self._lang, "stats-hours", n=hours)]
            if minutes:
                parts.append(self._t(self._lang, "stats-minutes", n=minutes))
            return " ".join(parts)
        days, hours = divmod(hours + (minutes >= 30), 24)
        parts = [self._t(self._lang, "stats-days-short", n=days)]
        if hours:
            parts.append(self._t(self._lang, "stats-hours", n=hours))
        return " ".join(parts)

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

