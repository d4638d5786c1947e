"""The client's front desk: every client event enters here and goes to the step it belongs
to (intake, inspection, handover, survey, feedback), or, outside any flow, to their topic."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from typing import TYPE_CHECKING

from bot.services.base import Desk, Kit
from bot.services.deal.client_change import FLOW as CHANGE_FLOW
from bot.services.deal.client_change import ClientChange
from bot.services.deal.status import DealStatus
from bot.services.desk.feedback import Feedback
from bot.services.desk.relay import Relay
from bot.services.followups.survey import FLOW as SURVEY_FLOW
from bot.services.followups.survey import REVIEW_FLOW, SurveyFlow
from bot.services.handover.handover import Handover
from bot.services.inspection.reactions import IMPRESSION, Reactions
from bot.services.intake.desk import IntakeDesk
from bot.services.intake.flow import FLOW as INTAKE
from bot.services.intake.flow import IntakeFlow, Outcome
from bot.services.privacy.client import DataRights
from bot.services.privacy.ownership import belongs
from domain import Action, Button, Client, Conversation, Identity, Inbound, Reply
from storage import clients, conversations
from storage.db import Tx

if TYPE_CHECKING:
    from bot.services.workshop.desk import Workshop

KEEP_BUTTONS = (Action.REACT, Action.SERVICE)
ONE_SHOT = (IMPRESSION, REVIEW_FLOW)
ONE_SHOT_LAPSE = timedelta(days=1)


class ClientDesk(Desk):
    def __init__(
        self,
        kit: Kit,
        intake: IntakeFlow,
        intake_desk: IntakeDesk,
        relay: Relay,
        feedback: Feedback,
        reactions: Reactions,
        handover: Handover,
        status: DealStatus,
        survey: SurveyFlow,
        data_rights: DataRights,
        change: ClientChange,
        workshop: Workshop | None = None,  # the service workshop, when WORKSHOP_HOURS is set
    ) -> None:
        super().__init__(kit)
        self._data_rights = data_rights
        self._workshop = workshop
        self._intake = intake
        self._intake_desk = intake_desk
        self._relay = relay
        self._feedback = feedback
        self._reactions = reactions
        self._handover = handover
        self._status = status
        self._survey = survey
        self._change = change

    # -- entry points (one per kind of client event) ---------------------------------------

    async def start(self, who: Identity) -> None:
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            lang = client.language
            if who.name:
                hello = self._t(lang, "greeting", name=escape(who.name))
            else:
                hello = self._t(lang, "greeting-anonymous")
            text = hello + " " + self._t(lang, "welcome", consent=self._data_rights.consent(lang))
            await self._send(tx, client, Reply(text, self._menu(client)))

    async def command(self, who: Identity, name: str) -> None:
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            match name:
                case "help":
                    await self._send(tx, client, Reply(self._t(client.language, "help"), self._menu(client)))
                case "cancel":
                    await self._cancel(tx, client)
                case "language":
                    await self._send(tx, client, self._language_menu(client))
                case "new":
                    await self._intake_desk.new_request(tx, client)
                case "change":
                    await self._change.begin(tx, client)
                case "status":
                    await self._show_status(tx, client)
                case "feedback":
                    await self._feedback.begin(tx, client)
                case "delete_my_data":
                    await self._data_rights.ask(tx, client)
                case "book" if self._workshop is not None:  # workshop hook
                    await self._workshop.begin_booking(tx, client)
                case _:
                    await self._send(tx, client, Reply(self._t(client.language, "menu"), self._menu(client)))
            await self._intake_desk.after_flow(tx, client)

    async def refuse_manager_command(self, who: Identity) -> None:
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            text = self._t(client.language, "manager-only")
            await self._send(tx, client, Reply(text, self._menu(client)))

    async def message(self, who: Identity, inbound: Inbound, acknowledge: bool = True) -> None:
        """What the client sent. `acknowledge=False`: the channel is already sending the
        client something in answer (a message that waited for them), so no "passed on" note."""
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            if client.unreachable_at is not None:
                await clients.set_unreachable(tx, client.id, None)
            conversation = await self._live_conversation(tx, client)
            if conversation is None:
                await self._relay.relay(tx, client, inbound, acknowledge)
            elif conversation.flow == INTAKE:
                await self._apply(tx, client, self._intake.handle(client, conversation, inbound), inbound)
            elif conversation.flow == IMPRESSION:
                if not await self._reactions.impression(tx, client, conversation, inbound):
                    await self._relay.relay(tx, client, inbound)
            elif conversation.flow == SURVEY_FLOW:
                if not await self._survey.comment(tx, client, conversation, inbound):
                    await self._relay.relay(tx, client, inbound)
            elif conversation.flow == CHANGE_FLOW:
                if not await self._change.answer(tx, client, conversation, inbound):
                    await self._relay.relay(tx, client, inbound)
            elif conversation.flow == REVIEW_FLOW:
                if not await self._survey.review(tx, client, conversation, inbound):
                    await self._relay.relay(tx, client, inbound)
            elif self._workshop is not None and self._workshop.owns(conversation.flow):  # workshop hook
                if await self._workshop.message(tx, client, conversation, inbound):
                    await self._relay.relay(tx, client, inbound, acknowledge=False)
            else:
                await self._feedback.receive(tx, client, conversation, inbound)
            if conversation is not None:
                await self._intake_desk.after_flow(tx, client)

    async def press(self, who: Identity, inbound: Inbound, message_id: int | None) -> None:
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            if not await belongs(tx, client.id, inbound):  # privacy: another client's id
                await self._expired(tx, client)
                return
            # One tap is enough: take the buttons away (a report or an offer keeps its own,
            # so the client can answer several of them or change their mind).
            if message_id is not None and inbound.action not in KEEP_BUTTONS:
                await self._outbox.clear_buttons(tx, client, message_id)
            await self._pressed(tx, client, inbound)
            await self._intake_desk.after_flow(tx, client)

    async def edited(self, who: Identity, message_id: int, text: str, caption: bool) -> None:
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            if client.topic_id is not None:
                await self._outbox.edit_in_topic(tx, client, message_id, text, caption)

    async def reachable(self, who: Identity, reachable: bool) -> None:
        """The client blocked (or unblocked) the bot: managers hear it in the topic, once."""
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            since = None if reachable else self._clock.now()
            if await clients.set_unreachable(tx, client.id, since) and client.topic_id:
                key = "topic-client-unblocked" if reachable else "topic-client-blocked"
                await self._outbox.to_topic(tx, client, self._t(self._lang, key))

    # -- routing --------------------------------------------------------------------------

    async def _pressed(self, tx: Tx, client: Client, inbound: Inbound) -> None:
        conversation = await conversations.get(tx, client.id)
        match inbound.action:
            case Action.NEW_REQUEST:
                await self._intake_desk.new_request(tx, client, extra=inbound.arg == "extra")
            case Action.CHANGE:
                await self._change.begin(tx, client, inbound.arg)
            case Action.STATUS:
                await self._show_status(tx, client)
            case Action.FEEDBACK:
                await self._feedback.begin(tx, client)
            case Action.WRITE_MANAGER:
                await self._send(tx, client, Reply(self._t(client.language, "write-manager")))
            case Action.MENU:
                await self._send(tx, client, Reply(self._t(client.language, "menu"), self._menu(client)))
            case Action.CANCEL:
                await self._cancel(tx, client)
            case Action.REACT:
                await self._reactions.react(tx, client, inbound.arg)
            case Action.SERVICE:
                await self._handover.accept_service(tx, client, inbound.arg)
            case Action.SURVEY:
                if not await self._survey.pressed(tx, client, inbound.arg):
                    await self._expired(tx, client)
            case Action.REVIEW_DONE:
                await self._survey.review_done(tx, client, inbound.arg)
            case Action.ABOUT_DATA:
                await self._data_rights.about(tx, client)
            case Action.ERASE:
                await self._data_rights.pressed(tx, client, inbound.arg)
            case Action.WORKSHOP if self._workshop is not None:  # workshop hook
                if not await self._workshop.pressed(tx, client, inbound.arg):
                    await self._expired(tx, client)
            case Action.LANGUAGE if inbound.arg in self._t.languages():
                await self._set_language(tx, client, inbound.arg)
            case _ if conversation is not None and conversation.flow == CHANGE_FLOW:
                await self._change.pressed(tx, client, conversation, inbound)
            case _ if conversation is not None and conversation.flow == INTAKE:
                await self._apply(tx, client, self._intake.handle(client, conversation, inbound), inbound)
            case _:  # a button from an old message whose moment has passed
                await self._expired(tx, client)

    async def _apply(self, tx: Tx, client: Client, outcome: Outcome, inbound: Inbound) -> None:
        if outcome.unhandled and inbound.message_id is not None:
            await self._relay.relay(tx, client, inbound, acknowledge=False)  # nothing lost mid-intake
        await self._intake_desk.settle(tx, client, outcome)

    # -- small answers --------------------------------------------------------------------

    async def _cancel(self, tx: Tx, client: Client) -> None:
        conversation = await conversations.get(tx, client.id)
        await conversations.clear(tx, client.id)
        key = "cancelled" if conversation is not None else "nothing-to-cancel"
        await self._send(tx, client, Reply(self._t(client.language, key), self._menu(client)))

    async def _show_status(self, tx: Tx, client: Client) -> None:
        status = await self._status.status(tx, client)
        lang = client.language
        if status is None:
            buttons = ((Button(self._t(lang, "menu-new"), Action.NEW_REQUEST),),)
            await self._send(tx, client, Reply(self._t(lang, "status-none"), buttons))
            return
        change = (Button(self._t(lang, "menu-change"), Action.CHANGE),)
        await self._send(tx, client, Reply(status.text, (change, *self._menu(client))))

    async def _set_language(self, tx: Tx, client: Client, language: str) -> None:
        await clients.set_language(tx, client.id, language)
        client = await clients.get(tx, client.id)  # type: ignore[assignment]
        await self._send(tx, client, Reply(self._t(language, "language-set"), self._menu(client)))
        conversation = await conversations.get(tx, client.id)
        if conversation is not None and conversation.flow == INTAKE:
            await self._send(tx, client, self._intake.prompt(client, conversation))

    async def _expired(self, tx: Tx, client: Client) -> None:
        text = self._t(client.language, "button-expired")
        await self._send(tx, client, Reply(text, self._menu(client)))

    async def _live_conversation(self, tx: Tx, client: Client) -> Conversation | None:
        """The flow the client is in; a one-shot wait (a review, an impression) lapses after a
        day, so a message written much later reaches the manager instead."""
        conversation = await conversations.get(tx, client.id)
        if (
            conversation is not None
            and conversation.flow in ONE_SHOT
            and conversation.updated_at is not None
            and self._clock.now() - conversation.updated_at > ONE_SHOT_LAPSE
        ):
            await conversations.clear(tx, client.id)
            return None
        return conversation

    async def _client(self, tx: Tx, who: Identity) -> Client:
        return await clients.upsert(tx, who, self._t.pick(who.language_code), self._clock.now())

    async def _send(self, tx: Tx, client: Client, reply: Reply) -> None:
        await self._outbox.to_client(tx, client, reply)

    def _language_menu(self, client: Client) -> Reply:
        row = tuple(
            Button(self._t(code, "language-name"), Action.LANGUAGE, code)
            for code in self._t.languages()
        )
        return Reply(self._t(client.language, "language-choose"), (row,))
