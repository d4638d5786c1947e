"""An accepted WhatsApp message as the services take it: its attachments fetched from Twilio
(read to their end, within MEDIA_LIMIT) and kept for the topic, a location as a link, a reply
found by its SID."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta

from bot.channels.media import MediaStore
from bot.channels.whatsapp.twilio_api import MediaTooLarge, TwilioApi
from bot.i18n import Translator
from domain import Inbound, Media
from storage import whatsapp as wa
from storage.db import Database

log = logging.getLogger(__name__)

MEDIA_LIMIT_MB = 20  # what a bot may pass on through Telegram
MEDIA_LIMIT = MEDIA_LIMIT_MB * 1024 * 1024
INBOUND_MEDIA_TTL = timedelta(days=7)  # until it is uploaded to the topic


class MessageReader:
    def __init__(
        self, db: Database, translate: Translator, api: TwilioApi, media: MediaStore
    ) -> None:
        self._db = db
        self._t = translate
        self._api = api
        self._media = media

    async def read(
        self, message_id: int, form: Mapping[str, str], text: str, media_count: int
    ) -> tuple[Inbound, bool]:
        lang = self._t.default_language
        files: list[Media] = []
        too_large = False
        for index in range(media_count):
            url = form.get(f"MediaUrl{index}", "")
            content_type = form.get(f"MediaContentType{index}", "application/octet-stream")
            try:
                body, content_type = await self._api.fetch_media(url, MEDIA_LIMIT)
            except MediaTooLarge:  # the topic is told here, the client by the router
                log.info("a WhatsApp attachment over %d MB was refused", MEDIA_LIMIT_MB)
                note = self._t(lang, "wa-media-too-large", mb=MEDIA_LIMIT_MB)
                text, too_large = f"{text}\n{note}".strip(), True
                continue
            except Exception as error:  # the text still reaches the manager, with a note
                log.warning("could not fetch media %s of a WhatsApp message: %s", index,
                            type(error).__name__)
                text = f"{text}\n{self._t(lang, 'wa-media-failed')}".strip()
                continue
            kind = _kind(content_type)
            name = f"{kind}-{index + 1}{_extension(content_type)}"
            token = await self._media.keep(body, content_type, name, INBOUND_MEDIA_TTL)
            files.append(Media(kind, token, name, content_type))
        kind = files[0].kind if files else "text"
        if form.get("Latitude") and form.get("Longitude"):
            kind = "location"
            place = form.get("Label") or form.get("Address") or ""
            link = f"https://maps.google.com/?q={form['Latitude']},{form['Longitude']}"
            text = "\n".join(part for part in (f"📍 {place}".strip(), link, text) if part)
        if not text and not files:
            text = self._t(lang, "wa-unsupported")
        async with self._db.read() as tx:
            replied = form.get("OriginalRepliedMessageSid")
            reply_to = await wa.id_for_sid(tx, replied) if replied else None
        inbound = Inbound(kind=kind, message_id=message_id, text=text or None,
                          reply_to=reply_to, media=tuple(files))
        return inbound, too_large


def _kind(content_type: str) -> str:
    major = content_type.split("/")[0]
    return {"image": "photo", "video": "video", "audio": "voice"}.get(major, "document")


def _extension(content_type: str) -> str:
    known = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp",
             "video/mp4": ".mp4", "audio/ogg": ".ogg", "audio/mpeg": ".mp3",
             "application/pdf": ".pdf"}
    return known.get(content_type.split(";")[0].strip(), "")
