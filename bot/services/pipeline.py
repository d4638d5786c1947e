"""The deal pipeline: stages, hard searches, delivery dates, inspection reports, handover.

Managers drive it from the client's topic; every change reaches the client at once, in plain
words, and is recorded with who, when and why.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from zoneinfo import ZoneInfo

from babel.dates import format_date

from bot.clock import Clock
from domain import (
    Automatic,
    Action,
    Button,
    CarRequest,
    Client,
    Conversation,
    Inbound,
    Media,
    InspectionReport,
    Reaction,
    Reply,
    Stage,
)
from bot.i18n import Translator
from bot.services.client_desk import IMPRESSION, Cards
from bot.services.followups import Followups
from bot.delivery import Outbox
from bot.services.report_format import parse_report
from bot.services.validation import InvalidAnswer, clean_text, parse_date
from storage import clients, conversations, journal, reports, requests
from storage.db import Database, Tx

DEAL_NEWS = Automatic.DEAL_NEWS
REPORT_MEDIA = frozenset({"photo", "video", "document"})
HARD_SEPARATORS = (";", "|", " — ", " - ")


class Pipeline:
    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        translate: Translator,
        clock: Clock,
        cards: Cards,
        timezone: ZoneInfo,
        extra_services: list[str],
        report_window: timedelta,
        followups: Followups,
    ) -> None:
        self._followups = followups
        self._db = db
        self._outbox = outbox
        self._t = translate
        self._clock = clock
        self._cards = cards
        self._tz = timezone
        self._services = extra_services
        self._window = report_window
        self._lang = translate.default_language

    # -- manager commands -----------------------------------------------------------------

    async def stage(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        async with self._db.transaction() as tx:
            found = await self._deal(tx, topic_id, message_id)
            if found is None:
                return
            client, request = found
            word, _, note = args.strip().partition(" ")
            if not word:
                await self._stage_buttons(tx, client, request, message_id)
                return
            stage = self._stage_named(word)
            if stage is None:
                names = ", ".join(s.value for s in Stage)
                await self._answer(tx, client, message_id, "stage-unknown", word=escape(word), names=names)
                return
            await self._move(tx, client, request, stage, note.strip() or None, manager_id, message_id)

    async def hard(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        async with self._db.transaction() as tx:
            found = await self._deal(tx, topic_id, message_id)
            if found is None:
                return
            client, request = found
            search_time, reason = _split_reason(args)
            if not search_time:
                await self._answer(tx, client, message_id, "hard-usage")
                return
            await requests.set_hard(tx, request.id, search_time, reason)
            text = self._t(client.language, "hard-warning", time=escape(search_time))
            if reason:
                text += "\n" + self._t(client.language, "reason-line", reason=escape(reason))
            await self._tell_client(tx, client, text, manager_id, "hard")
            await self._refresh_card(tx, client)
            await self._answer(tx, client, message_id, "hard-done")

    async def eta(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        async with self._db.transaction() as tx:
            found = await self._deal(tx, topic_id, message_id)
            if found is None:
                return
            client, request = found
            when, _, reason = args.strip().partition(" ")
            try:
                eta = parse_date(when)
            except InvalidAnswer:
                await self._answer(tx, client, message_id, "eta-invalid", given=escape(when or "—"))
                return
            today = self._clock.now().astimezone(self._tz).date()
            reason = reason.strip() or None
            problem = None
            if eta < today:
                problem = "eta-past"
            elif request.eta == eta:
                problem = "eta-same"
            elif request.eta is not None and reason is None:
                problem = "eta-needs-reason"
            if problem:
                await self._answer(tx, client, message_id, problem, date=self._date(self._lang, eta))
                return
            await requests.set_eta(tx, request, eta, reason, manager_id, self._clock.now())
            lang = client.language
            if request.eta is None:
                text = self._t(lang, "eta-first", date=self._date(lang, eta))
                if reason:
                    text += "\n" + self._t(lang, "reason-line", reason=escape(reason))
            else:
                text = self._t(lang, "eta-changed", old=self._date(lang, request.eta),
                               new=self._date(lang, eta), reason=escape(reason or ""))
            await self._tell_client(tx, client, text, manager_id, "eta")
            await self._refresh_card(tx, client)
            await self._answer(tx, client, message_id, "eta-done", date=self._date(self._lang, eta))

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
        async with self._db.transaction() as tx:
            found = await self._deal(tx, topic_id, message_id)
            if found is None:
                return
            client, request = found
            parsed, problems = parse_report(text)
            if problems:
                lines = [self._t(self._lang, p.key, line=escape(p.line)) for p in problems]
                await self._answer(tx, client, message_id, "report-problems",
                                   problems="\n".join(f"• {line}" for line in lines))
                return
            now = self._clock.now()
            draft = InspectionReport(0, request.id, parsed.title, parsed.fields, parsed.merits,
                                     parsed.flaws, parsed.verdict, None, None, now)
            report_id = await reports.create(tx, request.id, draft, manager_id, message_id,
                                             media_group, now)
            if has_media:
                await reports.add_media(tx, report_id, message_id, now, media)
            number = len(await reports.for_request(tx, request.id))
            if Stage(request.stage) in (Stage.NEW, Stage.SEARCHING):
                await requests.set_stage(tx, request, Stage.INSPECTING, None, manager_id, now)
                await self._refresh_card(tx, client)
            card = self._report_card(client.language, report_id, number, draft)
            await self._outbox.report_bundle(tx, client, report_id, card, self._window)
            await journal.log_message(tx, client.id, "manager", "report", now, manager_id)
            await self._answer(tx, client, message_id, "report-saved", number=number,
                               merits=len(parsed.merits), flaws=len(parsed.flaws),
                               seconds=int(self._window.total_seconds()))

    async def attach(self, tx: Tx, client: Client, message_id: int, kind: str,
                     media_group: str | None, media: Media | None = None) -> bool:
        """A photo or PDF sent while a report is gathering joins it instead of going alone."""
        if kind not in REPORT_MEDIA:
            return False
        request = await requests.latest_for_client(tx, client.id)
        if request is None:
            return False
        report = await reports.collecting(tx, request.id, media_group)
        if report is None or report.sent_at is not None:
            return False
        await reports.add_media(tx, report.id, message_id, self._clock.now(), media)
        return True

    async def handover(self, topic_id: int | None, message_id: int, manager_id: int, note: str) -> None:
        async with self._db.transaction() as tx:
            found = await self._deal(tx, topic_id, message_id)
            if found is None:
                return
            client, request = found
            await self._move(tx, client, request, Stage.HANDED_OVER, note.strip() or None,
                             manager_id, message_id)

    async def stage_pressed(self, topic_id: int | None, message_id: int, manager_id: int, value: str) -> None:
        await self.stage(topic_id, message_id, manager_id, value)

    # -- what the client does -------------------------------------------------------------

    async def react(self, tx: Tx, client: Client, arg: str) -> None:
        report = await self._clients_report(tx, client, arg.partition(".")[0])
        reaction = arg.partition(".")[2]
        if report is None or reaction not in Reaction.__members__.values():
            await self._say(tx, client, "button-expired", menu=True)
            return
        now = self._clock.now()
        await reports.react(tx, report.id, reaction, now)
        number = await self._number(tx, report)
        await conversations.save(
            tx, Conversation(client.id, IMPRESSION, reaction, {"report_id": report.id}), now
        )
        await journal.log_message(tx, client.id, "client", "reaction", now)
        topic = self._t(self._lang, "topic-reaction", number=number, title=escape(report.title),
                        reaction=self._t(self._lang, f"reaction-{reaction}"))
        await self._outbox.to_topic(tx, client, topic)
        await self._say(tx, client, f"react-{reaction}", number=number)

    async def impression(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> bool:
        """Store the client's words about a report; False if this was not words (relay it)."""
        try:
            text = clean_text(inbound.text or "", 3000)
        except InvalidAnswer:
            return False
        report = await reports.get(tx, int(conversation.data["report_id"]))
        await conversations.clear(tx, client.id)
        if report is None:
            return False
        now = self._clock.now()
        kind = "question" if conversation.step == Reaction.QUESTION else "impression"
        await reports.add_reply(tx, report.id, kind, text, now)
        await journal.log_message(tx, client.id, "client", kind, now)
        number = await self._number(tx, report)
        topic = self._t(self._lang, f"topic-{kind}", number=number, title=escape(report.title),
                        text=escape(text))
        await self._outbox.to_topic(tx, client, topic)
        await self._say(tx, client, f"{kind}-thanks", menu=True)
        return True

    async def accept_service(self, tx: Tx, client: Client, arg: str) -> None:
        request_id, _, index = arg.partition(".")
        request = await requests.get(tx, int(request_id)) if request_id.isdigit() else None
        if (request is None or request.client_id != client.id or not index.isdigit()
                or int(index) >= len(self._services)):
            await self._say(tx, client, "button-expired", menu=True)
            return
        service = self._services[int(index)]
        if not await requests.accept_service(tx, request.id, service, self._clock.now()):
            await self._say(tx, client, "service-already", service=escape(service))
            return
        topic = self._t(self._lang, "topic-service-accepted", service=escape(service))
        await self._outbox.to_topic(tx, client, topic)
        await self._say(tx, client, "service-accepted", service=escape(service))

    async def status(self, tx: Tx, client: Client) -> Reply | None:
        """The request as the client should see it; None if there is none."""
        request = await requests.latest_for_client(tx, client.id)
        if request is None:
            return None
        lang = client.language
        stage = Stage(request.stage)
        parts = [self._t(lang, "status", id=request.id, car=escape(request.car),
                         stage=self._t(lang, f"stage-{stage}"),
                         explain=self._t(lang, f"stage-{stage}-means"))]
        if request.hard_search_time:
            parts.append(self._t(lang, "status-hard", time=escape(request.hard_search_time)))
        if request.eta:
            parts.append(self._t(lang, "status-eta", date=self._date(lang, request.eta)))
            for old, new, reason in await requests.eta_history(tx, request.id):
                if old is not None:
                    parts.append(self._t(lang, "status-eta-change", old=self._date(lang, old),
                                         new=self._date(lang, new), reason=escape(reason or "—")))
        history = await requests.stage_history(tx, request.id)
        if history:
            parts.append(self._t(lang, "status-timeline"))
            for to_stage, note, when in history:
                line = f"{self._short_date(lang, when.astimezone(self._tz).date())} — {self._t(lang, f'stage-{to_stage}')}"
                parts.append(line + (f": {escape(note)}" if note else ""))
        found = await reports.for_request(tx, request.id)
        if found:
            parts.append(self._t(lang, "status-reports"))
            for number, report in enumerate(found, 1):
                answer = self._t(lang, f"reaction-{report.reaction}") if report.reaction else self._t(lang, "reaction-none")
                parts.append(f"{number}. {escape(report.title)} — {answer}")
                parts.extend(f"   💬 {escape(text)}" for text in await reports.impressions(tx, report.id))
        return Reply("\n".join(parts))

    # -- moving the deal -------------------------------------------------------------------

    async def _move(self, tx: Tx, client: Client, request: CarRequest, stage: Stage,
                    note: str | None, manager_id: int, message_id: int) -> None:
        if stage.value == request.stage:
            await self._answer(tx, client, message_id, "stage-same", stage=self._t(self._lang, f"stage-{stage}"))
            return
        if stage is Stage.CANCELLED and not note:
            await self._answer(tx, client, message_id, "stage-cancel-needs-reason")
            return
        if stage is Stage.HANDED_OVER and request.stage in (Stage.CLOSED, Stage.CANCELLED):
            await self._answer(tx, client, message_id, "handover-closed")
            return
        now = self._clock.now()
        await requests.set_stage(tx, request, stage, note, manager_id, now)
        lang = client.language
        if stage is Stage.CANCELLED or (stage is Stage.CLOSED and request.handed_over_at is None):
            await self._followups.cancel(tx, request.id)  # a deal ended early owes no follow-ups
        if stage is Stage.HANDED_OVER:
            await self._followups.after_handover(tx, request, now)
            await self._send_handover(tx, client, request, note, manager_id)
        else:
            following = stage.next
            text = self._t(lang, "stage-changed", stage=self._t(lang, f"stage-{stage}"),
                           explain=self._t(lang, f"stage-{stage}-means"))
            if note:
                text += "\n\n" + self._t(lang, "stage-note", note=escape(note))
            if following:
                text += "\n\n" + self._t(lang, "stage-next", stage=self._t(lang, f"stage-{following}"))
            await self._tell_client(tx, client, text, manager_id, "stage")
        await self._refresh_card(tx, client)
        key = "stage-done-unreachable" if client.unreachable_at else "stage-done"
        await self._answer(tx, client, message_id, key, stage=self._t(self._lang, f"stage-{stage}"))

    async def _send_handover(self, tx: Tx, client: Client, request: CarRequest,
                             note: str | None, manager_id: int) -> None:
        lang = client.language
        found = await reports.for_request(tx, request.id)
        chosen = next((r for r in reversed(found) if r.reaction == Reaction.INTERESTED), None)
        chosen = chosen or (found[-1] if found else None)
        lines = [self._t(lang, "handover-title", car=escape(chosen.title if chosen else request.car))]
        if chosen:
            lines.append(self._t(lang, "handover-features"))
            lines += [f"✅ {escape(m)}" for m in chosen.merits]
            lines.append(self._t(lang, "handover-flaws"))
            lines += [f"⚠️ {escape(f)}" for f in chosen.flaws]
        if note:
            lines.append(f"\n{escape(note)}")
        lines.append("\n" + self._t(lang, "handover-first-weeks"))
        buttons: tuple[tuple[Button, ...], ...] = ()
        if self._services:
            lines.append("\n" + self._t(lang, "handover-offer"))
            buttons = tuple(
                (Button(f"➕ {service}", Action.SERVICE, f"{request.id}.{index}"),)
                for index, service in enumerate(self._services)
            )
        await self._outbox.to_client(tx, client, Reply("\n".join(lines), buttons), automatic=DEAL_NEWS)
        await journal.log_message(tx, client.id, "manager", "handover", self._clock.now(), manager_id)

    async def _stage_buttons(self, tx: Tx, client: Client, request: CarRequest, message_id: int) -> None:
        rows = [
            tuple(
                Button(self._t(self._lang, f"stage-{s}"), Action.STAGE, s.value)
                for s in list(Stage)[i : i + 2]
            )
            for i in range(0, len(Stage), 2)
        ]
        text = self._t(self._lang, "stage-choose", stage=self._t(self._lang, f"stage-{request.stage}"))
        await self._outbox.to_group(tx, text, client.topic_id, reply_to=message_id, buttons=tuple(rows))

    # -- small pieces ---------------------------------------------------------------------

    async def _deal(self, tx: Tx, topic_id: int | None, message_id: int) -> tuple[Client, CarRequest] | None:
        client = await clients.by_topic(tx, topic_id) if topic_id else None
        if client is None:
            await self._outbox.to_group(tx, self._t(self._lang, "manager-needs-topic"), topic_id,
                                        reply_to=message_id)
            return None
        request = await requests.latest_for_client(tx, client.id)
        if request is None:
            await self._answer(tx, client, message_id, "manager-no-request")
            return None
        return client, request

    async def _clients_report(self, tx: Tx, client: Client, report_id: str) -> InspectionReport | None:
        """The report, only if it belongs to this client (callback data can be forged)."""
        if not report_id.isdigit():
            return None
        report = await reports.get(tx, int(report_id))
        if report is None:
            return None
        request = await requests.get(tx, report.request_id)
        return report if request and request.client_id == client.id else None

    async def _number(self, tx: Tx, report: InspectionReport) -> int:
        ids = [r.id for r in await reports.for_request(tx, report.request_id)]
        return ids.index(report.id) + 1

    def _report_card(self, lang: str, report_id: int, number: int, report: InspectionReport) -> Reply:
        lines = [self._t(lang, "report-card-title", number=number, title=escape(report.title))]
        lines += [f"{escape(label)}: {escape(value)}" for label, value in report.fields]
        lines.append("\n" + self._t(lang, "report-merits"))
        lines += [f"✅ {escape(m)}" for m in report.merits]
        lines.append("\n" + self._t(lang, "report-flaws"))
        lines += [f"⚠️ {escape(f)}" for f in report.flaws]
        if report.verdict:
            lines.append("\n" + self._t(lang, "report-verdict", verdict=escape(report.verdict)))
        lines.append("\n" + self._t(lang, "report-ask"))
        buttons = (
            (
                Button(self._t(lang, "button-interested"), Action.REACT, f"{report_id}.{Reaction.INTERESTED}"),
                Button(self._t(lang, "button-not-for-me"), Action.REACT, f"{report_id}.{Reaction.NOT_FOR_ME}"),
            ),
            (Button(self._t(lang, "button-question"), Action.REACT, f"{report_id}.{Reaction.QUESTION}"),),
        )
        return Reply("\n".join(lines), buttons)

    def _stage_named(self, word: str) -> Stage | None:
        word = word.strip().lower()
        if word.isdigit() and 1 <= int(word) <= len(Stage):
            return list(Stage)[int(word) - 1]
        for stage in Stage:
            if word == stage.value or any(
                word == self._t(lang, f"stage-{stage}").lower() for lang in self._t.languages()
            ):
                return stage
        return None

    async def _tell_client(self, tx: Tx, client: Client, text: str, manager_id: int, kind: str) -> None:
        await self._outbox.to_client(tx, client, Reply(text), automatic=DEAL_NEWS)
        await journal.log_message(tx, client.id, "manager", kind, self._clock.now(), manager_id)

    async def _refresh_card(self, tx: Tx, client: Client) -> None:
        request = await requests.latest_for_client(tx, client.id)
        await self._outbox.refresh_card(tx, client, self._cards.card(client, request))

    async def _answer(self, tx: Tx, client: Client, message_id: int, key: str, **args: object) -> None:
        await self._outbox.to_group(tx, self._t(self._lang, key, **args), client.topic_id,
                                    reply_to=message_id)

    async def _say(self, tx: Tx, client: Client, key: str, menu: bool = False, **args: object) -> None:
        text = self._t(client.language, key, **args)
        buttons = ((Button(self._t(client.language, "button-menu"), Action.MENU),),) if menu else ()
        await self._outbox.to_client(tx, client, Reply(text, buttons))

    def _date(self, lang: str, day: date) -> str:
        return format_date(day, format="long", locale=lang)

    def _short_date(self, lang: str, day: date) -> str:
        return format_date(day, format="short", locale=lang)


def _split_reason(args: str) -> tuple[str, str | None]:
    text = args.strip()
    for separator in HARD_SEPARATORS:
        if separator in text:
            head, _, tail = text.partition(separator)
            return head.strip(), tail.strip() or None
    return text, None
