"""The workshop floor in `/stats` and `/export` (issue 24): norm hours sold against hours
available, per day; the most frequent operations; the average order; per mechanic their orders,
hours, comebacks and the check's quality score (storage/workshop_floor.py says what counts).

Hours available on a day are WORKSHOP_BAYS × its WORKSHOP_HOURS (none on a closed day), counted
up to today; hours sold are the norm hours of the approved lines of the orders closed that day
(in the workshop's zone)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from html import escape

from bot.services.privacy.cells import csv_file
from bot.services.stats.period import Period
from bot.services.workshop.base import WorkshopDesk, hours_text, rub
from storage.workshop_floor import Floor

DAYS_SHOWN = 31  # a longer period lists its days in the export only
DAY_COLUMNS = ("day", "sold", "available", "share")
MECHANIC_COLUMNS = ("mechanic", "orders", "hours", "comebacks", "checks", "quality")


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


class FloorFigures(WorkshopDesk):
    def days(self, floor: Floor, period: Period) -> list[tuple[date, int, int]]:
        """(day, minutes sold, minutes available) for each day of the period up to today that
        was open or sold something."""
        sold: Counter[date] = Counter()
        for closed_at, minutes in floor.sold:
            sold[self._local(closed_at).date()] += minutes
        last = min(period.last_day, self._local(self._clock.now()).date())
        found, day = [], period.first_day
        while day <= last:
            open_minutes = self._open_minutes(day)
            if open_minutes or sold[day]:
                found.append((day, sold[day], self._config.bays * open_minutes))
            day += timedelta(days=1)
        return found

    def _open_minutes(self, day: date) -> int:
        span = self._config.week.get(day.weekday())
        if span is None:
            return 0
        start, end = (datetime.combine(day, moment) for moment in span)
        return round((end - start) / timedelta(minutes=1))

    def text(self, floor: Floor, period: Period) -> str:
        lang = self._lang
        days = self.days(floor, period)
        sold, available = sum(d[1] for d in days), sum(d[2] for d in days)
        if len(days) > DAYS_SHOWN:
            by_day = self._t(lang, "ws-stats-floor-days-export")
        else:
            by_day = self._t(lang, "ws-stats-floor-days", days=", ".join(
                f"{day:%d.%m} {share(s, a)}" for day, s, a in days) or "—")
        top = ", ".join(f"{escape(name)} ×{count}" for name, count in floor.operations) or "—"
        lines = [
            self._t(lang, "ws-stats-floor-hours", sold=self._hours(sold), available=self._hours(available),
                    share=share(sold, available)),
            by_day,
            self._t(lang, "ws-stats-floor-top", top=top),
            self._t(lang, "ws-stats-floor-average", orders=floor.orders,
                    average=rub(round(floor.revenue / floor.orders)) if floor.orders else "—"),
            self._t(lang, "ws-stats-floor-mechanics" if floor.mechanics else "ws-stats-floor-no-mechanics"),
        ]
        lines += [self._t(lang, "ws-stats-floor-mechanic", name=self._name(work.mechanic), orders=work.orders,
                          hours=self._hours(work.minutes), comebacks=work.comebacks,
                          quality=f"{work.quality:.1f}" if work.quality is not None else "—",
                          checks=work.checks)
                  for work in floor.mechanics]
        return "\n".join(lines)

    def _hours(self, minutes: int) -> str:
        return hours_text(timedelta(minutes=minutes), self._lang)

    def _name(self, mechanic: str | None) -> str:
        return escape(mechanic) if mechanic else self._t(self._lang, "ws-stats-floor-nobody")

    def files(self, floor: Floor, period: Period) -> list[tuple[str, bytes, str]]:
        """(name, content, caption) of the export's floor files: hours per day, mechanics."""
        lang, span = self._lang, f"{period.first_day}_{period.last_day}"
        shown = {"first": f"{period.first_day:%d.%m.%Y}", "last": f"{period.last_day:%d.%m.%Y}"}
        days = self.days(floor, period)
        day_rows = ([f"{day:%Y-%m-%d}", self._hours(s), self._hours(a), share(s, a)] for day, s, a in days)
        mechanic_rows = ([work.mechanic or self._t(lang, "ws-stats-floor-nobody"), work.orders,
                          self._hours(work.minutes), work.comebacks, work.checks,
                          f"{work.quality:.2f}" if work.quality is not None else ""]
                         for work in floor.mechanics)
        return [
            (f"workshop_hours_{span}.csv",
             csv_file([self._t(lang, f"ws-export-day-col-{c}") for c in DAY_COLUMNS], day_rows),
             self._t(lang, "ws-export-days-caption", rows=len(days), **shown)),
            (f"workshop_mechanics_{span}.csv",
             csv_file([self._t(lang, f"ws-export-mech-col-{c}") for c in MECHANIC_COLUMNS], mechanic_rows),
             self._t(lang, "ws-export-mechanics-caption", rows=len(floor.mechanics), **shown)),
        ]
