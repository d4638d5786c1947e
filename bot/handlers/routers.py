"""Telegram's routers in the order they are tried.

The managers' supergroup is built here, in one place: one parent router takes only updates from
that group (its id reaches the filter as workflow data) and remembers whoever writes there as a
manager; the group's routers hang beneath it, each with only the filter of its own:
messages from no person and the owners' commands (privacy), the working day's commands, a
deal's papers and car, the workshop's (while it is on), then the rest, whose last handler
answers an unknown command.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import MagicData

from bot.handlers import (
    client,
    manager,
    manager_day,
    manager_papers,
    other_groups,
    people,
    privacy,
    workshop,
)
from bot.middlewares import InManagerGroup, RememberManager

manager_group = Router(name="manager_group")
# Every manager group (MANAGER_CHAT_ID and MANAGER_GROUPS): `manager_chats` is workflow data.
manager_group.message.filter(MagicData(F.event.chat.id.in_(F.manager_chats)))
manager_group.edited_message.filter(MagicData(F.event.chat.id.in_(F.manager_chats)))
manager_group.callback_query.filter(MagicData(F.event.message.chat.id.in_(F.manager_chats)))
for observer in (manager_group.message, manager_group.edited_message, manager_group.callback_query):
    observer.middleware(InManagerGroup())  # answers and notes go to the group written in
manager_group.message.middleware(RememberManager())  # calls and figures name the manager
manager_group.include_routers(privacy.router, manager_day.router, manager_papers.router,
                              workshop.router, people.router, manager.router)


def get_routers() -> list[Router]:
    """The manager group first, then private chats, then any other group."""
    return [manager_group, client.router, other_groups.router]
