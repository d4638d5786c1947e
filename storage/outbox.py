"""Outbound messages, persisted before sending and marked around each send."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Row, Tx, from_db, to_db


@dataclass(frozen=True)
class OutboxItem:
    id: int
    channel: str
    recipient: str
    kind: str
    payload: dict[str, Any]
    client_id: int | None
    attempts: int
    created_at: datetime


def _item(row: Row) -> OutboxItem:
    return OutboxItem(
        id=row["id"],
        channel=row["channel"],
        recipient=row["recipient"],
        kind=row["kind"],
        payload=json.loads(row["payload"]),
        client_id=row["client_id"],
        attempts=row["attempts"],
        created_at=from_db(row["created_at"]),
    )


async def enqueue(
    tx: Tx,
    *,
    channel: str,
    recipient: str,
    kind: str,
    payload: dict[str, Any],
    client_id: int | None,
    now: datetime,
    dedup_key: str | None = None,
    not_before: datetime | None = None,
) -> bool:
    """Queue a message; False when one with the same dedup key already exists."""
    changed = await tx.execute(
        "INSERT OR IGNORE INTO outbox"
        " (channel, recipient, kind, payload, client_id, dedup_key, not_before, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            channel,
            recipient,
            kind,
            json.dumps(payload, ensure_ascii=False),
            client_id,
            dedup_key,
            to_db(not_before or now),
            to_db(now),
        ),
    )
    return changed > 0


async def due(
    tx: Tx,
    now: datetime,
    limit: int,
    delivered: int | None = None,
    skip: Collection[str] = (),
) -> list[OutboxItem]:
    """Waiting items that may go now, oldest first, several of one chat in a row: order holds
    per chat because an item waits while an earlier one of its chat is in flight or not due.

    `delivered` names an item already sent whose 'sent' mark is still to be committed (it
    will be, before anything found here is sent): it no longer holds its chat back. `skip`
    names chats not to look at (at their flood limit), so their backlog cannot fill the batch.
    The queue is read in id order through a partial index (0008_outbox_queue), so a long
    backlog costs no more per look than a short one, unless it is skipped: then its entries
    in that index are stepped over.
    """
    rows = await tx.all(
        "SELECT * FROM outbox AS o INDEXED BY outbox_queue"
        " WHERE o.status = 'pending' AND o.not_before <= :now"
        " AND o.recipient NOT IN (SELECT value FROM json_each(:skip))"
        " AND NOT EXISTS (SELECT 1 FROM outbox AS p WHERE p.recipient = o.recipient"
        " AND p.id < o.id AND (p.status = 'sending' AND p.id IS NOT :delivered"
        " OR p.status = 'pending' AND p.not_before > :now))"
        " ORDER BY o.id LIMIT :limit",
        {"now": to_db(now), "delivered": delivered, "limit": limit, "skip": json.dumps(list(skip))},
    )
    return [_item(row) for row in rows]


async def lane_heads(
    tx: Tx, recipient: str, now: datetime, delivered: int | None = None
) -> list[OutboxItem]:
    """The first waiting item of each lane of a chat that may go now: a lane is one client's
    items (and one more for the items about no client), in order within it, so the lanes of a
    manager group can be taken in any order (bot/delivery/fair.py) while each client's messages
    stay in theirs. `delivered` as in `due`. Read through 0034's outbox_lanes index."""
    rows = await tx.all(
        "SELECT * FROM outbox AS o WHERE o.status = 'pending' AND o.recipient = :chat"
        " AND o.not_before <= :now"
        " AND NOT EXISTS (SELECT 1 FROM outbox AS p"
        " WHERE p.recipient = o.recipient AND p.client_id IS o.client_id AND p.id < o.id"
        " AND p.status IN ('pending', 'sending') AND (p.status = 'pending' OR p.id IS NOT :delivered))"
        " ORDER BY o.id",
        {"chat": recipient, "now": to_db(now), "delivered": delivered},
    )
    return [_item(row) for row in rows]


async def lane_after(
    tx: Tx, row: OutboxItem, now: datetime, limit: int
) -> list[OutboxItem]:
    """The waiting items that follow `row` in its lane (see `lane_heads`) without a gap: due
    now, none before them still waiting for a later time; at most `limit`."""
    rows = await tx.all(
        "SELECT * FROM outbox WHERE recipient = ? AND client_id IS ?"
        " AND id > ? AND status IN ('pending', 'sending') ORDER BY id LIMIT ?",
        (row.recipient, row.client_id, row.id, limit),
    )
    found: list[OutboxItem] = []
    for following in rows:
        if following["status"] != "pending" or from_db(following["not_before"]) > now:
            break
        found.append(_item(following))
    return found


