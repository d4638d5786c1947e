"""The client's front desk: every client event enters here. A message goes to the flow the
client is in (looked up in the registry, `bot/services/flows.py`) or, outside any, to their
topic; a press goes to the step its kind belongs to (the table in `__init__`), or, for an
answer inside a flow, to that flow."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from bot.services.base import Desk, Kit
from bot.services.deal.client_change import ClientChange
from bot.services.deal.status import DealStatus
from bot.services.desk.feedback import Feedback
from bot.services.desk.people import People
from bot.services.desk.relay import Relay
from bot.services.flows import Flows, Heard, OnPress
from bot.services.followups.survey import SurveyFlow
from bot.services.handover.handover import Handover
from bot.services.inspection.reactions import Reactions
from bot.services.inspection.viewings import Viewings
from bot.services.intake.desk import IntakeDesk
from bot.services.money.offers import Offers
from bot.services.privacy.client import DataRights
from bot.services.privacy.ownership import belongs
from bot.services.zones import ClientZones
from domain import Client, Conversation, Identity, Inbound, Press, Reply
from domain import presses as p
from storage import clients, conversations
from storage.db import Tx

# The client's data rights, which work for a banned client too.
DATA_RIGHTS = (p.AboutData, p.AskErase, p.ConfirmErase)

if TYPE_CHECKING:
    from bot.services.workshop.desk import Workshop

class ClientDesk(Desk):
    def __init__(
        self,
        kit: Kit,
        flows: Flows,
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
        zones: ClientZones | None = None,  # the client's time zone (/settings)
        people: People | None = None,  # one person on every channel (desk/people.py)
        offers: Offers | None = None,
        viewings: Viewings | None = None,  # viewings and test drives of a reported car
    ) -> None:
        super().__init__(kit)
        self._people = people
        self._flows = flows
        self._data_rights = data_rights
        self._workshop = workshop
        self._intake_desk = intake_desk
        self._relay = relay
        self._feedback = feedback
        self._status = status
        self._change = change
        # One line per kind of press a step answers wherever the client is; the answers inside
        # a flow (Answer, Skip, Back, Confirm, Edit, EditField…) go to the live flow.
        self._buttons: dict[type[Press], OnPress] = {
            p.NewRequest: lambda tx, c, press: intake_desk.new_request(tx, c, extra=press.extra),
            p.ChangeRequest: lambda tx, c, press: change.begin(tx, c, press.request),
            p.Status: lambda tx, c, _: self._show_status(tx, c),
            p.GiveFeedback: lambda tx, c, _: feedback.begin(tx, c),
            p.WriteManager: lambda tx, c, _: self._send(tx, c, Reply(self._t(c.language, "write-manager"))),
            p.Menu: lambda tx, c, _: self._send(tx, c, Reply(self._t(c.language, "menu"), self._menu(c))),
            p.Cancel: lambda tx, c, _: self._cancel(tx, c),
            p.Language: lambda tx, c, press: self._set_language(tx, c, press.code),
            p.React: reactions.react,
            p.TakeService: handover.accept_service,
            p.SurveyAnswer: survey.pressed,
            p.ReviewDone: survey.review_done,
            p.AboutData: lambda tx, c, _: data_rights.about(tx, c),
            p.AskErase: lambda tx, c, _: data_rights.ask(tx, c),
            p.ConfirmErase: lambda tx, c, _: data_rights.erase(tx, c),
        }
        self._zones = zones
        if zones is not None:
            self._buttons[p.ChooseZone] = zones.choose
        if workshop is not None:
            self._buttons.update(workshop.buttons())
        if offers is not None:  # a deal's offer: Accept, Question (bot/services/money)
            self._buttons.update(offers.buttons())
        if viewings is not None:  # I'd like to see it; a proposed time taken, moved, cancelled
            self._buttons.update(viewings.buttons())

    # -- entry points (one per kind of client event) ---------------------------------------

    async def start(self, who: Identity) -> None:
        async with self._db.transaction() as tx:
            client = await self._live(tx, who)
            if client is None:
                return
            lang = client.language
            if who.name:
                hello = self._t(lang, "greeting", name=escape(who.name))
            else:
                hello = self._t(lang, "greeting-anonymous")
            text = hello + " " + self._t(lang, "welcome", consent=self._data_rights.consent(lang))
            await self._send(tx, client, Reply(text, self._menu(client)))

    async def command(self, who: Identity, name: str) -> None:
        async with self._db.transaction() as tx:
            client = await self._live(tx, who, rights=name == "delete_my_data")
            if client is None:
                return
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
                case "settings" if self._zones is not None:  # the client's time zone
                    await self._zones.show(tx, client)
                case "book" if self._workshop is not None:  # workshop hook
                    await self._workshop.begin_booking(tx, client)
                case _:
                    await self._send(tx, client, Reply(self._t(client.language, "menu"), self._menu(client)))
            await self._intake_desk.after_flow(tx, client)

    async def refuse_manager_command(self, who: Identity) -> None:
        async with self._db.transaction() as tx:
            client = await self._live(tx, who)
            if client is None:
                return
            text = self._t(client.language, "manager-only")
            await self._send(tx, client, Reply(text, self._menu(client)))

    async def message(self, who: Identity, inbound: Inbound, acknowledge: bool = True) -> None:
        """What the client sent. `acknowledge=False`: the channel is already sending the
        client something in answer (a message that waited for them), so no "passed on" note."""
        async with self._db.transaction() as tx:
            client = await self._live(tx, who)
            if client is None:
                return
            if client.unreachable_at is not None:
                await clients.set_unreachable(tx, client.id, None)
            conversation = await self._live_conversation(tx, client)
            flow = self._flows.get(conversation.flow) if conversation is not None else None
            if conversation is None or flow is None:
                await self._relay.relay(tx, client, inbound, acknowledge)
            else:
                heard = await flow.message(tx, client, conversation, inbound)
                if heard is not Heard.NOT_FOR_IT:  # an answer to a question: a person
                    await self._relay.person(tx, client)
                if heard is Heard.NOT_FOR_IT:
                    await self._relay.relay(tx, client, inbound)
                elif heard is Heard.ALSO_RELAYED:
                    await self._relay.relay(tx, client, inbound, acknowledge=False)
                await self._intake_desk.after_flow(tx, client)
            if self._people is not None:  # after the relay: the offer lands in the topic it opened
                await self._people.heard(tx, client, inbound)

    async def press(self, who: Identity, press: Press | None, message_id: int | None) -> None:
        """A button pressed (a numbered option chosen); None: a button that reads as no press
        (an old version's, or forged)."""
        async with self._db.transaction() as tx:
            client = await self._live(tx, who, rights=isinstance(press, DATA_RIGHTS))
            if client is None:
                return
            if press is None or not await belongs(tx, client.id, press):  # privacy: another's id
                await self._expired(tx, client)
                return
            await self._relay.person(tx, client)  # a button pressed: a person
            # One tap is enough: take the buttons away (a report or an offer keeps its own,
            # so the client can answer several of them or change their mind).
            if message_id is not None and not press.keeps_buttons:
                await self._outbox.clear_buttons(tx, client, message_id)
            if await self._pressed(tx, client, press) is False:
                await self._expired(tx, client)
            await self._intake_desk.after_flow(tx, client)

    async def edited(self, who: Identity, message_id: int, text: str, caption: bool) -> None:
        async with self._db.transaction() as tx:
            client = await self._live(tx, who)
            if client is None:
                return
            if client.topic_id is not None:
                await self._outbox.edit_in_topic(tx, client, message_id, text, caption)

    async def reachable(self, who: Identity, reachable: bool) -> None:
        """The client blocked (or unblocked) the bot: managers hear it in the topic, once (not
        of a banned client)."""
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            since = None if reachable else self._clock.now()
            changed = await clients.set_unreachable(tx, client.id, since)
            if changed and client.topic_id and client.banned_at is None:
                key = "topic-client-unblocked" if reachable else "topic-client-blocked"
                await self._outbox.to_topic(tx, client, self._t(self._lang, key))

    # -- routing --------------------------------------------------------------------------

    async def _pressed(self, tx: Tx, client: Client, press: Press) -> bool | None:
        answer = self._buttons.get(type(press))
        if answer is not None:
            return await answer(tx, client, press)
        conversation = await conversations.get(tx, client.id)
        flow = self._flows.get(conversation.flow) if conversation is not None else None
        if conversation is None or flow is None or flow.press is None or type(press) not in flow.answers:
            return False  # a button from an old message whose moment has passed
        return await flow.press(tx, client, conversation, Inbound(kind="button", press=press))

    # -- small answers --------------------------------------------------------------------

    async def _cancel(self, tx: Tx, client: Client) -> None:
        conversation = await conversations.get(tx, client.id)
        await conversations.clear(tx, client.id)
        key = "cancelled" if conversation is not None else "nothing-to-cancel"
        await self._send(tx, client, Reply(self._t(client.language, key), self._menu(client)))

    async def _show_status(self, tx: Tx, client: Client) -> None:
        status = await self._status.status(tx, client)
        lang = client.language
        # workshop hook: the car in the workshop, where it is (bot/services/workshop/progress.py)
        car = await self._workshop.status(tx, client) if self._workshop is not None else None
        if status is None and car is not None:
            await self._send(tx, client, Reply(car, self._menu(client)))
            return
        if status is None:
            buttons = ((p.button(self._t(lang, "menu-new"), p.NewRequest()),),)
            await self._send(tx, client, Reply(self._t(lang, "status-none"), buttons))
            return
        change = (p.button(self._t(lang, "menu-change"), p.ChangeRequest()),)
        text = f"{status.text}\n\n{car}" if car is not None else status.text
        await self._send(tx, client, Reply(text, (change, *self._menu(client))))

    async def _set_language(self, tx: Tx, client: Client, language: str) -> bool:
        if language not in self._t.languages():
            return False
        await clients.set_language(tx, client.id, language)
        client = await clients.get(tx, client.id)  # type: ignore[assignment]
        await self._send(tx, client, Reply(self._t(language, "language-set"), self._menu(client)))
        conversation = await conversations.get(tx, client.id)
        flow = self._flows.get(conversation.flow) if conversation is not None else None
        if conversation is not None and flow is not None and flow.resume is not None:
            await flow.resume(tx, client, conversation)
        return True

    async def _expired(self, tx: Tx, client: Client) -> None:
        text = self._t(client.language, "button-expired")
        await self._send(tx, client, Reply(text, self._menu(client)))

    async def _live_conversation(self, tx: Tx, client: Client) -> Conversation | None:
        """The flow the client is in; a one-shot wait (a review, an impression) lapses, so a
        message written much later reaches the manager instead."""
        conversation = await conversations.get(tx, client.id)
        flow = self._flows.get(conversation.flow) if conversation is not None else None
        if (
            conversation is not None
            and flow is not None
            and flow.lapses_after is not None
            and conversation.updated_at is not None
            and self._clock.now() - conversation.updated_at > flow.lapses_after
        ):
            await conversations.clear(tx, client.id)
            return None
        return conversation

    async def _client(self, tx: Tx, who: Identity) -> Client:
        return await clients.upsert(tx, who, self._t.pick(who.language_code), self._clock.now())

    async def _live(self, tx: Tx, who: Identity, rights: bool = False) -> Client | None:
        """The client, or None while their erasure is not finished: between /delete_my_data (or
        /forget) and the moment their address goes, anything they send would be taken under the
        erased row and wiped with it, so it is refused with a word on why; once the address is
        gone they write as a new client.

        None too for a banned client (/ban, bot/services/desk/bans.py): nothing they send
        reaches the group or is kept; after /ban they are told nothing, after /ban! they are
        told they are blocked. Their data rights (`rights`: /delete_my_data and its buttons)
        still work."""
        client = await self._client(tx, who)
        if client.erased_at is not None:
            await self._send(tx, client, Reply(self._t(client.language, "privacy-erasing")))
            return None
        if client.banned_at is None or rights:
            return client
        if client.ban_told:
            await self._send(tx, client, Reply(self._t(client.language, "ban-client-blocked")))
        return None

    async def _send(self, tx: Tx, client: Client, reply: Reply) -> None:
        await self._outbox.to_client(tx, client, reply)

    def _language_menu(self, client: Client) -> Reply:
        row = tuple(
            p.button(self._t(code, "language-name"), p.Language(code))
            for code in self._t.languages()
        )
        return Reply(self._t(client.language, "language-choose"), (row,))
