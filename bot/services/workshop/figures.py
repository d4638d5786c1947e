"""The workshop's section of `/stats` and its work-orders file for `/export` (General topic).

The period is read the way `/stats` reads it; a malformed one is answered by the stats desk, so
this section then stays silent rather than repeat the explanation."""

from __future__ import annotations

from datetime import timedelta

from bot.delivery import Op
from bot.services.base import Kit
from bot.services.privacy.cells import csv_file
from bot.services.stats.period import Period, PeriodError, parse_query
from bot.services.workshop.base import WorkshopConfig, WorkshopDesk, hours_text, rub
from bot.services.workshop.floor import FloorFigures, share
from bot.services.workshop.progress import step_name
from domain.groups import Business, business_in
from domain.workshop import DecidedBy, DeclineReason
from storage import workshop_figures, workshop_floor, workshop_progress
from storage.db import from_db

REASONS = (*DeclineReason, DecidedBy.POLICY)  # why lines were declined
EXPORT_COLUMNS = ("id", "client", "title", "car", "opened_at", "sent_at", "first_promised_at",
                  "promised_at", "closed_at", "extra_policy", "extra_limit", "lines", "approved",
                  "offered_sum", "total", "act_confirmed_at", "qc_waived")
TIMES = ("opened_at", "sent_at", "first_promised_at", "promised_at", "closed_at",
         "act_confirmed_at")


class WorkshopFigures(WorkshopDesk):
    def __init__(self, kit: Kit, config: WorkshopConfig) -> None:
        super().__init__(kit, config)
        self.floor = FloorFigures(kit, config)  # hours sold, operations, mechanics (issue 24)

    def _period(self, topic_id: int | None, args: str) -> Period | None:
        if topic_id is not None:
            return None
        try:
            return parse_query(args, self._clock.now(), self._config.timezone).period
        except PeriodError:
            return None

    async def stats(self, topic_id: int | None, message_id: int, args: str) -> None:
        business, args = business_in(args)
        if business is Business.CAR_REQUEST:  # /stats sales: the car requests' figures alone
            return
        period = self._period(topic_id, args)
        if period is None:
            return
        async with self._db.snapshot() as tx:
            found = await workshop_figures.figures(tx, period.start, period.end, self._clock.now())
            floor = await workshop_floor.floor(tx, period.start, period.end)
            in_steps = await workshop_progress.hours_by_step(tx, period.start, period.end)
        text = self.text(found, period) + self._in_steps(in_steps) + "\n" + self.floor.text(floor, period)
        async with self._db.transaction() as tx:
            await self._outbox.to_group(tx, text, None, reply_to=message_id)

    def text(self, shown: workshop_figures.WorkshopFigures, period: Period) -> str:
        lang = self._lang
        declined = ", ".join(f"{self._t(lang, f'ws-stats-reason-{r}')} {shown.declined_by.get(r, 0)}"
                             for r in REASONS)
        scores = {name: f"{value:.1f}" if value is not None else "—" for name, value in shown.scores.items()}
        nps = (round(100 * (shown.promoters - shown.detractors) / shown.nps_answers)
               if shown.nps_answers else "—")
        expected = shown.arrived + shown.no_shows
        return self._t(
            lang, "ws-stats", first=f"{period.first_day:%d.%m.%Y}", last=f"{period.last_day:%d.%m.%Y}",
            bookings=shown.bookings, arrived=shown.arrived, expected=expected,
            show=share(shown.arrived, expected), no_shows=shown.no_shows, cancelled=shown.cancelled,
            kept=shown.kept, done=shown.done, kept_share=share(shown.kept, shown.done),
            approved=shown.approved, offered=shown.offered,
            approved_share=share(shown.approved, shown.offered),
            approved_sum=rub(shown.approved_sum), offered_sum=rub(shown.offered_sum),
            sum_share=share(shown.approved_sum, shown.offered_sum), declined=declined,
            comebacks=shown.comebacks, problem_back=shown.problem_back, checks=shown.checks,
            quality=scores["quality"], on_time=scores["on_time"], clarity=scores["clarity"],
            staff=scores["staff"], nps=nps,
        ) + self._waived(shown) + self._acts(shown)

    def _waived(self, shown: workshop_figures.WorkshopFigures) -> str:
        """Orders released with their quality check waived: while the firm checks (QC_CHECKS),
        or whenever there were any."""
        if not self._config.qc_items and not shown.qc_waived:
            return ""
        return "\n" + self._t(self._lang, "ws-stats-qc", waived=shown.qc_waived, done=shown.done)

    def _acts(self, shown: workshop_figures.WorkshopFigures) -> str:
        """Reception acts confirmed by the client, of those sent (once any was sent)."""
        if not shown.acts_sent:
            return ""
        return "\n" + self._t(self._lang, "ws-stats-acts", confirmed=shown.acts_confirmed,
                               sent=shown.acts_sent,
                               share=share(shown.acts_confirmed, shown.acts_sent))
    def _in_steps(self, found: dict[str, tuple[float, int]]) -> str:
        """The mean time a car spent in each `/progress` step (orders closed in the period), in
        WORKSHOP_PROGRESS's order; '' when no closed order had steps."""
        if not found:
            return ""
        lang, known = self._lang, self._config.progress
        order = [key for key, _ in known]
        keys = [k for k in order if k in found] + sorted(k for k in found if k not in order)
        steps = ", ".join(self._t(lang, "ws-stats-step", step=step_name(self._t, lang, known, k),
                                  hours=hours_text(timedelta(hours=found[k][0]), lang),
                                  count=found[k][1]) for k in keys)
        return "\n" + self._t(lang, "ws-stats-steps", steps=steps)

    async def export(self, topic_id: int | None, message_id: int, args: str) -> None:
        period = self._period(topic_id, args)
        if period is None:
            return
        async with self._db.snapshot() as tx:
            rows = await workshop_figures.orders(tx, period.start, period.end)
            floor = await workshop_floor.floor(tx, period.start, period.end)
        content = self.csv(rows)
        lang = self._lang
        caption = self._t(lang, "ws-export-caption", rows=len(rows),
                            first=f"{period.first_day:%d.%m.%Y}", last=f"{period.last_day:%d.%m.%Y}")
        async with self._db.transaction() as tx:
            await self._outbox.file_to_group(
                tx, Op.DOCUMENT, content, f"work_orders_{period.first_day}_{period.last_day}.csv",
                None, caption=caption, reply_to=message_id)
            for name, content, caption in self.floor.files(floor, period):
                await self._outbox.file_to_group(tx, Op.DOCUMENT, content, name, None, caption=caption,
                                                 reply_to=message_id)

    def csv(self, rows: list[dict[str, object]]) -> bytes:
        header = [self._t(self._lang, f"ws-export-col-{name}") for name in EXPORT_COLUMNS]
        return csv_file(header, ([self._cell(name, row[name]) for name in EXPORT_COLUMNS] for row in rows))

    def _cell(self, name: str, value: object) -> str:
        if value is None:
            return ""
        if name in TIMES:
            moment = from_db(str(value))
            return f"{self._local(moment):%Y-%m-%d %H:%M}" if moment else ""
        return str(value)
