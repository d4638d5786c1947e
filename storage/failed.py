"""Telegram updates whose handling failed: kept with their raw JSON, tried again, and after
the last attempt left as dead letters."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Tx, from_db, to_db


@dataclass(frozen=True)
class FailedUpdate:
    update_id: int
    raw: dict[str, Any]
    attempts: int
    error: str | None
    retry_at: datetime
    dead_at: datetime | None


async def keep(tx: Tx, update_id: int, raw: dict[str, Any], error: str, now: datetime) -> int:
    """Record a failed attempt; returns how many attempts have failed so far."""
    return await tx.scalar(
        "INSERT INTO failed_updates (update_id, raw, error, retry_at, created_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (update_id) DO UPDATE SET"
        " attempts = attempts + 1, error = excluded.error RETURNING attempts",
        (update_id, json.dumps(raw, ensure_ascii=False), error[:500], to_db(now), to_db(now)),
    )


async def retry_at(tx: Tx, update_id: int, when: datetime) -> None:
    await tx.execute(
        "UPDATE failed_updates SET retry_at = ? WHERE update_id = ?", (to_db(when), update_id)
    )


async def bury(tx: Tx, update_id: int, now: datetime) -> bool:
    """The last attempt failed: the update stays as a dead letter. False if it already was."""
    return bool(await tx.execute(
        "UPDATE failed_updates SET dead_at = ? WHERE update_id = ? AND dead_at IS NULL",
        (to_db(now), update_id),
    ))


async def due(tx: Tx, now: datetime | None, limit: int = 50) -> list[FailedUpdate]:
    """Failed updates to try again now (all that are not dead letters when `now` is None: a
    restart tries them all), oldest first."""
    rows = await tx.all(
        "SELECT * FROM failed_updates INDEXED BY failed_updates_due"
        " WHERE dead_at IS NULL AND (:now IS NULL OR retry_at <= :now)"
        " ORDER BY update_id LIMIT :limit",
        {"now": to_db(now) if now else None, "limit": limit},
    )
    return [
        FailedUpdate(row["update_id"], json.loads(row["raw"]), row["attempts"], row["error"],
                     from_db(row["retry_at"]), from_db(row["dead_at"]))
        for row in rows
    ]


async def forget(tx: Tx, update_id: int) -> None:
    """Handled at last: nothing to keep."""
    await tx.execute("DELETE FROM failed_updates WHERE update_id = ?", (update_id,))


async def dead_letters(tx: Tx) -> list[FailedUpdate]:
    rows = await tx.all("SELECT * FROM failed_updates WHERE dead_at IS NOT NULL ORDER BY update_id")
    return [
        FailedUpdate(row["update_id"], json.loads(row["raw"]), row["attempts"], row["error"],
                     from_db(row["retry_at"]), from_db(row["dead_at"]))
        for row in rows
    ]
