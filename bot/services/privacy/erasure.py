"""Erasing a client: on their request, a manager's (/forget), or after the retention period.

Step one happens at once (storage.erasure.scrub); the topic is told and renamed, the client
told. Step two, the address itself, follows once the last message to the client has settled
(`sweep`, every scheduler tick). The daily job erases clients inactive for RETENTION and
drops the bodies of messages settled more than 30 days ago.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Literal

from bot.services.base import Desk, Kit
from domain import Client
from domain.retention import Retention
from storage import clients, erasure
from storage.db import Tx

log = logging.getLogger(__name__)

Reason = Literal["client", "manager", "retention"]
SENT_BODIES_KEPT = timedelta(days=30)
BATCH = 50  # clients erased per transaction by the daily job


class Erasure(Desk):
    def __init__(self, kit: Kit, retention: Retention | None) -> None:
        super().__init__(kit)
        self.retention = retention
        # Erased values may still sit in the -wal file until it is emptied (each tick tries).
        self._wal_holds_erased = False

    async def erase(self, tx: Tx, client: Client, reason: Reason) -> None:
        """Step one, inside the caller's transaction; the topic hears it and is renamed."""
        values = [value for value in (client.name, client.phone, client.username) if value]
        await erasure.scrub(tx, client.id, values, self._clock.now())
        self._wal_holds_erased = True
        log.info("client %s: personal data erased (%s)", client.id, reason)
        for identity in await clients.merged(tx, client.id):  # the same person on another channel
            await self.erase(tx, identity, reason)
        if client.topic_id is None:
            return
        told = self._t(self._lang, f"privacy-topic-erased-{reason}", number=client.id)
        await self._outbox.to_topic(tx, client, told)
        title = self._t(self._lang, "privacy-topic-title", number=client.id)
        await self._outbox.rename_topic(tx, client, title)

    async def sweep(self) -> int:
        """Step two for every erased client nothing is on its way to: the address goes, and
        whatever they gave in the meantime (wrote again at once) is scrubbed too."""
        async with self._db.transaction() as tx:
            waiting = await erasure.addresses_to_drop(tx)
            for client_id, chat_id in waiting:
                await erasure.scrub(tx, client_id, [], self._clock.now())
                await erasure.drop_address(tx, client_id, chat_id)
        if waiting or self._wal_holds_erased:
            # The old versions of the rows just changed leave the disk; a report reading just
            # now keeps the log until the next tick.
            self._wal_holds_erased = not await self._db.truncate_wal()
        return len(waiting)

    async def daily(self) -> int:
        """Retention: clients silent for RETENTION are erased; old sent bodies dropped."""
        now = self._clock.now()
        async with self._db.transaction() as tx:
            await erasure.drop_old_bodies(tx, now - SENT_BODIES_KEPT)
        if self.retention is None:
            return 0
        cutoff = now - self.retention.period
        async with self._db.snapshot() as tx:  # reads every client: off the event loop
            found = await erasure.inactive_since(tx, cutoff)
        erased = 0
        for start in range(0, len(found), BATCH):
            async with self._db.transaction() as tx:
                for client_id in found[start:start + BATCH]:
                    client = await clients.get(tx, client_id)
                    if client is not None and await erasure.still_inactive(tx, client_id, cutoff):
                        await self.erase(tx, client, "retention")
                        erased += 1
        return erased
