"""Files passing between channels, kept until they expire."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Tx, to_db


@dataclass(frozen=True)
class MediaFile:
    token: str
    content_type: str
    filename: str
    body: bytes


async def put(
    tx: Tx, token: str, content_type: str, filename: str, body: bytes, expires_at: datetime,
    now: datetime, client_id: int | None = None,
) -> None:
    await tx.execute("DELETE FROM media_files WHERE expires_at <= ?", (to_db(now),))
    await tx.execute(
        "INSERT INTO media_files (token, content_type, filename, body, expires_at, created_at,"
        " client_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (token, content_type, filename, body, to_db(expires_at), to_db(now), client_id),
    )


async def get(tx: Tx, token: str, now: datetime) -> MediaFile | None:
    """The file, unless it is unknown or expired."""
    row = await tx.one(
        "SELECT token, content_type, filename, body FROM media_files"
        " WHERE token = ? AND expires_at > ?",
        (token, to_db(now)),
    )
    return MediaFile(row[0], row[1], row[2], bytes(row[3])) if row else None
