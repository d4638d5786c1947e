"""A manager's /report: parsed, stored, gathered with the photos that follow it, sent as one card.

Its price (a `Цена:`/`Price:` line, read as the intake reads the budget) is held against the
client's budget: past it by more than BUDGET_TOLERANCE, the report waits until the manager gives a
reason (a `Почему дороже:` line in the report, or `/overbudget <reason>` after it); the client
reads the price beside their budget, and the reason."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from html import escape

from bot.services.base import Deal, Desk, Kit
from bot.services.inspection.report_format import ParsedReport, parse_report
from bot.services.money.reading import odd_digit
from bot.services.news import DealNews
from bot.services.validation import InvalidAnswer, parse_budget
from domain import Button, CarRequest, Client, InspectionReport, Media, Reaction, Reply, Stage
from domain.money import over_budget, overrun, rub
from domain.presses import React, WantViewing, button
from domain.refusal import Refusal
from storage import deals, journal, reports, requests
from storage.db import Tx

REPORT_MEDIA = frozenset({"photo", "video", "document"})
PRICE_LABELS = frozenset({"цена", "стоимость", "price"})
REASON_LABELS = frozenset({"почему дороже", "сверх бюджета", "дороже бюджета", "over budget",
                           "why over budget"})
MAX_REASON = 500


class Inspections(Desk):
    def __init__(self, kit: Kit, news: DealNews, report_window: timedelta,
                 tolerance: Decimal = Decimal(5)) -> None:
        super().__init__(kit)
        self._news = news
        self._window = report_window
        self._tolerance = tolerance  # BUDGET_TOLERANCE, in percent

    async def report(
        self,
        topic_id: int | None,
        message_id: int,
        manager_id: int,
        text: str,
        media_group: str | None,
        has_media: bool,
        media: Media | None = None,
    ) -> None:
        await self._on_deal(
            topic_id, message_id, manager_id, "report", text,
            lambda deal, rest: self._report(deal, manager_id, rest, media_group, media, has_media),
            can_wait=not has_media,  # photos cannot wait for a button
        )

    async def attach(self, tx: Tx, client: Client, message_id: int, kind: str,
                     media_group: str | None, media: Media | None = None) -> bool:
        """A photo or PDF sent while a report is gathering joins it instead of going alone."""
        if kind not in REPORT_MEDIA:
            return False
        report = None
        for request in await deals.open_for_client(tx, client.id):
            report = report or await reports.collecting(tx, request.id, media_group)
        if report is None or report.sent_at is not None:
            return False
        await reports.add_media(tx, report.id, message_id, self._clock.now(), media)
        return True

    async def _report(self, deal: Deal, manager_id: int, text: str, media_group: str | None,
                      media: Media | None, has_media: bool) -> None:
        parsed, problems = parse_report(text)
        if problems:
            lines = [self._t(self._lang, p.key, line=escape(p.line)) for p in problems]
            await self._reply(deal, "report-problems",
                              problems="\n".join(f"• {line}" for line in lines))
            return
        tx, client, request = deal.tx, deal.client, deal.request
        now = self._clock.now()
        reason = _take(parsed, REASON_LABELS)
        if reason is not None and len(reason) > MAX_REASON:
            raise Refusal("report-over-too-long", most=MAX_REASON)
        price_text = next((v for label, v in parsed.fields if label.lower() in PRICE_LABELS), None)
        price = _price(price_text)
        draft = _draft(request.id, parsed, now)
        report_id = await reports.create(tx, request.id, draft, manager_id, deal.message_id,
                                         media_group, now)
        held = (price is not None and over_budget(price, request.budget, self._tolerance)
                and not reason)
        await reports.set_price(tx, report_id, price, request.budget if price else None, reason,
                                held)
        if has_media:
            await reports.add_media(tx, report_id, deal.message_id, now, media)
        number = len(await reports.for_request(tx, request.id))
        if held:
            assert price is not None
            await self._reply(deal, "report-held", number=number, price=rub(price),
                              budget=rub(request.budget), over=overrun(price, request.budget),
                              tolerance=f"{self._tolerance.normalize():f}")
            return
        await self._send(tx, client, request, report_id, manager_id)
        await self._reply(deal, "report-saved", number=number, merits=len(parsed.merits),
                          flaws=len(parsed.flaws), seconds=int(self._window.total_seconds()))
        if price_text is not None and price is None:
            await self._reply(deal, "report-price-unread", value=escape(price_text[:80]))

    async def overbudget(self, topic_id: int | None, message_id: int, manager_id: int,
                         args: str) -> None:
        """`/overbudget [#N] <reason>`: the newest held report goes, with the reason."""
        await self._on_deal(topic_id, message_id, manager_id, "overbudget", args,
                            lambda deal, rest: self._overbudget(deal, manager_id, rest))

    async def _overbudget(self, deal: Deal, manager_id: int, reason: str) -> None:
        tx, client, request = deal.tx, deal.client, deal.request
        held = await reports.newest_held(tx, request.id)
        if held is None:
            raise Refusal("report-none-held", id=request.id)
        reason = reason.strip()
        if not reason:
            raise Refusal("report-over-needs-reason")
        if len(reason) > MAX_REASON:
            raise Refusal("report-over-too-long", most=MAX_REASON)
        await reports.release(tx, held.id, reason)
        number = await self._send(tx, client, request, held.id, manager_id)
        await self._reply(deal, "report-released", number=number,
                          seconds=int(self._window.total_seconds()))

    async def _send(self, tx: Tx, client: Client, request: CarRequest, report_id: int,
                    manager_id: int) -> int:
        """The report goes to the client (after the photo window); returns its number."""
        now = self._clock.now()
        found = await reports.for_request(tx, request.id)
        number = next(n for n, r in enumerate(found, 1) if r.id == report_id)
        report = found[number - 1]
        if Stage(request.stage) in (Stage.NEW, Stage.SEARCHING):
            await requests.set_stage(tx, request, Stage.INSPECTING, None, manager_id, now)
            await self._news.refresh_card(tx, client, request.id)
        price, budget, reason = await reports.price_of(tx, report_id)
        lines = self._budget_lines(client.language, price, budget, reason)
        card = await self._news.named(
            tx, client, self._card(client.language, report_id, number, report, lines), request)
        await self._outbox.report_bundle(tx, client, report_id, card, self._window)
        await journal.log_message(tx, client.id, "manager", "report", now, manager_id)
        return number

    def _budget_lines(self, lang: str, price: int | None, budget: int | None,
                      reason: str | None) -> list[str]:
        """The price beside the client's budget, and the reason for a price over it."""
        if price is None or budget is None:
            return []
        lines = [self._t(lang, "report-budget", price=rub(price), budget=rub(budget),
                         over=overrun(price, budget),
                         state="over" if price > budget else "within")]
        if reason:
            lines.append(self._t(lang, "report-budget-reason", reason=escape(reason)))
        return lines

    def _card(self, lang: str, report_id: int, number: int, report: InspectionReport,
              budget: list[str]) -> Reply:
        lines = [self._t(lang, "report-card-title", number=number, title=escape(report.title))]
        lines += [f"{escape(label)}: {escape(value)}" for label, value in report.fields]
        lines += budget
        lines.append("\n" + self._t(lang, "report-merits"))
        lines += [f"✅ {escape(m)}" for m in report.merits]
        lines.append("\n" + self._t(lang, "report-flaws"))
        lines += [f"⚠️ {escape(f)}" for f in report.flaws]
        if report.verdict:
            lines.append("\n" + self._t(lang, "report-verdict", verdict=escape(report.verdict)))
        lines.append("\n" + self._t(lang, "report-ask"))
        def react(key: str, reaction: Reaction) -> Button:
            return button(self._t(lang, key), React(report_id, reaction))
        buttons = (
            (react("button-interested", Reaction.INTERESTED),
             react("button-not-for-me", Reaction.NOT_FOR_ME)),
            (react("button-question", Reaction.QUESTION),
             button(self._t(lang, "viewing-button-want"), WantViewing(report_id))),
        )
        return Reply("\n".join(lines), buttons)


def _draft(request_id: int, parsed: ParsedReport, now: datetime) -> InspectionReport:
    return InspectionReport(0, request_id, parsed.title, parsed.fields, parsed.merits,
                            parsed.flaws, parsed.verdict, None, None, now)


def _take(parsed: ParsedReport, labels: frozenset[str]) -> str | None:
    """The value of the first field with one of these labels, taken out of the fields."""
    for index, (label, value) in enumerate(parsed.fields):
        if label.lower() in labels:
            del parsed.fields[index]
            return value
    return None


def _price(text: str | None) -> int | None:
    """A report's price as the intake reads a budget ('2 150 000 ₽', '1,85 млн'); None when
    there is none or it cannot be read (odd digits like '²' included)."""
    if text is None or odd_digit(text):
        return None
    try:
        return parse_budget(text)
    except InvalidAnswer:
        return None
