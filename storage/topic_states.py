"""Clients' topics (issue 26): closed and reopened (/close), and new clients' topics held back
from spam waves until the client has done something a person does, then opened within a budget
a minute (bot/services/desk/topics.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Tx, from_db, to_db

# -- closing ---------------------------------------------------------------------------------


async def close(tx: Tx, client_id: int, manager_id: int, now: datetime) -> bool:
    """Mark the client's topic closed; False if it already was (nothing changes)."""
    # Closed is dealt with: nobody is reminded of the client's unanswered message.
    sql = ("UPDATE clients SET topic_closed_at = ?, topic_closed_by = ?, first_unanswered_at = NULL"
           " WHERE id = ? AND topic_closed_at IS NULL")
    return await tx.execute(sql, (to_db(now), manager_id, client_id)) > 0


async def reopen(tx: Tx, client_id: int) -> bool:
    """Mark the client's topic open again; False if it was not closed."""
    sql = ("UPDATE clients SET topic_closed_at = NULL, topic_closed_by = NULL"
           " WHERE id = ? AND topic_closed_at IS NOT NULL")
    return await tx.execute(sql, (client_id,)) > 0


async def leave_behind(tx: Tx, client_id: int, department: int | None) -> None:
    """The client's closed topic in a group (`department`; None: the home group) is left as it
    is: they get a new topic and card there (their requests' cards are made anew in it). The
    old topic's messages keep their pairs."""
    await tx.execute("UPDATE clients SET topic_closed_at = NULL, topic_closed_by = NULL"
                     " WHERE id = ?", (client_id,))
    if department is not None:
        await tx.execute("DELETE FROM group_topics WHERE client_id = ? AND chat_id = ?",
                         (client_id, department))
        return
    await tx.execute("UPDATE clients SET topic_id = NULL, card_message_id = NULL WHERE id = ?",
                     (client_id,))
    await tx.execute("UPDATE requests SET card_message_id = NULL WHERE client_id = ?", (client_id,))


async def open_count(tx: Tx, department: int | None) -> int:
    """Conversations open in a group (`department`; None: the home group): clients with a topic
    there not closed (banned and erased clients not counted)."""
    live = "topic_closed_at IS NULL AND banned_at IS NULL AND erased_at IS NULL"
    if department is None:
        return int(await tx.scalar(
            f"SELECT COUNT(*) FROM clients WHERE topic_id IS NOT NULL AND {live}") or 0)
    return int(await tx.scalar(
        f"SELECT COUNT(*) FROM group_topics g JOIN clients c ON c.id = g.client_id"
        f" WHERE g.chat_id = ? AND {live}", (department,)) or 0)


# -- new clients' topics held back -----------------------------------------------------------


@dataclass(frozen=True)
class Wait:
    """Where a new client stands on the way to their topic."""

    person_at: datetime | None  # they did something a person does
    wanted_at: datetime | None  # their topic was asked for (they wait for it while not opened)
    opened_at: datetime | None  # their topic was queued


async def wait_of(tx: Tx, client_id: int) -> Wait | None:
    row = await tx.one(
        "SELECT person_at, wanted_at, opened_at FROM topic_waits WHERE client_id = ?",
        (client_id,))
    return Wait(from_db(row[0]), from_db(row[1]), from_db(row[2])) if row else None


async def mark_person(tx: Tx, client_id: int, now: datetime) -> bool:
    """The client did something a person does; True the first time."""
    await tx.execute("INSERT OR IGNORE INTO topic_waits (client_id) VALUES (?)", (client_id,))
    return await tx.execute(
        "UPDATE topic_waits SET person_at = ? WHERE client_id = ? AND person_at IS NULL",
        (to_db(now), client_id)) > 0


async def want(tx: Tx, client_id: int, now: datetime) -> bool:
    """Ask for the client's topic (they join the end of the line); False if already asked."""
    await tx.execute("INSERT OR IGNORE INTO topic_waits (client_id) VALUES (?)", (client_id,))
    return await tx.execute(
        "UPDATE topic_waits SET wanted_at = ? WHERE client_id = ? AND wanted_at IS NULL",
        (to_db(now), client_id)) > 0


async def opened(tx: Tx, client_id: int, now: datetime) -> None:
    await tx.execute("INSERT OR IGNORE INTO topic_waits (client_id) VALUES (?)", (client_id,))
    await tx.execute(
        "UPDATE topic_waits SET opened_at = ?, wanted_at = COALESCE(wanted_at, ?)"
        " WHERE client_id = ?", (to_db(now), to_db(now), client_id))


async def opened_since(tx: Tx, since: datetime) -> int:
    """New topics queued since `since` (the budget's minute)."""
    return int(await tx.scalar(
        "SELECT COUNT(*) FROM topic_waits WHERE opened_at > ?", (to_db(since),)) or 0)


async def waiting(tx: Tx, limit: int) -> list[int]:
    """Clients whose topic was asked for and not opened yet, in the order they asked."""
    rows = await tx.all(
        "SELECT client_id FROM topic_waits WHERE wanted_at IS NOT NULL AND opened_at IS NULL"
        " ORDER BY wanted_at, client_id LIMIT ?", (limit,))
    return [row[0] for row in rows]


async def waiting_count(tx: Tx) -> int:
    return int(await tx.scalar(
        "SELECT COUNT(*) FROM topic_waits WHERE wanted_at IS NOT NULL AND opened_at IS NULL")
        or 0)


async def drop_wait(tx: Tx, client_id: int) -> None:
    """A client who no longer waits (banned, erased): out of the line, their held words gone."""
    await tx.execute("UPDATE topic_waits SET wanted_at = NULL WHERE client_id = ?"
                     " AND opened_at IS NULL", (client_id,))
    await tx.execute("DELETE FROM held_messages WHERE client_id = ?", (client_id,))


async def hold(tx: Tx, client_id: int, kind: str, payload: dict[str, Any], now: datetime) -> None:
    await tx.execute(
        "INSERT INTO held_messages (client_id, kind, payload, created_at) VALUES (?, ?, ?, ?)",
        (client_id, kind, json.dumps(payload, ensure_ascii=False), to_db(now)))


async def last_held_at(tx: Tx, client_id: int) -> datetime | None:
    return from_db(await tx.scalar(
        "SELECT MAX(created_at) FROM held_messages WHERE client_id = ?", (client_id,)))


async def held_count(tx: Tx, client_id: int) -> int:
    return int(await tx.scalar(
        "SELECT COUNT(*) FROM held_messages WHERE client_id = ?", (client_id,)) or 0)


async def take_held(tx: Tx, client_id: int) -> list[tuple[str, dict[str, Any]]]:
    """The client's held items in the order written, removed."""
    rows = await tx.all(
        "SELECT kind, payload FROM held_messages WHERE client_id = ? ORDER BY id", (client_id,))
    await tx.execute("DELETE FROM held_messages WHERE client_id = ?", (client_id,))
    return [(row[0], json.loads(row[1])) for row in rows]


async def announce_wave(tx: Tx, now: datetime) -> bool:
    """True once per wave: the first call since the line was last empty."""
    return await tx.execute(
        "INSERT OR IGNORE INTO topic_wave (id, announced_at) VALUES (1, ?)", (to_db(now),)) > 0


async def in_wave(tx: Tx) -> bool:
    return await tx.scalar("SELECT COUNT(*) FROM topic_wave") != 0


async def wave_over(tx: Tx) -> None:
    await tx.execute("DELETE FROM topic_wave")
