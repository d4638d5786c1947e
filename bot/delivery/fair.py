"""The fair group queue: which of a manager group's waiting items goes next.

A manager group takes 20 messages a minute (`TELEGRAM_GROUP_PER_MINUTE`), shared by everything
the managers see there. When more wait than the minute carries, the order decides who waits:

- a client's own words (their messages relayed to the topic) go before automatic notes (new
  topics and their cards, alerts, answers to commands, the digest);
- among those, the lane that has waited longest goes first: a lane is one client's items (and
  one more for items about no client); it has waited since its first item was queued or since
  it was last served, whichever is later. So lanes take turns (round-robin): one chatty client,
  or a wave of new topics, cannot hold the others back;
- within a lane, in order: `storage.outbox.lane_heads` gives each lane's first item only.

While a group is paced, a client's messages waiting in a row in their lane (copied as they are:
no reply, no caption of ours) go in one copyMessages call of up to `BATCH`, an album too, so the
minute carries more; each copy is still paired with its original (replies and edits map).

The turns are kept in memory: after a restart every lane starts from its first item's age.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.delivery import codec
from bot.delivery.items import ClientTopic, Content, Copy
from bot.delivery.ports import Op
from storage.outbox import OutboxItem

Lane = tuple[str, int | None]  # (the group, the client)
FORGET_AFTER = timedelta(hours=1)  # a lane served longer ago than this waits by its age alone
KEEP = 10_000
BATCH = 10  # a client's messages copied in one call  # turns remembered before the old ones are forgotten


def copy_of_clients(row: OutboxItem) -> Copy | None:
    """A client's Telegram message copied to their topic as it is (no reply, no caption of
    ours): several of them in a row can go in one copyMessages call."""
    if row.kind != Op.COPY:
        return None
    try:
        item = codec.decode(row.kind, row.payload)
    except codec.UnknownItem:
        return None
    plain = (isinstance(item, Copy) and isinstance(item.to, ClientTopic)
             and item.reply_to_twin is None and item.caption is None)
    return item if plain and isinstance(item, Copy) else None


def clients_own(row: OutboxItem) -> bool:
    """A client's own message relayed to their topic (not a note of ours)."""
    if row.kind not in (Op.COPY, Op.SEND):
        return False
    try:
        item = codec.decode(row.kind, row.payload)
    except codec.UnknownItem:
        return False
    return isinstance(item, Copy | Content) and isinstance(item.to, ClientTopic)


class FairQueue:
    def __init__(self) -> None:
        # When each lane was last served, with a count that orders turns taken at one instant.
        self._served: dict[Lane, tuple[datetime, int]] = {}
        self._turns = 0

    def order(self, heads: list[OutboxItem]) -> list[OutboxItem]:
        """The lanes' first items, in the order they may go."""
        return sorted(heads, key=self._key)

    def served(self, row: OutboxItem, now: datetime) -> None:
        """A lane's item went: the lane goes to the back of the turns."""
        self._turns += 1
        self._served[(row.recipient, row.client_id)] = (now, self._turns)
        if len(self._served) > KEEP:
            self._served = {lane: at for lane, at in self._served.items()
                            if at[0] > now - FORGET_AFTER}

    def _key(self, row: OutboxItem) -> tuple[int, tuple[datetime, int], int]:
        queued = (row.created_at, 0)
        last = self._served.get((row.recipient, row.client_id))
        waited_since = max(queued, last) if last else queued
        return (0 if clients_own(row) else 1, waited_since, row.id)
