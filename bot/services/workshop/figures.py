"""The workshop's section of `/stats` and its work-orders file for `/export` (General topic).

The period is read the way `/stats` reads it; a malformed one is answered by the stats desk, so
this section then stays silent rather than repeat the explanation."""

from __future__ import annotations

import csv
import io

from bot.delivery import Op
from bot.services.stats.period import Period, PeriodError, parse_query
from bot.services.workshop.base import WorkshopKit, rub
from storage import workshop_figures as wf
from storage.db import from_db

REASONS = ("price", "later", "elsewhere", "other", "policy")
EXPORT_COLUMNS = ("id", "client", "title", "car", "opened_at", "sent_at", "first_promised_at",
                  "promised_at", "closed_at", "extra_policy", "extra_limit", "lines", "approved",
                  "offered_sum", "total")
TIMES = ("opened_at", "sent_at", "first_promised_at", "promised_at", "closed_at")


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


class WorkshopFigures:
    def __init__(self, kit: WorkshopKit) -> None:
        self._k = kit

    def _period(self, topic_id: int | None, args: str) -> Period | None:
        if topic_id is not None:
            return None
        try:
            return parse_query(args, self._k.now(), self._k.config.timezone).period
        except PeriodError:
            return None

    async def stats(self, topic_id: int | None, message_id: int, args: str) -> None:
        period = self._period(topic_id, args)
        if period is None:
            return
        async with self._k.db.snapshot() as tx:
            found = await wf.figures(tx, period.start, period.end, self._k.now())
        async with self._k.db.transaction() as tx:
            await self._k.outbox.to_group(tx, self.text(found, period), None, reply_to=message_id)

    def text(self, f: wf.WorkshopFigures, period: Period) -> str:
        k, lang = self._k, self._k.lang
        declined = ", ".join(f"{k.t(lang, f'ws-stats-reason-{r}')} {f.declined_by.get(r, 0)}"
                             for r in REASONS)
        scores = {name: f"{value:.1f}" if value is not None else "—" for name, value in f.scores.items()}
        nps = round(100 * (f.promoters - f.detractors) / f.nps_answers) if f.nps_answers else "—"
        return k.t(
            lang, "ws-stats", first=f"{period.first_day:%d.%m.%Y}", last=f"{period.last_day:%d.%m.%Y}",
            bookings=f.bookings, arrived=f.arrived, expected=f.arrived + f.no_shows,
            show=share(f.arrived, f.arrived + f.no_shows), no_shows=f.no_shows, cancelled=f.cancelled,
            kept=f.kept, done=f.done, kept_share=share(f.kept, f.done),
            approved=f.approved, offered=f.offered, approved_share=share(f.approved, f.offered),
            approved_sum=rub(f.approved_sum), offered_sum=rub(f.offered_sum),
            sum_share=share(f.approved_sum, f.offered_sum), declined=declined,
            comebacks=f.comebacks, problem_back=f.problem_back, checks=f.checks,
            quality=scores["quality"], on_time=scores["on_time"], clarity=scores["clarity"],
            staff=scores["staff"], nps=nps,
        )

    async def export(self, topic_id: int | None, message_id: int, args: str) -> None:
        period = self._period(topic_id, args)
        if period is None:
            return
        async with self._k.db.snapshot() as tx:
            rows = await wf.orders(tx, period.start, period.end)
        content = self.csv(rows)
        lang = self._k.lang
        caption = self._k.t(lang, "ws-export-caption", rows=len(rows),
                            first=f"{period.first_day:%d.%m.%Y}", last=f"{period.last_day:%d.%m.%Y}")
        async with self._k.db.transaction() as tx:
            await self._k.outbox.file_to_group(
                tx, Op.DOCUMENT, content, f"work_orders_{period.first_day}_{period.last_day}.csv",
                None, caption=caption, reply_to=message_id)

    def csv(self, rows: list[dict[str, object]]) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([self._k.t(self._k.lang, f"ws-export-col-{name}") for name in EXPORT_COLUMNS])
        for row in rows:
            writer.writerow([self._cell(name, row[name]) for name in EXPORT_COLUMNS])
        return buffer.getvalue().encode("utf-8-sig")

    def _cell(self, name: str, value: object) -> str:
        if value is None:
            return ""
        if name in TIMES:
            moment = from_db(str(value))
            return f"{self._k.local(moment):%Y-%m-%d %H:%M}" if moment else ""
        return str(value)
