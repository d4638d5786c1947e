"""The bot's own web server: Twilio's webhooks, media for WhatsApp, and a health check
(bot/health.py).

Each part registers its own routes, so another (the Telegram webhook) is one more registrar.

Slow or idle callers cannot hold the server: a connection idle (or still sending its headers)
for KEEPALIVE seconds is closed, a body that has not arrived within BODY_TIMEOUT is answered
408, and past MAX_CONNECTIONS open at once a new connection is closed as it arrives.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable

from aiohttp import web

log = logging.getLogger(__name__)

Registrar = Callable[[web.Application], None]
KEEPALIVE = 15.0  # seconds an idle connection, or one still sending its headers, stays open
BODY_TIMEOUT = 10.0  # seconds a request's body may take to arrive (Twilio's whole budget is 15)
MAX_CONNECTIONS = 100  # open at once (Telegram posts on up to 40, Twilio on a few)
LINGER = 1.0  # seconds spent reading what is left of a body after an early answer


@web.middleware
async def no_tracebacks(request: web.Request, handler: Callable) -> web.StreamResponse:
    """Whatever goes wrong, the caller gets a bare status, never a traceback."""
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception:
        log.exception("%s %s failed", request.method, request.path)
        return web.Response(status=500, text="internal error")


@web.middleware
async def body_in_time(request: web.Request, handler: Callable) -> web.StreamResponse:
    """Read the whole body first, within BODY_TIMEOUT (aiohttp itself waits for it forever);
    the handlers then read it from memory."""
    if request.body_exists:
        try:
            async with asyncio.timeout(BODY_TIMEOUT):
                await request.read()
        except TimeoutError:
            raise web.HTTPRequestTimeout(text="request body too slow") from None
    return await handler(request)


def build_web_app(registrars: Iterable[Registrar]) -> web.Application:
    app = web.Application(
        middlewares=[no_tracebacks, body_in_time], client_max_size=2 * 1024 * 1024
    )
    for register in registrars:
        register(app)
    return app


class WebServer:
    def __init__(
        self, app: web.Application, host: str, port: int, max_connections: int | None = None
    ) -> None:
        self._app = app
        self._host = host
        self._port = port
        self._max_connections = max_connections or MAX_CONNECTIONS
        self._runner: web.AppRunner | None = None
        self._server: asyncio.Server | None = None
        self._refusing = False
        self.port = port  # the bound port (differs when asked for 0)

    async def start(self) -> None:
        self._runner = web.AppRunner(
            self._app, access_log=None, keepalive_timeout=KEEPALIVE, lingering_time=LINGER
        )
        await self._runner.setup()
        self._server = await asyncio.get_running_loop().create_server(
            self._capped, self._host, self._port, reuse_address=True
        )
        self.port = self._server.sockets[0].getsockname()[1]
        log.info("web server listening on %s:%s", self._host, self.port)

    @property
    def connections(self) -> int:
        """Connections open now."""
        server = self._runner.server if self._runner is not None else None
        return len(server.connections) if server is not None else 0

    def _capped(self) -> asyncio.BaseProtocol:
        """A connection's protocol: aiohttp's, or past the cap one that closes it at once."""
        assert self._runner is not None and self._runner.server is not None
        if len(self._runner.server.connections) >= self._max_connections:
            if not self._refusing:  # once per streak: a flood must not flood the log too
                log.warning("refusing connections: %d are open", self._max_connections)
            self._refusing = True
            return _Refused()
        self._refusing = False
        return self._runner.server()

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


class _Refused(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.close()
