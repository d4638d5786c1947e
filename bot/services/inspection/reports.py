"""A manager's /report: parsed, stored, gathered with the photos that follow it, sent as one card."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from bot.services.base import Deal, Desk, Kit
from bot.services.inspection.report_format import ParsedReport, parse_report
from bot.services.news import DealNews
from domain import Button, Client, InspectionReport, Media, Reaction, Reply, Stage
from domain.presses import React, button
from storage import deals, journal, reports, requests
from storage.db import Tx

REPORT_MEDIA = frozenset({"photo", "video", "document"})


class Inspections(Desk):
    def __init__(self, kit: Kit, news: DealNews, report_window: timedelta) -> None:
        super().__init__(kit)
        self._news = news
        self._window = report_window

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
        draft = _draft(request.id, parsed, now)
        report_id = await reports.create(tx, request.id, draft, manager_id, deal.message_id,
                                         media_group, now)
        if has_media:
            await reports.add_media(tx, report_id, deal.message_id, now, media)
        number = len(await reports.for_request(tx, request.id))
        if Stage(request.stage) in (Stage.NEW, Stage.SEARCHING):
            await requests.set_stage(tx, request, Stage.INSPECTING, None, manager_id, now)
            await self._news.refresh_card(tx, client, request.id)
        card = await self._news.named(tx, client, self._card(client.language, report_id, number, draft),
                                      request)
        await self._outbox.report_bundle(tx, client, report_id, card, self._window)
        await journal.log_message(tx, client.id, "manager", "report", now, manager_id)
        await self._reply(deal, "report-saved", number=number, merits=len(parsed.merits),
                          flaws=len(parsed.flaws), seconds=int(self._window.total_seconds()))

    def _card(self, lang: str, report_id: int, number: int, report: InspectionReport) -> Reply:
        lines = [self._t(lang, "report-card-title", number=number, title=escape(report.title))]
        lines += [f"{escape(label)}: {escape(value)}" for label, value in report.fields]
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
            (react("button-question", Reaction.QUESTION),),
        )
        return Reply("\n".join(lines), buttons)


def _draft(request_id: int, parsed: ParsedReport, now: datetime) -> InspectionReport:
    return InspectionReport(0, request_id, parsed.title, parsed.fields, parsed.merits,
                            parsed.flaws, parsed.verdict, None, None, now)
