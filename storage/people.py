"""One person on several channels: own phones, the offers to merge, merges and their undoing.

A merge moves every row of the merged client to the kept one (each table with a `client_id`,
found in the schema, so a table added later moves too) and records each row it moved in
`merge_moves`, so that unmerging gives each client back exactly what they had; rows made
after the merge stay with the kept client. A row the kept client already has its own of (a
flow in progress, the WhatsApp options shown, a link with the same message id) stays where it
was. The merged row itself stays, pointing at the kept one (`clients.merged_into`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from storage.db import Tx, from_db, to_db

# The kept client's empty fields take the other's values (and give them back when unmerged).
PROFILE = ("name", "username", "phone", "birth_date", "contact_time", "timezone", "timezone_source",
           "consent_at")


@dataclass(frozen=True)
class Offer:
    id: int
    first_id: int  # the older client: the one kept
    second_id: int
    phone: str
    decided_at: datetime | None


@dataclass(frozen=True)
class Merge:
    id: int
    kept_id: int
    merged_id: int
    unmerged_at: datetime | None


async def set_own_phone(tx: Tx, client_id: int, phone: str) -> None:
    await tx.execute("UPDATE clients SET own_phone = ? WHERE id = ?", (phone, client_id))


async def same_phone(tx: Tx, client_id: int, channel: str, phone: str) -> int | None:
    """The oldest other client on another channel whose own phone is this one, neither merged
    nor erased, nor already one person with someone else."""
    return await tx.scalar(
        "SELECT c.id FROM clients c WHERE c.own_phone = ? AND c.channel != ? AND c.id != ?"
        " AND c.merged_into IS NULL AND c.erased_at IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM clients m WHERE m.merged_into = c.id)"
        " ORDER BY c.id LIMIT 1",
        (phone, channel, client_id),
    )


async def has_partner(tx: Tx, client_id: int) -> bool:
    """True if the client is merged into another, or another is merged into it."""
    return bool(await tx.scalar(
        "SELECT 1 FROM clients WHERE (id = ? AND merged_into IS NOT NULL) OR merged_into = ?",
        (client_id, client_id),
    ))


async def offer(tx: Tx, first_id: int, second_id: int, phone: str, now: datetime) -> int | None:
    """A new offer for the pair; None if they were offered already (it is asked once)."""
    return await tx.scalar(
        "INSERT OR IGNORE INTO merge_offers (first_id, second_id, phone, created_at)"
        " VALUES (?, ?, ?, ?) RETURNING id",
        (first_id, second_id, phone, to_db(now)),
    )


async def get_offer(tx: Tx, offer_id: int) -> Offer | None:
    row = await tx.one("SELECT * FROM merge_offers WHERE id = ?", (offer_id,))
    if row is None:
        return None
    return Offer(row["id"], row["first_id"], row["second_id"], row["phone"],
                 from_db(row["decided_at"]))


async def decide_offer(tx: Tx, offer_id: int, now: datetime) -> bool:
    """Mark the offer taken; False if it was taken already (a second press)."""
    return await tx.execute(
        "UPDATE merge_offers SET decided_at = ? WHERE id = ? AND decided_at IS NULL",
        (to_db(now), offer_id),
    ) > 0


async def _client_tables(tx: Tx) -> list[str]:
    """Every table with a client_id column (rows with a rowid: all of ours)."""
    rows = await tx.all(
        "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p"
        " WHERE m.type = 'table' AND p.name = 'client_id'"
        " AND m.sql NOT LIKE '%WITHOUT ROWID%' ORDER BY m.name"
    )
    return [row[0] for row in rows]


async def merge(tx: Tx, kept_id: int, merged_id: int, manager_id: int | None,
                now: datetime) -> int:
    """Move everything of `merged_id` to `kept_id`, recorded; returns the merge's id."""
    kept = await tx.one("SELECT * FROM clients WHERE id = ?", (kept_id,))
    other = await tx.one("SELECT * FROM clients WHERE id = ?", (merged_id,))
    assert kept is not None and other is not None
    filled = [name for name in PROFILE if kept[name] is None and other[name] is not None]
    merge_id = await tx.insert(
        "INSERT INTO merges (kept_id, merged_id, filled, manager_id, merged_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (kept_id, merged_id, json.dumps(filled), manager_id, to_db(now)),
    )
    # Managers' answers go where the client wrote last; a wait for an answer carries over.
    newest = await tx.scalar(
        "SELECT client_id FROM messages WHERE client_id IN (?, ?) AND author = 'client'"
        " ORDER BY created_at DESC, id DESC LIMIT 1", (kept_id, merged_id))
    last = other["channel"] if newest == merged_id else kept["channel"]
    for table in await _client_tables(tx):
        quoted = f'"{table}"'
        await tx.execute(
            f"INSERT INTO merge_moves (merge_id, tbl, row_id) SELECT ?, ?, rowid FROM {quoted}"
            " WHERE client_id = ?", (merge_id, table, merged_id))
        await tx.execute(f"UPDATE OR IGNORE {quoted} SET client_id = ? WHERE client_id = ?",
                         (kept_id, merged_id))
        await tx.execute(  # what stayed (the kept client had its own) was not moved
            "DELETE FROM merge_moves WHERE merge_id = ? AND tbl = ? AND row_id IN"
            f" (SELECT rowid FROM {quoted} WHERE client_id = ?)", (merge_id, table, merged_id))
    fill = "".join(f", {name} = ?" for name in filled)
    await tx.execute(
        f"UPDATE clients SET last_channel = ?, via = NULL{fill},"
        " first_unanswered_at = CASE WHEN first_unanswered_at IS NULL THEN ?"
        " WHEN ? IS NULL THEN first_unanswered_at ELSE MIN(first_unanswered_at, ?) END"
        " WHERE id = ?",
        (last, *(other[name] for name in filled), other["first_unanswered_at"],
         other["first_unanswered_at"], other["first_unanswered_at"], kept_id),
    )
    await tx.execute(
        "UPDATE clients SET merged_into = ?, last_channel = NULL, via = NULL,"
        " first_unanswered_at = NULL WHERE id = ?", (kept_id, merged_id))
    return merge_id


