"""What happens to an item whose call failed: tried again later, held, or failed for good.

The channel ports classify a platform's errors into a `FailureKind` (bot/delivery/ports.py);
here each kind becomes what the queue does with the item, and the topic is told (notices.py).
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from bot.clock import Clock
from bot.delivery.items import Item, to_client
from bot.delivery.notices import Notices
from bot.delivery.ports import DeliveryError, FailureKind
from storage import clients
from storage import outbox as queue
from storage.db import Database
from storage.outbox import OutboxItem

log = logging.getLogger(__name__)

MAX_BACKOFF = 300.0


def backoff(attempts: int) -> float:
    """Seconds before the next try after `attempts` failures: doubling, capped, jittered."""
    return min(MAX_BACKOFF, 2.0**attempts) * random.uniform(0.8, 1.2)


class Failures:
    def __init__(self, db: Database, clock: Clock, notices: Notices) -> None:
        self._db = db
        self._clock = clock
        self._notices = notices

    async def failed(self, row: OutboxItem, item: Item | None, error: DeliveryError) -> None:
        """`item` is None when the row could not be read (it fails for good, untold)."""
        if error.kind is FailureKind.TRANSIENT:
            await self._retry(row, error)
        elif error.kind is FailureKind.HELD:
            await self._held(row, item, error)
        else:
            await self._lost(row, item, error)

    async def _retry(self, row: OutboxItem, error: DeliveryError) -> None:
        delay = error.retry_after
        if delay is None:
            delay = backoff(row.attempts + 1)  # `row` was read before this attempt was counted
        async with self._db.transaction() as tx:
            await queue.retry_later(
                tx, row.id, self._clock.now() + timedelta(seconds=delay), error.reason
            )

    async def _lost(self, row: OutboxItem, item: Item | None, error: DeliveryError) -> None:
        log.warning("outbox item %s not delivered: %s", row.id, error.reason)
        now = self._clock.now()
        async with self._db.transaction() as tx:
            await queue.mark_failed(tx, row.id, error.reason)
            await queue.drop_attachment(tx, row.id)
            client = await clients.get(tx, row.client_id) if row.client_id else None
            if client is None or item is None or not to_client(item):
                return
            if error.kind is FailureKind.BLOCKED and await clients.set_unreachable(
                tx, client.id, now
            ):
                await self._notices.blocked(tx, client)
            await self._notices.not_delivered(tx, client, item, error)

    async def _held(self, row: OutboxItem, item: Item | None, error: DeliveryError) -> None:
        log.info("outbox item %s held: %s", row.id, error.reason)
        async with self._db.transaction() as tx:
            await queue.mark_failed(tx, row.id, f"held: {error.reason}")
            client = await clients.get(tx, row.client_id) if row.client_id else None
            if client is not None:
                await self._notices.held(tx, client, item, error)
