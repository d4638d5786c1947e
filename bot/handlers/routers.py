"""Telegram's routers in the order they are tried.

The managers' supergroup is built here, in one place: one parent router takes only updates from
that group (its id reaches the filter as workflow data) and remembers whoever writes there as a
manager; the group's routers hang beneath it, each with only the filter of its own:
messages from no person and the owners' commands (privacy), the working day's commands, the
workshop's (while it is on), then the rest, whose last handler answers an unknown command.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import MagicData

from bot.handlers import client, manager, manager_day, other_groups, privacy, workshop
from bot.middlewares import RememberManager

manager_group = Router(name="manager_group")
manager_group.message.filter(MagicData(F.event.chat.id == F.manager_chat_id))
manager_group.edited_message.filter(MagicData(F.event.chat.id == F.manager_chat_id))
manager_group.callback_query.filter(MagicData(F.event.message.chat.id == F.manager_chat_id))
manager_group.message.middleware(RememberManager())  # calls and figures name the manager
manager_group.include_routers(privacy.router, manager_day.router, workshop.router, manager.router)


def get_routers() -> list[Router]:
    """The manager group first, then private chats, then any other group."""
    return [manager_group, client.router, other_groups.router]
