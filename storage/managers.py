"""Managers' names, so figures per manager say who, not a Telegram id."""

from __future__ import annotations

from datetime import datetime

from storage.db import Tx, to_db


async def remember(tx: Tx, manager_id: int, name: str, username: str | None, now: datetime) -> None:
    await tx.execute(
        "INSERT INTO managers (id, name, username, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET name = excluded.name, username = excluded.username,"
        " updated_at = excluded.updated_at",
        (manager_id, name, username, to_db(now)),
    )


async def names(tx: Tx) -> dict[int, str]:
    """Every known manager's display name: 'Olga (@olga)' or 'Olga'."""
    rows = await tx.all("SELECT id, name, username FROM managers")
    return {row[0]: f"{row[1]} (@{row[2]})" if row[2] else row[1] for row in rows}


async def find(tx: Tx, name: str) -> tuple[int, str] | None:
    """A manager by @username or by name (case-insensitive, exact): (id, name)."""
    wanted = name.strip().removeprefix("@").casefold()
    rows = await tx.all("SELECT id, name, username FROM managers ORDER BY updated_at DESC")
    for row in rows:
        if wanted in {(row[2] or "").casefold(), row[1].casefold()}:
            return row[0], row[1]
    for row in rows:  # a first name alone: "Olga" for "Olga Smirnova"
        if row[1].casefold().split()[0:1] == [wanted]:
            return row[0], row[1]
    return None


async def set_lead(tx: Tx, client_id: int, manager_id: int, now: datetime) -> bool:
    """Name the client's lead manager; True if that changed (so the client is told once)."""
    changed = await tx.execute(
        "UPDATE clients SET lead_manager_id = ?, lead_told_at = ? WHERE id = ?"
        " AND lead_manager_id IS NOT ?",
        (manager_id, to_db(now), client_id, manager_id),
    )
    return changed > 0
