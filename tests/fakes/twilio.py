"""A small Twilio REST API on 127.0.0.1: the Messages resource and media downloads.

Both check HTTP Basic auth with the account SID and auth token, as Twilio does. The bot's
Twilio client is pointed here through TWILIO_API_URL. One Messages resource sends WhatsApp
(`whatsapp:+…` on both ends) and SMS (bare numbers, `From` the SMS number or a Messaging
Service); a pair that mixes them is refused as Twilio refuses it (21910). An SMS answer
counts its segments (`num_segments`) as the networks bill them.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from domain.sms import measure


@dataclass
class SentMessage:
    sid: str
    params: dict[str, Any]

    @property
    def to(self) -> str:
        return self.params["To"]

    @property
    def body(self) -> str:
        return self.params.get("Body", "")

    @property
    def media_urls(self) -> list[str]:
        return self.params.get("MediaUrl", [])


@dataclass
class FakeTwilio:
    account_sid: str
    auth_token: str
    url: str = ""
    messages: list[SentMessage] = field(default_factory=list)
    refused_auth: int = 0
    account_status: str = "active"  # or "suspended", "closed"
    account_fetches: int = 0
    fail_next: list[tuple[int, int, str]] = field(default_factory=list)  # (status, code, message)
    media: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    media_fetches: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def __post_init__(self) -> None:
        self._sids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._held: dict[str, asyncio.Event] = {}  # media whose download waits for the test
        self.fetching = asyncio.Event()  # a held download has begun
        self._created = asyncio.Event()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/2010-04-01/Accounts/{sid}.json", self._account)
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self._create)
        app.router.add_get("/2010-04-01/Accounts/{sid}/Messages/{msg}/Media/{media}", self._media)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # -- test-side API ----------------------------------------------------------------------

    def add_media(self, body: bytes, content_type: str) -> str:
        """A client's attachment as Twilio hosts it; returns its MediaUrl."""
        name = f"ME{len(self.media) + 1:032d}"
        self.media[name] = (body, content_type)
        return f"{self.url}/2010-04-01/Accounts/{self.account_sid}/Messages/MM1/Media/{name}"

    def hold_media(self, name_or_url: str) -> asyncio.Event:
        """The download of this media waits until the returned event is set (a slow network)."""
        return self._held.setdefault(name_or_url.rsplit("/", 1)[-1], asyncio.Event())

    async def next_message(self) -> None:
        """Until the bot sends its next message."""
        self._created.clear()
        await self._created.wait()

    def fail(self, status: int, code: int, message: str) -> None:
        self.fail_next.append((status, code, message))

    def to(self, address: str) -> list[SentMessage]:
        return [m for m in self.messages if m.to == address]

    def sms(self, number: str | None = None) -> list[SentMessage]:
        """SMS sent (to `number`, or to anyone): bare numbers, not WhatsApp."""
        return [m for m in self.messages if not m.to.startswith("whatsapp:")
                and (number is None or m.to == number)]

    # -- server -----------------------------------------------------------------------------

    def _authorized(self, request: web.Request) -> bool:
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        ok = request.headers.get("Authorization") == f"Basic {expected}"
        ok = ok and request.match_info["sid"] == self.account_sid
        if not ok:
            self.refused_auth += 1
        return ok

    async def _account(self, request: web.Request) -> web.Response:
        self.account_fetches += 1
        if not self._authorized(request):
            return _error(401, 20003, "Authenticate")
        return web.json_response({
            "sid": self.account_sid, "status": self.account_status, "friendly_name": "CarCare",
            "type": "Full", "uri": f"/2010-04-01/Accounts/{self.account_sid}.json",
        })

    async def _create(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return _error(401, 20003, "Authenticate")
        form = await request.post()
        params: dict[str, Any] = {}
        for key in set(form.keys()):
            values = form.getall(key)
            params[key] = list(values) if key == "MediaUrl" else values[-1]
        if self.fail_next:
            status, code, message = self.fail_next.pop(0)
            return _error(status, code, message)
        if "From" not in params and "MessagingServiceSid" not in params:
            return _error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required")
        whatsapp = str(params["To"]).startswith("whatsapp:")
        if "From" in params and str(params["From"]).startswith("whatsapp:") != whatsapp:
            return _error(400, 21910, "Invalid From and To pair. From and To should be of the same channel")
        if not whatsapp and not re.fullmatch(r"\+[1-9][0-9]{5,14}", str(params["To"])):
            return _error(400, 21211, f"The 'To' number {params['To']} is not a valid phone number.")
        segments = 1 if whatsapp else measure(str(params.get("Body", ""))).segments
        sid = f"SMfa{next(self._sids):030x}"  # clear of the SIDs tests give incoming messages
        self.messages.append(SentMessage(sid, params))
        self._created.set()
        return web.json_response(
            {
                "sid": sid,
                "account_sid": self.account_sid,
                "to": params["To"],
                "from": params.get("From"),
                "messaging_service_sid": params.get("MessagingServiceSid"),
                "body": params.get("Body", ""),
                "status": "queued" if "MessagingServiceSid" not in params else "accepted",
                "num_media": str(len(params.get("MediaUrl", []))),
                "num_segments": str(segments),
                "direction": "outbound-api",
                "api_version": "2010-04-01",
                "price": None,
                "error_code": None,
                "error_message": None,
                "date_created": "Mon, 23 Nov 2026 09:00:00 +0000",
                "date_updated": "Mon, 23 Nov 2026 09:00:00 +0000",
                "date_sent": None,
                "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json",
                "subresource_uris": {},
            },
            status=201,
        )

    async def _media(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return _error(401, 20003, "Authenticate")
        name = request.match_info["media"]
        if name not in self.media:
            return _error(404, 20404, "not found")
        self.media_fetches[name] += 1
        if name in self._held:
            self.fetching.set()
            await self._held[name].wait()
        body, content_type = self.media[name]
        return web.Response(body=body, content_type=content_type)


def _error(status: int, code: int, message: str) -> web.Response:
    return web.json_response(
        {"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}",
         "status": status},
        status=status,
    )