async def next_due_at(tx: Tx, after: datetime) -> datetime | None:
    """When the next waiting item that is not due yet at `after` falls due."""
    return from_db(await tx.scalar(
        "SELECT MIN(not_before) FROM outbox WHERE status = 'pending' AND not_before > ?",
        (to_db(after),),
    ))


async def mark_sending(tx: Tx, item_id: int) -> bool:
    """Take a waiting item for sending; False when it is no longer waiting (sent, failed, or
    taken by another process), so it is not sent twice."""
    return bool(await tx.execute(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1"
        " WHERE id = ? AND status = 'pending'",
        (item_id,),
    ))


# A settled item's uploaded file (a chart, an export) is no longer needed: the outbox keeps it
# only while the item waits, so files do not pile up there.
_NO_FILE = (
    "payload = CASE WHEN json_type(payload, '$.file') IS NULL THEN payload"
    " ELSE json_remove(payload, '$.file') END"
)


async def mark_sent(tx: Tx, item_id: int, now: datetime, message_id: int | None) -> None:
    await tx.execute(
        f"UPDATE outbox SET status = 'sent', sent_at = ?, result_message_id = ?, {_NO_FILE}"
        " WHERE id = ?",
        (to_db(now), message_id, item_id),
    )


async def mark_failed(tx: Tx, item_id: int, reason: str) -> None:
    await tx.execute(
        "UPDATE outbox SET status = 'failed', error = ? WHERE id = ?", (reason[:500], item_id)
    )


async def retry_later(tx: Tx, item_id: int, not_before: datetime, reason: str) -> None:
    await tx.execute(
        "UPDATE outbox SET status = 'pending', not_before = ?, error = ? WHERE id = ?",
        (to_db(not_before), reason[:500], item_id),
    )


async def release_in_doubt(tx: Tx, keep: int | None = None) -> int:
    """After a crash, items marked 'sending' may or may not have gone out: send them again
    (all but `keep`, an item known to be sent whose mark is still to be written)."""
    return await tx.execute(
        "UPDATE outbox SET status = 'pending' WHERE status = 'sending' AND id IS NOT ?", (keep,)
    )


async def reopen(tx: Tx, dedup_key: str, now: datetime) -> bool:
    """An item that failed for good is tried again from now (a topic, after its cause was
    fixed); False when there is no such failed item."""
    return bool(await tx.execute(
        "UPDATE outbox SET status = 'pending', not_before = ?, attempts = 0, created_at = ?"
        " WHERE dedup_key = ? AND status = 'failed'",
        (to_db(now), to_db(now), dedup_key),
    ))


async def depth(tx: Tx, now: datetime) -> tuple[int, datetime | None]:
    """How many items are due and not sent, and since when the oldest of them is due."""
    row = await tx.one(
        "SELECT COUNT(*), MIN(not_before) FROM outbox"
        " WHERE status IN ('pending', 'sending') AND not_before <= ?",
        (to_db(now),),
    )
    assert row is not None
    return row[0], from_db(row[1])


async def sent_since(tx: Tx, since: datetime) -> list[tuple[str, str, datetime]]:
    """(channel, chat, sent at) of what went out from `since` on: the flood windows' record."""
    rows = await tx.all(
        "SELECT channel, recipient, sent_at FROM outbox INDEXED BY outbox_sent_at"
        " WHERE sent_at >= ? ORDER BY sent_at",
        (to_db(since),),
    )
    return [(row[0], row[1], from_db(row[2])) for row in rows]


async def waiting(tx: Tx, recipient: str, now: datetime) -> int:
    """Items for this chat held back to a later time (e.g. behind a WhatsApp template)."""
    return await tx.scalar(
        "SELECT COUNT(*) FROM outbox WHERE recipient = ? AND status = 'pending' AND not_before > ?",
        (recipient, to_db(now)),
    )


async def resume_recipient(tx: Tx, recipient: str, now: datetime) -> int:
    """Items waiting for this chat (e.g. behind a WhatsApp template) become due now."""
    return await tx.execute(
        "UPDATE outbox SET not_before = ? WHERE recipient = ? AND status = 'pending'"
        " AND not_before > ?",
        (to_db(now), recipient, to_db(now)),
    )


async def drop_attachment(tx: Tx, item_id: int) -> None:
    """Forget a failed item's uploaded file (a sent one's goes with its 'sent' mark)."""
    await tx.execute(f"UPDATE outbox SET {_NO_FILE} WHERE id = ?", (item_id,))
