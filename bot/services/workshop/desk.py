"""The workshop's one front door: the client's presses and messages, managers' commands, the tick.

Managers' commands each run in their own transaction; a mistake they can make is answered in
the topic with what to write instead.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.services.followups.contact_window import next_opening, window
from bot.services.workshop.base import WorkshopKit
from bot.services.workshop.bill import Bills
from bot.services.workshop.booking import FLOW as BOOKING_FLOW
from bot.services.workshop.booking import BookingFlow
from bot.services.workshop.check import FLOW as CHECK_FLOW
from bot.services.workshop.check import Checks
from bot.services.workshop.figures import WorkshopFigures
from bot.services.workshop.invitations import Invitations
from bot.services.workshop.odometer import FLOW as KM_FLOW
from bot.services.workshop.odometer import OdometerAsk
from bot.services.workshop.orders import Orders
from bot.services.workshop.promise import Promises
from bot.services.workshop.reception import BookingError, Reception
from bot.services.workshop.visits import Visits
from domain import Client, Conversation, Inbound, Media
from storage import clients
from storage import workshop as ws
from storage.db import Tx

log = logging.getLogger(__name__)
BATCH = 100
# Due work for the client: it waits for contact hours.
CLIENT_FACING = ("visit_reminder", "check", "check_review", "deferred")
ManagerStep = Callable[[Tx, Client], Awaitable[None]]


class Workshop:
    def __init__(self, kit: WorkshopKit) -> None:
        self._k = kit
        self.visits = Visits(kit)
        self.booking = BookingFlow(kit, self.visits)
        self.reception = Reception(kit, self.visits)
        self.orders = Orders(kit)
        self.promises = Promises(kit)
        self.bills = Bills(kit)
        self.checks = Checks(kit)
        self.odometer = OdometerAsk(kit)
        self.invitations = Invitations(kit, self.visits, self.odometer)
        self.figures = WorkshopFigures(kit)

    # -- the client (called by ClientDesk inside its transaction) ----------------------------

    @staticmethod
    def owns(flow: str) -> bool:
        return flow in (BOOKING_FLOW, CHECK_FLOW, KM_FLOW)

    async def begin_booking(self, tx: Tx, client: Client) -> None:
        await self.booking.begin(tx, client)

    async def message(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> bool:
        """True when the message should also reach the topic as it is."""
        if conversation.flow == CHECK_FLOW:
            return await self.checks.comment(tx, client, conversation, inbound)
        if conversation.flow == KM_FLOW:
            return await self.odometer.message(tx, client, conversation, inbound)
        return await self.booking.message(tx, client, conversation, inbound)

    async def pressed(self, tx: Tx, client: Client, arg: str) -> bool:
        """A workshop button; False when it is not the client's or its moment has passed."""
        verb, *args = arg.split(".")
        if verb == "book":
            await self.booking.begin(tx, client)
            return True
        if verb in ("k", "car", "days", "d", "s", "ok", "bx"):
            return await self.booking.pressed(tx, client, verb, args)
        if verb in ("vc", "vr", "vx", "vm"):
            return await self.visits.pressed(tx, client, verb, args)
        if verb in ("la", "ld", "lr", "ll", "all"):
            return await self.orders.pressed(tx, client, verb, args)
        if verb in ("ck", "ckr"):
            return await self.checks.pressed(tx, client, verb, args)
        if verb == "kms":
            return await self.odometer.skipped(tx, client)
        if verb in ("iv", "ino"):
            return await self.invitations.pressed(tx, client, verb, args)
        return False

    # -- managers, in a client's topic -------------------------------------------------------

    async def book(self, topic_id: int | None, message_id: int, args: str) -> None:
        await self._in_topic(topic_id, message_id, lambda tx, c: self.reception.book(tx, c, args))

    async def arrived(self, topic_id: int | None, message_id: int) -> None:
        async def step(tx: Tx, client: Client) -> None:
            await self.orders.arrived(tx, client)
        await self._in_topic(topic_id, message_id, step)

    async def order(self, topic_id: int | None, message_id: int, args: str) -> None:
        async def step(tx: Tx, client: Client) -> None:
            order = await self.orders.order(tx, client, args)
            await self.promises.owe_warnings(tx, order)
        await self._in_topic(topic_id, message_id, step)

    async def extra(self, topic_id: int | None, message_id: int, args: str, media: Media | None) -> None:
        await self._in_topic(topic_id, message_id,
                             lambda tx, c: self.orders.extra(tx, c, args, message_id, media))

    async def ready(self, topic_id: int | None, message_id: int, args: str) -> None:
        await self._in_topic(topic_id, message_id, lambda tx, c: self.promises.ready(tx, c, args))

    async def done(self, topic_id: int | None, message_id: int, args: str) -> None:
        async def step(tx: Tx, client: Client) -> None:
            order = await self.bills.done(tx, client, args)
            assert order.closed_at is not None
            await ws.owe(tx, f"check:{order.id}", "check", client.id, order.id,
                         order.closed_at + self._k.config.service_check_delay)
        await self._in_topic(topic_id, message_id, step)

    async def slots(self, topic_id: int | None, message_id: int, args: str) -> None:
        async with self._k.db.transaction() as tx:
            try:
                text = await self.reception.load(tx, args)
            except BookingError as error:
                await self._k.answer(tx, topic_id, message_id, error.key, **error.args_)
                return
            await self._k.outbox.to_group(tx, text, topic_id, reply_to=message_id)

    async def help(self, topic_id: int | None, message_id: int) -> None:
        async with self._k.db.transaction() as tx:
            await self._k.answer(tx, topic_id, message_id, "ws-manager-help")

    async def _in_topic(self, topic_id: int | None, message_id: int, step: ManagerStep) -> None:
        """Run a command for the topic's client; a refusal rolls back whatever it began."""
        try:
            async with self._k.db.transaction() as tx:
                client = await clients.by_topic(tx, topic_id) if topic_id else None
                if client is None:
                    raise BookingError("manager-needs-topic")
                await step(tx, client)
        except BookingError as error:
            async with self._k.db.transaction() as tx:
                await self._k.answer(tx, topic_id, message_id, error.key, **error.args_)

    # -- the tick ----------------------------------------------------------------------------

    async def tick(self) -> None:
        await self.send_due()
        await self.invitations.sweep()

    async def send_due(self) -> None:
        async with self._k.db.read() as tx:
            items = await ws.due_now(tx, self._k.now(), BATCH)
        for item in items:
            async with self._k.db.transaction() as tx:
                await self._perform(tx, item)

    async def _perform(self, tx: Tx, item: ws.DueItem) -> None:
        k, now = self._k, self._k.now()
        client = await clients.get(tx, item.client_id)
        if client is None or client.unreachable_at is not None:
            await ws.claim(tx, item.id, "skipped", now)
            return
        if item.kind in CLIENT_FACING:
            hours = window(k.config.contact_hours, client.contact_time)
            opening = next_opening(now, k.config.timezone, hours)
            if opening > now:
                await ws.postpone(tx, item.id, opening)
                return
        if not await ws.claim(tx, item.id, "done", now):
            return
        match item.kind:
            case "visit_reminder":
                await self.visits.remind(tx, client, item.ref_id or 0, item.key)
            case "no_show":
                await self.visits.no_show(tx, client, item.ref_id or 0, item.key)
            case "promise_soon" | "promise_lapsed":
                await self.promises.fire(tx, client, item)
            case "check":
                await self.checks.begin(tx, client, item.ref_id or 0)
            case "check_review":
                await self.checks.remind_review(tx, client, item.ref_id or 0)
            case "deferred":
                await self.invitations.deferred(tx, client, item.ref_id or 0)
            case _:
                log.info("workshop: no handler yet for due %s", item.kind)
