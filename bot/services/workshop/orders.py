"""Reception and the work order: `/arrived`, `/order`, `/extra`, and the client's consent to each
line. Nothing is approved until the client pressed it (or their own extra-defect policy says
so); every decision is stored with its time, channel and the price as it was."""

from __future__ import annotations

from datetime import timedelta
from html import escape

from bot.services.base import Kit
from bot.services.workshop import order_text
from bot.services.workshop.base import WorkshopConfig, WorkshopDesk, rub
from bot.services.workshop.documents import Documents
from domain import Button, Channel, Client, Media, owed
from domain.owed import Owed
from domain.presses import ApproveAll, ApproveLine, DeclineLine, LineLater, LineReason
from domain.refusal import Refusal
from domain.workshop import (
    BookingStatus,
    DecidedBy,
    Decision,
    DeclineReason,
    ExtraPolicy,
    LineOrigin,
    LineStatus,
    OrderStatus,
)
from storage import due, workshop_bookings, workshop_orders
from storage.db import Tx
from storage.workshop_orders import Line, Order

ARRIVAL_WINDOW = timedelta(hours=12)  # a booking this near today's arrival is the one received
LATER = {"1m": timedelta(days=30), "3m": timedelta(days=90), "next": None}  # None: DEFERRED_REMINDER


