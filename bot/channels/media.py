"""Files passing between channels that cannot copy messages to each other.

A file is kept in the database under an unguessable token and expires. Twilio fetches media
for WhatsApp itself, by URL: the web server serves a kept file at PUBLIC_URL/media/<token>/<name>
until it expires, then answers 404.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from urllib.parse import quote

from aiohttp import hdrs, web
from aiohttp.helpers import content_disposition_header

from bot.clock import Clock
from storage import media as files
from storage.db import Database
from storage.media import MediaFile

MEDIA_PATH = "/media/{token}/{name}"
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")


class MediaStore:
    def __init__(self, db: Database, clock: Clock, public_url: str, ttl: timedelta) -> None:
        self._db = db
        self._clock = clock
        self._public_url = public_url
        self._ttl = ttl

    async def keep(
        self, body: bytes, content_type: str, filename: str, ttl: timedelta | None = None,
        client_id: int | None = None,
    ) -> str:
        """Store a file; returns its token. `client_id`: whose it is (erasure finds it)."""
        token = secrets.token_urlsafe(32)
        now = self._clock.now()
        async with self._db.transaction() as tx:
            await files.put(tx, token, content_type, filename, body, now + (ttl or self._ttl), now,
                            client_id)
        return token

    def url(self, token: str, filename: str) -> str:
        return f"{self._public_url}/media/{token}/{quote(filename or 'file', safe='')}"

    async def load(self, token: str) -> MediaFile | None:
        async with self._db.read() as tx:
            return await files.get(tx, token, self._clock.now())

    def register(self, app: web.Application) -> None:
        app.router.add_get(MEDIA_PATH, self._serve)

    async def _serve(self, request: web.Request) -> web.Response:
        found = await self.load(request.match_info["token"])
        if found is None:
            raise web.HTTPNotFound(text="not found")
        # Served as a download of the type it was stored with, never sniffed or shown as a page
        # of ours (a client's file could be HTML).
        return web.Response(body=found.body, headers={
            hdrs.CONTENT_TYPE: _media_type(found.content_type),
            hdrs.CONTENT_DISPOSITION: content_disposition_header(
                "attachment", filename=found.filename or "file"
            ),
            "X-Content-Type-Options": "nosniff",
        })


def _media_type(stored: str) -> str:
    """The stored type if it is one (`type/subtype`, parameters dropped), else bytes."""
    kind = stored.split(";", 1)[0].strip().lower()
    return kind if _MEDIA_TYPE.fullmatch(kind) else "application/octet-stream"
