"""WhatsApp messages (by Twilio MessageSid), numbered options and templates sent."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Tx, from_db, to_db

# Twilio's statuses of a message that did not reach the client (a failure is reported once).
FAILED = ("failed", "undelivered")


@dataclass(frozen=True)
class WaMessage:
    id: int
    sid: str
    direction: str
    client_id: int | None
    params: dict[str, str]
    status: str | None


async def accept_inbound(
    tx: Tx, sid: str, chat_id: str, params: dict[str, str], now: datetime
) -> int | None:
    """Record an incoming message; None when this MessageSid was seen before. From this
    moment the client's 24-hour window is open."""
    changed = await tx.execute(
        "INSERT OR IGNORE INTO wa_messages (sid, direction, chat_id, params, created_at,"
        " updated_at) VALUES (?, 'in', ?, ?, ?, ?)",
        (sid, chat_id, json.dumps(params, ensure_ascii=False), to_db(now), to_db(now)),
    )
    if not changed:
        return None
    return await tx.scalar("SELECT id FROM wa_messages WHERE sid = ?", (sid,))


async def unprocessed(tx: Tx, due_at: datetime | None = None) -> list[WaMessage]:
    """Incoming messages not handled yet, dead letters aside; with `due_at`, only those not
    waiting for a later retry."""
    rows = await tx.all(
        "SELECT * FROM wa_messages WHERE direction = 'in' AND processed_at IS NULL"
        " AND dead_at IS NULL AND (:due IS NULL OR retry_at IS NULL OR retry_at <= :due)"
        " ORDER BY id",
        {"due": to_db(due_at) if due_at else None},
    )
    return [
        WaMessage(row["id"], row["sid"], row["direction"], row["client_id"],
                  json.loads(row["params"] or "{}"), row["status"])
        for row in rows
    ]


async def inbound(tx: Tx, message_id: int) -> WaMessage | None:
    """One incoming message, if it is still to be handled (not handled, not a dead letter)."""
    row = await tx.one(
        "SELECT * FROM wa_messages WHERE id = ? AND direction = 'in' AND processed_at IS NULL"
        " AND dead_at IS NULL",
        (message_id,),
    )
    if row is None:
        return None
    return WaMessage(row["id"], row["sid"], row["direction"], row["client_id"],
                     json.loads(row["params"] or "{}"), row["status"])


async def processed(tx: Tx, message_id: int, client_id: int | None, now: datetime) -> None:
    """Handled: the form is dropped (it held the client's text) and the client remembered."""
    await tx.execute(
        "UPDATE wa_messages SET processed_at = ?, client_id = ?, params = NULL, updated_at = ?"
        " WHERE id = ?",
        (to_db(now), client_id, to_db(now), message_id),
    )


async def failed(tx: Tx, message_id: int) -> int:
    """Handling failed once more; how many attempts have failed so far."""
    return await tx.scalar(
        "UPDATE wa_messages SET attempts = attempts + 1 WHERE id = ? RETURNING attempts",
        (message_id,),
    )


async def retry_at(tx: Tx, message_id: int, when: datetime) -> None:
    await tx.execute("UPDATE wa_messages SET retry_at = ? WHERE id = ?", (to_db(when), message_id))


async def bury(tx: Tx, message_id: int, now: datetime) -> bool:
    """The last attempt failed: the message (its form) stays as a dead letter, told once."""
    return bool(await tx.execute(
        "UPDATE wa_messages SET dead_at = ?, updated_at = ? WHERE id = ? AND dead_at IS NULL",
        (to_db(now), to_db(now), message_id),
    ))


async def record_outbound(
    tx: Tx, sid: str, client_id: int, chat_id: str, status: str, now: datetime
) -> int:
    await tx.execute(
        "INSERT OR IGNORE INTO wa_messages (sid, direction, client_id, chat_id, status,"
        " created_at, updated_at) VALUES (?, 'out', ?, ?, ?, ?, ?)",
        (sid, client_id, chat_id, status, to_db(now), to_db(now)),
    )
    return await tx.scalar("SELECT id FROM wa_messages WHERE sid = ?", (sid,))


async def id_for_sid(tx: Tx, sid: str) -> int | None:
    return await tx.scalar("SELECT id FROM wa_messages WHERE sid = ?", (sid,))


async def set_status(
    tx: Tx, sid: str, status: str, error_code: str | None, now: datetime
) -> tuple[int, int] | None:
    """Update an outgoing message's delivery state; (message id, client id) when it changed to
    a failure for the first time, so a failure is reported once however often Twilio calls."""
    row = await tx.one(
        "SELECT id, client_id, status FROM wa_messages WHERE sid = ? AND direction = 'out'", (sid,)
    )
    if row is None:
        return None
    already_failed = row["status"] in FAILED
    await tx.execute(
        "UPDATE wa_messages SET status = ?, error_code = COALESCE(?, error_code), updated_at = ?"
        " WHERE id = ? AND status NOT IN (?, ?)",
        (status, error_code, to_db(now), row["id"], *FAILED),
    )
    if status in FAILED and not already_failed:
        return row["id"], row["client_id"]
    return None


async def last_inbound_at(tx: Tx, chat_id: str) -> datetime | None:
    """When the client last wrote: WhatsApp's 24-hour window counts from here."""
    return from_db(await tx.scalar(
        "SELECT MAX(created_at) FROM wa_messages WHERE chat_id = ? AND direction = 'in'",
        (chat_id,),
    ))


async def save_options(
    tx: Tx, client_id: int, message_id: int, options: list[dict[str, Any]], now: datetime
) -> None:
    await tx.execute(
        "INSERT INTO wa_options (client_id, message_id, options, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (client_id) DO UPDATE SET message_id = excluded.message_id,"
        " options = excluded.options, created_at = excluded.created_at",
        (client_id, message_id, json.dumps(options, ensure_ascii=False), to_db(now)),
    )


async def options(tx: Tx, client_id: int) -> tuple[int, list[dict[str, Any]]] | None:
    row = await tx.one("SELECT message_id, options FROM wa_options WHERE client_id = ?", (client_id,))
    return (row["message_id"], json.loads(row["options"])) if row else None


async def clear_options(tx: Tx, client_id: int, message_id: int) -> None:
    await tx.execute(
        "DELETE FROM wa_options WHERE client_id = ? AND message_id = ?", (client_id, message_id)
    )


async def drop_options(tx: Tx, client_id: int) -> None:
    await tx.execute("DELETE FROM wa_options WHERE client_id = ?", (client_id,))


async def template_sent(tx: Tx, client_id: int, kind: str, now: datetime) -> None:
    await tx.execute(
        "INSERT INTO wa_templates (client_id, kind, created_at) VALUES (?, ?, ?)",
        (client_id, kind, to_db(now)),
    )


async def last_template_at(tx: Tx, client_id: int) -> datetime | None:
    return from_db(await tx.scalar(
        "SELECT MAX(created_at) FROM wa_templates WHERE client_id = ?", (client_id,)
    ))
