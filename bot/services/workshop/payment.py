"""Payment on a work order (issue 24): `/paid <amount> [cash|card|transfer]` in the client's topic
records what the client paid for their work order through the same `/paid` and `payments` table
as a sourcing deal's (subject 'order', docs/money.md). The client gets a receipt with what is
paid and what is due; the bill (its text and PDF) shows both. Refused in one line: no work order,
nothing approved to pay for yet, or more than is due.

Which of the two a `/paid` is for is read from its words (`for_order`): a deal's payment names
its request (`#12`) or says what it was for (`задаток`); an order's is a sum, and at most how it
was paid."""

from __future__ import annotations

from bot.services.money.reading import split_sum
from bot.services.workshop.base import WorkshopDesk, rub
from domain import Action, Button, Client, Reply
from domain.money import Money, PaymentKind, Subject, summary_args
from domain.refusal import Refusal
from domain.workshop import LineStatus, OrderStatus
from storage import payments, workshop_orders
from storage.db import Tx

# How a payment was made, in the words managers write (lower case).
METHODS: dict[str, tuple[str, ...]] = {
    "cash": ("cash", "наличные", "наличными", "нал", "наличка"),
    "card": ("card", "карта", "картой", "карт"),
    "transfer": ("transfer", "перевод", "переводом", "безнал", "по счёту", "по счету"),
}
_NOT_WORDS = frozenset({"₽", "р", "р.", "руб", "руб.", "rub", "rur"})


def method_of(words: str) -> str | None:
    """'картой' → 'card'; None unless the words name one method."""
    said = " ".join(words.lower().split())
    return next((method for method, names in METHODS.items() if said in names), None)


def for_order(args: str) -> bool:
    """A `/paid` for a work order: no request number, and after the sum nothing but how it was
    paid ('5 000', '5000 картой', '4 500 ₽ cash'); odd digits in the sum count as a sum."""
    text = args.strip()
    if not text or text.startswith("#"):
        return False
    words = [word for word in text.split() if not any(ch.isdigit() for ch in word)
             and word.lower() not in _NOT_WORDS]
    return not words or method_of(" ".join(words)) is not None


class OrderPayments(WorkshopDesk):
    async def paid(self, tx: Tx, client: Client, manager_id: int, args: str) -> None:
        amount, rest = split_sum(args, "ws-paid-usage")
        method = method_of(rest) if rest else None
        if rest and method is None:
            raise Refusal("ws-paid-usage")
        if client.erased_at is not None:
            raise Refusal("privacy-forget-already")
        order = await workshop_orders.latest_order(tx, client.id)
        if order is None:
            raise Refusal("ws-paid-no-order")
        lines = await workshop_orders.lines(tx, order.id)
        total = sum(line.price for line in lines if line.status == LineStatus.APPROVED)
        if order.status == OrderStatus.OPEN or total == 0:
            raise Refusal("ws-paid-nothing-yet", id=order.id)
        paid = await payments.paid(tx, Subject.ORDER, order.id)
        if paid + amount > total:
            raise Refusal("ws-paid-over", id=order.id, amount=rub(amount), total=rub(total),
                          paid=rub(paid), due=rub(max(total - paid, 0)))
        what = method or "order"  # the payments row says how, or that it was for the order
        await payments.record(tx, Subject.ORDER, order.id, client.id, amount, PaymentKind.OTHER,
                              what, manager_id, self._clock.now())
        money = Money(total, paid + amount)
        lang = client.language
        text = "\n".join((self._t(lang, "ws-paid-receipt", amount=rub(amount), method=what,
                                  id=order.id),
                          self._t(lang, "money-summary", **summary_args(money))))
        await self._outbox.to_client(tx, client, Reply(text, self._pay_row(lang, money)))
        await self._tell_topic(tx, client, "ws-paid-done", id=order.id, amount=rub(amount),
                               method=what,
                               summary=self._t(self._lang, "money-summary", **summary_args(money)))

    def _pay_row(self, lang: str, money: Money) -> tuple[tuple[Button, ...], ...]:
        """A Pay button to the firm's payment page while something is due."""
        if not self._config.payment_url or not money.remaining or money.remaining <= 0:
            return ()
        return ((Button(self._t(lang, "ws-button-pay"), Action.MENU, url=self._config.payment_url),),)
