"""The promised time as a promise: `/ready` moves it (with a reason, told at once), the topic is
warned 30 minutes before it lapses with the order not done, and General too when it lapses."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from bot.services.workshop import order_text
from bot.services.workshop.base import WorkshopDesk
from domain import Automatic, Client, owed
from domain.owed import Owed
from domain.refusal import Refusal
from domain.workshop import OrderStatus
from storage import due, workshop_orders
from storage.db import Tx
from storage.workshop_orders import Order

WARN_BEFORE = timedelta(minutes=30)


class Promises(WorkshopDesk):
    async def owe_warnings(self, tx: Tx, order: Order) -> None:
        if order.promised_at is None:
            return
        stamp = self._stamp(order.promised_at)
        for kind, at in ((Owed.PROMISE_SOON, order.promised_at - WARN_BEFORE),
                         (Owed.PROMISE_LAPSED, order.promised_at)):
            await due.owe(tx, kind, owed.promise_key(kind, order.id, stamp), at, order.client_id,
                          self._clock.now(), ref_id=order.id)

    async def ready(self, tx: Tx, client: Client, args: str) -> None:
        """`/ready 19:30 запчасть едет из Москвы` or `/ready 25.11 12:00 причина`."""
        order = await workshop_orders.current_order(tx, client.id)
        if order is None or order.status != OrderStatus.SENT:
            raise Refusal("ws-ready-no-order")
        words = args.split()
        take = 2 if words and ("." in words[0] or "-" in words[0]) else 1  # a date, then the time
        if len(words) <= take:
            raise Refusal("ws-ready-reason")
        now = self._clock.now()
        new = order_text.parse_when(" ".join(words[:take]), now, self._config.timezone)
        if new <= now:
            raise Refusal("ws-ready-past")
        await self.move(tx, client, order, new, " ".join(words[take:]))

    async def move(self, tx: Tx, client: Client, order: Order, new: datetime, reason: str) -> None:
        """The promised time moved to `new` and kept with its reason (`ws_promises`); the client
        hears old, new and why at once, the topic too; the warnings follow the new time."""
        now = self._clock.now()
        old = order.promised_at
        await workshop_orders.move_promise(tx, order.id, old, new, reason, now)
        # Deal news: past WhatsApp's 24-hour window it goes as that template, if one is set.
        await self._say(tx, client, "ws-ready-moved", automatic=Automatic.DEAL_NEWS,
                        old=self._client_when(client, old) if old else "—",
                        new=self._client_when(client, new), reason=escape(reason),
                        later="yes" if old is not None and new > old else "no")  # sorry only if later
        await self._tell_topic(tx, client, "ws-topic-ready-moved", id=order.id,
                               old=self._topic_when(client, old) if old else "—",
                               new=self._topic_when(client, new))
        moved = await workshop_orders.order(tx, order.id)
        assert moved is not None
        await self.owe_warnings(tx, moved)

    async def fire(self, tx: Tx, client: Client, item: due.DueTask) -> None:
        """A warning owed for one promised time: silent if the order is done or moved since."""
        order = await workshop_orders.order(tx, item.ref_id or 0)
        if order is None or order.status == OrderStatus.DONE or order.promised_at is None:
            return
        if not item.key.endswith(self._stamp(order.promised_at)):
            return
        when = self._topic_when(client, order.promised_at)
        if item.kind == "promise_soon":
            await self._tell_topic(tx, client, "ws-topic-promise-soon", id=order.id, when=when)
            return
        await self._tell_topic(tx, client, "ws-topic-promise-lapsed", id=order.id, when=when)
        name = escape(client.name or client.username or "—")
        text = self._t(self._lang, "ws-general-promise-lapsed", id=order.id, when=when, name=name)
        await self._outbox.to_group(tx, text, None, about=client)
