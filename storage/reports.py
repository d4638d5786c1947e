"""Inspection reports, their photos, and what the client said about each."""

from __future__ import annotations

import json
from datetime import datetime

from domain import InspectionReport, Media
from storage.db import Row, Tx, from_db, to_db


def _report(row: Row) -> InspectionReport:
    return InspectionReport(
        id=row["id"],
        request_id=row["request_id"],
        title=row["title"],
        fields=[(label, value) for label, value in json.loads(row["fields"])],
        merits=json.loads(row["merits"]),
        flaws=json.loads(row["flaws"]),
        verdict=row["verdict"],
        reaction=row["reaction"],
        sent_at=from_db(row["sent_at"]),
        created_at=from_db(row["created_at"]),
    )


async def create(
    tx: Tx,
    request_id: int,
    report: InspectionReport,
    author_id: int,
    source_message: int,
    media_group: str | None,
    now: datetime,
) -> int:
    return await tx.insert(
        "INSERT INTO reports (request_id, title, fields, merits, flaws, verdict, author_id,"
        " source_message, media_group, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            request_id,
            report.title,
            json.dumps(report.fields, ensure_ascii=False),
            json.dumps(report.merits, ensure_ascii=False),
            json.dumps(report.flaws, ensure_ascii=False),
            report.verdict,
            author_id,
            source_message,
            media_group,
            to_db(now),
        ),
    )


async def get(tx: Tx, report_id: int) -> InspectionReport | None:
    row = await tx.one("SELECT * FROM reports WHERE id = ?", (report_id,))
    return _report(row) if row else None


async def for_request(tx: Tx, request_id: int) -> list[InspectionReport]:
    rows = await tx.all("SELECT * FROM reports WHERE request_id = ? ORDER BY id", (request_id,))
    return [_report(row) for row in rows]


async def collecting(tx: Tx, request_id: int, media_group: str | None) -> InspectionReport | None:
    """The report still gathering photos: the album's own, or the newest one not yet sent."""
    if media_group is not None:
        row = await tx.one(
            "SELECT * FROM reports WHERE request_id = ? AND media_group = ?",
            (request_id, media_group),
        )
        if row is not None:
            return _report(row)
    row = await tx.one(
        "SELECT * FROM reports WHERE request_id = ? AND sent_at IS NULL ORDER BY id DESC LIMIT 1",
        (request_id,),
    )
    return _report(row) if row else None


async def add_media(
    tx: Tx, report_id: int, group_message_id: int, now: datetime, file: Media | None = None
) -> None:
    await tx.execute(
        "INSERT OR IGNORE INTO report_media (report_id, group_message_id, created_at, kind,"
        " file_id) VALUES (?, ?, ?, ?, ?)",
        (report_id, group_message_id, to_db(now), file.kind if file else None,
         file.ref if file else None),
    )


async def media_files(tx: Tx, report_id: int) -> list[Media]:
    """The report's photos and documents as files, for channels that cannot copy messages."""
    rows = await tx.all(
        "SELECT kind, file_id FROM report_media WHERE report_id = ? AND file_id IS NOT NULL"
        " ORDER BY group_message_id",
        (report_id,),
    )
    return [Media(kind=row[0], ref=row[1]) for row in rows]


async def media(tx: Tx, report_id: int) -> list[int]:
    rows = await tx.all(
        "SELECT group_message_id FROM report_media WHERE report_id = ? ORDER BY group_message_id",
        (report_id,),
    )
    return [row[0] for row in rows]


async def mark_sent(tx: Tx, report_id: int, now: datetime) -> None:
    await tx.execute(
        "UPDATE reports SET sent_at = COALESCE(sent_at, ?) WHERE id = ?", (to_db(now), report_id)
    )


async def react(tx: Tx, report_id: int, reaction: str, now: datetime) -> None:
    await tx.execute(
        "UPDATE reports SET reaction = ?, reaction_at = ? WHERE id = ?",
        (reaction, to_db(now), report_id),
    )
    await add_reply(tx, report_id, reaction, None, now)


async def add_reply(tx: Tx, report_id: int, kind: str, text: str | None, now: datetime) -> None:
    await tx.execute(
        "INSERT INTO report_replies (report_id, kind, text, created_at) VALUES (?, ?, ?, ?)",
        (report_id, kind, text, to_db(now)),
    )


async def impressions(tx: Tx, report_id: int) -> list[str]:
    rows = await tx.all(
        "SELECT text FROM report_replies WHERE report_id = ? AND text IS NOT NULL ORDER BY id",
        (report_id,),
    )
    return [row[0] for row in rows]


async def set_price(tx: Tx, report_id: int, price: int | None, budget: int | None,
                    reason: str | None, held: bool) -> None:
    """The price read from the report, the client's budget then, the manager's reason for a
    price over it; `held`: it waits for that reason before it goes."""
    await tx.execute(
        "UPDATE reports SET price = ?, budget = ?, over_reason = ?, held = ? WHERE id = ?",
        (price, budget, reason, int(held), report_id),
    )


async def price_of(tx: Tx, report_id: int) -> tuple[int | None, int | None, str | None]:
    """(price, budget, reason) of a report, as set_price stored them."""
    row = await tx.one("SELECT price, budget, over_reason FROM reports WHERE id = ?", (report_id,))
    return (row[0], row[1], row[2]) if row else (None, None, None)


async def newest_held(tx: Tx, request_id: int) -> InspectionReport | None:
    """The newest report of the request waiting for a reason for its price."""
    row = await tx.one("SELECT * FROM reports WHERE request_id = ? AND held = 1"
                       " ORDER BY id DESC LIMIT 1", (request_id,))
    return _report(row) if row else None


async def release(tx: Tx, report_id: int, reason: str) -> None:
    await tx.execute("UPDATE reports SET held = 0, over_reason = ? WHERE id = ?", (reason, report_id))
