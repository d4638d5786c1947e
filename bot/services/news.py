"""What every change to a deal does: the client hears it at once, and the card in their topic
shows it. Shared by the deal, inspection and handover steps."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from bot.services.base import Desk, Kit
from bot.services.intake.cards import Cards
from domain import Automatic, CarRequest, Client, Reply
from storage import cars, clients, deals, journal, legal, payments, requests, sources
from storage.db import Tx

DEAL_NEWS = Automatic.DEAL_NEWS


class DealNews(Desk):
    def __init__(self, kit: Kit, cards: Cards) -> None:
        super().__init__(kit)
        self._cards = cards

    async def tell(self, tx: Tx, client: Client, reply: Reply, manager_id: int, kind: str,
                   request: CarRequest | None = None) -> None:
        """News of the deal to the client, recorded as the manager's message of `kind`; named
        by its request when the client has another open one."""
        reply = await self.named(tx, client, reply, request)
        await self._outbox.to_client(tx, client, reply, automatic=DEAL_NEWS)
        await journal.log_message(tx, client.id, "manager", kind, self._clock.now(), manager_id)

    async def named(self, tx: Tx, client: Client, reply: Reply, request: CarRequest | None) -> Reply:
        """A message about one request, headed by its number and car when the client has
        another open request («Новый этап заявки: Осмотр» alone would not say which)."""
        if request is None:
            return reply
        others = [r for r in await deals.open_for_client(tx, client.id) if r.id != request.id]
        if not others:
            return reply
        head = self._t(client.language, "deal-about", id=request.id, car=escape(request.car or "—"))
        return replace(reply, text=f"{head}\n{reply.text}")

    async def refresh_card(self, tx: Tx, client: Client, request_id: int | None = None) -> None:
        """The pinned card shows the request just changed (else the latest) as it is now, and
        names the client's other open requests."""
        client = await clients.get(tx, client.id) or client  # as it is now (its zone may have changed)
        request = (await requests.get(tx, request_id) if request_id
                   else await requests.latest_for_client(tx, client.id))
        others = [r for r in await deals.open_for_client(tx, client.id)
                  if request is None or r.id != request.id]
        car = await cars.of_request(tx, request.id) if request else None
        checks = await legal.items(tx, request.id) if request else []
        done = (sum(i.checked for i in checks), len(checks)) if checks else None
        money = await payments.deal_money(tx, request.id) if request else None
        source = await sources.source_of(tx, request.id) if request else None
        text = self._cards.card(client, request, others, car, done, money, source)
        await self._outbox.refresh_card(tx, client, text, request.id if request else None)
