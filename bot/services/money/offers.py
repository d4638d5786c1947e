"""An offer the client accepts (issue 23): `/offer [#N]` in the client's topic with a short form
(the car, its price, the firm's fee, what is included, the deposit, the terms, the last day)
sends the client the offer with **Accept** / **Question**.

Each `/offer` on a deal is a new version (a row of `offers`); from the second on, the client
first reads what changed. An acceptance is recorded against the version pressed, word for word,
once (`offer_acceptances`): a second press of it records nothing, a press on an older version
answers with the current one, a press after the last day is refused. A version nobody accepted
by its last day is told in the topic once (owed work `OFFER_LAPSED`)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from html import escape
from zoneinfo import ZoneInfo

from bot.services.base import Deal, Desk, Kit
from bot.services.deal.dates import long_date
from bot.services.flows import Flow, Flows, Heard, OnPress
from bot.services.followups.owed import DueKind
from bot.services.money.offer_form import parse_offer
from bot.services.news import DealNews
from bot.services.validation import InvalidAnswer, clean_text
from domain import Action, Button, CarRequest, Client, Conversation, Inbound, Press, Reply, Stage, owed
from domain.money import Offer, OfferTerms, rub
from domain.owed import Owed
from domain.presses import AcceptOffer, AskOffer, button
from domain.refusal import Refusal
from storage import conversations, due, journal, offers, requests
from storage.db import Tx

QUESTION = "offer_question"  # the flow: the client's next words are their question on an offer
QUESTION_LIMIT = 3000
QUESTION_LAPSE = timedelta(days=1)  # words written a day after the press are not about it


class Offers(Desk):
    def __init__(self, kit: Kit, news: DealNews, timezone: ZoneInfo, payment_url: str,
                 flows: Flows | None = None) -> None:
        super().__init__(kit)
        self._news = news
        self._tz = timezone
        self._payment_url = payment_url
        self._flows = flows  # a flow that holds the client's words is not interrupted

    def flow(self) -> Flow:
        """After **Question**: the client's next words reach the topic named as their question
        on that version; a photo or a voice goes as it is; a day later, words are plain words."""
        return Flow(QUESTION, self.question, lapses_after=QUESTION_LAPSE)

    def buttons(self) -> dict[type[Press], OnPress]:
        """What the client's presses do (one line each in the client desk's table)."""
        return {AcceptOffer: self.accept, AskOffer: self.ask}

    def due_kinds(self) -> tuple[DueKind, ...]:
        return (DueKind(Owed.OFFER_LAPSED, lambda tx, client, task: self._lapsed(
            tx, client, task.ref_id or 0), client_facing=False),)

    # -- the manager's command ------------------------------------------------------------

    async def offer(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        await self._on_deal(topic_id, message_id, manager_id, "offer", args,
                            lambda deal, rest: self._offer(deal, manager_id, rest))

    async def _offer(self, deal: Deal, manager_id: int, args: str) -> None:
        tx, client, request = deal.tx, deal.client, deal.request
        form = parse_offer(args, self._today())
        if client.erased_at is not None:
            raise Refusal("privacy-forget-already")
        if request.stage in (Stage.CANCELLED, Stage.CLOSED):
            raise Refusal("offer-deal-ended", id=request.id,
                          stage=self._t(self._lang, f"stage-{request.stage}"))
        before = await offers.latest(tx, request.id)
        now = self._clock.now()
        made = await offers.create(tx, request.id, form, manager_id, now)
        lang = client.language
        text = self._text(lang, request, made, form)
        if before is not None:
            text = self._changes(lang, before, form) + "\n\n" + text
        await offers.set_text(tx, made.id, text)
        await self._news.tell(tx, client, Reply(text, self._rows(lang, made)), manager_id, "offer",
                              request)
        lapse = datetime.combine(form.valid_until + timedelta(days=1), time(), self._tz)
        await due.owe(tx, Owed.OFFER_LAPSED, owed.offer_lapsed_key(made.id), lapse, client.id,
                      now, request_id=request.id, ref_id=made.id)
        await self._news.refresh_card(tx, client, request.id)
        await self._reply(deal, "offer-sent", id=request.id, version=made.version,
                          total=rub(form.total), until=long_date(self._lang, form.valid_until))

    # -- what the client sees -------------------------------------------------------------

    def _text(self, lang: str, request: CarRequest, offer: Offer, form: OfferTerms) -> str:
        return self._t(lang, "offer-text", id=request.id, version=offer.version,
                       car=escape(form.car), price=rub(form.price), fee=rub(form.fee),
                       total=rub(form.total), included=escape(form.included),
                       deposit=rub(form.deposit), terms=escape(form.terms),
                       until=long_date(lang, form.valid_until))

    def _changes(self, lang: str, before: Offer, form: OfferTerms) -> str:
        """What changed from the version before, one line per field."""
        lines = [self._t(lang, "offer-changed")]
        for name, old, new in (
            ("car", escape(before.car), escape(form.car)),
            ("price", rub(before.price), rub(form.price)),
            ("fee", rub(before.fee), rub(form.fee)),
            ("included", escape(before.included), escape(form.included)),
            ("deposit", rub(before.deposit), rub(form.deposit)),
            ("terms", escape(before.terms), escape(form.terms)),
            ("valid_until", long_date(lang, before.valid_until), long_date(lang, form.valid_until)),
        ):
            if old != new:
                lines.append(self._t(lang, "offer-change-line",
                                     field=self._t(lang, f"offer-field-{name}"), old=old, new=new))
        if len(lines) == 1:
            lines.append(self._t(lang, "offer-change-none"))
        return "\n".join(lines)

    def _rows(self, lang: str, offer: Offer) -> tuple[tuple[Button, ...], ...]:
        return ((button(self._t(lang, "offer-button-accept"), AcceptOffer(offer.id)),
                 button(self._t(lang, "offer-button-question"), AskOffer(offer.id))),)

    # -- the client's presses -------------------------------------------------------------

    async def accept(self, tx: Tx, client: Client, press: AcceptOffer) -> None:
        """The offer is the client's (checked for every press, bot/services/privacy)."""
        offer, request = await self._pressed(tx, client, press.offer)
        if offer is None or request is None:
            return
        if self._today() > offer.valid_until:
            await self._say(tx, client, "offer-lapsed-client",
                            until=long_date(client.language, offer.valid_until), menu=True)
            return
        if not await offers.accept(tx, offer, client.id, client.channel.value, self._clock.now()):
            await self._say(tx, client, "offer-already-accepted", version=offer.version)
            return
        await self._tell_topic(tx, client, "offer-accepted-topic", id=request.id,
                               version=offer.version, total=rub(offer.total),
                               channel=client.channel.value)
        lang = client.language
        text = self._t(lang, "offer-accepted", version=offer.version, deposit=rub(offer.deposit),
                       has_deposit="yes" if offer.deposit else "no")
        pay = ((Button(self._t(lang, "money-button-pay"), Action.MENU, url=self._payment_url),),
               ) if self._payment_url and offer.deposit else ()
        await self._send_client(tx, client, Reply(text, pay))
        await self._news.refresh_card(tx, client, request.id)

    async def ask(self, tx: Tx, client: Client, press: AskOffer) -> None:
        offer, request = await self._pressed(tx, client, press.offer)
        if offer is None or request is None:
            return
        await self._tell_topic(tx, client, "offer-question-topic", id=request.id,
                               version=offer.version)
        current = await conversations.get(tx, client.id)
        if current is None or self._flows is None or current.flow not in self._flows.holding():
            await conversations.save(tx, Conversation(client.id, QUESTION, "ask",
                                                      {"offer": offer.id}), self._clock.now())
        await self._say(tx, client, "offer-question")

    async def question(self, tx: Tx, client: Client, conversation: Conversation,
                       inbound: Inbound) -> Heard:
        """The question, in the topic with the offer's request and version (and counted as the
        client's message for the reply clock); anything but words is relayed as it is."""
        await conversations.clear(tx, client.id)
        offer = await offers.get(tx, int(conversation.data.get("offer") or 0))
        try:
            text = clean_text(inbound.text or "", QUESTION_LIMIT)
        except InvalidAnswer:
            return Heard.NOT_FOR_IT
        if offer is None:
            return Heard.NOT_FOR_IT
        await journal.log_message(tx, client.id, "client", "question", self._clock.now())
        await self._tell_topic(tx, client, "offer-question-text", id=offer.request_id,
                               version=offer.version, text=escape(text))
        await self._say(tx, client, "question-thanks", menu=True)
        return Heard.TAKEN

    async def _pressed(self, tx: Tx, client: Client,
                       offer_id: int) -> tuple[Offer | None, CarRequest | None]:
        """The version pressed and its deal, if it is the current one of a live deal; else the
        client was answered (the current version sent again, or why not) and (None, None)."""
        offer = await offers.get(tx, offer_id)
        request = await requests.get(tx, offer.request_id) if offer else None
        if offer is None or request is None or request.stage == Stage.CANCELLED:
            await self._say(tx, client, "button-expired", menu=True)
            return None, None
        current = await offers.latest(tx, request.id)
        if current is not None and current.id != offer.id:
            await self._say(tx, client, "offer-outdated", version=current.version)
            await self._send_client(tx, client, Reply(current.text,
                                                      self._rows(client.language, current)))
            return None, None
        return offer, request

    async def _send_client(self, tx: Tx, client: Client, reply: Reply) -> None:
        await self._outbox.to_client(tx, client, reply)

    # -- the last day passed --------------------------------------------------------------

    async def _lapsed(self, tx: Tx, client: Client, offer_id: int) -> bool:
        """Told in the topic once, if this version is still the current one and nobody
        accepted it; False (nothing sent) otherwise."""
        offer = await offers.get(tx, offer_id)
        if offer is None or offer.lapsed or await offers.accepted_at(tx, offer.id) is not None:
            return False
        current = await offers.latest(tx, offer.request_id)
        if current is None or current.id != offer.id:
            return False
        await offers.mark_lapsed(tx, offer.id, self._clock.now())
        await self._tell_topic(tx, client, "offer-lapsed-topic", id=offer.request_id,
                               version=offer.version, until=long_date(self._lang, offer.valid_until))
        return True

    def _today(self) -> date:
        return self._clock.now().astimezone(self._tz).date()
