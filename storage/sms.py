"""Numbers that said STOP: no SMS goes to them until they say START."""

from __future__ import annotations

from datetime import datetime

from storage.db import Tx, to_db


async def stop(tx: Tx, number: str, client_id: int | None, word: str, now: datetime) -> bool:
    """Record the opt-out; False when the number was already stopped (told once)."""
    changed = await tx.execute(
        "INSERT OR IGNORE INTO sms_optouts (number, client_id, word, stopped_at)"
        " VALUES (?, ?, ?, ?)",
        (number, client_id, word[:20], to_db(now)),
    )
    return changed > 0


async def start(tx: Tx, number: str) -> bool:
    """Lift the opt-out; False when there was none."""
    return await tx.execute("DELETE FROM sms_optouts WHERE number = ?", (number,)) > 0


async def stopped(tx: Tx, number: str) -> bool:
    return bool(await tx.scalar("SELECT 1 FROM sms_optouts WHERE number = ?", (number,)))
