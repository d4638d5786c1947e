"""The bot's own web server: Twilio's webhooks, media for WhatsApp, and a health check
(bot/health.py).

Each part registers its own routes, so another (the Telegram webhook) is one more registrar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from aiohttp import web

log = logging.getLogger(__name__)

Registrar = Callable[[web.Application], None]


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


def build_web_app(registrars: Iterable[Registrar]) -> web.Application:
    app = web.Application(middlewares=[no_tracebacks], client_max_size=2 * 1024 * 1024)
    for register in registrars:
        register(app)
    return app


class WebServer:
    def __init__(self, app: web.Application, host: str, port: int) -> None:
        self._app = app
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self.port = port  # the bound port (differs when asked for 0)

    async def start(self) -> None:
        self._runner = web.AppRunner(self._app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        sockets = getattr(site._server, "sockets", None)  # noqa: SLF001 - the bound port for 0
        if sockets:
            self.port = sockets[0].getsockname()[1]
        log.info("web server listening on %s:%s", self._host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
