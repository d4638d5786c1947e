"""`/done [advice]`: the car is ready; the itemised bill (approved lines only), what changed
against the approved order and why, the advice, a pay button, the bill as a PDF.

The PDF takes about half a second of CPU (fpdf2 reads the font each time), so it is rendered
first, in a thread (the event loop keeps serving every chat) and outside any transaction (the
database keeps serving them too), from the order as it will be closed. Then one transaction
checks that the order still reads the same, closes it, and queues the bill and its PDF
together: a process that dies between the two has committed nothing, and the update, not
acknowledged, is handled again. An order that changed meanwhile (the client changed a line)
is rendered again (`Reprint`)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime
from html import escape

from bot.services.base import Kit
from bot.services.workshop import pdf
from bot.services.workshop.base import WorkshopConfig, WorkshopDesk, rub
from bot.services.workshop.documents import Documents, Printed
from domain import Action, Automatic, Button, Client, Reply
from domain.refusal import Refusal
from domain.workshop import DecidedBy, LineOrigin, LineStatus, OrderStatus
from storage import workshop_orders
from storage.db import Tx
from storage.workshop_orders import Line, Order


class Reprint(Exception):
    """The order changed after its PDF was rendered: render it again."""


class Bills(WorkshopDesk):
    def __init__(self, kit: Kit, config: WorkshopConfig, documents: Documents) -> None:
        super().__init__(kit, config)
        self._documents = documents

    async def print_bill(self, topic_id: int | None, advice: str, now: datetime) -> Printed | None:
        """The PDF of the bill `/done` is about to close, rendered off the loop and outside any
        transaction; None when there is no bill to close (`done` then says why)."""
        async with self._db.read() as tx:
            client = await self._outbox.topic_client(tx, topic_id) if topic_id else None
            order = await workshop_orders.current_order(tx, client.id) if client else None
            if client is None or order is None or order.status != OrderStatus.SENT:
                return None
            facts = await self._documents.facts(tx, _closed(order, advice, now), client)
        if any(line.status == LineStatus.OFFERED for line in facts.lines):
            return None
        document = self._documents.bill(client.language, facts)
        return Printed(document, await asyncio.to_thread(pdf.render, document))

    async def done(self, tx: Tx, client: Client, advice: str, now: datetime,
                   printed: Printed | None) -> Order:
        """Close the order and queue the bill with its `printed` PDF, in the caller's
        transaction; `Reprint` if the PDF no longer shows the order."""
        order = await workshop_orders.current_order(tx, client.id)
        if order is None or order.status != OrderStatus.SENT:
            raise Refusal("ws-done-no-order")
        lines = await workshop_orders.lines(tx, order.id)
        if any(line.status == LineStatus.OFFERED for line in lines):
            raise Refusal("ws-done-undecided")
        facts = await self._documents.facts(tx, _closed(order, advice, now), client)
        document = self._documents.bill(client.language, facts)
        if printed is None or printed.document != document:
            raise Reprint
        await workshop_orders.close_order(tx, order.id, advice.strip() or None, now)
        closed = await workshop_orders.order(tx, order.id)
        assert closed is not None
        lang = client.language
        approved = [line for line in lines if line.status == LineStatus.APPROVED]
        total = rub(sum(line.price for line in approved))
        buttons: tuple[tuple[Button, ...], ...] = ()
        if self._config.payment_url:
            pay = Button(self._t(lang, "ws-button-pay"), Action.MENU, url=self._config.payment_url)
            buttons = ((pay,),)
        short = self._t(lang, "ws-bill-short", id=order.id, total=total)  # SMS: a line and the link
        bill = Reply(self.text(lang, closed, lines, facts.paid), buttons, short)
        await self._outbox.to_client(tx, client, bill, automatic=Automatic.DEAL_NEWS)
        await self._outbox.file_to_client(tx, client, printed.content, f"order-{order.id}.pdf",
                                          self._t(lang, "ws-bill-pdf-caption", id=order.id))
        await self._tell_topic(tx, client, "ws-topic-done", id=order.id, when=self._when(self._lang, now),
                               total=total, on_time=self._t(self._lang, f"ws-on-time-{_kept(closed)}"))
        return closed

    def text(self, lang: str, order: Order, lines: list[Line], paid: int = 0) -> str:
        approved = [line for line in lines if line.status == LineStatus.APPROVED]
        # who did the work (`/mech`): named once when one mechanic did it all, else per line
        names = {line.mechanic or order.mechanic for line in approved}
        one = names.pop() if len(names) == 1 else None
        body = "\n".join(self._bill_line(lang, line, None if one else line.mechanic or order.mechanic)
                         for line in approved)
        parts = [self._t(lang, "ws-bill", id=order.id, lines=body or "—",
                         total=rub(sum(line.price for line in approved)))]
        if one:
            parts[0] += "\n" + self._t(lang, "ws-bill-mechanic", name=escape(one))
        if paid:  # payments on the order so far (/paid, payment.py)
            total = sum(line.price for line in approved)
            parts[0] += "\n" + self._t(lang, "ws-bill-paid", paid=rub(paid),
                                        due=rub(max(total - paid, 0)))
        changes = self._changes(lang, lines)
        if changes:
            parts.append(self._t(lang, "ws-bill-changes", changes="\n".join(escape(c) for c in changes)))
        if order.advice:
            parts.append(self._t(lang, "ws-bill-advice", advice=escape(order.advice)))
        parts.append(self._t(lang, "ws-bill-thanks"))
        return "\n\n".join(parts)

    def _bill_line(self, lang: str, line: Line, mechanic: str | None) -> str:
        text = f"• {escape(line.title)}\u00a0— {rub(line.price)}"
        if mechanic is None:
            return text
        return self._t(lang, "ws-bill-line-mechanic", line=text, name=escape(mechanic))

    def _changes(self, lang: str, lines: list[Line]) -> list[str]:
        """Against the order as first sent: lines added during the work, lines not done."""
        found = []
        for line in lines:
            if line.origin == LineOrigin.EXTRA and line.status == LineStatus.APPROVED:
                how = self._t(lang, f"ws-bill-added-by-{line.decided_by or 'client'}")
                found.append(self._t(lang, "ws-bill-added", title=line.title, price=rub(line.price), how=how))
            if line.status == LineStatus.DECLINED:
                why = self._why(lang, line)
                found.append(self._t(lang, "ws-bill-removed", title=line.title, price=rub(line.price),
                                     why=why))
        return found

    def _why(self, lang: str, line: Line) -> str:
        if line.reason:
            return self._t(lang, f"ws-bill-reason-{line.reason}")  # lower case, in our voice
        if line.decided_by == DecidedBy.POLICY:
            return self._t(lang, "ws-bill-declined-by-policy")
        return "—"


def _closed(order: Order, advice: str, now: datetime) -> Order:
    """The order as `/done` closes it."""
    return replace(order, status=OrderStatus.DONE, closed_at=now, advice=advice.strip() or None)


def _kept(order: Order) -> str:
    """Done by the first promised time?"""
    if order.first_promised_at is None or order.closed_at is None:
        return "unknown"
    return "yes" if order.closed_at <= order.first_promised_at else "no"
