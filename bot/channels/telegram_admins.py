"""The manager group's administrators, as Telegram reports them (for bot.services.privacy)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import ClientDecodeError, TelegramAPIError
from aiogram.types import ChatMemberAdministrator, ChatMemberOwner

from bot.services.privacy.roles import AdminsUnavailable


class TelegramAdmins:
    def __init__(self, bot: Bot, chat_id: int) -> None:
        self._bot = bot
        self._chat_id = chat_id

    async def administrators(self) -> dict[int, str]:
        try:
            members = await self._bot.get_chat_administrators(self._chat_id)
        except (TelegramAPIError, ClientDecodeError) as error:
            raise AdminsUnavailable(type(error).__name__) from None
        return {
            member.user.id: member.user.full_name
            for member in members
            if isinstance(member, ChatMemberOwner | ChatMemberAdministrator) and not member.user.is_bot
        }
