"""The figures of a period, as the stats desk reads them and the text and the chart show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.services.stats.period import Period, StatsQuery
from storage.stats import Ranks, Who


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
    priced_handovers: int = 0  # handovers whose price is known (an accepted offer, a report)
    within_budget: int = 0  # ... at or below the client's budget
    overruns: Ranks = field(default_factory=Ranks)  # the others: how far past it (share of budget)
    calls: int = 0  # phone calls recorded with /call
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
    def within_budget_share(self) -> float | None:
        return share(self.within_budget, self.priced_handovers)

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
