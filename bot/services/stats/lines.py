"""Which figures the stats message shows, in which sections, and what each rests on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any

from bot.services.stats.figures import Figures
from storage.stats import DIMENSIONS, Ranks


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
        Line("stats-calls", Kind.COUNT, lambda f: f.calls),
    )),
    ("stats-section-requests", (
        Line("stats-new-requests", Kind.COUNT, lambda f: f.new_requests),
        Line("stats-handovers", Kind.COUNT, lambda f: f.handovers),
        Line("stats-to-handover", Kind.DAYS, lambda f: f.to_handover.quantile(0.5),
             lambda f: ("stats-basis-handovers", {"n": f.to_handover.n})),
        Line("stats-cancelled", Kind.COUNT, lambda f: f.cancelled),
        Line("stats-within-budget", Kind.PERCENT, lambda f: f.within_budget_share,
             _of("within_budget", "priced_handovers")),
        Line("stats-overrun", Kind.PERCENT, lambda f: f.overruns.quantile(0.5),
             lambda f: ("stats-basis-overruns", {"n": f.overruns.n})),
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
