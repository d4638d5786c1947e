"""`/done [advice]`: the car is ready; the itemised bill (approved lines only), what changed
against the approved order and why, the advice, a pay button, the bill as a PDF."""

from __future__ import annotations

from html import escape

from bot.services.workshop import pdf
from bot.services.workshop.base import WorkshopKit, rub
from bot.services.workshop.reception import BookingError
from domain import Action, Automatic, Button, Client, Reply
from storage import workshop_orders as wo
from storage.db import Tx


class Bills:
    def __init__(self, kit: WorkshopKit) -> None:
        self._k = kit

    async def done(self, tx: Tx, client: Client, advice: str) -> wo.Order:
        k, now = self._k, self._k.now()
        order = await wo.current_order(tx, client.id)
        if order is None or order.status != "sent":
            raise BookingError("ws-done-no-order")
        lines = await wo.lines(tx, order.id)
        if any(line.status == "offered" for line in lines):
            raise BookingError("ws-done-undecided")
        await wo.close_order(tx, order.id, advice.strip() or None, now)
        closed = await wo.order(tx, order.id)
        assert closed is not None
        lang = client.language
        approved = [line for line in lines if line.status == "approved"]
        total = rub(sum(line.price for line in approved))
        buttons: tuple[tuple[Button, ...], ...] = ()
        if k.config.payment_url:
            buttons = ((Button(k.t(lang, "ws-button-pay"), Action.MENU, url=k.config.payment_url),),)
        bill = Reply(self.text(lang, closed, lines), buttons)
        await k.outbox.to_client(tx, client, bill, automatic=Automatic.DEAL_NEWS)
        content = pdf.render(self.document(lang, closed, lines))
        await k.outbox.file_to_client(tx, client, content, f"order-{order.id}.pdf",
                                      k.t(lang, "ws-bill-pdf-caption", id=order.id))
        await k.topic(tx, client, "ws-topic-done", id=order.id, when=k.when(k.lang, now),
                      total=total, on_time=k.t(k.lang, f"ws-on-time-{_kept(closed)}"))
        return closed

    def text(self, lang: str, order: wo.Order, lines: list[wo.Line]) -> str:
        k = self._k
        approved = [line for line in lines if line.status == "approved"]
        body = "\n".join(f"• {escape(line.title)} — {rub(line.price)}" for line in approved)
        parts = [k.t(lang, "ws-bill", id=order.id, lines=body or "—",
                     total=rub(sum(line.price for line in approved)))]
        changes = self._changes(lang, lines)
        if changes:
            parts.append(k.t(lang, "ws-bill-changes", changes="\n".join(escape(c) for c in changes)))
        if order.advice:
            parts.append(k.t(lang, "ws-bill-advice", advice=escape(order.advice)))
        parts.append(k.t(lang, "ws-bill-thanks"))
        return "\n\n".join(parts)

    def _changes(self, lang: str, lines: list[wo.Line]) -> list[str]:
        """Against the order as first sent: lines added during the work, lines not done."""
        k, found = self._k, []
        for line in lines:
            if line.origin == "extra" and line.status == "approved":
                how = k.t(lang, f"ws-bill-added-by-{line.decided_by or 'client'}")
                found.append(k.t(lang, "ws-bill-added", title=line.title, price=rub(line.price), how=how))
            if line.status == "declined":
                why = self._why(lang, line)
                found.append(k.t(lang, "ws-bill-removed", title=line.title, price=rub(line.price), why=why))
        return found

    def _why(self, lang: str, line: wo.Line) -> str:
        if line.reason:
            return self._k.t(lang, f"ws-reason-{line.reason}")
        if line.decided_by == "policy":
            return self._k.t(lang, "ws-bill-declined-by-policy")
        return "—"

    def document(self, lang: str, order: wo.Order, lines: list[wo.Line]) -> pdf.BillDocument:
        k = self._k
        approved = [line for line in lines if line.status == "approved"]
        closed = order.closed_at or k.now()
        details = [k.t(lang, "ws-pdf-opened", when=f"{k.local(order.opened_at):%d.%m.%Y %H:%M}"),
                   k.t(lang, "ws-pdf-closed", when=f"{k.local(closed):%d.%m.%Y %H:%M}")]
        if order.title:
            details.insert(0, order.title)
        notes = [k.t(lang, "ws-bill-advice", advice=order.advice)] if order.advice else []
        return pdf.BillDocument(
            heading=k.t(lang, "ws-pdf-heading", id=order.id), details=details,
            lines=[(line.title, rub(line.price)) for line in approved],
            total_label=k.t(lang, "ws-pdf-total"), total=rub(sum(line.price for line in approved)),
            notes=[note.replace("<b>", "").replace("</b>", "") for note in notes], created=closed,
        )


def _kept(order: wo.Order) -> str:
    """Done by the first promised time?"""
    if order.first_promised_at is None or order.closed_at is None:
        return "unknown"
    return "yes" if order.closed_at <= order.first_promised_at else "no"
