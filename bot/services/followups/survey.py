"""The satisfaction survey a week after handover, then the review request.

Questions are answered with buttons that carry the survey id, so each answer is stored the
moment it is given (a half-finished survey keeps what was answered) and an old message's
buttons still count.
"""

from __future__ import annotations

from datetime import timedelta
from html import escape

from bot.services.base import Desk, Kit
from bot.services.flows import Flow, Heard
from bot.services.validation import InvalidAnswer, clean_text
from domain import Action, Automatic, Button, CarRequest, Client, Conversation, Inbound, Reply, owed
from domain.numbers import is_number
from domain.owed import Owed
from domain.presses import ReviewDone, SurveyAnswer, button
from storage import conversations, due, journal, surveys
from storage.db import Tx
from storage.surveys import QUESTIONS

RESULT = ("car_quality", "expectations", "search_speed", "paperwork", "price")
PROCESS = ("transparency", "informed", "relationship")
SCALES = RESULT + PROCESS
FLOW = "survey"  # waiting for the optional comment
REVIEW_FLOW = "review"  # waiting for a written review
ONE_SHOT_LAPSE = timedelta(days=1)  # a review written later is just a message to the manager
LOW_SCALE, LOW_NPS = 3, 6


def is_low(question: str, value: int) -> bool:
    return value <= (LOW_NPS if question == "nps" else LOW_SCALE)


