"""The check SERVICE_CHECK_DELAY after the visit: four 1–5 scores, recommend 0–10, "is the
problem back?" and a comment. A low score or "problem back" alerts the topic at once (a comeback
case); then the review request and one reminder. Each answer is stored the moment it is given."""

from __future__ import annotations

from html import escape

from bot.services.flows import Flow, Heard
from bot.services.validation import InvalidAnswer, clean_text
from bot.services.workshop.base import WorkshopDesk
from domain import Action, Automatic, Button, Client, Conversation, Inbound, owed
from domain.numbers import read_id
from domain.owed import Owed
from domain.presses import CheckAnswer, CheckReviewDone, button
from storage import conversations, due, workshop_checks
from storage.db import Tx
from storage.workshop_checks import CHECK_QUESTIONS

FLOW = "ws_check"  # waiting for the comment
SCALES = ("quality", "on_time", "clarity", "staff")
LOW_SCALE, LOW_NPS = 3, 6
COMMENT_LIMIT = 3000


def is_low(question: str, value: int) -> bool:
    if question == "problem_back":
        return value == 1
    return value <= (LOW_NPS if question == "nps" else LOW_SCALE)


class Checks(WorkshopDesk):
    async def begin(self, tx: Tx, client: Client, order_id: int) -> None:
        check_id = await workshop_checks.open_check(tx, order_id, client.id, self._clock.now())
        await self._say(tx, client, "ws-check-intro", automatic=Automatic.SURVEY, id=order_id)
        await self._ask(tx, client, check_id, CHECK_QUESTIONS[0], follow_on=True)

    def flow(self) -> Flow:
        """The comment after the scores; a photo or a voice reaches the topic as it is."""
        return Flow(FLOW, self.comment)

    # The check is the client's (checked for every press, bot/services/privacy).

    async def review_done(self, tx: Tx, client: Client, press: CheckReviewDone) -> bool:
        if await workshop_checks.check(tx, press.check) is None:
            return False
        await workshop_checks.review_done(tx, press.check, self._clock.now())
        await self._say(tx, client, "review-thanks", menu=True)
        return True

    async def answered(self, tx: Tx, client: Client, press: CheckAnswer) -> bool:
        """A score, "is the problem back?", or Skip of the comment; False when no longer valid."""
        check = await workshop_checks.check(tx, press.check)
        if check is None or check.completed_at is not None:
            return False
        question, value = press.question, read_id(press.value)  # '²' or huge: not a score
        if question == "skip":
            await self._finish(tx, client, check.id, None)
            return True
        top = {"nps": 10, "problem_back": 1}.get(question, 5)
        bottom = 0 if question in ("nps", "problem_back") else 1
        if question not in CHECK_QUESTIONS or value is None or not bottom <= value <= top:
            return False
        if await workshop_checks.answer_check(tx, check.id, question, value):
            await self._alert_if_low(tx, client, check.id, check.order_id, question, value)
        await self._ask_next(tx, client, check.id)
        return True

    async def comment(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> Heard:
        check_id = int(str(conversation.data.get("check_id", 0)))
        try:
            text = clean_text(inbound.text or "", COMMENT_LIMIT)
        except InvalidAnswer:
            return Heard.ALSO_RELAYED  # a photo or a voice: the manager sees it; the wait goes on
        await self._finish(tx, client, check_id, text)
        return Heard.TAKEN

    async def remind_review(self, tx: Tx, client: Client, check_id: int) -> None:
        check = await workshop_checks.check(tx, check_id)
        if check is None or check.review_done_at is not None:
            return
        await self._say(tx, client, "review-reminder", buttons=self._review_buttons(client, check_id),
                        automatic=Automatic.REVIEW_REMINDER)

    async def _ask_next(self, tx: Tx, client: Client, check_id: int) -> None:
        check = await workshop_checks.check(tx, check_id)
        assert check is not None
        waiting = [q for q in CHECK_QUESTIONS if check.answers[q] is None]
        if waiting:
            await self._ask(tx, client, check_id, waiting[0])
            return
        await conversations.save(tx, Conversation(client.id, FLOW, "comment", {"check_id": check_id}),
                                 self._clock.now())
        skip = (self._button(client.language, "button-skip", CheckAnswer(check_id, "skip", "0")),)
        await self._say(tx, client, "ws-check-ask-comment", buttons=(skip,))

    async def _ask(self, tx: Tx, client: Client, check_id: int, question: str,
                   follow_on: bool = False) -> None:
        lang = client.language
        if question == "problem_back":
            values = [("ws-check-yes", 1), ("ws-check-no", 0)]
            row = tuple(self._button(lang, key, CheckAnswer(check_id, question, str(v)))
                        for key, v in values)
            rows: tuple[tuple[Button, ...], ...] = (row,)
        else:
            numbers = range(11) if question == "nps" else range(1, 6)
            buttons = [button(str(n), CheckAnswer(check_id, question, str(n))) for n in numbers]
            rows = tuple(tuple(buttons[i:i + 6]) for i in range(0, len(buttons), 6))
        automatic = Automatic.SURVEY if follow_on else None
        await self._say(tx, client, f"ws-check-ask-{question}", buttons=rows, automatic=automatic,
                        follow_on=follow_on)

    async def _alert_if_low(self, tx: Tx, client: Client, check_id: int, order_id: int,
                            question: str, value: int) -> None:
        if question == "problem_back" and value == 1:
            await self._tell_topic(tx, client, "ws-topic-comeback", id=order_id)
            text = self._t(self._lang, "ws-general-comeback", id=order_id,
                           name=escape(client.name or "—"))
            await self._outbox.to_group(tx, text, None, about=client)
            return
        now = self._clock.now()
        if is_low(question, value) and await workshop_checks.mark_check_alerted(tx, check_id, now):
            await self._tell_topic(tx, client, "ws-topic-check-low", id=order_id,
                                   question=self._t(self._lang, f"ws-check-label-{question}"), value=value)

    async def _finish(self, tx: Tx, client: Client, check_id: int, comment: str | None) -> None:
        await conversations.clear(tx, client.id)
        if not await workshop_checks.finish_check(tx, check_id, comment, self._clock.now()):
            return
        check = await workshop_checks.check(tx, check_id)
        assert check is not None
        summary = ", ".join(f"{self._t(self._lang, f'ws-check-label-{q}')}: {v if v is not None else '—'}"
                            for q, v in check.answers.items())
        await self._tell_topic(tx, client, "ws-topic-check-done", id=check.order_id, answers=summary,
                               comment=escape(comment or "—"))
        await self._say(tx, client, "ws-check-thanks")
        await self._say(tx, client, "review-ask", buttons=self._review_buttons(client, check_id),
                        automatic=Automatic.REVIEW)
        now = self._clock.now()
        await due.owe(tx, Owed.CHECK_REVIEW, owed.check_review_key(check_id),
                      now + self._config.review_reminder, client.id, now, ref_id=check_id)

    def _review_buttons(self, client: Client, check_id: int) -> tuple[tuple[Button, ...], ...]:
        lang, url = client.language, self._config.review_url
        done = (self._button(lang, "button-review-done", CheckReviewDone(check_id)),)
        if not url:
            return (done,)
        link = Button(self._t(lang, "button-review-link"), Action.WORKSHOP, url=url)
        return ((link,), done)
