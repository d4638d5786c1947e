"""Middlewares: what a Telegram update passes through before its handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import Message, TelegramObject, Update

from bot.clock import Clock
from storage import updates
from storage.db import RIDER, Database, Rider, Tx


class _HandledMeanwhile(Exception):
    pass


class OncePerUpdate(BaseMiddleware):
    """A redelivered update (restart, webhook retry) is handled once.

    The update's id is recorded in the same transaction as the first change its handling
    makes, so a crash leaves either both or neither; an update that changes nothing is
    recorded after it is handled.
    """

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, Update)  # registered as an outer middleware of updates
        async with self._db.read() as tx:
            seen = await updates.seen(tx, event.update_id)
        if seen:
            return UNHANDLED
        now = self._clock.now()

        async def claim(tx: Tx) -> None:
            if not await updates.first_time(tx, event.update_id, now):
                raise _HandledMeanwhile  # a twin delivered at the same time got there first

        rider = Rider(claim)
        token = RIDER.set(rider)
        try:
            return await handler(event, data)
        except _HandledMeanwhile:
            rider.done = True  # its twin recorded it; this one's changes were rolled back
            return UNHANDLED
        finally:
            RIDER.reset(token)
            if not rider.done:
                async with self._db.transaction() as tx:
                    await updates.first_time(tx, event.update_id, now)


class RememberManager(BaseMiddleware):
    """Whoever acts in the group is a manager: keep their name for the figures per manager."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = event.from_user if isinstance(event, Message) else None
        if user is not None:
            await data["manager_desk"].remember(user.id, user.full_name, user.username)
        return await handler(event, data)
