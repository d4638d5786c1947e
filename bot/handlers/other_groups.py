"""Groups that are not the manager group: nothing is relayed; the log helps set-up."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.filters import MagicData
from aiogram.types import Message

from bot.handlers.filters import on_loop

log = logging.getLogger(__name__)

router = Router(name=__name__)
router.message.filter(
    on_loop(F.chat.type.in_({"group", "supergroup"})),
    MagicData(~F.event.chat.id.in_(F.manager_chats)),
)


@router.message()
async def stranger(message: Message) -> None:
    log.info(
        "ignoring a message in group %s (%r): set MANAGER_CHAT_ID=%s to make it the"
        " manager group", message.chat.id, message.chat.title, message.chat.id,
    )
