"""The owner's numbers, aggregated by SQLite: one query per family of figures.

Every query takes a `Window` (a period in UTC, with what it needs to read the firm's local
time) and a scope: the whole firm (one row, key `ALL`) or per manager (one row per manager id;
`None` collects what nobody can be credited with). Each returns {who: {figure: value}}, the
figure names being those of `bot.services.stats.figures.Figures`.

Who a figure belongs to (see the README, "The owner's numbers"):
- what a manager did is theirs: the answer that ended a client's wait, a handover or a
  cancellation (the stage change's author), an inspection report (its author);
- what the client judges about the whole deal goes to the client's lead manager, the one who
  sent that client the most messages (a tie: who wrote first): surveys, reviews, critique,
  the 48-hour promise, new and open requests, and waits nobody has answered yet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from domain import Stage
from storage.db import Row, Tx, to_db

ALL = "all"
JDN_OF_ORDINAL_0 = 1721425  # date.fromordinal(n) is julian day number n + this
# julianday() reads milliseconds and carries ~0.05 ms of float error near today's day numbers;
# this nudge (~0.4 ms) keeps an event at exactly midnight or opening time on its own side.
EPSILON_DAYS = 5e-9
Who = int | str | None  # a manager id, ALL, or None: nobody to credit
QUANTILES = (0.5, 0.9)
DIMENSIONS = (
    "car_quality", "expectations", "search_speed", "paperwork", "price",  # the result
    "transparency", "informed", "relationship",  # the process
)
# A request is open (the 48-hour promise holds) until handed over, closed or cancelled.
NOT_OPEN = (Stage.HANDED_OVER.value, Stage.CLOSED.value, Stage.CANCELLED.value)
OPEN_STAGES = tuple(stage.value for stage in Stage if stage.value not in NOT_OPEN)
# How far a request got, in pipeline order; closing or cancelling says nothing about that.
FUNNEL = tuple(stage.value for stage in Stage if stage not in (Stage.CLOSED, Stage.CANCELLED))

# The client's lead manager: the one named with /lead; else a guess, who sent them the most
# messages (a tie goes to who wrote first).
LEAD = (
    "COALESCE((SELECT lc.lead_manager_id FROM clients lc WHERE lc.id = {client}),"
    " (SELECT lm.manager_id FROM messages lm WHERE lm.client_id = {client}"
    " AND lm.author = 'manager' AND lm.manager_id IS NOT NULL"
    " GROUP BY lm.manager_id ORDER BY COUNT(*) DESC, MIN(lm.id) LIMIT 1))"
)


@dataclass(frozen=True)
class Window:
    start: datetime  # inclusive
    end: datetime  # exclusive
    now: datetime  # waits still open are judged at this moment
    offsets: tuple[tuple[datetime, int], ...]  # (from, UTC offset in seconds) in the firm's zone
    contact_hours: tuple[time, time]
    reply_sla: timedelta
    progress_interval: timedelta

    def params(self) -> dict[str, Any]:
        low, high = self.contact_hours
        params: dict[str, Any] = {
            "start": to_db(self.start),
            "end": to_db(self.end),
            "now": to_db(self.now),
            "cap": to_db(min(self.end, self.now)),  # days still to come have broken no promise
            "reach": to_db(self.start - self.progress_interval),
            "interval": f"+{self.progress_interval.total_seconds():.0f} seconds",
            "open": _day_fraction(low),
            "close": _day_fraction(high),
            "sla": self.reply_sla.total_seconds(),
        }
        for index, (since, offset) in enumerate(self.offsets):
            params[f"from{index}"] = to_db(since)
            params[f"shift{index}"] = offset / 86400 + 0.5 + EPSILON_DAYS
        return params

    def local_days(self, column: str, julian: str | None = None) -> str:
        """SQL: `column` (UTC text) as a local day number (a julian day number) with the time
        of day as its fraction; exact across offset changes (DST), to the millisecond.
        `julian` is julianday(column) when the caller has it already."""
        cases = " ".join(
            f"WHEN {column} < :from{index} THEN :shift{index - 1}"
            for index in range(1, len(self.offsets))
        )
        last = f":shift{len(self.offsets) - 1}"
        shift = f"CASE {cases} ELSE {last} END" if cases else last
        return f"({julian or f'julianday({column})'} + {shift})"

    def day(self, column: str, julian: str | None = None) -> str:
        return f"CAST({self.local_days(column, julian)} AS INTEGER)"


def _day_fraction(moment: time) -> float:
    return (moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6) / 86400


def monday(day_number: int) -> date:
    """The Monday of the week of a julian day number (JDN % 7 is the weekday, Monday 0)."""
    return date.fromordinal(day_number - day_number % 7 - JDN_OF_ORDINAL_0)


@dataclass(frozen=True)
class Ranks:
    """Enough of a sorted sample to read its median and 90th percentile (linear interpolation)."""

    n: int = 0
    values: dict[int, float] = field(default_factory=dict)  # 1-based rank → value

    def quantile(self, q: float) -> float | None:
        if self.n == 0:
            return None
        h = (self.n - 1) * q
        low = int(h)
        high = low + (h > low)
        return self.values[low + 1] + (h - low) * (self.values[high + 1] - self.values[low + 1])


def _who(by_manager: bool, expression: str) -> str:
    return expression if by_manager else f"'{ALL}'"


def _lead(by_manager: bool, client_column: str) -> str:
    return _who(by_manager, LEAD.format(client=client_column))


def _in_period(column: str) -> str:
    return f"{column} >= :start AND {column} < :end"


def _ranked(source: str, keys: str, value: str) -> str:
    """Only the rows the quantiles are read from: SQL sorts, Python interpolates two values."""
    picks = ", ".join(
        f"CAST((n - 1) * {q} AS INTEGER) + 1,"
        f" CAST((n - 1) * {q} AS INTEGER) + 1 + ((n - 1) * {q} > CAST((n - 1) * {q} AS INTEGER))"
        for q in QUANTILES
    )
    return (
        f"SELECT {keys}, rn, n, value FROM (SELECT {keys}, {value} AS value,"
        f" ROW_NUMBER() OVER (PARTITION BY {keys} ORDER BY {value}) AS rn,"
        f" COUNT(*) OVER (PARTITION BY {keys}) AS n FROM {source} WHERE {value} IS NOT NULL)"
        f" WHERE rn IN ({picks})"
    )


def _collect_ranks(rows: list[Row], key: Any) -> dict[Any, Ranks]:
    picked: dict[Any, dict[int, float]] = defaultdict(dict)
    sizes: dict[Any, int] = {}
    for row in rows:
        group = key(row)
        picked[group][row["rn"]] = row["value"]
        sizes[group] = row["n"]
    return {group: Ranks(sizes[group], picked[group]) for group in picked}


def _by_who(rows: list[Row]) -> dict[Who, dict[str, Any]]:
    # a Row iterates over its values, so its names come from keys()
    return {row["who"]: {k: row[k] for k in row.keys() if k != "who"} for row in rows}  # noqa: SIM118


# -- satisfaction ---------------------------------------------------------------------------


async def surveys(tx: Tx, window: Window, by_manager: bool) -> dict[Who, dict[str, Any]]:
    """Surveys sent in the period and every answer they got, whenever it came."""
    averages = ", ".join(f"AVG({d}) AS score_{d}, COUNT({d}) AS answers_{d}" for d in DIMENSIONS)
    rows = await tx.all(
        f"SELECT {_lead(by_manager, 's.client_id')} AS who, COUNT(*) AS surveys_sent,"
        f" COALESCE(SUM(COALESCE({', '.join(DIMENSIONS)}, nps) IS NOT NULL), 0) AS surveys_answered,"
        " COUNT(nps) AS nps_answers, COALESCE(SUM(nps >= 9), 0) AS promoters,"
        f" COALESCE(SUM(nps <= 6), 0) AS detractors, {averages}"
        f" FROM surveys s WHERE {_in_period('s.sent_at')} GROUP BY who",
        window.params(),
    )
    found = _by_who(rows)
    for values in found.values():
        values["scores"] = {d: (values.pop(f"score_{d}"), values.pop(f"answers_{d}")) for d in DIMENSIONS}
    return found


async def weekly_nps(tx: Tx, window: Window) -> dict[date, tuple[int, int, int]]:
    """Week (its Monday) → (answers, promoters, detractors), for the chart."""
    rows = await tx.all(
        f"SELECT {window.day('sent_at')} AS day, COUNT(nps), COALESCE(SUM(nps >= 9), 0),"
        f" COALESCE(SUM(nps <= 6), 0) FROM surveys WHERE {_in_period('sent_at')}"
        " AND nps IS NOT NULL GROUP BY day - day % 7",
        window.params(),
    )
    return {monday(row[0]): (row[1], row[2], row[3]) for row in rows}


# -- speed ----------------------------------------------------------------------------------

# A wait begins with a client message that follows one of ours (or nothing): messages the
# client sends before we answer are one wait, timed from its first, as the reply reminder does.
# It ends with the next manager message of any kind. Ties in time are ordered by id.
_WAITS = """
waits AS MATERIALIZED (
    SELECT c.client_id, c.created_at AS started_at, a.manager_id AS answered_by,
           julianday(c.created_at) AS started, julianday(a.created_at) AS answered
    FROM messages c
    LEFT JOIN messages a ON a.id = (
        SELECT n.id FROM messages n
        WHERE n.client_id = c.client_id AND n.author = 'manager'
          AND (n.created_at, n.id) > (c.created_at, c.id)
        ORDER BY n.created_at, n.id LIMIT 1)
    WHERE c.author = 'client' AND c.created_at >= :start AND c.created_at < :end
      AND COALESCE((
        SELECT p.author FROM messages p
        WHERE p.client_id = c.client_id AND p.author <> 'bot'
          AND (p.created_at, p.id) < (c.created_at, c.id)
        ORDER BY p.created_at DESC, p.id DESC LIMIT 1), 'manager') = 'manager'
)"""


async def replies(
    tx: Tx, window: Window, by_manager: bool
) -> tuple[dict[Who, dict[str, Any]], dict[date, Ranks]]:
    """(Long for its one SQL statement, which reads the journal once.)

    First-response times within and outside contact hours, the reply SLA, and, for the
    whole firm, the weekly spread (for the chart). One statement: the waits are found once."""
    credit = _who(by_manager, f"COALESCE(answered_by, {LEAD.format(client='waits.client_id')})")
    local = window.local_days("started_at", "started")
    scored = (
        "scored AS MATERIALIZED (SELECT who, day, local - day >= :open AND local - day < :close"
        f" AS in_hours, secs, age FROM (SELECT {credit} AS who, {local} AS local,"
        f" CAST({local} AS INTEGER) AS day, ROUND((answered - started) * 86400.0, 3) AS secs,"
        " ROUND((julianday(:now) - started) * 86400.0, 3) AS age FROM waits))"
    )
    weekly = "" if by_manager else (
        " UNION ALL SELECT 'week', NULL, week, rn, n, value FROM"
        f" ({_ranked('(SELECT day - day % 7 AS week, secs FROM scored)', 'week', 'secs')})"
    )
    rows = await tx.all(
        f"WITH {_WAITS}, {scored}"
        " SELECT 'count' AS part, who, in_hours AS grp, COUNT(*) AS rn,"
        " COALESCE(SUM(secs <= :sla), 0) AS n,"
        " SUM(CASE WHEN secs IS NULL THEN age > :sla ELSE secs > :sla END) AS value"
        " FROM scored GROUP BY who, in_hours"
        f" UNION ALL SELECT 'rank', who, in_hours, rn, n, value"
        f" FROM ({_ranked('scored', 'who, in_hours', 'secs')}){weekly}",
        window.params(),
    )
    found: dict[Who, dict[str, Any]] = defaultdict(
        lambda: {"waits": 0, "replies_kept": 0, "replies_missed": 0,
                 "reply_in_hours": Ranks(), "reply_off_hours": Ranks()}
    )
    for row in rows:
        if row["part"] == "count":
            values = found[row["who"]]
            values["waits"] += row["rn"]
            values["replies_kept"] += row["n"]
            values["replies_missed"] += row["value"]
    ranked = [row for row in rows if row["part"] == "rank"]
    for (who, in_hours), ranks in _collect_ranks(ranked, lambda r: (r["who"], r["grp"])).items():
        found[who]["reply_in_hours" if in_hours else "reply_off_hours"] = ranks
    weeks = _collect_ranks([row for row in rows if row["part"] == "week"], lambda r: monday(r["grp"]))
    return dict(found), weeks


async def promise(tx: Tx, window: Window, by_manager: bool) -> dict[Who, dict[str, Any]]:
    """The 48-hour promise, sampled at each local midnight of the period: of the requests open
    then, how many had given the client news within the interval before it.

    Long because its SQL is one statement (the samples, the open requests and their news in
    one pass), which is what keeps it fast at 100,000 clients.

    News is a manager message of any kind, or the request itself. Rather than one lookup per
    request and day, count midnights in intervals: the days a request was open (from its
    open/closed transitions), minus the days inside silent gaps (from one piece of news plus
    the interval to the next piece). The midnights in (a, b] are day(b) - day(a) in local
    day numbers, exact even across a daylight-saving change.
    """
    closed = ", ".join(f"'{stage}'" for stage in NOT_OPEN)
    opened = ", ".join(f"'{stage}'" for stage in OPEN_STAGES)
    after_interval = "datetime({at}, :interval) || substr({at}, 20)"  # keeps the microseconds
    rows = await tx.all(
        # Open at some moment of the period: open now, or its stage moved since the start.
        "WITH candidates AS MATERIALIZED (SELECT r.id, r.client_id, r.created_at,"
        f" {after_interval.format(at='r.created_at')} AS fresh_until,"
        f" {_lead(by_manager, 'r.client_id')} AS who FROM requests r"
        f" WHERE r.created_at < :cap AND r.id IN (SELECT id FROM requests WHERE stage IN ({opened})"
        " UNION SELECT request_id FROM stage_changes WHERE created_at >= :start)),"
        # Open from its creation or a reopening until the next closing, within the period.
        " spells AS MATERIALIZED (SELECT o.id, c.client_id, c.fresh_until,"
        " max(o.since, :start) AS since, min(COALESCE((SELECT MIN(x.created_at) FROM stage_changes x"
        f" WHERE x.request_id = o.id AND x.id > o.seq AND x.from_stage NOT IN ({closed})"
        f" AND x.to_stage IN ({closed})), '9999'), :cap) AS until"
        " FROM (SELECT id, created_at AS since, 0 AS seq FROM candidates"
        " UNION ALL SELECT sc.request_id, sc.created_at, sc.id FROM candidates c"
        f" JOIN stage_changes sc ON sc.request_id = c.id AND sc.from_stage IN ({closed})"
        f" AND sc.to_stage NOT IN ({closed})) o JOIN candidates c ON c.id = o.id WHERE until > since),"
        # Manager messages to those clients, each with the next one (index order: no sort).
        " news AS MATERIALIZED (SELECT m.client_id, m.created_at AS at,"
        " LAG(m.created_at) OVER w IS NULL AS first, LEAD(m.created_at) OVER w AS next"
        " FROM messages m WHERE m.author = 'manager'"
        " AND m.client_id IN (SELECT client_id FROM candidates)"
        " AND m.created_at >= :reach AND m.created_at < :cap"
        " WINDOW w AS (PARTITION BY m.client_id ORDER BY m.created_at)),"
        # Silent gaps: from one message plus the interval to the next message; before the first
        # message in reach, and with no message at all, from the beginning of time.
        " silent AS MATERIALIZED (SELECT client_id, lower, before FROM ("
        f" SELECT client_id, {after_interval.format(at='at')} AS lower, COALESCE(next, '9999') AS before"
        " FROM news UNION ALL SELECT client_id, '', at FROM news WHERE first"
        " UNION ALL SELECT client_id, '', '9999' FROM candidates"
        " WHERE client_id NOT IN (SELECT client_id FROM news)) WHERE lower < min(before, :cap)),"
        " spans AS (SELECT id, since AS lo, until AS hi, 0 AS silent FROM spells"
        " UNION ALL SELECT o.id, max(o.since, s.lower, o.fresh_until), min(o.until, s.before), 1"
        " FROM spells o JOIN silent s ON s.client_id = o.client_id)"
        " SELECT c.who, COALESCE(SUM(CASE WHEN silent THEN 0 ELSE days END), 0) AS promise_days,"
        " COALESCE(SUM(CASE WHEN silent THEN -days ELSE days END), 0) AS promise_kept"
        f" FROM (SELECT id, silent, {window.day('hi')} - {window.day('lo')} AS days"
        " FROM spans WHERE hi > lo)"
        " JOIN candidates c USING (id) GROUP BY c.who",
        window.params(),
    )
    return _by_who(rows)


# -- requests -------------------------------------------------------------------------------


async def new_requests(tx: Tx, window: Window, by_manager: bool) -> dict[Who, dict[str, Any]]:
    rows = await tx.all(
        f"SELECT {_lead(by_manager, 'r.client_id')} AS who, COUNT(*) AS new_requests"
        f" FROM requests r WHERE {_in_period('r.created_at')} GROUP BY who",
        window.params(),
    )
    return _by_who(rows)


async def open_by_stage(tx: Tx, by_manager: bool) -> dict[Who, dict[str, Any]]:
    """Open requests by their stage now (not a period figure)."""
    marks = ", ".join("?" for _ in OPEN_STAGES)
    rows = await tx.all(
        f"SELECT {_lead(by_manager, 'r.client_id')} AS who, r.stage, COUNT(*) FROM requests r"
        f" WHERE r.stage IN ({marks}) GROUP BY who, r.stage",
        OPEN_STAGES,
    )
    found: dict[Who, dict[str, Any]] = defaultdict(lambda: {"open_by_stage": {}})
    for who, stage, count in rows:
        found[who]["open_by_stage"][stage] = count
    return dict(found)


async def handovers(tx: Tx, window: Window, by_manager: bool) -> dict[Who, dict[str, Any]]:
    """Each handover in the period (a stage change to handed over, credited to its author):
    days since the request was made, and how many reports the client saw in that deal."""
    source = (
        f"handed AS MATERIALIZED (SELECT {_who(by_manager, 'sc.author_id')} AS who,"
        " julianday(sc.created_at) - julianday(r.created_at) AS days,"
        " (SELECT COUNT(*) FROM reports p WHERE p.request_id = r.id AND p.sent_at IS NOT NULL)"
        " AS reports FROM stage_changes sc JOIN requests r ON r.id = sc.request_id"
        f" WHERE sc.to_stage = '{Stage.HANDED_OVER.value}' AND {_in_period('sc.created_at')})"
    )
    rows = await tx.all(
        f"WITH {source} SELECT 'count' AS part, who, COUNT(*) AS rn, SUM(reports) AS n,"
        " NULL AS value FROM handed GROUP BY who"
        f" UNION ALL SELECT 'rank', who, rn, n, value FROM ({_ranked('handed', 'who', 'days')})",
        window.params(),
    )
    found: dict[Who, dict[str, Any]] = {
        row["who"]: {"handovers": row["rn"], "reports_in_handovers": row["n"], "to_handover": Ranks()}
        for row in rows if row["part"] == "count"
    }
    ranked = [row for row in rows if row["part"] == "rank"]
    for who, ranks in _collect_ranks(ranked, lambda r: r["who"]).items():
        found[who]["to_handover"] = ranks
    return found


async def budgets(tx: Tx, window: Window, by_manager: bool) -> dict[Who, dict[str, Any]]:
    """Handovers in the period whose price is known (the accepted offer's car price, else the
    price of the report the client was interested in, else of the newest report sent), credited
    like handovers: how many were within the client's budget, and by how much the others passed
    it (a share of the budget; the median is read from it)."""
    source = (
        "priced AS MATERIALIZED (SELECT who, price, budget FROM"
        f" (SELECT {_who(by_manager, 'sc.author_id')} AS who, r.budget AS budget, COALESCE("
        "(SELECT o.price FROM offers o JOIN offer_acceptances a ON a.offer_id = o.id"
        " WHERE o.request_id = r.id ORDER BY o.version DESC LIMIT 1),"
        " (SELECT p.price FROM reports p WHERE p.request_id = r.id AND p.price IS NOT NULL"
        " AND p.sent_at IS NOT NULL ORDER BY p.reaction = 'interested' DESC, p.id DESC LIMIT 1))"
        " AS price FROM stage_changes sc JOIN requests r ON r.id = sc.request_id"
        f" WHERE sc.to_stage = '{Stage.HANDED_OVER.value}' AND {_in_period('sc.created_at')})"
        " WHERE price IS NOT NULL AND budget > 0),"
        " overs AS (SELECT who, (price - budget) * 1.0 / budget AS over FROM priced"
        " WHERE price > budget)"
    )
    rows = await tx.all(
        f"WITH {source} SELECT 'count' AS part, who, COUNT(*) AS rn, SUM(price <= budget) AS n,"
        " NULL AS value FROM priced GROUP BY who"
        f" UNION ALL SELECT 'rank', who, rn, n, value FROM ({_ranked('overs', 'who', 'over')})",
        window.params(),
    )
    found: dict[Who, dict[str, Any]] = {
        row["who"]: {"priced_handovers": row["rn"], "within_budget": row["n"], "overruns": Ranks()}
        for row in rows if row["part"] == "count"
    }
    ranked = [row for row in rows if row["part"] == "rank"]
    for who, ranks in _collect_ranks(ranked, lambda r: r["who"]).items():
        found[who]["overruns"] = ranks
    return found


async def cancellations(tx: Tx, window: Window, by_manager: bool) -> dict[Who, dict[str, Any]]:
    """Cancellations in the period (credited to who cancelled), with their reasons, most first."""
    rows = await tx.all(
        f"SELECT {_who(by_manager, 'author_id')} AS who, COALESCE(note, '') AS reason,"
        " COUNT(*) AS times FROM stage_changes"
        f" WHERE to_stage = '{Stage.CANCELLED.value}' AND {_in_period('created_at')}"
        " GROUP BY who, reason ORDER BY times DESC, reason",
        window.params(),
    )
    found: dict[Who, dict[str, Any]] = defaultdict(lambda: {"cancelled": 0, "cancel_reasons": []})
    for who, reason, times in rows:
        found[who]["cancelled"] += times
        found[who]["cancel_reasons"].append((reason, times))
    return dict(found)


async def funnel(tx: Tx, window: Window) -> dict[str, int]:
    """Of the requests made in the period: how many got at least as far as each stage."""
    order = " ".join(f"WHEN '{stage}' THEN {index}" for index, stage in enumerate(FUNNEL))
    rows = await tx.all(
        f"SELECT COALESCE((SELECT MAX(CASE sc.to_stage {order} END) FROM stage_changes sc"
        " WHERE sc.request_id = r.id), 0) AS furthest, COUNT(*) FROM requests r"
        f" WHERE {_in_period('r.created_at')} GROUP BY furthest",
        window.params(),
    )
    furthest: dict[int, int] = {reached: count for reached, count in rows}
    return {
        stage: sum(count for reached, count in furthest.items() if reached >= index)
        for index, stage in enumerate(FUNNEL)
    }


async def calls(tx: Tx, window: Window, by_manager: bool) -> dict[Who, dict[str, Any]]:
    """Phone calls managers recorded (/call) in the period, credited to who made them."""
    rows = await tx.all(
        f"SELECT {_who(by_manager, 'manager_id')} AS who, COUNT(*) AS calls"
        f" FROM calls WHERE {_in_period('created_at')} GROUP BY who",
        window.params(),
    )
    return _by_who(rows)


# -- reports, reviews, critique -------------------------------------------------------------


async def reports(tx: Tx, window: Window, by_manager: bool) -> dict[Who, dict[str, Any]]:
    """Reports that reached the client in the period, and how many they now call Interested."""
    rows = await tx.all(
        f"SELECT {_who(by_manager, 'author_id')} AS who, COUNT(*) AS reports_sent,"
        " COALESCE(SUM(reaction = 'interested'), 0) AS interested"
        f" FROM reports WHERE {_in_period('sent_at')} GROUP BY who",
        window.params(),
    )
    return _by_who(rows)


async def reviews(tx: Tx, window: Window, by_manager: bool) -> dict[Who, dict[str, Any]]:
    """Reviews asked for in the period, and how many of those the client has left."""
    rows = await tx.all(
        f"SELECT {_lead(by_manager, 'v.client_id')} AS who, COUNT(*) AS reviews_requested,"
        f" COUNT(answered_at) AS reviews_left FROM reviews v WHERE {_in_period('requested_at')}"
        " GROUP BY who",
        window.params(),
    )
    return _by_who(rows)


async def critique(tx: Tx, window: Window, by_manager: bool) -> dict[Who, dict[str, Any]]:
    rows = await tx.all(
        f"SELECT {_lead(by_manager, 'f.client_id')} AS who, COUNT(*) AS critique"
        f" FROM feedback f WHERE {_in_period('created_at')} GROUP BY who",
        window.params(),
    )
    return _by_who(rows)
