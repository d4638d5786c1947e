"""Telegram's routers in the order they are tried."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import client, manager, other_groups


def get_routers() -> list[Router]:
    """The manager group first, then private chats, then any other group."""
    return [manager.router, client.router, other_groups.router]
