"""The reception act of a work order (migration 0039): its fields, the photos of the damage, each
version as the client was sent it, and the client's confirmations (only added, one per version)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.documents import Stay
from storage.db import Row, Tx, from_db, to_db

FIELDS = ("odometer", "fuel", "damage", "items", "complaint", "stay")


@dataclass(frozen=True)
class Act:
    id: int
    order_id: int
    client_id: int
    odometer: int | None
    fuel: str | None
    damage: str | None
    items: str | None
    complaint: str | None
    stay: Stay | None
    version: int  # the newest version sent to the client (0: none yet)
    changed: bool  # changed since that version was sent


@dataclass(frozen=True)
class Photo:
    id: int
    media: str | None  # <group message id>:<kind>:<file id>; None once erased
    sent_in: int | None


@dataclass(frozen=True)
class Confirmation:
    version: int
    channel: str
    at: datetime


def _act(row: Row) -> Act:
    return Act(row["id"], row["order_id"], row["client_id"], row["odometer"], row["fuel"],
               row["damage"], row["items"], row["complaint"],
               Stay(row["stay"]) if row["stay"] else None, row["version"], bool(row["changed"]))


async def of_order(tx: Tx, order_id: int) -> Act | None:
    row = await tx.one("SELECT * FROM ws_acts WHERE order_id = ?", (order_id,))
    return _act(row) if row else None


async def get(tx: Tx, act_id: int) -> Act | None:
    row = await tx.one("SELECT * FROM ws_acts WHERE id = ?", (act_id,))
    return _act(row) if row else None


async def for_order(tx: Tx, order_id: int, client_id: int, now: datetime) -> Act:
    """The order's act, begun empty if it has none."""
    await tx.execute(
        "INSERT INTO ws_acts (order_id, client_id, created_at, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (order_id) DO NOTHING", (order_id, client_id, to_db(now), to_db(now)),
    )
    act = await of_order(tx, order_id)
    assert act is not None
    return act


async def change(tx: Tx, act_id: int, values: dict[str, object], now: datetime) -> None:
    """Set the named fields (names from FIELDS); the act is changed since it was last sent."""
    assert all(name in FIELDS for name in values), values
    sets = "".join(f"{name} = :{name}, " for name in values)
    await tx.execute(f"UPDATE ws_acts SET {sets}changed = 1, updated_at = :now WHERE id = :id",
                     {**values, "now": to_db(now), "id": act_id})


async def add_photo(tx: Tx, act_id: int, media: str, now: datetime) -> int:
    await tx.execute("UPDATE ws_acts SET changed = 1, updated_at = ? WHERE id = ?",
                     (to_db(now), act_id))
    await tx.insert("INSERT INTO ws_act_photos (act_id, media, at) VALUES (?, ?, ?)",
                    (act_id, media, to_db(now)))
    return int(await tx.scalar("SELECT COUNT(*) FROM ws_act_photos WHERE act_id = ?", (act_id,)))


async def photos(tx: Tx, act_id: int) -> list[Photo]:
    rows = await tx.all("SELECT id, media, sent_in FROM ws_act_photos WHERE act_id = ? ORDER BY id",
                        (act_id,))
    return [Photo(row[0], row[1], row[2]) for row in rows]


async def sent(tx: Tx, act_id: int, text: str, now: datetime) -> int:
    """The act as it is now went to the client: its next version, with these words; the
    photos not sent before went with it."""
    version = int(await tx.scalar("SELECT version + 1 FROM ws_acts WHERE id = ?", (act_id,)))
    await tx.execute("UPDATE ws_acts SET version = ?, changed = 0 WHERE id = ?", (version, act_id))
    await tx.execute("UPDATE ws_act_photos SET sent_in = ? WHERE act_id = ? AND sent_in IS NULL",
                     (version, act_id))
    await tx.insert("INSERT INTO ws_act_versions (act_id, version, text, sent_at) VALUES (?, ?, ?, ?)",
                    (act_id, version, text, to_db(now)))
    return version


async def confirm(tx: Tx, act_id: int, version: int, client_id: int, channel: str,
                  now: datetime) -> bool:
    """The client's confirmation of one version; False if it was confirmed already."""
    return await tx.execute(
        "INSERT INTO ws_act_consents (act_id, version, client_id, channel, at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (act_id, version) DO NOTHING",
        (act_id, version, client_id, channel, to_db(now)),
    ) > 0


async def confirmations(tx: Tx, act_id: int) -> list[Confirmation]:
    rows = await tx.all("SELECT version, channel, at FROM ws_act_consents WHERE act_id = ?"
                        " ORDER BY id", (act_id,))
    return [Confirmation(row[0], row[1], from_db(row[2])) for row in rows]


async def version_text(tx: Tx, act_id: int, version: int) -> str | None:
    """The words of one version as the client was sent it (None once erased)."""
    text = await tx.scalar("SELECT text FROM ws_act_versions WHERE act_id = ? AND version = ?",
                           (act_id, version))
    return str(text) if text is not None else None
