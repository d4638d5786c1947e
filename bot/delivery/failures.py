"""What happens to an item whose call failed: tried again later, held, or failed for good.

A platform's answers are classified once, by the table `ANSWERS` below (the channels call
`failure()` with what the platform said); here each kind becomes what the queue does with
the item, and the topic or General is told (notices.py).
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
GIVE_UP_AFTER = timedelta(hours=24)  # a transient failure this old is a failure for good

T, B, P = FailureKind.TRANSIENT, FailureKind.BLOCKED, FailureKind.PERMANENT
# (platform, HTTP status or None when no answer came, words in the answer, what it is).
# The first row that matches decides; the order goes from particular to general.
ANSWERS: tuple[tuple[str, range | int | None, str, FailureKind], ...] = (
    ("telegram", 429, "", T),  # flood limit: its retry_after is kept
    ("telegram", 413, "", P),  # Request Entity Too Large: an upload over 50 MB
    ("telegram", 400, "file is too big", P),  # a download over 20 MB
    ("telegram", 400, "", P),  # the request is wrong (chat, thread, message not found...)
    ("telegram", 401, "", P),  # the token was revoked
    ("telegram", 403, "", B),  # blocked by the person, or the bot left the group
    ("telegram", 404, "", P),
    ("telegram", range(500, 600), "", T),  # Telegram's own trouble
    ("telegram", None, "", T),  # no answer: the network, a timeout
    ("twilio", 429, "", T),  # too many requests
    ("twilio", 413, "", P),
    ("twilio", 400, "11751", P),  # media over Twilio's size limit
    ("twilio", 400, "21617", P),  # body too long
    ("twilio", range(400, 500), "", P),  # an address, a template, the account: fix, not wait
    ("twilio", range(500, 600), "", T),
    ("twilio", None, "", T),
)


def classify(platform: str, status: int | None, answer: str) -> FailureKind:
    """What a platform's answer means for the item; unknown answers are permanent (recorded
    and reported rather than retried without end)."""
    said = answer.lower()
    for where, code, words, kind in ANSWERS:
        matches = code is None if status is None else (
            code is not None and (status in code if isinstance(code, range) else status == code)
        )
        if where == platform and matches and words.lower() in said:
            return kind
    return P


def failure(
    platform: str, status: int | None, reason: str, retry_after: float | None = None
) -> DeliveryError:
    """The DeliveryError for a platform's answer (status None: no answer came)."""
    return DeliveryError(classify(platform, status, reason), reason, retry_after)


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
            await self._retry(row, item, error)
        elif error.kind is FailureKind.HELD:
            await self._held(row, item, error)
        else:
            await self._lost(row, item, error)

    async def _retry(self, row: OutboxItem, item: Item | None, error: DeliveryError) -> None:
        if self._clock.now() - row.created_at > GIVE_UP_AFTER:
            gave_up = DeliveryError(FailureKind.PERMANENT, f"gave up after 24 h: {error.reason}")
            await self._lost(row, item, gave_up)
            return
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
            if item is not None and not to_client(item):
                if not await self._notices.group_failed(tx, client, item, error):
                    log.error("a message to General failed for good: %s", error.reason)
                return
            if client is None or item is None:
                return
            if error.kind is FailureKind.BLOCKED and await clients.set_unreachable(
                tx, client.id, now
            ):
                await self._notices.blocked(tx, client, error.reason)
            await self._notices.not_delivered(tx, client, item, error)

    async def _held(self, row: OutboxItem, item: Item | None, error: DeliveryError) -> None:
        log.info("outbox item %s held: %s", row.id, error.reason)
        async with self._db.transaction() as tx:
            await queue.mark_failed(tx, row.id, f"held: {error.reason}")
            client = await clients.get(tx, row.client_id) if row.client_id else None
            if client is not None:
                await self._notices.held(tx, client, item, error)
