"""The Twilio REST API through the official library's async client, errors as DeliveryError."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass

import aiohttp
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from bot.delivery.failures import failure
from bot.delivery.ports import DeliveryError

log = logging.getLogger(__name__)
logging.getLogger("twilio").setLevel(logging.WARNING)  # its INFO lines carry request details
TIMEOUT = 30.0
# The API not reached, or not answering: the same on sending and on the start-up check.
UNREACHABLE = (aiohttp.ClientError, TimeoutError, asyncio.TimeoutError, TwilioException)


CHUNK = 64 * 1024  # media are read piece by piece to their end, never at one gulp


class MediaTooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(f"attachment of {size} bytes or more")
        self.size = size


@dataclass(frozen=True)
class TwilioConfig:
    account_sid: str
    auth_token: str
    sender: str  # whatsapp:+...
    messaging_service_sid: str
    api_url: str  # https://api.twilio.com, or a stand-in
    status_callback: str  # PUBLIC_URL + /twilio/status

    def __repr__(self) -> str:  # the token never reaches a log line
        return f"TwilioConfig(account_sid={self.account_sid!r}, sender={self.sender!r})"


@dataclass(frozen=True)
class Sent:
    sid: str
    status: str


class TwilioApi:
    def __init__(self, config: TwilioConfig) -> None:
        self._config = config
        self._http = AsyncTwilioHttpClient(timeout=TIMEOUT)
        # environment={}: TWILIO_EDGE/TWILIO_REGION in our environment must not rewrite the host
        self._client = Client(config.account_sid, config.auth_token, http_client=self._http,
                              environment={})
        # The library builds every URL from its domain's base URL: point it at TWILIO_API_URL.
        self._client.api.base_url = config.api_url
        self._media_session: aiohttp.ClientSession | None = None

    async def send(
        self,
        to: str,
        body: str | None = None,
        media_urls: list[str] | None = None,
        content_sid: str | None = None,
        content_variables: dict[str, str] | None = None,
        sender_id: str | None = None,
    ) -> Sent:
        """One message. `sender_id`: another sender of the account than WhatsApp's (the SMS
        number, or a Messaging Service SID `MG…`)."""
        if sender_id:
            sender = ({"messaging_service_sid": sender_id} if sender_id.startswith("MG")
                      else {"from_": sender_id})
        else:
            sender = (
                {"messaging_service_sid": self._config.messaging_service_sid}
                if self._config.messaging_service_sid
                else {"from_": self._config.sender}
            )
        extra: dict[str, object] = {}
        if content_sid:
            extra["content_sid"] = content_sid
            extra["content_variables"] = json.dumps(content_variables or {}, ensure_ascii=False)
        else:
            if body:
                extra["body"] = body
            if media_urls:
                extra["media_url"] = media_urls
        try:
            message = await self._client.messages.create_async(
                to=to, status_callback=self._config.status_callback, **sender, **extra,
            )
        except TwilioRestException as error:
            raise _delivery_error(error) from None
        except UNREACHABLE as error:
            raise failure("twilio", None, type(error).__name__) from None
        return Sent(str(message.sid), str(message.status or "queued"))

    async def account_problem(self) -> str | None:
        """What stops this account from sending, said so that it can be fixed; None if nothing.
        Asks Twilio for the account itself: the one call any valid credentials may make."""
        sid, url = self._config.account_sid, self._config.api_url
        try:
            account = await self._client.api.v2010.accounts(sid).fetch_async()
        except TwilioRestException as error:
            if error.status == 401:
                return ("TWILIO_ACCOUNT_SID or TWILIO_AUTH_TOKEN was rejected by Twilio: copy both"
                        " from the Twilio Console again.")
            return (f"Twilio refused to show account {sid} ({error.status}): check"
                    " TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.")
        except UNREACHABLE as error:
            return (f"Cannot reach the Twilio API at {url} ({type(error).__name__}): check the"
                    " network and TWILIO_API_URL.")
        if account.status != "active":
            return (f"The Twilio account {sid} is {account.status}: it cannot send WhatsApp"
                    " messages until it is active again (see the Twilio Console).")
        return None

    async def fetch_media(self, url: str, limit: int) -> tuple[bytes, str]:
        """A client's attachment, read to its end; MediaTooLarge past `limit` bytes (by the
        length Twilio declares, and by the bytes actually read). Twilio's media URLs need the
        account's credentials."""
        session = self._session()
        # As a header, not `auth=` (deprecated): aiohttp still drops it on a redirect to
        # another host, which is where Twilio sends media downloads.
        auth = aiohttp.encode_basic_auth(self._config.account_sid, self._config.auth_token)
        headers = {"Authorization": auth}
        timeout = aiohttp.ClientTimeout(total=TIMEOUT)
        async with session.get(url, headers=headers, timeout=timeout) as answer:
            answer.raise_for_status()
            if answer.content_length is not None and answer.content_length > limit:
                raise MediaTooLarge(answer.content_length)
            body = bytearray()
            async for chunk in answer.content.iter_chunked(CHUNK):
                body += chunk
                if len(body) > limit:
                    raise MediaTooLarge(len(body))
            return bytes(body), answer.headers.get("Content-Type", "application/octet-stream")

    async def close(self) -> None:
        if self._http.session is not None:
            await self._http.session.close()
        if self._media_session is not None:
            await self._media_session.close()

    def _session(self) -> aiohttp.ClientSession:
        if self._media_session is None or self._media_session.closed:
            self._media_session = aiohttp.ClientSession()
        return self._media_session


def _delivery_error(error: TwilioRestException) -> DeliveryError:
    """What Twilio answered, classified by the one table (bot/delivery/failures.py)."""
    reason = f"Twilio {error.status} error {error.code}" if error.code else f"Twilio {error.status}"
    return failure("twilio", error.status, reason)
