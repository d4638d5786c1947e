"""The manager group's administrators, as Telegram reports them (for bot.services.privacy)."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import ClientDecodeError, TelegramAPIError
from aiogram.types import ChatMemberAdministrator, ChatMemberOwner

log = logging.getLogger(__name__)


class TelegramAdmins:
    def __init__(self, bot: Bot, chat_id: int) -> None:
        self._bot = bot
        self._chat_id = chat_id

    async def administrators(self) -> dict[int, str] | None:
        """Human administrators by id; None if Telegram could not be asked."""
        try:
            members = await self._bot.get_chat_administrators(self._chat_id)
        except (TelegramAPIError, ClientDecodeError) as error:
            log.warning("the manager group's administrators could not be read: %s",
                        type(error).__name__)
            return None
        return {
            member.user.id: member.user.full_name
            for member in members
            if isinstance(member, ChatMemberOwner | ChatMemberAdministrator) and not member.user.is_bot
        }
