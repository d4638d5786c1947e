"""Telegram's dispatcher: the routers, their dependencies, the once-per-update guard."""

from __future__ import annotations

import logging

from aiogram import Dispatcher
from aiogram.types import ErrorEvent

from bot.clock import Clock
from bot.config import Settings
from bot.factory.services import Services
from bot.handlers.routers import get_routers
from bot.middlewares import Keep, OncePerUpdate
from bot.supervision import Health
from storage.db import Database

log = logging.getLogger(__name__)


def build_dispatcher(
    settings: Settings,
    db: Database,
    clock: Clock,
    services: Services,
    keep: Keep | None = None,
    health: Health | None = None,
) -> Dispatcher:
    dp = Dispatcher(
        disable_fsm=True,  # conversation state lives in the database (services own it)
        client_desk=services.client_desk,
        manager_desk=services.manager_desk,
        deal=services.deal,
        inspections=services.inspections,
        stats_desk=services.stats_desk,
        privacy_desk=services.privacy_desk,
        calls=services.calls,
        changes=services.changes,
        search=services.search,
        car_desk=services.car_desk,
        legal_check=services.legal_check,
        choices=services.choices,
        lead_desk=services.lead_desk,
        bans=services.bans,
        payments=services.payments,
        offers=services.offers,
        viewings=services.viewings,
        topics=services.topics,
        saved_replies=services.saved_replies,
        people=services.people,
        workshop=services.workshop,
        manager_chat_id=settings.manager_chat_id,
        manager_chats=frozenset(settings.groups.chats()),
    )
    timeout = settings.update_timeout.total_seconds()
    dp.update.outer_middleware(OncePerUpdate(db, clock, keep, health, timeout))
    routers = get_routers()
    if any(router.parent_router is not None for router in routers):
        raise RuntimeError("another CarCareApp in this process has not been stopped")
    dp.include_routers(*routers)
    dp.errors.register(_log_error)
    return dp


def release_routers(dp: Dispatcher) -> None:
    """Give the module-level routers back when the app stops.

    A router belongs to one dispatcher at a time; a next app in the same process (a restart
    in the tests) builds its own dispatcher and takes them. aiogram has no detach, hence
    the private attribute.
    """
    for router in dp.sub_routers:
        router._parent_router = None  # noqa: SLF001
    dp.sub_routers.clear()


async def _log_error(event: ErrorEvent) -> None:
    log.error("update %s failed", event.update.update_id, exc_info=event.exception)