async def active(tx: Tx, client_id: int) -> Merge | None:
    """The merge this client is kept by (or merged in), not undone."""
    row = await tx.one(
        "SELECT id, kept_id, merged_id, unmerged_at FROM merges"
        " WHERE (kept_id = ? OR merged_id = ?) AND unmerged_at IS NULL ORDER BY id DESC LIMIT 1",
        (client_id, client_id),
    )
    return Merge(row[0], row[1], row[2], from_db(row[3])) if row else None


async def get_merge(tx: Tx, merge_id: int) -> Merge | None:
    row = await tx.one(
        "SELECT id, kept_id, merged_id, unmerged_at FROM merges WHERE id = ?", (merge_id,))
    return Merge(row[0], row[1], row[2], from_db(row[3])) if row else None


async def unmerge(tx: Tx, merge: Merge, now: datetime) -> None:
    """Each client gets back what they had: the moved rows and the fields filled go back."""
    tables = await tx.all("SELECT DISTINCT tbl FROM merge_moves WHERE merge_id = ?", (merge.id,))
    known = set(await _client_tables(tx))
    for (table,) in tables:
        if table not in known:  # a table dropped since: nothing to give back
            continue
        await tx.execute(
            f'UPDATE OR IGNORE "{table}" SET client_id = ? WHERE client_id = ? AND rowid IN'
            " (SELECT row_id FROM merge_moves WHERE merge_id = ? AND tbl = ?)",
            (merge.merged_id, merge.kept_id, merge.id, table),
        )
    filled = json.loads(await tx.scalar("SELECT filled FROM merges WHERE id = ?", (merge.id,)))
    clear = "".join(f", {name} = NULL" for name in filled if name in PROFILE)
    await tx.execute(
        f"UPDATE clients SET last_channel = NULL, via = NULL{clear} WHERE id = ?",
        (merge.kept_id,))
    await tx.execute("UPDATE clients SET merged_into = NULL WHERE id = ?", (merge.merged_id,))
    await tx.execute("UPDATE merges SET unmerged_at = ? WHERE id = ?", (to_db(now), merge.id))
