"""Telegram updates already handled: a redelivered one (restart, webhook retry) is recognised."""

from __future__ import annotations

from datetime import datetime

from storage.db import Tx, to_db


async def seen(tx: Tx, update_id: int) -> bool:
    """True if this update was handled before."""
    return bool(
        await tx.scalar("SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,))
    )


async def first_time(tx: Tx, update_id: int, now: datetime) -> bool:
    """Claim an update id; False if it was handled before."""
    changed = await tx.execute(
        "INSERT OR IGNORE INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
        (update_id, to_db(now)),
    )
    return bool(changed)
