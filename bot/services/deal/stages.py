"""The deal as managers drive it from the client's topic: stages, hard searches, delivery dates.

Every change reaches the client at once, in plain words, and is recorded with who, when and why.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from zoneinfo import ZoneInfo

from bot.services.base import Deal, Desk, Kit
from bot.services.deal.dates import long_date
from bot.services.deal.legal import LegalCheck, leaves_documents
from bot.services.followups.tasks import DueTasks
from bot.services.handover.handover import Handover
from bot.services.news import DealNews
from bot.services.validation import InvalidAnswer, parse_date
from domain import Reply, Stage
from domain.numbers import is_number
from domain.presses import PickStage, button
from storage import cars, deals, requests, viewings

HARD_SEPARATORS = (";", "|", " — ", " - ")
STAGE_WORDS = 4  # the longest stage name, in words, in any language


class DealDesk(Desk):
    def __init__(self, kit: Kit, news: DealNews, handover: Handover, tasks: DueTasks,
                 timezone: ZoneInfo, legal_check: LegalCheck) -> None:
        super().__init__(kit)
        self._legal = legal_check
        self._news = news
        self._handover = handover
        self._tasks = tasks
        self._tz = timezone

    # -- manager commands -----------------------------------------------------------------

    async def stage(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        await self._on_deal(topic_id, message_id, manager_id, "stage", args,
                            lambda deal, rest: self._stage(deal, manager_id, rest))

    async def stage_pressed(self, topic_id: int | None, message_id: int, manager_id: int,
                            press: PickStage) -> None:
        """The buttons name their request; the /stage command reads the stage as if typed."""
        await self.stage(topic_id, message_id, manager_id,
                         f"#{press.request} {press.stage}" if press.request else press.stage)

    async def handover(self, topic_id: int | None, message_id: int, manager_id: int, note: str) -> None:
        await self._on_deal(topic_id, message_id, manager_id, "handover", note,
                            lambda deal, rest: self._move(deal, Stage.HANDED_OVER, rest or None,
                                                          manager_id))

    async def hard(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        await self._on_deal(topic_id, message_id, manager_id, "hard", args,
                            lambda deal, rest: self._hard(deal, manager_id, rest))

    async def eta(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        await self._on_deal(topic_id, message_id, manager_id, "eta", args,
                            lambda deal, rest: self._eta(deal, manager_id, rest))

    # -- what they do ---------------------------------------------------------------------

    async def _stage(self, deal: Deal, manager_id: int, args: str) -> None:
        words = args.split()
        if not words:
            await self._stage_buttons(deal)
            return
        # The longest run of first words that names a stage: «/stage Машина на месте привезли»
        stage, note, word = None, "", words[0]
        for count in range(min(len(words), STAGE_WORDS), 0, -1):
            stage = self._stage_named(" ".join(words[:count]))
            if stage is not None:
                note = " ".join(words[count:])
                break
        if stage is None:
            names = ", ".join(s.value for s in Stage)
            await self._reply(deal, "stage-unknown", word=escape(word), names=names)
            return
        await self._move(deal, stage, note.strip() or None, manager_id)

    async def _hard(self, deal: Deal, manager_id: int, args: str) -> None:
        search_time, reason = _split_reason(args)
        if not search_time:
            await self._reply(deal, "hard-usage")
            return
        if not reason:  # the procedure promises the client «сколько … и почему»
            await self._reply(deal, "hard-needs-reason")
            return
        tx, client = deal.tx, deal.client
        await requests.set_hard(tx, deal.request.id, search_time, reason, self._clock.now())
        own = await deals.every(tx, deal.request.id)  # the deal's own interval (/every), if any
        lang = client.language
        promise = {"news_promise": self._t.news_promise(lang, timedelta(seconds=own))} if own else {}
        text = self._t(client.language, "hard-warning", time=escape(search_time), **promise)
        text += "\n" + self._t(client.language, "reason-line", reason=escape(reason))
        await self._news.tell(tx, client, Reply(text), manager_id, "hard", deal.request)
        await self._news.refresh_card(tx, client, deal.request.id)
        await self._reply(deal, "hard-done")

    async def _eta(self, deal: Deal, manager_id: int, args: str) -> None:
        when, _, reason_given = args.strip().partition(" ")
        try:
            eta = parse_date(when)
        except InvalidAnswer:
            await self._reply(deal, "eta-invalid", given=escape(when or "—"))
            return
        reason = reason_given.strip() or None
        problem = self._eta_problem(deal, eta, reason)
        if problem:
            await self._reply(deal, problem, date=long_date(self._lang, eta))
            return
        tx, client, request = deal.tx, deal.client, deal.request
        await requests.set_eta(tx, request, eta, reason, manager_id, self._clock.now())
        lang = client.language
        if request.eta is None:
            text = self._t(lang, "eta-first", date=long_date(lang, eta))
            if reason:
                text += "\n" + self._t(lang, "reason-line", reason=escape(reason))
        else:
            text = self._t(lang, "eta-changed", old=long_date(lang, request.eta),
                           new=long_date(lang, eta), reason=escape(reason or ""))
        await self._news.tell(tx, client, Reply(text), manager_id, "eta", request)
        await self._news.refresh_card(tx, client, deal.request.id)
        await self._reply(deal, "eta-done", date=long_date(self._lang, eta))

    def _eta_problem(self, deal: Deal, eta: date, reason: str | None) -> str | None:
        """The locale key of what is wrong with this date, or None."""
        today = self._clock.now().astimezone(self._tz).date()
        if eta < today:
            return "eta-past"
        if deal.request.eta == eta:
            return "eta-same"
        if deal.request.eta is not None and reason is None:
            return "eta-needs-reason"
        return None

    # -- moving the deal -------------------------------------------------------------------

    async def _move(self, deal: Deal, stage: Stage, note: str | None, manager_id: int) -> None:
        tx, client, request = deal.tx, deal.client, deal.request
        problem = _move_problem(stage, request.stage, note)
        if problem:
            await self._reply(deal, problem, stage=self._t(self._lang, f"stage-{stage}"))
            return
        unchecked = await self._legal.held(tx, request, stage)
        if unchecked:  # the documents stage is left with the legal check done, or a reason
            await self._reply(deal, "legal-held", items=unchecked, id=request.id,
                              stage=self._t(self._lang, f"stage-{stage}"))
            return
        legal_news = (await self._legal.tell_client(tx, client, request.id)
                      if leaves_documents(request.stage, stage) else "")
        now = self._clock.now()
        await requests.set_stage(tx, request, stage, note, manager_id, now)
        if stage is Stage.CANCELLED or (stage is Stage.CLOSED and request.handed_over_at is None):
            await self._tasks.cancel(tx, request.id)  # a deal ended early owes no follow-ups
        if stage is Stage.CANCELLED:
            await viewings.cancel_for_request(tx, request.id, now)  # and sees no car
        if stage is Stage.HANDED_OVER:
            await cars.handed_over(tx, request.id, now)  # maintenance counts from here
            await self._tasks.after_handover(tx, request, now)
            await self._handover.send(tx, client, request, note, manager_id)
        else:
            news = self._stage_news(client.language, stage, note)
            await self._news.tell(tx, client, Reply(f"{news}\n\n{legal_news}" if legal_news else news),
                                  manager_id, "stage", request)
        await self._news.refresh_card(tx, client, deal.request.id)
        key = "stage-done-unreachable" if client.unreachable_at else "stage-done"
        await self._reply(deal, key, stage=self._t(self._lang, f"stage-{stage}"))

    def _stage_news(self, lang: str, stage: Stage, note: str | None) -> str:
        text = self._t(lang, "stage-changed", stage=self._t(lang, f"stage-{stage}"),
                       explain=self._t(lang, f"stage-{stage}-means"))
        if note:
            text += "\n\n" + self._t(lang, "stage-note", note=escape(note))
        if stage.next:
            text += "\n\n" + self._t(lang, "stage-next", stage=self._t(lang, f"stage-{stage.next}"))
        return text

    async def _stage_buttons(self, deal: Deal) -> None:
        rows = [
            tuple(
                button(self._t(self._lang, f"stage-{s}"), PickStage(s.value, deal.request.id))
                for s in list(Stage)[i : i + 2]
            )
            for i in range(0, len(Stage), 2)
        ]
        text = self._t(self._lang, "stage-choose", stage=self._t(self._lang, f"stage-{deal.request.stage}"))
        await self._outbox.to_group(deal.tx, text, deal.client.topic_id, reply_to=deal.message_id,
                                    buttons=tuple(rows))

    def _stage_named(self, word: str) -> Stage | None:
        word = word.strip().lower()
        if is_number(word) and 1 <= int(word) <= len(Stage):
            return list(Stage)[int(word) - 1]
        for stage in Stage:
            if word == stage.value or any(
                word == self._t(lang, f"stage-{stage}").lower() for lang in self._t.languages()
            ):
                return stage
        return None


def _move_problem(stage: Stage, current: str, note: str | None) -> str | None:
    """The locale key of why the deal cannot move to `stage`, or None."""
    if stage.value == current:
        return "stage-same"
    if stage is Stage.CANCELLED and not note:
        return "stage-cancel-needs-reason"
    if stage is Stage.HANDED_OVER and current in (Stage.CLOSED, Stage.CANCELLED):
        return "handover-closed"
    return None


def _split_reason(args: str) -> tuple[str, str | None]:
    text = args.strip()
    for separator in HARD_SEPARATORS:
        if separator in text:
            head, _, tail = text.partition(separator)
            return head.strip(), tail.strip() or None
    return text, None
