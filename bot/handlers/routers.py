"""Telegram's routers in the order they are tried."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import client, manager, manager_day, other_groups, privacy, workshop


def get_routers() -> list[Router]:
    """The manager group first (its guarded commands and messages from no person, then the
    working-day commands and the workshop's while it is on, before the rest, whose last handler
    answers an unknown command), then private chats, then any other group."""
    return [
        privacy.router, manager_day.router, workshop.router, manager.router, client.router,
        other_groups.router,
    ]
