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
