"""How clients heard of us (`requests.lead_source`, migration 0037), and the figures by it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Tx, to_db


@dataclass(frozen=True)
class SourceFigures:
    source: str  # '' for requests without one
    requests: int  # made in the period
    deals: int  # of those, handed over by now
    answered: int  # surveys with a recommendation score completed in the period
    promoters: int
    detractors: int


async def set_source(tx: Tx, request_id: int, source: str | None) -> None:
    await tx.execute("UPDATE requests SET lead_source = ? WHERE id = ?", (source, request_id))


async def source_of(tx: Tx, request_id: int) -> str | None:
    return await tx.scalar("SELECT lead_source FROM requests WHERE id = ?", (request_id,))


async def earlier(tx: Tx, client_id: int, request_id: int) -> str | None:
    """The source a client's earlier request gave (a returning client is not asked again)."""
    return await tx.scalar(
        "SELECT lead_source FROM requests WHERE client_id = ? AND id < ? AND lead_source IS NOT NULL"
        " ORDER BY id DESC LIMIT 1", (client_id, request_id))


async def asked_before(tx: Tx, client_id: int, request_id: int) -> bool:
    return bool(await tx.scalar("SELECT 1 FROM requests WHERE client_id = ? AND id < ?",
                                (client_id, request_id)))


async def figures(tx: Tx, start: datetime, end: datetime) -> list[SourceFigures]:
    """Requests made in [start, end) and how many of them were handed over, and the NPS answers
    of surveys completed then, by source (most requests first)."""
    window = {"start": to_db(start), "end": to_db(end)}
    made = {row[0]: (row[1], row[2]) for row in await tx.all(
        "SELECT COALESCE(lead_source, ''), COUNT(*), COUNT(handed_over_at) FROM requests"
        " WHERE created_at >= :start AND created_at < :end GROUP BY 1", window)}
    scored = {row[0]: (row[1], row[2], row[3]) for row in await tx.all(
        "SELECT COALESCE(r.lead_source, ''), COUNT(*), SUM(s.nps >= 9), SUM(s.nps <= 6)"
        " FROM surveys s JOIN requests r ON r.id = s.request_id WHERE s.nps IS NOT NULL"
        " AND s.completed_at >= :start AND s.completed_at < :end GROUP BY 1", window)}
    found = [SourceFigures(source, *made.get(source, (0, 0)), *scored.get(source, (0, 0, 0)))
             for source in set(made) | set(scored)]
    return sorted(found, key=lambda f: (f.source == "", -f.requests, f.source))
