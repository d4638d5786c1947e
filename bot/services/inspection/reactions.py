"""The client's answer to a report: a reaction by button, then, in their own words, an
impression or a question, stored with that car and shown to managers in the topic."""

from __future__ import annotations

from datetime import timedelta
from html import escape

from bot.services.base import Desk, Kit
from bot.services.flows import Flow, Flows, Heard
from bot.services.validation import InvalidAnswer, clean_text
from domain import Client, Conversation, Inbound, InspectionReport, Reaction
from domain.presses import React
from storage import conversations, journal, reports
from storage.db import Tx

IMPRESSION = "impression"  # the flow: the client's next text is about a report
IMPRESSION_LIMIT = 3000
ONE_SHOT_LAPSE = timedelta(days=1)  # words written a day after the reaction are not about it


class Reactions(Desk):
    def __init__(self, kit: Kit, flows: Flows) -> None:
        super().__init__(kit)
        self._flows = flows

    def flow(self) -> Flow:
        return Flow(IMPRESSION, self.impression, lapses_after=ONE_SHOT_LAPSE)

    async def react(self, tx: Tx, client: Client, press: React) -> None:
        """The report is the client's (checked for every press, bot/services/privacy)."""
        report = await reports.get(tx, press.report)
        if report is None:
            await self._say(tx, client, "button-expired", menu=True)
            return
        reaction = press.reaction
        now = self._clock.now()
        await reports.react(tx, report.id, reaction, now)
        number = await self._number(tx, report)
        current = await conversations.get(tx, client.id)
        busy = current is not None and current.flow in self._flows.holding()
        if not busy:  # a flow in progress keeps the client's next words
            await conversations.save(
                tx, Conversation(client.id, IMPRESSION, reaction, {"report_id": report.id}), now
            )
        await journal.log_message(tx, client.id, "client", "reaction", now)
        topic = self._t(self._lang, "topic-reaction", number=number, title=escape(report.title),
                        reaction=self._t(self._lang, f"reaction-{reaction}"))
        await self._outbox.to_topic(tx, client, topic)
        if busy:
            await self._say(tx, client, "react-noted-busy", number=number)
        else:
            await self._say(tx, client, f"react-{reaction}", number=number)

    async def impression(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> Heard:
        """Store the client's words about a report; not words: relayed as they are."""
        try:
            text = clean_text(inbound.text or "", IMPRESSION_LIMIT)
        except InvalidAnswer:
            return Heard.NOT_FOR_IT
        report = await reports.get(tx, int(conversation.data["report_id"]))
        await conversations.clear(tx, client.id)
        if report is None:
            return Heard.NOT_FOR_IT
        now = self._clock.now()
        kind = "question" if conversation.step == Reaction.QUESTION else "impression"
        await reports.add_reply(tx, report.id, kind, text, now)
        await journal.log_message(tx, client.id, "client", kind, now)
        number = await self._number(tx, report)
        topic = self._t(self._lang, f"topic-{kind}", number=number, title=escape(report.title),
                        text=escape(text))
        await self._outbox.to_topic(tx, client, topic)
        await self._say(tx, client, f"{kind}-thanks", menu=True)
        return Heard.TAKEN

    async def _number(self, tx: Tx, report: InspectionReport) -> int:
        ids = [r.id for r in await reports.for_request(tx, report.request_id)]
        return ids.index(report.id) + 1
