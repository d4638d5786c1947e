"""The promised time as a promise: `/ready` moves it (with a reason, told at once), the topic is
warned 30 minutes before it lapses with the order not done, and General too when it lapses."""

from __future__ import annotations

from datetime import timedelta
from html import escape

from bot.services.workshop import order_text
from bot.services.workshop.base import WorkshopKit
from bot.services.workshop.reception import BookingError
from domain import Automatic, Client
from storage import workshop as ws
from storage import workshop_orders as wo
from storage.db import Tx

WARN_BEFORE = timedelta(minutes=30)


class Promises:
    def __init__(self, kit: WorkshopKit) -> None:
        self._k = kit

    async def owe_warnings(self, tx: Tx, order: wo.Order) -> None:
        if order.promised_at is None:
            return
        stamp = self._k.stamp(order.promised_at)
        for kind, at in (("promise_soon", order.promised_at - WARN_BEFORE),
                         ("promise_lapsed", order.promised_at)):
            await ws.owe(tx, f"{kind}:{order.id}:{stamp}", kind, order.client_id, order.id, at)

    async def ready(self, tx: Tx, client: Client, args: str) -> None:
        """`/ready 19:30 запчасть едет из Москвы` or `/ready 25.11 12:00 причина`."""
        k = self._k
        order = await wo.current_order(tx, client.id)
        if order is None or order.status != "sent":
            raise BookingError("ws-ready-no-order")
        words = args.split()
        take = 2 if words and ("." in words[0] or "-" in words[0]) else 1  # a date, then the time
        if len(words) <= take:
            raise BookingError("ws-ready-reason")
        new = order_text.parse_when(" ".join(words[:take]), k.now(), k.config.timezone)
        if new <= k.now():
            raise BookingError("ws-ready-past")
        reason = " ".join(words[take:])
        old = order.promised_at
        await wo.move_promise(tx, order.id, old, new, reason, k.now())
        lang = client.language
        # Deal news: past WhatsApp's 24-hour window it goes as that template, if one is set.
        await k.say(tx, client, "ws-ready-moved", (), Automatic.DEAL_NEWS,
                    old=k.when(lang, old) if old else "—", new=k.when(lang, new),
                    reason=escape(reason))
        await k.topic(tx, client, "ws-topic-ready-moved", id=order.id,
                      old=k.when(k.lang, old) if old else "—", new=k.when(k.lang, new))
        moved = await wo.order(tx, order.id)
        assert moved is not None
        await self.owe_warnings(tx, moved)

    async def fire(self, tx: Tx, client: Client, item: ws.DueItem) -> None:
        """A warning owed for one promised time: silent if the order is done or moved since."""
        k = self._k
        order = await wo.order(tx, item.ref_id or 0)
        if order is None or order.status == "done" or order.promised_at is None:
            return
        if not item.key.endswith(k.stamp(order.promised_at)):
            return
        when = k.when(k.lang, order.promised_at)
        if item.kind == "promise_soon":
            await k.topic(tx, client, "ws-topic-promise-soon", id=order.id, when=when)
            return
        await k.topic(tx, client, "ws-topic-promise-lapsed", id=order.id, when=when)
        name = escape(client.name or client.username or "—")
        await k.outbox.to_group(tx, k.t(k.lang, "ws-general-promise-lapsed", id=order.id,
                                        when=when, name=name), None)
