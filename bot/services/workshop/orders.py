"""Reception and the work order: `/arrived`, `/order`, `/extra`, and the client's consent to each
line. Nothing is approved until the client pressed it (or their own extra-defect policy says
so); every decision is stored with its time, channel and the price as it was."""

from __future__ import annotations

from datetime import timedelta
from html import escape

from bot.services.workshop import order_text
from bot.services.workshop.base import WorkshopKit, rub
from bot.services.workshop.reception import BookingError
from domain import Button, Client, Media
from storage import workshop as ws
from storage import workshop_orders as wo
from storage.db import Tx

ARRIVAL_WINDOW = timedelta(hours=12)  # a booking this near today's arrival is the one received
REASONS = ("price", "later", "elsewhere", "other")
LATER = {"1m": timedelta(days=30), "3m": timedelta(days=90), "next": None}  # None: DEFERRED_REMINDER


class Orders:
    def __init__(self, kit: WorkshopKit) -> None:
        self._k = kit

    # -- managers ----------------------------------------------------------------------------

    async def arrived(self, tx: Tx, client: Client) -> wo.Order:
        k, now = self._k, self._k.now()
        current = await wo.current_order(tx, client.id)
        if current is not None:
            raise BookingError("ws-order-already-open", id=current.id)
        booking = await ws.to_receive(tx, client.id, now - ARRIVAL_WINDOW, now + ARRIVAL_WINDOW)
        if booking is not None:
            await ws.set_booking(tx, booking.id, now, status="arrived")
        order_id = await wo.open_order(tx, client.id, booking.id if booking else None, now)
        await k.say(tx, client, "ws-arrived", when=k.when(client.language, now))
        await k.topic(tx, client, "ws-topic-arrived", id=order_id, when=k.when(k.lang, now),
                      booking=f"#{booking.id}" if booking else k.t(k.lang, "ws-walk-in"))
        order = await wo.order(tx, order_id)
        assert order is not None
        return order

    async def order(self, tx: Tx, client: Client, text: str) -> wo.Order:
        k = self._k
        parsed = order_text.parse_order(text, k.now(), k.config.timezone)
        current = await wo.current_order(tx, client.id)
        if current is not None and current.status != "open":
            raise BookingError("ws-order-already-sent", id=current.id)
        if current is None:
            current = await self.arrived(tx, client)
        for title, price in parsed.lines:
            await wo.add_line(tx, current.id, title, price, "order")
        await wo.send_order(tx, current.id, parsed.title, parsed.promised, parsed.policy,
                            parsed.limit, k.now())
        order = await wo.order(tx, current.id)
        assert order is not None
        await self._show(tx, client, order)
        total = sum(price for _, price in parsed.lines)
        await k.topic(tx, client, "ws-topic-order-sent", id=order.id, count=len(parsed.lines),
                      total=rub(total), when=k.when(k.lang, parsed.promised))
        return order

    async def extra(self, tx: Tx, client: Client, text: str, message_id: int,
                    media: Media | None) -> None:
        """A defect found during the work: offered like a line, or decided by the policy."""
        k, now = self._k, self._k.now()
        order = await wo.current_order(tx, client.id)
        if order is None or order.status != "sent":
            raise BookingError("ws-extra-no-order")
        title, price = order_text.parse_line(text.strip().splitlines()[0] if text.strip() else "")
        if media is not None:
            caption = f"{escape(title)} — {rub(price)}"  # not the command the manager typed
            await k.outbox.copy_to_client(tx, client, message_id, None, caption, (media,), caption)
        kept = f"{message_id}:{media.kind}:{media.ref}" if media else None  # for its return later
        line_id = await wo.add_line(tx, order.id, title, price, "extra", kept)
        line = await wo.line(tx, line_id)
        assert line is not None
        auto = self._policy_decision(order, price)
        if auto is None:
            buttons = self._line_rows(client.language, [line])
            await k.say(tx, client, "ws-extra-ask", buttons, line=self._line_text(line))
            await k.topic(tx, client, "ws-topic-extra-asked", line=self._line_text(line))
            return
        await wo.decide(tx, line, client.id, auto, "policy", "policy", "policy", now)
        limit = rub(order.extra_limit or 0)
        await k.say(tx, client, f"ws-extra-policy-{auto}", line=self._line_text(line), limit=limit)
        await k.topic(tx, client, f"ws-topic-extra-policy-{auto}", line=self._line_text(line), limit=limit)

    @staticmethod
    def _policy_decision(order: wo.Order, price: int) -> str | None:
        if order.extra_policy == order_text.NEVER:
            return "declined"
        if order.extra_policy == order_text.LIMIT and price <= (order.extra_limit or 0):
            return "approved"
        return None

    # -- the client's presses ----------------------------------------------------------------

    async def pressed(self, tx: Tx, client: Client, verb: str, args: list[str]) -> bool:
        if verb == "all" and args and args[0].isdigit():
            return await self._approve_all(tx, client, int(args[0]))
        line = await wo.line(tx, int(args[0])) if args and args[0].isdigit() else None
        order = await wo.order(tx, line.order_id) if line else None
        if line is None or order is None or order.client_id != client.id or order.status != "sent":
            return False
        match verb, args[1:]:
            case "la", []:
                await self._decide(tx, client, line, "approved")
            case "ld", []:
                await self._decide(tx, client, line, "declined")
            case "lr", [reason] if reason in REASONS and line.status == "declined":
                await self._reason(tx, client, line, reason)
            case "ll", [when] if when in LATER and line.status == "declined":
                await wo.set_reason(tx, line.id, "later", when)
                delay = LATER[when] or self._k.config.deferred_reminder  # "next visit" unless none comes
                await ws.owe(tx, f"deferred:{line.id}", "deferred", client.id, line.id, self._k.now() + delay)
                await self._k.say(tx, client, f"ws-later-{when}")
                await self._next(tx, client, order)
            case _:
                return False
        return True

    async def _decide(self, tx: Tx, client: Client, line: wo.Line, decision: str) -> None:
        k = self._k
        order = await wo.order(tx, line.order_id)
        assert order is not None
        if line.status == decision:
            await k.say(tx, client, "ws-line-already", line=self._line_text(line))
            await self._next(tx, client, order)
            return
        await wo.decide(tx, line, client.id, decision, "client", client.channel.value, "line", k.now())
        await k.topic(tx, client, f"ws-topic-line-{decision}", line=self._line_text(line))
        if decision == "approved":
            await k.say(tx, client, "ws-line-approved", line=self._line_text(line))
            await self._next(tx, client, order)
            return
        lang = client.language
        rows = tuple((k.button(lang, f"ws-reason-{r}", f"lr.{line.id}.{r}"),) for r in REASONS)
        await k.say(tx, client, "ws-ask-reason", rows, line=self._line_text(line))

    async def _reason(self, tx: Tx, client: Client, line: wo.Line, reason: str) -> None:
        k = self._k
        await wo.set_reason(tx, line.id, reason)
        await k.topic(tx, client, "ws-topic-reason", line=self._line_text(line),
                      reason=k.t(k.lang, f"ws-reason-{reason}"))
        if reason == "later":
            lang = client.language
            rows = tuple((k.button(lang, f"ws-later-button-{w}", f"ll.{line.id}.{w}"),) for w in LATER)
            await k.say(tx, client, "ws-ask-later", rows)
            return
        order = await wo.order(tx, line.order_id)
        assert order is not None
        await self._next(tx, client, order)

    async def _approve_all(self, tx: Tx, client: Client, order_id: int) -> bool:
        order = await wo.order(tx, order_id)
        if order is None or order.client_id != client.id or order.status != "sent":
            return False
        for line in await wo.lines(tx, order.id):
            if line.status == "offered":
                await wo.decide(tx, line, client.id, "approved", "client", client.channel.value,
                                "all", self._k.now())
        await self._k.topic(tx, client, "ws-topic-all-approved", id=order.id)
        await self._next(tx, client, order)
        return True

    async def _next(self, tx: Tx, client: Client, order: wo.Order) -> None:
        """What is still to decide, as buttons; or, when nothing is, the agreed order."""
        k = self._k
        lines = await wo.lines(tx, order.id)
        waiting = [line for line in lines if line.status == "offered"]
        if waiting:
            rows = self._line_rows(client.language, waiting, order.id if len(waiting) > 1 else None)
            await k.say(tx, client, "ws-order-remaining", rows, count=len(waiting))
            return
        approved = [line for line in lines if line.status == "approved"]
        total = rub(sum(line.price for line in approved))
        when = k.when(client.language, order.promised_at) if order.promised_at else "—"
        await k.say(tx, client, "ws-order-agreed", (k.menu_button(client.language),),
                    count=len(approved), total=total, when=when)
        await k.topic(tx, client, "ws-topic-order-agreed", id=order.id, count=len(approved),
                      declined=len(lines) - len(approved), total=total)

    async def _show(self, tx: Tx, client: Client, order: wo.Order) -> None:
        k, lang = self._k, client.language
        lines = await wo.lines(tx, order.id)
        body = "\n".join(self._line_text(line) for line in lines)
        policy = k.t(lang, f"ws-policy-{order.extra_policy}", limit=rub(order.extra_limit or 0))
        rows = self._line_rows(lang, lines, order.id)
        await k.say(tx, client, "ws-order", rows, id=order.id, title=escape(order.title or ""),
                    lines=body, total=rub(sum(line.price for line in lines)),
                    when=k.when(lang, order.promised_at) if order.promised_at else "—", policy=policy)

    def _line_rows(self, lang: str, lines: list[wo.Line],
                   order_id: int | None = None) -> tuple[tuple[Button, ...], ...]:
        k = self._k
        rows: list[tuple[Button, ...]] = [
            (k.button(lang, "ws-button-approve", f"la.{line.id}", n=line.position,
                      title=_short(line.title)),
             k.button(lang, "ws-button-decline", f"ld.{line.id}", n=line.position))
            for line in lines]
        if order_id is not None:
            rows.append((k.button(lang, "ws-button-approve-all", f"all.{order_id}"),))
        return tuple(rows)

    @staticmethod
    def _line_text(line: wo.Line) -> str:
        return f"{line.position}. {escape(line.title)} — {rub(line.price)}"


def _short(title: str, limit: int = 24) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"
