"""Feedback: the client's free words to the firm, flagged in their topic; an unfinished intake
waits underneath and resumes after it."""

from __future__ import annotations

from html import escape

from bot.services.base import Desk, Kit
from bot.services.desk.relay import Relay
from bot.services.flows import Flow, Heard
from bot.services.intake.flow import FLOW as INTAKE
from bot.services.intake.flow import IntakeFlow
from bot.services.validation import InvalidAnswer, clean_text
from domain import Client, Conversation, Inbound, Reply
from domain.presses import Cancel, button
from storage import conversations, journal, requests
from storage.db import Tx

FEEDBACK = "feedback"
FEEDBACK_LIMIT = 4000  # as a review: longer texts go as several messages (bot/channels/split.py)


class Feedback(Desk):
    def __init__(self, kit: Kit, relay: Relay, intake: IntakeFlow) -> None:
        super().__init__(kit)
        self._relay = relay
        self._intake = intake

    async def begin(self, tx: Tx, client: Client) -> None:
        current = await conversations.get(tx, client.id)
        resume = None
        if current is not None and current.flow == INTAKE:
            resume = {"flow": current.flow, "step": current.step, "data": current.data}
        conversation = Conversation(client.id, FEEDBACK, "text", {"resume": resume})
        await conversations.save(tx, conversation, self._clock.now())
        buttons = ((button(self._t(client.language, "button-cancel"), Cancel()),),)
        await self._outbox.to_client(tx, client, Reply(self._t(client.language, "feedback-ask"), buttons))

    def flow(self) -> Flow:
        """Holds the client's next words: they are the feedback."""
        return Flow(FEEDBACK, self.receive, holds=True)

    async def receive(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> Heard:
        lang = client.language
        try:
            text = clean_text(inbound.text or "", FEEDBACK_LIMIT)
        except InvalidAnswer as problem:
            if inbound.message_id is not None and inbound.text is None:
                await self._relay.relay(tx, client, inbound, acknowledge=False)
            again = self._t(lang, problem.key) + "\n" + self._t(lang, "feedback-ask")
            await self._outbox.to_client(tx, client, Reply(again))
            return Heard.TAKEN
        request = await requests.latest_for_client(tx, client.id)
        now = self._clock.now()
        await journal.add_feedback(tx, client.id, request.id if request else None, text, now)
        await self._relay.ensure_topic(tx, client)
        await self._outbox.to_topic(tx, client, self._t(self._lang, "topic-feedback", text=escape(text)))
        resume = conversation.data.get("resume")
        if resume:
            paused = Conversation(client.id, resume["flow"], resume["step"], resume["data"])
            await conversations.save(tx, paused, now)
            await self._outbox.to_client(tx, client, Reply(self._t(lang, "feedback-thanks")))
            await self._outbox.to_client(tx, client, self._intake.prompt(client, paused))
            return Heard.TAKEN
        await conversations.clear(tx, client.id)
        await self._outbox.to_client(tx, client, Reply(self._t(lang, "feedback-thanks"), self._menu(client)))
        return Heard.TAKEN
