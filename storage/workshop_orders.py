"""The workshop's work orders: their lines, the consent record of every decision, promised times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.workshop import (
    DecidedBy,
    Decision,
    DeclineReason,
    ExtraPolicy,
    LineOrigin,
    LineStatus,
    OrderStatus,
)
from storage.db import Row, Tx, from_db, to_db


@dataclass(frozen=True)
class Order:
    id: int
    client_id: int
    booking_id: int | None
    title: str | None
    opened_at: datetime
    sent_at: datetime | None
    promised_at: datetime | None
    first_promised_at: datetime | None
    extra_policy: ExtraPolicy
    extra_limit: int | None
    status: OrderStatus
    closed_at: datetime | None
    advice: str | None
    version: int  # 1 as first sent, one more for each line added after (see 0018)
    mechanic: str | None = None  # who does the work (`/mech`, 0041)


@dataclass(frozen=True)
class Line:
    id: int
    order_id: int
    position: int
    title: str
    price: int
    origin: LineOrigin
    status: LineStatus
    decided_by: DecidedBy | None
    reason: DeclineReason | None
    later: str | None
    media: str | None  # the manager's message (in the group) with the defect's photo
    norm_minutes: int | None = None  # norm hours of the work, when the line names them (0038)
    code: str | None = None  # the price list's code it was named by (0041)
    labour: int | None = None  # the price split (0041); None: written as one price
    parts: int | None = None
    mechanic: str | None = None  # who does this line, when not the order's mechanic (0041)


def _order(row: Row) -> Order:
    return Order(row["id"], row["client_id"], row["booking_id"], row["title"],
                 from_db(row["opened_at"]), from_db(row["sent_at"]),
                 from_db(row["promised_at"]), from_db(row["first_promised_at"]),
                 ExtraPolicy(row["extra_policy"]), row["extra_limit"], OrderStatus(row["status"]),
                 from_db(row["closed_at"]), row["advice"], row["version"], row["mechanic"])


def _line(row: Row) -> Line:
    return Line(row["id"], row["order_id"], row["position"], row["title"], row["price"],
                LineOrigin(row["origin"]), LineStatus(row["status"]),
                DecidedBy(row["decided_by"]) if row["decided_by"] else None,
                DeclineReason(row["reason"]) if row["reason"] else None,
                row["later"], row["media"], row["norm_minutes"], row["code"], row["labour"],
                row["parts"], row["mechanic"])


async def open_order(tx: Tx, client_id: int, booking_id: int | None, now: datetime) -> int:
    return await tx.insert(
        "INSERT INTO ws_orders (client_id, booking_id, opened_at) VALUES (?, ?, ?)",
        (client_id, booking_id, to_db(now)),
    )


async def order(tx: Tx, order_id: int) -> Order | None:
    row = await tx.one("SELECT * FROM ws_orders WHERE id = ?", (order_id,))
    return _order(row) if row else None


async def current_order(tx: Tx, client_id: int) -> Order | None:
    """The client's work order not yet done."""
    row = await tx.one(
        "SELECT * FROM ws_orders WHERE client_id = ? AND status != 'done' ORDER BY id DESC LIMIT 1",
        (client_id,),
    )
    return _order(row) if row else None


async def send_order(tx: Tx, order_id: int, title: str, promised_at: datetime | None,
                     policy: ExtraPolicy, limit: int | None, now: datetime) -> None:
    promised = to_db(promised_at) if promised_at else None
    await tx.execute(
        "UPDATE ws_orders SET title = ?, promised_at = ?, first_promised_at = ?,"
        " extra_policy = ?, extra_limit = ?, status = 'sent', sent_at = ? WHERE id = ?",
        (title, promised, promised, policy, limit, to_db(now), order_id),
    )


