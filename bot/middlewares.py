"""Middlewares: what a Telegram update passes through before its handler."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.dispatcher.flags import get_flag
from aiogram.types import Message, TelegramObject, Update

from bot.clock import Clock
from bot.delivery.groups import handling
from bot.supervision import UPDATES, Health
from storage import failed, updates
from storage.db import RIDER, Database, Rider, Tx
from storage.problems import unavailable

# The flag of a handler whose messages come from no person: RememberManager passes them by.
NO_PERSON = "no_person"


class _HandledMeanwhile(Exception):
    pass


# Keeps an update whose handling failed (bot/dead_letters.py), however long that takes.
Keep = Callable[[Update, BaseException], Awaitable[None]]


class OncePerUpdate(BaseMiddleware):
    """A redelivered update (restart, webhook retry) is handled once.

    The update's id is recorded in the same transaction as the first change its handling
    makes, so a crash leaves either both or neither; an update that changes nothing is
    recorded after it is handled. One whose handling raised before it changed anything is
    not recorded as handled: when the database could not be written (locked by another
    program, the disk full) it is handled again in place once it can, so order holds;
    otherwise `keep` keeps it to be tried again later (a failed update, not a lost one).
    Either way polling moves on, or the webhook answers, only after that.

    An attempt that takes longer than `timeout` seconds (a call hanging, a bug looping) is
    stopped there and kept like any failed update, so its chat goes on with its next update.
    """

    def __init__(
        self, db: Database, clock: Clock, keep: Keep | None = None, health: Health | None = None,
        timeout: float | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._keep = keep
        self._health = health
        self._timeout = timeout

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
        while True:
            try:
                result = await self._once(handler, event, data)
            except Exception as error:
                if self._keep is None:
                    raise
                if not unavailable(error) or self._health is None:
                    await self._keep(event, error)  # its own fault: kept, tried again later
                    return UNHANDLED
                # The database is locked or full: the same update again, in place, so the
                # chat's order holds and nothing after it is acknowledged meanwhile.
                await asyncio.sleep(self._health.failed(UPDATES, error))
                continue
            if self._health is not None:
                self._health.succeeded(UPDATES)
            return result

    async def _once(
        self,
        handler: Callable[[Update, dict[str, Any]], Awaitable[Any]],
        event: Update,
        data: dict[str, Any],
    ) -> Any:
        """One attempt; raises only when nothing of it was committed."""
        now = self._clock.now()

        async def claim(tx: Tx) -> None:
            if not await updates.first_time(tx, event.update_id, now):
                raise _HandledMeanwhile  # a twin delivered at the same time got there first
            await failed.forget(tx, event.update_id)  # if it was a retry, it succeeded

        rider = Rider(claim)
        token = RIDER.set(rider)
        try:
            async with asyncio.timeout(self._timeout):  # cancelled there, raised as TimeoutError
                return await handler(event, data)
        except _HandledMeanwhile:
            rider.done = True  # its twin recorded it; this one's changes were rolled back
            return UNHANDLED
        except Exception:
            if self._keep is None or rider.done:
                raise  # it changed something already: it counts as handled (and is logged)
            rider.done = True  # nothing of it was committed: the caller keeps or retries it
            raise
        finally:
            RIDER.reset(token)
            if not rider.done:
                async with self._db.transaction() as tx:
                    await updates.first_time(tx, event.update_id, now)
                    await failed.forget(tx, event.update_id)


class InManagerGroup(BaseMiddleware):
    """The manager group an update came from, for its handling: what the desks queue for a
    group goes there (bot/delivery/groups.py). Set on the manager group's parent router."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        chat = data.get("event_chat")
        if chat is None:
            return await handler(event, data)
        with handling(chat.id):
            return await handler(event, data)


class RememberManager(BaseMiddleware):
    """Whoever acts in the group is a manager: keep their name for the figures per manager.
    Set once on the manager group's parent router (bot/handlers/routers.py); a handler of
    messages from no person (an anonymous administrator, a channel) is flagged NO_PERSON and
    not remembered."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = event.from_user if isinstance(event, Message) else None
        if user is not None and not get_flag(data, NO_PERSON):
            await data["manager_desk"].remember(user.id, user.full_name, user.username)
        return await handler(event, data)
