"""Feedback: the client's free words to the firm, flagged in their topic and, when owners are
named (OWNER_IDS), shown to them in General with a mention; a critique's answer is a promise
with its clock (CRITIQUE_REPLY, followups/answers.py), and the client is told by when. An
unfinished intake waits underneath and resumes after it."""

from __future__ import annotations

from html import escape

from bot.services.base import Desk, Kit
from bot.services.client_time import ClientTime
from bot.services.desk.relay import Relay
from bot.services.flows import Flow, Heard
from bot.services.followups.answers import Answers, Promise
from bot.services.intake.flow import FLOW as INTAKE
from bot.services.intake.flow import IntakeFlow
from bot.services.validation import InvalidAnswer, clean_text
from domain import Client, Conversation, Inbound, Reply
from domain.presses import Cancel, button
from storage import conversations, journal, managers, requests
from storage.db import Tx

FEEDBACK = "feedback"
FEEDBACK_LIMIT = 4000  # as a review: longer texts go as several messages (bot/channels/split.py)


class Feedback(Desk):
    def __init__(self, kit: Kit, relay: Relay, intake: IntakeFlow, answers: Answers,
                 times: ClientTime, owners: frozenset[int]) -> None:
        super().__init__(kit)
        self._relay = relay
        self._intake = intake
        self._answers = answers
        self._times = times
        self._owners = owners  # OWNER_IDS: critique is shown to them too

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
        feedback_id = await journal.add_feedback(tx, client.id, request.id if request else None,
                                                 text, now)
        await self._relay.ensure_topic(tx, client)
        await self._outbox.to_topic(tx, client, self._t(self._lang, "topic-feedback", text=escape(text)))
        await self._to_owners(tx, client, text)
        by = await self._answers.open(tx, client, Promise.CRITIQUE, feedback_id)
        thanks = self._t(lang, "feedback-thanks", owners="yes" if self._owners else "no",
                         when=self._times.ahead(client, by, now))
        resume = conversation.data.get("resume")
        if resume:
            paused = Conversation(client.id, resume["flow"], resume["step"], resume["data"])
            await conversations.save(tx, paused, now)
            await self._outbox.to_client(tx, client, Reply(thanks))
            await self._outbox.to_client(tx, client, self._intake.prompt(client, paused))
            return Heard.TAKEN
        await conversations.clear(tx, client.id)
        await self._outbox.to_client(tx, client, Reply(thanks, self._menu(client)))
        return Heard.TAKEN

    async def _to_owners(self, tx: Tx, client: Client, text: str) -> None:
        """The critique in General, the owners mentioned by name (Telegram tells them)."""
        if not self._owners:
            return
        names = await managers.names(tx)
        mentions = ", ".join(f'<a href="tg://user?id={owner}">{escape(names.get(owner, str(owner)))}</a>'
                             for owner in sorted(self._owners))
        await self._outbox.to_group(tx, self._t(
            self._lang, "general-critique", owners=mentions, name=escape(client.name or "—"),
            text=escape(text), link=self._link(client.topic_id)), None, about=client)
