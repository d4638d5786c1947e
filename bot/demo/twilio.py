"""Twilio, served inside the demo's process: its REST API for the bot, and a WhatsApp client's
phone for the page.

Outbound: the bot's Twilio client (pointed here by TWILIO_API_URL) creates Messages with Basic
auth, as with api.twilio.com; like Twilio, the stand-in then fetches each MediaUrl from the
bot's web server and reports the message's states (sent, delivered) to its StatusCallback,
signed. Inbound: what the page's WhatsApp client writes is posted to the bot's webhook as a
signed form, its attachments at media URLs that need the account's credentials.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import logging
from collections.abc import Callable
from typing import Any

import aiohttp
from aiohttp import web
from twilio.request_validator import RequestValidator

from bot.clock import Clock
from bot.demo.files import FileStore, StoredFile

log = logging.getLogger(__name__)
API = "/2010-04-01/Accounts"
INCOMING = "/twilio/whatsapp"  # where the bot's webhook listens (bot/channels/whatsapp/webhook.py)

Publish = Callable[[dict[str, Any]], None]


class TwilioStandIn:
    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        sender: str,
        clock: Clock,
        publish: Publish,
        webhook_base: str,
    ) -> None:
        self.account_sid = account_sid
        self._token = auth_token
        self.sender = sender
        self._clock = clock
        self._publish = publish
        self._webhook_base = webhook_base  # the bot's PUBLIC_URL (its web server, here local)
        self._validator = RequestValidator(auth_token)
        self.files = FileStore("ME")
        self.messages: list[dict[str, Any]] = []  # both ways, as the page shows them
        self._sids = itertools.count(1)
        self._base = ""  # this server's URL, for the media URLs of inbound messages
        self._session: aiohttp.ClientSession | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    def register(self, app: web.Application, prefix: str, base: str) -> None:
        self._base = base + prefix
        app.router.add_get(prefix + API + "/{sid}.json", self._account)
        app.router.add_post(prefix + API + "/{sid}/Messages.json", self._create)
        app.router.add_get(prefix + API + "/{sid}/Messages/{msg}/Media/{media}", self._media)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._session is not None:
            await self._session.close()

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15))
        return self._session

    # -- the page's WhatsApp client ---------------------------------------------------------

    async def client_says(
        self, number: str, profile: str, body: str, media: list[StoredFile]
    ) -> int:
        """Post what the client wrote to the bot's webhook, as Twilio does; the HTTP status."""
        sid = f"SM{next(self._sids):032x}"
        form = {
            "MessageSid": sid, "SmsMessageSid": sid, "AccountSid": self.account_sid,
            "From": number, "To": self.sender, "Body": body, "NumMedia": str(len(media)),
            "ProfileName": profile, "WaId": number.removeprefix("whatsapp:+"),
            "SmsStatus": "received", "NumSegments": "1", "ApiVersion": "2010-04-01",
        }
        shown = []
        for index, stored in enumerate(media):
            messages = f"{self._base}{API}/{self.account_sid}/Messages"
            form[f"MediaUrl{index}"] = f"{messages}/{sid}/Media/{stored.file_id}"
            form[f"MediaContentType{index}"] = stored.mime
            shown.append({"file_id": stored.file_id, "mime": stored.mime, "name": stored.name})
        self._show({"sid": sid, "direction": "in", "address": number, "body": body, "media": shown})
        return await self._post(self._webhook_base + INCOMING, form)

    async def _post(self, url: str, form: dict[str, str]) -> int:
        signature = self._validator.compute_signature(url, form)
        async with self._http().post(url, data=form, headers={"X-Twilio-Signature": signature}) as answer:
            await answer.read()
            return answer.status

    def _show(self, message: dict[str, Any]) -> None:
        message["date"] = int(self._clock.now().timestamp())
        message.setdefault("status", "received")
        self.messages.append(message)
        self._publish({"type": "wa", "message": message})

    # -- the REST API -----------------------------------------------------------------------

    def _authorized(self, request: web.Request) -> bool:
        expected = base64.b64encode(f"{self.account_sid}:{self._token}".encode()).decode()
        return (request.headers.get("Authorization") == f"Basic {expected}"
                and request.match_info["sid"] == self.account_sid)

    async def _account(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return _error(401, 20003, "Authenticate")
        return web.json_response({"sid": self.account_sid, "status": "active", "type": "Full",
                                  "friendly_name": "CarCare demo",
                                  "uri": f"{API}/{self.account_sid}.json"})

    async def _create(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return _error(401, 20003, "Authenticate")
        form = await request.post()
        params = {key: str(form.getone(key)) for key in set(form.keys())}
        media_urls = [str(url) for url in form.getall("MediaUrl", [])]
        if "From" not in params and "MessagingServiceSid" not in params:
            return _error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required")
        if not (params.get("Body") or media_urls or params.get("ContentSid")):
            return _error(400, 21619, "A text message body or media urls must be specified")
        sid = f"SM{next(self._sids):032x}"
        task = asyncio.create_task(self._deliver(sid, params, media_urls))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.json_response({
            "sid": sid, "account_sid": self.account_sid, "to": params["To"],
            "from": params.get("From"), "messaging_service_sid": params.get("MessagingServiceSid"),
            "body": params.get("Body", ""), "status": "queued", "num_media": str(len(media_urls)),
            "num_segments": "1", "direction": "outbound-api", "api_version": "2010-04-01",
            "price": None, "error_code": None, "error_message": None, "date_sent": None,
            "uri": f"{API}/{self.account_sid}/Messages/{sid}.json", "subresource_uris": {},
        }, status=201)

    async def _deliver(self, sid: str, params: dict[str, str], media_urls: list[str]) -> None:
        """What Twilio does after accepting: fetch the media, deliver, report each state."""
        shown = []
        for url in media_urls:
            try:
                async with self._http().get(url) as answer:
                    answer.raise_for_status()
                    data = await answer.read()
                    mime = answer.headers.get("Content-Type", "application/octet-stream")
            except (aiohttp.ClientError, TimeoutError) as error:
                log.warning("demo twilio: media %s not fetched: %s", url, error)
                await self._status(params, sid, "failed", "63019")
                return
            name = url.rsplit("/", 1)[-1]
            stored = self.files.add(data, name, mime)
            shown.append({"file_id": stored.file_id, "mime": mime, "name": name})
        body = params.get("Body", "")
        if params.get("ContentSid"):
            body = f"[template {params['ContentSid']}] {params.get('ContentVariables', '')}"
        self._show({"sid": sid, "direction": "out", "address": params["To"], "body": body,
                    "media": shown, "status": "delivered"})
        for status in ("sent", "delivered"):
            await self._status(params, sid, status)

    async def _status(self, params: dict[str, str], sid: str, status: str, code: str = "") -> None:
        url = params.get("StatusCallback")
        if not url:
            return
        form = {"MessageSid": sid, "MessageStatus": status, "AccountSid": self.account_sid,
                "From": params.get("From", self.sender), "To": params["To"], "ApiVersion": "2010-04-01"}
        if code:
            form["ErrorCode"] = code
        try:
            await self._post(url, form)
        except (aiohttp.ClientError, TimeoutError) as error:
            log.warning("demo twilio: status callback failed: %s", error)

    async def _media(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return _error(401, 20003, "Authenticate")
        stored = self.files.get(request.match_info["media"])
        if stored is None:
            return _error(404, 20404, "The requested resource was not found")
        return web.Response(body=stored.data, content_type=stored.mime)


def _error(status: int, code: int, message: str) -> web.Response:
    return web.json_response({"code": code, "message": message, "status": status,
                              "more_info": f"https://www.twilio.com/docs/errors/{code}"}, status=status)
