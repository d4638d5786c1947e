"""Everything a client does: menu, intake, feedback, status, and the relay to their topic."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from bot.clock import Clock
from domain import Action, Button, CarRequest, Client, Conversation, Identity, Inbound, Reply
from bot.i18n import Translator
from bot.services.intake import FLOW as INTAKE
from bot.services.intake import IntakeFlow, Outcome
from bot.delivery import Outbox

from bot.services.survey import FLOW as SURVEY_FLOW
from bot.services.survey import REVIEW_FLOW, SurveyFlow

if TYPE_CHECKING:
    from bot.services.followups import Followups
    from bot.services.pipeline import Pipeline
from bot.services.validation import InvalidAnswer, clean_text
from storage import clients, conversations, journal, requests
from storage.db import Database, Tx

FEEDBACK = "feedback"
KEEP_BUTTONS = (Action.REACT, Action.SERVICE)
IMPRESSION = "impression"  # the client's next text is about a report (see Pipeline)
ONE_SHOT = (IMPRESSION, REVIEW_FLOW)
ONE_SHOT_LAPSE = timedelta(days=1)
ACK_AFTER = timedelta(hours=6)  # a client writing after a pause hears that a manager has it
FEEDBACK_LIMIT = 3000


class Cards:
    """How a client and their request look to managers."""

    def __init__(self, translate: Translator, intake: IntakeFlow) -> None:
        self._t = translate
        self._intake = intake
        self.lang = translate.default_language

    def title(self, client: Client, request: CarRequest | None) -> str:
        name = client.name or client.username or self._t(self.lang, "topic-unnamed")
        return f"{name} · #{request.id}" if request else name

    def card(self, client: Client, request: CarRequest | None) -> str:
        lang = self.lang
        contact = f"@{client.username}" if client.username else client.channel.value
        head = self._t(
            lang, "card-title", channel=client.channel.value, contact=escape(contact),
            language=client.language,
        )
        if request is None:
            name = escape(client.name or "—")
            return f"{head}\n\n{self._t(lang, 'card-no-request', name=name)}"
        answers: dict[str, Any] = {
            "name": client.name,
            "phone": client.phone,
            "birth_date": client.birth_date.isoformat() if client.birth_date else None,
            "contact_time": client.contact_time,
            "car": request.car,
            "year_from": request.year_from,
            "year_to": request.year_to,
            "budget": request.budget,
            "must_haves": request.must_haves,
            "deal_breakers": request.deal_breakers,
            "city": request.city,
            "deadline": request.deadline,
        }
        lines = [head, self._t(lang, "card-request", id=request.id,
                               stage=self._t(lang, f"stage-{request.stage}"))]
        if request.hard_search_time:
            lines.append(self._t(lang, "card-hard", time=escape(request.hard_search_time),
                                 reason=escape(request.hard_reason or "—")))
        if request.eta:
            lines.append(self._t(lang, "card-eta", date=request.eta.strftime("%d.%m.%Y")))
        return "\n".join(lines) + "\n\n" + self._intake.describe(lang, answers)


class ClientDesk:
    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        translate: Translator,
        clock: Clock,
        intake: IntakeFlow,
        cards: Cards,
        pipeline: Pipeline,
        survey: SurveyFlow,
        followups: Followups,
    ) -> None:
        self._pipeline = pipeline
        self._survey = survey
        self._followups = followups
        self._db = db
        self._outbox = outbox
        self._t = translate
        self._clock = clock
        self._intake = intake
        self._cards = cards

    # -- entry points (one per kind of client event) ---------------------------------------

    async def start(self, who: Identity) -> None:
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            lang = client.language
            hello = self._t(lang, "greeting", name=escape(who.name)) if who.name else self._t(lang, "greeting-anonymous")
            text = hello + " " + self._t(lang, "welcome")
            await self._say(tx, client, Reply(text, self._menu(client)))

    async def command(self, who: Identity, name: str) -> None:
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            match name:
                case "help":
                    await self._say(tx, client, Reply(self._t(client.language, "help"), self._menu(client)))
                case "cancel":
                    await self._cancel(tx, client)
                case "language":
                    await self._say(tx, client, self._language_menu(client))
                case "new":
                    await self._new_request(tx, client)
                case "status":
                    await self._status(tx, client)
                case "feedback":
                    await self._begin_feedback(tx, client)
                case _:
                    await self._say(tx, client, Reply(self._t(client.language, "menu"), self._menu(client)))

    async def refuse_manager_command(self, who: Identity) -> None:
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            text = self._t(client.language, "manager-only")
            await self._say(tx, client, Reply(text, self._menu(client)))

    async def message(self, who: Identity, inbound: Inbound, acknowledge: bool = True) -> None:
        """What the client sent. `acknowledge=False`: the channel is already sending the
        client something in answer (a message that waited for them), so no "passed on" note."""
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            if client.unreachable_at is not None:
                await clients.set_unreachable(tx, client.id, None)
            conversation = await self._live_conversation(tx, client)
            if conversation is None:
                await self._relay(tx, client, inbound, acknowledge)
            elif conversation.flow == INTAKE:
                await self._apply(tx, client, self._intake.handle(client, conversation, inbound), inbound)
            elif conversation.flow == IMPRESSION:
                if not await self._pipeline.impression(tx, client, conversation, inbound):
                    await self._relay(tx, client, inbound)
            elif conversation.flow == SURVEY_FLOW:
                if not await self._survey.comment(tx, client, conversation, inbound):
                    await self._relay(tx, client, inbound)
            elif conversation.flow == REVIEW_FLOW:
                if not await self._survey.review(tx, client, conversation, inbound):
                    await self._relay(tx, client, inbound)
            else:
                await self._feedback(tx, client, conversation, inbound)

    async def press(self, who: Identity, inbound: Inbound, message_id: int | None) -> None:
        async with self._db.transaction() as tx:
            client = await self._client(tx, who)
            # One tap is enough: take the buttons away (a report or an offer keeps its own,
            # so the client can answer several of them or change their mind).
            if message_id is not None and inbound.action not in KEEP_BUTTONS:
                await self._outbox.clear_buttons(tx, client, message_id)
            await self._pressed(tx, client, inbound)

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
                await self._outbox.to_topic(tx, client, self._t(self._cards.lang, key))

    # -- behaviour ------------------------------------------------------------------------

    async def _pressed(self, tx: Tx, client: Client, inbound: Inbound) -> None:
        conversation = await conversations.get(tx, client.id)
        match inbound.action:
            case Action.NEW_REQUEST:
                await self._new_request(tx, client)
            case Action.STATUS:
                await self._status(tx, client)
            case Action.FEEDBACK:
                await self._begin_feedback(tx, client)
            case Action.WRITE_MANAGER:
                text = self._t(client.language, "write-manager")
                await self._say(tx, client, Reply(text))
            case Action.MENU:
                await self._say(tx, client, Reply(self._t(client.language, "menu"), self._menu(client)))
            case Action.CANCEL:
                await self._cancel(tx, client)
            case Action.REACT:
                await self._pipeline.react(tx, client, inbound.arg)
            case Action.SERVICE:
                await self._pipeline.accept_service(tx, client, inbound.arg)
            case Action.SURVEY:
                if not await self._survey.pressed(tx, client, inbound.arg):
                    text = self._t(client.language, "button-expired")
                    await self._say(tx, client, Reply(text, self._menu(client)))
            case Action.REVIEW_DONE:
                await self._survey.review_done(tx, client, inbound.arg)
            case Action.LANGUAGE if inbound.arg in self._t.languages():
                await self._set_language(tx, client, inbound.arg)
            case _ if conversation is not None and conversation.flow == INTAKE:
                await self._apply(tx, client, self._intake.handle(client, conversation, inbound), inbound)
            case _:  # a button from an old message whose moment has passed
                text = self._t(client.language, "button-expired")
                await self._say(tx, client, Reply(text, self._menu(client)))

    async def _new_request(self, tx: Tx, client: Client) -> None:
        conversation = await conversations.get(tx, client.id)
        if conversation is not None and conversation.flow == INTAKE:
            # Resume rather than restart: nothing the client answered is asked twice.
            await self._say(tx, client, self._intake.prompt(client, conversation))
            return
        await self._apply(tx, client, self._intake.begin(client), None)

    async def _apply(self, tx: Tx, client: Client, outcome: Outcome, inbound: Inbound | None) -> None:
        now = self._clock.now()
        if outcome.unhandled and inbound is not None and inbound.message_id is not None:
            await self._relay(tx, client, inbound, acknowledge=False)  # nothing lost mid-intake
        if outcome.confirmed is not None:
            await self._confirm(tx, client, outcome.confirmed)
            return
        if outcome.conversation is not None:
            await conversations.save(tx, outcome.conversation, now)
        for reply in outcome.replies:
            await self._say(tx, client, reply)

    async def _confirm(self, tx: Tx, client: Client, answers: dict[str, Any]) -> None:
        now = self._clock.now()
        birth = answers.get("birth_date")
        await clients.set_profile(
            tx,
            client.id,
            name=answers["name"],
            phone=answers.get("phone"),
            birth_date=date.fromisoformat(birth) if birth else None,
            contact_time=answers.get("contact_time") or "any",
            consent_at=now,
        )
        request_id = await requests.create(tx, client.id, answers, now)
        await self._followups.birthday(tx, client.id, date.fromisoformat(birth) if birth else None)
        await conversations.clear(tx, client.id)
        client = await clients.get(tx, client.id)  # type: ignore[assignment]
        request = await requests.get(tx, request_id)
        lang = client.language
        await self._say(tx, client, Reply(self._t(lang, "request-saved", id=request_id)))
        await self._say(tx, client, Reply(self._t(lang, "process"), self._menu(client)))
        if client.topic_id is None:
            await self._outbox.open_topic(
                tx, client, self._cards.title(client, request), self._cards.card(client, request)
            )
        else:
            await self._outbox.rename_topic(tx, client, self._cards.title(client, request))
            await self._outbox.to_topic(tx, client, self._cards.card(client, request), card=True)

    async def _cancel(self, tx: Tx, client: Client) -> None:
        conversation = await conversations.get(tx, client.id)
        await conversations.clear(tx, client.id)
        key = "cancelled" if conversation is not None else "nothing-to-cancel"
        await self._say(tx, client, Reply(self._t(client.language, key), self._menu(client)))

    async def _status(self, tx: Tx, client: Client) -> None:
        status = await self._pipeline.status(tx, client)
        lang = client.language
        if status is None:
            buttons = ((Button(self._t(lang, "menu-new"), Action.NEW_REQUEST),),)
            await self._say(tx, client, Reply(self._t(lang, "status-none"), buttons))
            return
        await self._say(tx, client, Reply(status.text, self._menu(client)))

    async def _begin_feedback(self, tx: Tx, client: Client) -> None:
        current = await conversations.get(tx, client.id)
        # An unfinished intake waits underneath and resumes after the feedback.
        resume = None
        if current is not None and current.flow == INTAKE:
            resume = {"flow": current.flow, "step": current.step, "data": current.data}
        conversation = Conversation(client.id, FEEDBACK, "text", {"resume": resume})
        await conversations.save(tx, conversation, self._clock.now())
        buttons = ((Button(self._t(client.language, "button-cancel"), Action.CANCEL),),)
        await self._say(tx, client, Reply(self._t(client.language, "feedback-ask"), buttons))

    async def _feedback(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> None:
        lang = client.language
        try:
            text = clean_text(inbound.text or "", FEEDBACK_LIMIT)
        except InvalidAnswer as problem:
            if inbound.message_id is not None and inbound.text is None:
                await self._relay(tx, client, inbound, acknowledge=False)
            await self._say(tx, client, Reply(self._t(lang, problem.key) + "\n" + self._t(lang, "feedback-ask")))
            return
        request = await requests.latest_for_client(tx, client.id)
        now = self._clock.now()
        await journal.add_feedback(tx, client.id, request.id if request else None, text, now)
        await self._ensure_topic(tx, client)
        flagged = self._t(self._cards.lang, "topic-feedback", text=escape(text))
        await self._outbox.to_topic(tx, client, flagged)
        resume = conversation.data.get("resume")
        if resume:
            paused = Conversation(client.id, resume["flow"], resume["step"], resume["data"])
            await conversations.save(tx, paused, now)
            await self._say(tx, client, Reply(self._t(lang, "feedback-thanks")))
            await self._say(tx, client, self._intake.prompt(client, paused))
            return
        await conversations.clear(tx, client.id)
        await self._say(tx, client, Reply(self._t(lang, "feedback-thanks"), self._menu(client)))

    async def _relay(self, tx: Tx, client: Client, inbound: Inbound, acknowledge: bool = True) -> None:
        if inbound.message_id is None:
            return
        now = self._clock.now()
        last = await journal.last_message_at(tx, client.id, "client")
        await self._ensure_topic(tx, client)
        await self._outbox.relay_to_topic(tx, client, inbound)
        await journal.log_message(tx, client.id, "client", inbound.kind, now)
        if acknowledge and (last is None or now - last > ACK_AFTER):
            await self._say(tx, client, Reply(self._t(client.language, "relay-ack"), self._menu(client)))

    async def _ensure_topic(self, tx: Tx, client: Client) -> None:
        if client.topic_id is None:
            request = await requests.latest_for_client(tx, client.id)
            await self._outbox.open_topic(
                tx, client, self._cards.title(client, request), self._cards.card(client, request)
            )

    async def _set_language(self, tx: Tx, client: Client, language: str) -> None:
        await clients.set_language(tx, client.id, language)
        client = await clients.get(tx, client.id)  # type: ignore[assignment]
        await self._say(tx, client, Reply(self._t(language, "language-set"), self._menu(client)))
        conversation = await conversations.get(tx, client.id)
        if conversation is not None and conversation.flow == INTAKE:
            await self._say(tx, client, self._intake.prompt(client, conversation))

    # -- small pieces ---------------------------------------------------------------------

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

    async def _say(self, tx: Tx, client: Client, reply: Reply) -> None:
        await self._outbox.to_client(tx, client, reply)

    def _menu(self, client: Client) -> tuple[tuple[Button, ...], ...]:
        lang = client.language
        return (
            (Button(self._t(lang, "menu-new"), Action.NEW_REQUEST),),
            (Button(self._t(lang, "menu-status"), Action.STATUS),),
            (Button(self._t(lang, "menu-manager"), Action.WRITE_MANAGER),),
            (Button(self._t(lang, "menu-feedback"), Action.FEEDBACK),),
        )

    def _language_menu(self, client: Client) -> Reply:
        row = tuple(
            Button(self._t(code, "language-name"), Action.LANGUAGE, code)
            for code in self._t.languages()
        )
        return Reply(self._t(client.language, "language-choose"), (row,))
