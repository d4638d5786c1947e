"""The intake's effects: a new request begun or resumed, each answer stored, and on
confirmation the client's profile and request saved and their topic opened with its card."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from bot.services.base import Desk, Kit
from bot.services.flows import Flow, Heard
from bot.services.followups.tasks import DueTasks
from bot.services.intake.cards import Cards
from bot.services.intake.flow import FLOW as INTAKE
from bot.services.intake.flow import IntakeFlow, Outcome
from bot.services.intake.source import LeadSources
from bot.services.zones import ClientZones
from domain import Client, Conversation, Inbound, Reply
from domain.groups import Business
from domain.presses import GUIDED, ChangeRequest, NewRequest, button
from storage import clients, conversations, deals, requests
from storage.db import Tx


class TopicDoor(Protocol):
    """The client's topic made ready (bot/services/desk/topics.py): opened, or opened again
    after /close; the client as now stored (no topic yet: its opening, with the card, is queued)."""

    async def ensure(self, tx: Tx, client: Client) -> Client | None: ...


class IntakeDesk(Desk):
    def __init__(self, kit: Kit, flow: IntakeFlow, cards: Cards, tasks: DueTasks,
                 zones: ClientZones, topics: TopicDoor, sources: LeadSources) -> None:
        super().__init__(kit)
        self._sources = sources
        self._zones = zones
        self._flow = flow
        self._cards = cards
        self._tasks = tasks
        self._topics = topics

    async def new_request(self, tx: Tx, client: Client, extra: bool = False) -> None:
        """`extra`: the client said this is another car, not a change to an open request."""
        conversation = await conversations.get(tx, client.id)
        if conversation is not None and conversation.flow == INTAKE:
            # Resume rather than restart: nothing the client answered is asked twice.
            await self._outbox.to_client(tx, client, self._flow.prompt(client, conversation))
            return
        if not extra and await deals.open_for_client(tx, client.id):
            lang = client.language
            rows = ((button(self._t(lang, "button-extra-car"), NewRequest(extra=True)),),
                    (button(self._t(lang, "menu-change"), ChangeRequest()),))
            await self._outbox.to_client(tx, client, Reply(self._t(lang, "new-or-change"), rows))
            return
        await self.settle(tx, client, self._flow.begin(client))

    def flow(self) -> Flow:
        """Holds the client's next words; a message that is no answer (a photo mid-intake)
        also reaches the topic, so nothing is lost."""
        return Flow(INTAKE, self.heard, GUIDED, self.answered, holds=True, resume=self.resume)

    async def heard(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> Heard:
        outcome = self._flow.handle(client, conversation, inbound)
        await self.settle(tx, client, outcome)
        return Heard.ALSO_RELAYED if outcome.unhandled and inbound.message_id is not None else Heard.TAKEN

    async def answered(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> None:
        """An answer by button (a contact time, Skip, Back, Confirm, Edit, a field to edit)."""
        await self.settle(tx, client, self._flow.handle(client, conversation, inbound))

    async def resume(self, tx: Tx, client: Client, conversation: Conversation) -> None:
        await self._outbox.to_client(tx, client, self._flow.prompt(client, conversation))

    async def after_flow(self, tx: Tx, client: Client) -> None:
        """What the client did may have ended their flow: a question that waited is asked."""
        await self._tasks.flow_ended(tx, client)

    async def settle(self, tx: Tx, client: Client, outcome: Outcome) -> None:
        """Store where the flow stands and send its replies, or save a confirmed request."""
        if outcome.confirmed is not None:
            await self._confirm(tx, client, outcome.confirmed)
            return
        if outcome.conversation is not None:
            await conversations.save(tx, outcome.conversation, self._clock.now())
        for reply in outcome.replies:
            await self._outbox.to_client(tx, client, reply)

    async def _confirm(self, tx: Tx, client: Client, answers: dict[str, Any]) -> None:
        now = self._clock.now()
        birth = date.fromisoformat(answers["birth_date"]) if answers.get("birth_date") else None
        await clients.set_profile(
            tx,
            client.id,
            name=answers["name"],
            phone=answers.get("phone"),
            birth_date=birth,
            contact_time=answers.get("contact_time") or "any",
            consent_at=now,
        )
        request_id = await requests.create(tx, client.id, answers, now)
        await self._zones.guess(tx, client.id, answers.get("city"), answers.get("phone"))
        await self._tasks.birthday(tx, client.id, birth)  # owed from midnight on their clock
        await conversations.clear(tx, client.id)
        client = await clients.get(tx, client.id)  # type: ignore[assignment]
        client = await self._outbox.route(tx, client, Business.CAR_REQUEST)  # its group's topic
        request = await requests.get(tx, request_id)
        lang = client.language
        await self._outbox.to_client(tx, client, Reply(self._t(lang, "request-saved", id=request_id)))
        await self._outbox.to_client(tx, client, Reply(self._t(lang, "process"), self._menu(client)))
        had_topic, was_closed = client.topic_id is not None, client.topic_closed_at is not None
        ready = await self._topics.ensure(tx, client)  # opened with this card, or again
        if had_topic and ready is not None and ready.topic_id is not None:
            client = ready
            if not was_closed:  # opened again after /close: renamed already
                await self._outbox.rename_topic(tx, client, self._cards.title(client, request))
            await self._outbox.to_topic(tx, client, self._cards.card(client, request), card=True)
        await self._sources.ask(tx, client, request_id)  # how they heard of us (LEAD_SOURCES)
