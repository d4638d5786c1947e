"""A work order's quality check before release (tables `ws_qc_items`, `ws_qc_ticks`,
`ws_qc_waivers`, migration 0040): its items as QC_CHECKS stood when the check began, every tick
and untick with who and when (append-only), and the reasons an order was released with items
open. `items` is what the bill shows: each item, ticked or not, by whom (named) and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Tx, from_db, to_db


@dataclass(frozen=True)
class QualityItem:
    order_id: int
    position: int  # 1, 2, … as managers see them
    item: str  # a code of the default list (named in the reader's language) or the firm's words
    checked_at: datetime | None  # the tick in force, if any
    checked_by: int | None  # the manager (Telegram id) who ticked it
    checked_by_name: str | None  # their name as the group knows it ('Olga (@olga)'), if known

    @property
    def checked(self) -> bool:
        return self.checked_at is not None


@dataclass(frozen=True)
class Tick:
    position: int
    checked: bool  # False: the tick taken back
    manager_id: int
    at: datetime


@dataclass(frozen=True)
class Waiver:
    order_id: int
    manager_id: int
    open_items: str
    reason: str
    at: datetime


async def items(tx: Tx, order_id: int) -> list[QualityItem]:
    """The order's check, each item with the tick in force (its newest record, if a tick)."""
    rows = await tx.all(
        "SELECT i.position, i.item, t.checked, t.manager_id, t.at, m.name, m.username"
        " FROM ws_qc_items i LEFT JOIN ws_qc_ticks t ON t.id = (SELECT MAX(id) FROM ws_qc_ticks"
        "   WHERE order_id = i.order_id AND position = i.position)"
        " LEFT JOIN managers m ON m.id = t.manager_id"
        " WHERE i.order_id = ? ORDER BY i.position", (order_id,))
    found = []
    for r in rows:
        ticked = bool(r["checked"])
        name = (f"{r['name']} (@{r['username']})" if r["username"] else r["name"]) if r["name"] else None
        found.append(QualityItem(order_id, r["position"], r["item"],
                                 from_db(r["at"]) if ticked else None,
                                 r["manager_id"] if ticked else None, name if ticked else None))
    return found


async def begin(tx: Tx, order_id: int, names: tuple[str, ...]) -> list[QualityItem]:
    """The order's check, made from `names` the first time it is needed (an order keeps the list
    it began with)."""
    if not await tx.scalar("SELECT 1 FROM ws_qc_items WHERE order_id = ?", (order_id,)):
        for position, name in enumerate(names, 1):
            await tx.execute("INSERT INTO ws_qc_items (order_id, position, item) VALUES (?, ?, ?)"
                             " ON CONFLICT DO NOTHING", (order_id, position, name))
    return await items(tx, order_id)


async def tick(tx: Tx, order_id: int, position: int, checked: bool, manager_id: int,
               now: datetime) -> None:
    """Record a tick (or its taking back): a new row, never a change to an old one."""
    await tx.insert(
        "INSERT INTO ws_qc_ticks (order_id, position, checked, manager_id, at) VALUES (?, ?, ?, ?, ?)",
        (order_id, position, int(checked), manager_id, to_db(now)))


async def ticks(tx: Tx, order_id: int) -> list[Tick]:
    """Every tick and untick of the order's check, oldest first."""
    rows = await tx.all("SELECT position, checked, manager_id, at FROM ws_qc_ticks"
                        " WHERE order_id = ? ORDER BY id", (order_id,))
    return [Tick(r[0], bool(r[1]), r[2], from_db(r[3])) for r in rows]


async def waive(tx: Tx, order_id: int, manager_id: int, open_items: str, reason: str,
                now: datetime) -> None:
    await tx.insert(
        "INSERT INTO ws_qc_waivers (order_id, manager_id, open_items, reason, at)"
        " VALUES (?, ?, ?, ?, ?)", (order_id, manager_id, open_items, reason, to_db(now)))


async def waivers(tx: Tx, order_id: int) -> list[Waiver]:
    rows = await tx.all("SELECT manager_id, open_items, reason, at FROM ws_qc_waivers"
                        " WHERE order_id = ? ORDER BY id", (order_id,))
    return [Waiver(order_id, r[0], r[1], r[2], from_db(r[3])) for r in rows]
