"""What every change to a deal does: the client hears it at once, and the card in their topic
shows it. Shared by the deal, inspection and handover steps."""

from __future__ import annotations

from bot.services.base import Desk, Kit
from bot.services.intake.cards import Cards
from domain import Automatic, Client, Reply
from storage import journal, requests
from storage.db import Tx

DEAL_NEWS = Automatic.DEAL_NEWS


class DealNews(Desk):
    def __init__(self, kit: Kit, cards: Cards) -> None:
        super().__init__(kit)
        self._cards = cards

    async def tell(self, tx: Tx, client: Client, reply: Reply, manager_id: int, kind: str) -> None:
        """News of the deal to the client, recorded as the manager's message of `kind`."""
        await self._outbox.to_client(tx, client, reply, automatic=DEAL_NEWS)
        await journal.log_message(tx, client.id, "manager", kind, self._clock.now(), manager_id)

    async def refresh_card(self, tx: Tx, client: Client) -> None:
        request = await requests.latest_for_client(tx, client.id)
        await self._outbox.refresh_card(tx, client, self._cards.card(client, request))
