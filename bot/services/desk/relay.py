"""The relay: what a client writes outside a flow reaches their topic, opened on first need.
Outside working hours (WORKING_HOURS, HOLIDAYS) the client is told, once per closed period,
when we open: the reply clock (REPLY_SLA, in working time) starts then."""

from __future__ import annotations

from datetime import timedelta

from bot.services.base import Desk, Kit
from bot.services.client_time import ClientTime
from bot.services.desk.topics import Topics
from domain import Client, Inbound, Reply
from domain.business import WorkingTime
from storage import clients, journal, topic_states
from storage.db import Tx

ACK_AFTER = timedelta(hours=6)  # a client writing after a pause hears that a manager has it


class Relay(Desk):
    def __init__(self, kit: Kit, topics: Topics, working: WorkingTime, times: ClientTime) -> None:
        super().__init__(kit)
        self._topics = topics
        self._working = working  # when managers answer (WORKING_HOURS, HOLIDAYS)
        self._times = times

    async def relay(self, tx: Tx, client: Client, inbound: Inbound, acknowledge: bool = True) -> None:
        if inbound.message_id is None:
            return
        now = self._clock.now()
        last = (await journal.last_message_at(tx, client.id, "client")
                or await topic_states.last_held_at(tx, client.id))
        ready = await self.ensure_topic(tx, client, wrote=True)  # opened, or again after /close
        if ready is None:  # a new client's topic is not open yet: kept until it is
            await self._outbox.hold_for_topic(tx, client, inbound)
        else:
            await self._outbox.relay_to_topic(tx, ready, inbound)
            await journal.log_message(tx, client.id, "client", inbound.kind, now)
        if not acknowledge:
            return
        opening = self._working.next_opening(now)
        if opening > now:  # closed: told once per closed period when a manager will answer
            if await clients.tell_closed(tx, client.id, opening):
                when = self._times.ahead(client, opening, now)
                text = self._t(client.language, "relay-closed", when=when)
                await self._outbox.to_client(tx, client, Reply(text, self._menu(client)))
            return
        if last is None or now - last > ACK_AFTER:
            text = self._t(client.language, "relay-ack")
            await self._outbox.to_client(tx, client, Reply(text, self._menu(client)))

    async def ensure_topic(self, tx: Tx, client: Client, wrote: bool = False) -> Client | None:
        """The client's topic in the group of their latest business, ready for what is queued
        for it next: opened, or opened again after /close; None while a new client's topic
        waits (bot/services/desk/topics.py)."""
        return await self._topics.ensure(tx, await self._outbox.in_latest_group(tx, client), wrote)

    async def person(self, tx: Tx, client: Client) -> None:
        """The client did something a person does: a new client's topic may open."""
        await self._topics.person(tx, client)