class SurveyFlow(Desk):
    def __init__(self, kit: Kit, review_url: str, review_reminder_delay: timedelta) -> None:
        super().__init__(kit)
        self._review_url = review_url
        self._reminder_delay = review_reminder_delay

    async def begin(self, tx: Tx, client: Client, request: CarRequest) -> None:
        survey_id = await surveys.open_for(tx, request.id, client.id, self._clock.now())
        intro = self._t(client.language, "survey-intro", car=escape(request.car))
        await self._outbox.to_client(tx, client, Reply(intro), automatic=Automatic.SURVEY)
        await self._outbox.to_client(tx, client, self._question(client.language, survey_id, QUESTIONS[0]),
                                     automatic=Automatic.SURVEY, follow_on=True)

    async def pressed(self, tx: Tx, client: Client, press: SurveyAnswer) -> bool:
        """A survey button (of this client's survey: checked for every press,
        bot/services/privacy); False if it is not a valid one any more."""
        if press.question not in QUESTIONS:
            return False
        survey = await surveys.get(tx, press.survey)
        if survey is None or survey.completed_at is not None:
            return False
        question, raw = press.question, press.value
        if question == "comment":  # the Skip button
            await self._finish(tx, client, survey.id)
            return True
        top = 10 if question == "nps" else 5
        if not is_number(raw) or not (0 if question == "nps" else 1) <= int(raw) <= top:
            return False
        await surveys.answer(tx, survey.id, question, int(raw))
        if is_low(question, int(raw)) and await surveys.mark_alerted(tx, survey.id, self._clock.now()):
            await self._alert(tx, client, survey.id)
        await self._ask_next(tx, client, survey.id)
        return True

    def flows(self) -> tuple[Flow, ...]:
        """The optional comment ends the survey, which holds the client's next words; the
        review is a one-shot wait that lapses after a day."""
        return (Flow(FLOW, self.comment, holds=True),
                Flow(REVIEW_FLOW, self.review, lapses_after=ONE_SHOT_LAPSE))

    async def comment(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> Heard:
        try:
            text = clean_text(inbound.text or "", 3000)
        except InvalidAnswer:
            return Heard.NOT_FOR_IT
        survey_id = int(conversation.data["survey_id"])
        await surveys.answer(tx, survey_id, "comment", text)
        await self._finish(tx, client, survey_id)
        return Heard.TAKEN

    async def review(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> Heard:
        try:
            text = clean_text(inbound.text or "", 4000)
        except InvalidAnswer:
            return Heard.NOT_FOR_IT
        request_id = int(conversation.data["request_id"])
        now = self._clock.now()
        await surveys.answer_review(tx, request_id, text, now)
        await conversations.clear(tx, client.id)
        await journal.log_message(tx, client.id, "client", "review", now)
        await self._outbox.to_topic(tx, client, self._t(self._lang, "topic-review", text=escape(text)))
        await self._outbox.to_client(tx, client, Reply(self._t(client.language, "review-thanks")))
        return Heard.TAKEN

    async def review_done(self, tx: Tx, client: Client, press: ReviewDone) -> None:
        await surveys.answer_review(tx, press.request, None, self._clock.now())
        await conversations.clear(tx, client.id)
        await self._outbox.to_client(tx, client, Reply(self._t(client.language, "review-thanks")))

    async def remind_review(self, tx: Tx, client: Client, request_id: int) -> bool:
        """The one reminder, only if the client has not answered."""
        if await surveys.review_answered(tx, request_id):
            return False
        await self._ask_review(tx, client, request_id, "review-reminder", Automatic.REVIEW_REMINDER)
        return True

    # -- steps ----------------------------------------------------------------------------

    async def _ask_next(self, tx: Tx, client: Client, survey_id: int) -> None:
        survey = await surveys.get(tx, survey_id)
        assert survey is not None
        following = next((q for q in QUESTIONS if survey.answers[q] is None), "comment")
        if following == "comment":
            await conversations.save(
                tx, Conversation(client.id, FLOW, "comment", {"survey_id": survey_id}), self._clock.now()
            )
        await self._outbox.to_client(tx, client, self._question(client.language, survey_id, following))

    async def _finish(self, tx: Tx, client: Client, survey_id: int) -> None:
        now = self._clock.now()
        if not await surveys.complete(tx, survey_id, now):
            return
        survey = await surveys.get(tx, survey_id)
        assert survey is not None
        await conversations.clear(tx, client.id)
        await self._outbox.to_topic(tx, client, self._summary("topic-survey-done", survey.answers))
        await self._outbox.to_client(tx, client, Reply(self._t(client.language, "survey-thanks")))
        # Everyone is asked for a review, whatever the score: asking only the happy ones
        # breaks review sites' rules.
        if await surveys.request_review(tx, survey.request_id, client.id, now):
            await self._ask_review(tx, client, survey.request_id, "review-ask", Automatic.REVIEW)
            await due.owe(tx, Owed.REVIEW_REMINDER, owed.review_reminder_key(survey.request_id),
                          now + self._reminder_delay, client.id, now, request_id=survey.request_id)

    async def _ask_review(
        self, tx: Tx, client: Client, request_id: int, key: str, automatic: Automatic
    ) -> None:
        lang = client.language
        rows: list[tuple[Button, ...]] = []
        if self._review_url:
            rows.append((Button(self._t(lang, "button-review-link"), Action.MENU, url=self._review_url),))
        rows.append((button(self._t(lang, "button-review-done"), ReviewDone(request_id)),))
        text = self._t(lang, key) + "\n\n" + self._t(lang, "review-in-chat")
        await conversations.save(
            tx, Conversation(client.id, REVIEW_FLOW, "text", {"request_id": request_id}), self._clock.now()
        )
        await self._outbox.to_client(tx, client, Reply(text, tuple(rows)), automatic=automatic)

    async def _alert(self, tx: Tx, client: Client, survey_id: int) -> None:
        survey = await surveys.get(tx, survey_id)
        assert survey is not None
        await self._outbox.to_topic(tx, client, self._summary("topic-survey-low", survey.answers))

    def _summary(self, key: str, answers: dict[str, int | str | None]) -> str:
        lines = [self._t(self._lang, key)]
        for question in QUESTIONS:
            value = answers[question]
            shown = "—" if value is None else escape(str(value))
            if question in SCALES and value is not None:
                shown += "/5" + (" ⚠️" if is_low(question, int(value)) else "")
            if question == "nps" and value is not None:
                shown += "/10" + (" ⚠️" if is_low(question, int(value)) else "")
            lines.append(f"{self._t(self._lang, f'survey-label-{question}')}: {shown}")
        return "\n".join(lines)

    def _question(self, lang: str, survey_id: int, question: str) -> Reply:
        number = QUESTIONS.index(question) + 1
        head = self._t(lang, "survey-progress", n=number, total=len(QUESTIONS))
        text = f"{head}\n{self._t(lang, f'survey-ask-{question}')}"
        def press(value: object) -> Button:
            return button(str(value), SurveyAnswer(survey_id, question, str(value)))
        if question == "comment":
            skip = button(self._t(lang, "button-skip"), SurveyAnswer(survey_id, "comment", "skip"))
            return Reply(text, ((skip,),))
        if question == "nps":
            return Reply(text, (tuple(press(v) for v in range(0, 6)), tuple(press(v) for v in range(6, 11))))
        return Reply(text, (tuple(press(v) for v in range(1, 6)),))
