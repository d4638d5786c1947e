"""The client's answer to a report: a reaction by button, then, in their own words, an
impression or a question, stored with that car and shown to managers in the topic."""

from __future__ import annotations

from html import escape

from bot.services.base import Desk
from bot.services.validation import InvalidAnswer, clean_text
from domain import Client, Conversation, Inbound, InspectionReport, Reaction
from domain.numbers import is_number
from storage import conversations, journal, reports, requests
from storage.db import Tx

IMPRESSION = "impression"  # the flow: the client's next text is about a report
IMPRESSION_LIMIT = 3000
# Flows a reaction to a report must not interrupt: the client's next words belong to them.
KEEP_FLOWS = ("intake", "survey", "feedback", "change")


class Reactions(Desk):
    async def react(self, tx: Tx, client: Client, arg: str) -> None:
        report = await self._clients_report(tx, client, arg.partition(".")[0])
        reaction = arg.partition(".")[2]
        if report is None or reaction not in Reaction.__members__.values():
            await self._say(tx, client, "button-expired", menu=True)
            return
        now = self._clock.now()
        await reports.react(tx, report.id, reaction, now)
        number = await self._number(tx, report)
        current = await conversations.get(tx, client.id)
        busy = current is not None and current.flow in KEEP_FLOWS
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

    async def impression(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> bool:
        """Store the client's words about a report; False if this was not words (relay it)."""
        try:
            text = clean_text(inbound.text or "", IMPRESSION_LIMIT)
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

    async def _clients_report(self, tx: Tx, client: Client, report_id: str) -> InspectionReport | None:
        """The report, only if it belongs to this client (callback data can be forged)."""
        if not is_number(report_id):
            return None
        report = await reports.get(tx, int(report_id))
        if report is None:
            return None
        request = await requests.get(tx, report.request_id)
        return report if request and request.client_id == client.id else None

    async def _number(self, tx: Tx, report: InspectionReport) -> int:
        ids = [r.id for r in await reports.for_request(tx, report.request_id)]
        return ids.index(report.id) + 1