async def add_line(tx: Tx, order_id: int, title: str, price: int, origin: LineOrigin,
                   media: str | None = None, *, norm_minutes: int | None = None,
                   code: str | None = None, labour: int | None = None,
                   parts: int | None = None) -> int:
    """`labour` and `parts`, when given, add up to `price` (the total the client approves)."""
    position = await tx.scalar(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM ws_lines WHERE order_id = ?", (order_id,)
    )
    if origin == LineOrigin.EXTRA:  # the order the client saw is no longer the order
        await tx.execute("UPDATE ws_orders SET version = version + 1 WHERE id = ?", (order_id,))
    return await tx.insert(
        "INSERT INTO ws_lines (order_id, position, title, price, origin, media, norm_minutes, code,"
        " labour, parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (order_id, position, title, price, origin, media, norm_minutes, code, labour, parts),
    )


async def lines(tx: Tx, order_id: int) -> list[Line]:
    rows = await tx.all("SELECT * FROM ws_lines WHERE order_id = ? ORDER BY position", (order_id,))
    return [_line(row) for row in rows]


async def line(tx: Tx, line_id: int) -> Line | None:
    row = await tx.one("SELECT * FROM ws_lines WHERE id = ?", (line_id,))
    return _line(row) if row else None


async def decide(tx: Tx, line: Line, client_id: int, decision: Decision, by: DecidedBy,
                 channel: str, via: str, now: datetime, version: int | None = None) -> None:
    """The line's state and its consent record, in one step; `version`: of the order the
    client saw when deciding (an "approve all" carries it)."""
    await tx.execute(
        "UPDATE ws_lines SET status = ?, decided_by = ?, reason = NULL, later = NULL WHERE id = ?",
        (decision.status, by, line.id),
    )
    await tx.insert(
        "INSERT INTO ws_consents (line_id, client_id, decision, price, channel, via, at,"
        " order_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (line.id, client_id, decision, line.price, channel, via, to_db(now), version),
    )


async def set_mechanic(tx: Tx, order_id: int, mechanic: str | None) -> None:
    await tx.execute("UPDATE ws_orders SET mechanic = ? WHERE id = ?", (mechanic, order_id))


async def set_line_mechanic(tx: Tx, line_id: int, mechanic: str | None) -> None:
    """The line's own mechanic; None: the order's does it."""
    await tx.execute("UPDATE ws_lines SET mechanic = ? WHERE id = ?", (mechanic, line_id))


async def set_reason(tx: Tx, line_id: int, reason: DeclineReason, later: str | None = None) -> None:
    await tx.execute("UPDATE ws_lines SET reason = ?, later = ? WHERE id = ?", (reason, later, line_id))


async def consents(tx: Tx, order_id: int) -> list[tuple[int, str, int, str, str, datetime]]:
    """(position, decision, price, channel, via, at) of every decision on the order's lines."""
    rows = await tx.all(
        "SELECT l.position, c.decision, c.price, c.channel, c.via, c.at FROM ws_consents c"
        " JOIN ws_lines l ON l.id = c.line_id WHERE l.order_id = ? ORDER BY c.id", (order_id,),
    )
    return [(r[0], r[1], r[2], r[3], r[4], from_db(r[5])) for r in rows]


async def move_promise(tx: Tx, order_id: int, old: datetime | None, new: datetime,
                       reason: str, now: datetime) -> None:
    await tx.execute("UPDATE ws_orders SET promised_at = ? WHERE id = ?", (to_db(new), order_id))
    await tx.insert(
        "INSERT INTO ws_promises (order_id, old_at, new_at, reason, at) VALUES (?, ?, ?, ?, ?)",
        (order_id, to_db(old) if old else None, to_db(new), reason, to_db(now)),
    )


async def close_order(tx: Tx, order_id: int, advice: str | None, now: datetime) -> bool:
    return await tx.execute(
        "UPDATE ws_orders SET status = 'done', closed_at = ?, advice = ?"
        " WHERE id = ? AND status != 'done'", (to_db(now), advice, order_id),
    ) > 0


async def latest_order(tx: Tx, client_id: int) -> Order | None:
    """The client's newest work order, whatever its state (what a payment is recorded on)."""
    row = await tx.one("SELECT * FROM ws_orders WHERE client_id = ? ORDER BY id DESC LIMIT 1",
                       (client_id,))
    return _order(row) if row else None
