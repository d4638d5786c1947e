"""The managers' supergroup: a topic per client."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.handlers.parse import RELAYABLE, content_kind, topic_reply_target
from bot.services.manager_desk import ManagerDesk

log = logging.getLogger(__name__)


def build_router(manager_chat_id: int) -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.id == manager_chat_id, F.from_user.is_bot.is_(False))
    router.edited_message.filter(F.chat.id == manager_chat_id)

    @router.message(Command("help"))
    async def help_(message: Message, manager_desk: ManagerDesk) -> None:
        await manager_desk.help(message.message_thread_id, message.message_id)

    @router.message(Command("note"))
    async def note(message: Message, command: CommandObject, manager_desk: ManagerDesk) -> None:
        await manager_desk.note(
            message.message_thread_id, message.message_id, message.from_user.id, command.args or ""
        )

    @router.message(F.text.startswith("/"))
    async def unknown(message: Message, manager_desk: ManagerDesk) -> None:
        await manager_desk.unknown_command(message.message_thread_id, message.message_id)

    @router.message(F.is_topic_message, F.content_type.in_(RELAYABLE))
    async def relay(message: Message, manager_desk: ManagerDesk) -> None:
        await manager_desk.relay(
            message.message_thread_id,
            message.message_id,
            message.from_user.id,
            topic_reply_target(message),
            content_kind(message),
        )

    @router.edited_message(F.is_topic_message, F.text | F.caption)
    async def edited(message: Message, manager_desk: ManagerDesk) -> None:
        caption = message.text is None
        text = message.caption if caption else message.text
        await manager_desk.edited(message.message_thread_id, message.message_id, text, caption)

    return router


def build_other_groups_router(manager_chat_id: int) -> Router:
    """Groups that are not the manager group: nothing is relayed; the log helps set-up."""
    router = Router(name=f"{__name__}.other_groups")
    router.message.filter(F.chat.type.in_({"group", "supergroup"}), F.chat.id != manager_chat_id)

    @router.message()
    async def stranger(message: Message) -> None:
        log.info(
            "ignoring a message in group %s (%r): set MANAGER_CHAT_ID=%s to make it the"
            " manager group", message.chat.id, message.chat.title, message.chat.id,
        )

    return router