class Orders(WorkshopDesk):
    def __init__(self, kit: Kit, config: WorkshopConfig, documents: Documents) -> None:
        super().__init__(kit, config)
        self._documents = documents

    # -- managers ----------------------------------------------------------------------------

    async def arrived(self, tx: Tx, client: Client) -> Order:
        now = self._clock.now()
        current = await workshop_orders.current_order(tx, client.id)
        if current is not None:
            raise Refusal("ws-order-already-open", id=current.id)
        booking = await workshop_bookings.to_receive(tx, client.id, now - ARRIVAL_WINDOW,
                                                     now + ARRIVAL_WINDOW)
        if booking is not None:
            await workshop_bookings.set_booking(tx, booking.id, now, status=BookingStatus.ARRIVED)
        order_id = await workshop_orders.open_order(tx, client.id, booking.id if booking else None, now)
        await self._say(tx, client, "ws-arrived", when=self._client_when(client, now))
        await self._tell_topic(tx, client, "ws-topic-arrived", id=order_id, when=self._when(self._lang, now),
                               booking=f"#{booking.id}" if booking else self._t(self._lang, "ws-walk-in"))
        order = await workshop_orders.order(tx, order_id)
        assert order is not None
        return order

    async def order(self, tx: Tx, client: Client, text: str) -> Order:
        now = self._clock.now()
        parsed = order_text.parse_order(text, now, self._config.timezone, self._config.prices)
        current = await workshop_orders.current_order(tx, client.id)
        if current is not None and current.status != OrderStatus.OPEN:
            raise Refusal("ws-order-already-sent", id=current.id)
        if current is None:
            current = await self.arrived(tx, client)
        for read in parsed.lines:
            await workshop_orders.add_line(tx, current.id, read.title, read.price, LineOrigin.ORDER,
                                           norm_minutes=read.minutes, code=read.code,
                                           labour=read.labour, parts=read.parts)
        await workshop_orders.send_order(tx, current.id, parsed.title, parsed.promised, parsed.policy,
                                         parsed.limit, now)
        order = await workshop_orders.order(tx, current.id)
        assert order is not None
        await self._show(tx, client, order)
        total = sum(line.price for line in parsed.lines)
        await self._tell_topic(tx, client, "ws-topic-order-sent", id=order.id, count=len(parsed.lines),
                               total=rub(total), when=self._topic_when(client, parsed.promised))
        return order

    async def extra(self, tx: Tx, client: Client, text: str, message_id: int,
                    media: Media | None) -> None:
        """A defect found during the work: offered like a line, or decided by the policy."""
        order = await workshop_orders.current_order(tx, client.id)
        if order is None or order.status != OrderStatus.SENT:
            raise Refusal("ws-extra-no-order")
        read = order_text.parse_line(text.strip().splitlines()[0] if text.strip() else "",
                                     self._config.prices)
        title, price = read.title, read.price
        if media is not None:
            caption = f"{escape(title)}\u00a0— {rub(price)}"  # not the command the manager typed
            await self._outbox.copy_to_client(tx, client, message_id, None, caption, (media,), caption)
        kept = f"{message_id}:{media.kind}:{media.ref}" if media else None  # for its return later
        line_id = await workshop_orders.add_line(tx, order.id, title, price, LineOrigin.EXTRA, kept,
                                                 norm_minutes=read.minutes, code=read.code,
                                                 labour=read.labour, parts=read.parts)
        line = await workshop_orders.line(tx, line_id)
        assert line is not None
        text_of_line = self._line_text(line)
        decision = self._policy_decision(order, price)
        if decision is None:
            buttons = self._line_rows(client, [line])
            await self._say(tx, client, "ws-extra-ask", buttons=buttons,
                            line=self._line_split(client.language, line))
            await self._tell_topic(tx, client, "ws-topic-extra-asked", line=text_of_line)
            return
        await workshop_orders.decide(tx, line, client.id, decision, DecidedBy.POLICY, "policy", "policy",
                                     self._clock.now())
        limit = rub(order.extra_limit or 0)
        await self._say(tx, client, f"ws-extra-policy-{decision}", line=text_of_line, limit=limit)
        await self._tell_topic(tx, client, f"ws-topic-extra-policy-{decision}", line=text_of_line,
                               limit=limit)

    @staticmethod
    def _policy_decision(order: Order, price: int) -> Decision | None:
        if order.extra_policy == ExtraPolicy.NEVER:
            return Decision.DECLINED
        if order.extra_policy == ExtraPolicy.LIMIT and price <= (order.extra_limit or 0):
            return Decision.APPROVED
        return None

    # -- the client's presses ----------------------------------------------------------------

    # The line or order is the client's (checked for every press, bot/services/privacy); False:
    # the order no longer waits for decisions, the button is out of date.

    async def approve(self, tx: Tx, client: Client, press: ApproveLine) -> bool:
        found = await self._offered(tx, press.line)
        if found is None:
            return False
        await self._decide(tx, client, found[0], Decision.APPROVED)
        return True

    async def decline(self, tx: Tx, client: Client, press: DeclineLine) -> bool:
        found = await self._offered(tx, press.line)
        if found is None:
            return False
        await self._decide(tx, client, found[0], Decision.DECLINED)
        return True

    async def reason(self, tx: Tx, client: Client, press: LineReason) -> bool:
        found = await self._offered(tx, press.line)
        if found is None or found[0].status != LineStatus.DECLINED:
            return False
        await self._reason(tx, client, found[0], press.reason)
        return True

    async def later(self, tx: Tx, client: Client, press: LineLater) -> bool:
        found = await self._offered(tx, press.line)
        if found is None or found[0].status != LineStatus.DECLINED or press.when not in LATER:
            return False
        line, order = found
        await workshop_orders.set_reason(tx, line.id, DeclineReason.LATER, press.when)
        delay = LATER[press.when] or self._config.deferred_reminder  # "next visit" unless none comes
        await due.owe(tx, Owed.DEFERRED, owed.deferred_key(line.id), self._clock.now() + delay,
                      client.id, self._clock.now(), ref_id=line.id)
        await self._say(tx, client, f"ws-later-{press.when}")
        await self._next(tx, client, order)
        return True

    async def _offered(self, tx: Tx, line_id: int) -> tuple[Line, Order] | None:
        """The line and its order, while the order waits for the client's decisions."""
        line = await workshop_orders.line(tx, line_id)
        order = await workshop_orders.order(tx, line.order_id) if line else None
        if line is None or order is None or order.status != OrderStatus.SENT:
            return None
        return line, order

    async def _decide(self, tx: Tx, client: Client, line: Line, decision: Decision) -> None:
        order = await workshop_orders.order(tx, line.order_id)
        assert order is not None
        if line.status == decision.status:
            await self._say(tx, client, "ws-line-already", line=self._line_text(line))
            await self._next(tx, client, order)
            return
        await workshop_orders.decide(tx, line, client.id, decision, DecidedBy.CLIENT,
                                     client.channel.value, "line", self._clock.now())
        await self._tell_topic(tx, client, f"ws-topic-line-{decision}", line=self._line_text(line))
        if decision == Decision.APPROVED:
            await self._say(tx, client, "ws-line-approved", line=self._line_text(line))
            await self._next(tx, client, order)
            return
        lang = client.language
        rows = tuple((self._button(lang, f"ws-reason-{reason}", LineReason(line.id, reason)),)
                     for reason in DeclineReason)
        await self._say(tx, client, "ws-ask-reason", buttons=rows, line=self._line_text(line))

    async def _reason(self, tx: Tx, client: Client, line: Line, reason: DeclineReason) -> None:
        await workshop_orders.set_reason(tx, line.id, reason)
        await self._tell_topic(tx, client, "ws-topic-reason", line=self._line_text(line),
                               reason=self._t(self._lang, f"ws-reason-{reason}"))
        if reason == DeclineReason.LATER:
            lang = client.language
            rows = tuple((self._button(lang, f"ws-later-button-{w}", LineLater(line.id, w)),)
                         for w in LATER)
            await self._say(tx, client, "ws-ask-later", buttons=rows)
            return
        order = await workshop_orders.order(tx, line.order_id)
        assert order is not None
        await self._next(tx, client, order)

    async def approve_all(self, tx: Tx, client: Client, press: ApproveAll) -> bool:
        """Every line still offered, if the message pressed showed the order as it is now; a
        message showing an earlier version (before an `/extra`) records nothing and the client
        gets the order as it is."""
        order = await workshop_orders.order(tx, press.order)
        if order is None or order.status != OrderStatus.SENT:
            return False
        if press.version != order.version:
            await self._say(tx, client, "ws-order-changed")
            await self._show(tx, client, order)
            return True
        for line in await workshop_orders.lines(tx, order.id):
            if line.status == LineStatus.OFFERED:
                await workshop_orders.decide(tx, line, client.id, Decision.APPROVED, DecidedBy.CLIENT,
                                             client.channel.value, "all", self._clock.now(),
                                             version=order.version)
        await self._tell_topic(tx, client, "ws-topic-all-approved", id=order.id)
        await self._next(tx, client, order)
        return True

    async def _next(self, tx: Tx, client: Client, order: Order) -> None:
        """What is still to decide, as buttons; or, when nothing is, the agreed order."""
        lines = await workshop_orders.lines(tx, order.id)
        waiting = [line for line in lines if line.status == LineStatus.OFFERED]
        if waiting:
            rows = self._line_rows(client, waiting, order if len(waiting) > 1 else None)
            await self._say(tx, client, "ws-order-remaining", buttons=rows, count=len(waiting))
            return
        approved = [line for line in lines if line.status == LineStatus.APPROVED]
        total = rub(sum(line.price for line in approved))
        when = self._client_when(client, order.promised_at) if order.promised_at else "—"
        await self._say(tx, client, "ws-order-agreed", menu=True, count=len(approved), total=total,
                        when=when)
        await self._tell_topic(tx, client, "ws-topic-order-agreed", id=order.id, count=len(approved),
                               declined=len(lines) - len(approved), total=total)
        await self._documents.owe_work_order(tx, client, order)  # the PDF follows (the tick)

    async def _show(self, tx: Tx, client: Client, order: Order) -> None:
        lang = client.language
        lines = await workshop_orders.lines(tx, order.id)
        body = "\n".join(self._line_split(lang, line) for line in lines)
        policy = self._t(lang, f"ws-policy-{order.extra_policy}", limit=rub(order.extra_limit or 0))
        rows = self._line_rows(client, lines, order)
        when = self._client_when(client, order.promised_at) if order.promised_at else "—"
        await self._say(tx, client, "ws-order", buttons=rows, id=order.id, title=escape(order.title or ""),
                        lines=body, total=rub(sum(line.price for line in lines)), when=when,
                        policy=policy)

    def _line_rows(self, client: Client, lines: list[Line],
                   order: Order | None = None) -> tuple[tuple[Button, ...], ...]:
        """Approve and decline for each line; with `order`, "approve all" for the version of
        the order these lines are (see approve_all)."""
        lang = client.language
        # WhatsApp and SMS number every option themselves: there a line is named by its title, not its
        # number («1. ✅ 1. Замена масла» would read as two numbers)
        suffix = "-option" if client.channel != Channel.TELEGRAM else ""
        rows: list[tuple[Button, ...]] = [
            (self._button(lang, f"ws-button-approve{suffix}", ApproveLine(line.id), n=line.position,
                          title=_short(line.title)),
             self._button(lang, f"ws-button-decline{suffix}", DeclineLine(line.id), n=line.position,
                          title=_short(line.title)))
            for line in lines]
        if order is not None:
            rows.append((self._button(lang, "ws-button-approve-all", ApproveAll(order.id, order.version)),))
        return tuple(rows)

    @staticmethod
    def _line_text(line: Line) -> str:
        return f"{line.position}. {escape(line.title)}\u00a0— {rub(line.price)}"

    def _line_split(self, lang: str, line: Line) -> str:
        """The line as the client reads it in the order: with labour and parts when both are
        there (a price written as one number, or all labour, reads as today)."""
        if not line.labour or not line.parts:
            return self._line_text(line)
        return self._t(lang, "ws-line-split", line=self._line_text(line), labour=rub(line.labour),
                       parts=rub(line.parts))


def _short(title: str, limit: int = 24) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"
