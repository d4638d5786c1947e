"""The client's request as they should see it: stage, hard search, delivery date, timeline, reports."""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.services.deal.dates import long_date, short_date
from bot.services.deal.legal import checked_lines
from domain import CarRequest, Client, Reply, Stage
from domain.money import summary_args
from domain.zones import zone_or
from storage import deals, legal, payments, reports, requests
from storage.db import Tx


class DealStatus:
    def __init__(self, translate: Translator, timezone: ZoneInfo) -> None:
        self._t = translate
        self._tz = timezone

    async def status(self, tx: Tx, client: Client, lang: str | None = None) -> Reply | None:
        """Every open request of the client (else the latest); None if they have none.
        `lang`: the reader's language (managers'), by default the client's."""
        found = await deals.open_for_client(tx, client.id)
        if not found:
            latest = await requests.latest_for_client(tx, client.id)
            if latest is None:
                return None
            found = [latest]
        # The client reads days in their zone; managers in the firm's.
        zone = self._tz if lang else zone_or(client.timezone, self._tz)
        parts = [await self.of_request(tx, lang or client.language, r, zone) for r in found]
        return Reply("\n\n".join(parts))

    async def of_request(self, tx: Tx, lang: str, request: CarRequest,
                         zone: ZoneInfo | None = None) -> str:
        stage = Stage(request.stage)
        parts = [self._t(lang, "status", id=request.id, car=escape(request.car),
                         stage=self._t(lang, f"stage-{stage}"),
                         explain=self._t(lang, f"stage-{stage}-means"))]
        if request.hard_search_time:
            parts.append(self._t(lang, "status-hard", time=escape(request.hard_search_time)))
        parts += await self._eta(tx, lang, request)
        money = await payments.deal_money(tx, request.id)
        if money.any:  # offered, paid, remaining (bot/services/money)
            parts.append(self._t(lang, "money-summary", **summary_args(money)))
        parts += await self._timeline(tx, lang, request, zone or self._tz)
        parts += await self._reports(tx, lang, request)
        parts += await self._legal(tx, lang, request)
        return "\n".join(parts)

    async def _legal(self, tx: Tx, lang: str, request: CarRequest) -> list[str]:
        """From the documents stage on, the legal check's items checked (issue 23)."""
        order = list(Stage)
        if request.stage == Stage.CANCELLED or order.index(Stage(request.stage)) < order.index(
                Stage.DOCUMENTS):
            return []
        lines = checked_lines(self._t, lang, await legal.items(tx, request.id))
        return [self._t(lang, "legal-client", lines="\n".join(lines))] if lines else []

    async def _eta(self, tx: Tx, lang: str, request: CarRequest) -> list[str]:
        if not request.eta:
            return []
        parts = [self._t(lang, "status-eta", date=long_date(lang, request.eta))]
        for old, new, reason in await requests.eta_history(tx, request.id):
            if old is not None:
                parts.append(self._t(lang, "status-eta-change", old=long_date(lang, old),
                                     new=long_date(lang, new), reason=escape(reason or "—")))
        return parts

    async def _timeline(self, tx: Tx, lang: str, request: CarRequest, zone: ZoneInfo) -> list[str]:
        history = await requests.stage_history(tx, request.id)
        if not history:
            return []
        parts = [self._t(lang, "status-timeline")]
        for to_stage, note, when in history:
            day = short_date(lang, when.astimezone(zone).date())
            line = f"{day} — {self._t(lang, f'stage-{to_stage}')}"
            parts.append(line + (f": {escape(note)}" if note else ""))
        return parts

    async def _reports(self, tx: Tx, lang: str, request: CarRequest) -> list[str]:
        found = await reports.for_request(tx, request.id)
        if not found:
            return []
        parts = [self._t(lang, "status-reports")]
        for number, report in enumerate(found, 1):
            reaction = f"reaction-{report.reaction}" if report.reaction else "reaction-none"
            parts.append(f"{number}. {escape(report.title)} — {self._t(lang, reaction)}")
            parts.extend(f"   💬 {escape(text)}" for text in await reports.impressions(tx, report.id))
        return parts
