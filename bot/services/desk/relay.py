"""The relay: what a client writes outside a flow reaches their topic, opened on first need."""

from __future__ import annotations

from datetime import timedelta

from bot.services.base import Desk, Kit
from bot.services.intake.cards import Cards
from domain import Client, Inbound, Reply
from storage import journal, requests
from storage.db import Tx

ACK_AFTER = timedelta(hours=6)  # a client writing after a pause hears that a manager has it


class Relay(Desk):
    def __init__(self, kit: Kit, cards: Cards) -> None:
        super().__init__(kit)
        self._cards = cards

    async def relay(self, tx: Tx, client: Client, inbound: Inbound, acknowledge: bool = True) -> None:
        if inbound.message_id is None:
            return
        now = self._clock.now()
        last = await journal.last_message_at(tx, client.id, "client")
        await self.ensure_topic(tx, client)
        await self._outbox.relay_to_topic(tx, client, inbound)
        await journal.log_message(tx, client.id, "client", inbound.kind, now)
        if acknowledge and (last is None or now - last > ACK_AFTER):
            text = self._t(client.language, "relay-ack")
            await self._outbox.to_client(tx, client, Reply(text, self._menu(client)))

    async def ensure_topic(self, tx: Tx, client: Client) -> None:
        if client.topic_id is None:
            request = await requests.latest_for_client(tx, client.id)
            await self._outbox.open_topic(
                tx, client, self._cards.title(client, request), self._cards.card(client, request)
            )
