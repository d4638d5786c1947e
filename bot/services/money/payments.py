"""Payments (issue 23): `/paid #N <amount> <what>` in the client's topic records what the client
paid for their deal; the client gets a receipt with what is paid and what remains, the topic's
card shows it, `/status` and `/export` too.

A payment is a row of `payments` keyed by what it pays for (`Subject`: a deal or a workshop work
order, docs/money.md), in whole roubles. A mistake is corrected, never edited: `/paid #N -<sum>
<why>` adds a correcting row that takes the sum off what was paid (at most what was paid). No
payment is taken here: a Pay button opens the firm's `PAYMENT_URL` while something remains to
pay."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.services.base import Deal, Desk, Kit
from bot.services.money.reading import MAX_WHAT, split_sum
from bot.services.news import DealNews
from domain import Action, Button, Reply, Stage
from domain.money import Money, PaymentKind, Subject, payment_kind, rub, summary_args
from domain.refusal import Refusal
from storage import payments

MINUS = ("-", "−", "–")  # a correction: '/paid -150 000 задаток записан дважды'


class Payments(Desk):
    def __init__(self, kit: Kit, news: DealNews, payment_url: str) -> None:
        super().__init__(kit)
        self._news = news
        self._payment_url = payment_url

    async def paid(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        await self._on_deal(topic_id, message_id, manager_id, "paid", args,
                            lambda deal, rest: self._paid(deal, manager_id, rest))

    async def _paid(self, deal: Deal, manager_id: int, args: str) -> None:
        tx, client, request = deal.tx, deal.client, deal.request
        if not args.strip():
            raise Refusal("paid-usage")
        correction = args.strip().startswith(MINUS)
        amount, what = split_sum(args.strip()[1:] if correction else args, "paid-usage")
        if not what:
            raise Refusal("paid-needs-what")
        if len(what) > MAX_WHAT:
            raise Refusal("paid-what-too-long", most=MAX_WHAT)
        if client.erased_at is not None:
            raise Refusal("privacy-forget-already")
        if request.stage == Stage.CANCELLED:
            raise Refusal("paid-cancelled", id=request.id)
        so_far = await payments.paid(tx, Subject.DEAL, request.id)
        if correction and amount > so_far:
            raise Refusal("paid-correction-too-big", amount=rub(amount), paid=rub(so_far),
                          id=request.id)
        kind = PaymentKind.CORRECTION if correction else payment_kind(what)
        await payments.record(tx, Subject.DEAL, request.id, client.id, amount, kind, what,
                              manager_id, self._clock.now())
        money = await payments.deal_money(tx, request.id)
        lang = client.language
        text = self._t(lang, "paid-correction-receipt" if correction else "paid-receipt",
                       amount=rub(amount), what=escape(what), id=request.id,
                       car=escape(request.car or "—"))
        text += "\n" + self._t(lang, "money-summary", **summary_args(money))
        await self._news.tell(tx, client, Reply(text, self._pay_row(lang, money)), manager_id,
                              "paid", request)
        await self._news.refresh_card(tx, client, request.id)
        await self._reply(deal, "paid-correction-done" if correction else "paid-done",
                          amount=rub(amount), what=escape(what), id=request.id,
                          summary=self._t(self._lang, "money-summary", **summary_args(money)))

    def _pay_row(self, lang: str, money: Money) -> tuple[tuple[Button, ...], ...]:
        """A Pay button to the firm's payment page while something remains to pay."""
        remaining = money.remaining
        if not self._payment_url or remaining is None or remaining <= 0:
            return ()
        return ((Button(self._t(lang, "money-button-pay"), Action.MENU, url=self._payment_url),),)

    # -- /stats ---------------------------------------------------------------------------

    async def figures(self, start: datetime, end: datetime) -> str | None:
        """The deals' payments recorded in [start, end): the sum and each kind's; None when
        there were none."""
        async with self._db.snapshot() as tx:
            found = await payments.totals(tx, Subject.DEAL, start, end)
        if not found:
            return None
        lang = self._lang
        kinds = "; ".join(f"{self._t(lang, f'money-kind-{kind}')} {_signed(total)}"
                          for kind, _, total in found)
        return self._t(lang, "paid-stats", total=_signed(sum(t for _, _, t in found)),
                       count=sum(n for _, n, _ in found), kinds=kinds)


def _signed(amount: int) -> str:
    return ("−" if amount < 0 else "") + rub(abs(amount))
