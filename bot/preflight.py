"""Pre-flight checks: before receiving anything, say in one line exactly what to fix."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramNetworkError,
    TelegramUnauthorizedError,
)
from aiogram.types import User

from bot.channels.whatsapp.twilio_api import TwilioApi
from domain.groups import Groups

log = logging.getLogger(__name__)


class StartupError(Exception):
    """The bot cannot work as configured; the message says what to fix."""


async def check_telegram(bot: Bot, api_url: str, groups: Groups) -> None:
    """The token is accepted and every manager group is a forum the bot may manage."""
    me = await _me(bot, api_url)
    for chat_id in groups.chats():
        department = groups.name(chat_id)
        setting = (f"MANAGER_GROUPS ({department})" if department and chat_id != groups.home
                   else "MANAGER_CHAT_ID")
        await _check_group(bot, me, chat_id, setting)


async def _check_group(bot: Bot, me: User, chat_id: int, setting: str) -> None:
    try:
        chat = await bot.get_chat(chat_id)
        member = await bot.get_chat_member(chat_id, me.id)
    except (TelegramAPIError, ClientDecodeError) as error:
        raise StartupError(
            f"The bot cannot open {setting}={chat_id} ({error.message}): "
            f"add @{me.username} to the managers' supergroup and check the id."
        ) from None
    if chat.type != ChatType.SUPERGROUP:
        raise StartupError(
            f"{setting}={chat_id} is a {chat.type}, not a supergroup: enable Topics"
            " in the group settings (this converts it) and use the new -100… id."
        )
    if not chat.is_forum:
        raise StartupError(
            f"The manager group '{chat.title}' has Topics turned off:"
            " turn on Topics in the group settings."
        )
    creator = member.status == ChatMemberStatus.CREATOR
    if not creator and not getattr(member, "can_manage_topics", False):
        raise StartupError(
            f"@{me.username} may not manage topics in '{chat.title}':"
            " make it an administrator with the 'Manage topics' right."
        )
    if not creator and not getattr(member, "can_pin_messages", False):
        log.warning("@%s may not pin messages: request cards will not be pinned", me.username)
    log.info("connected as @%s; manager group '%s' is ready", me.username, chat.title)


async def _me(bot: Bot, api_url: str) -> User:
    try:
        return await bot.get_me()
    except TelegramUnauthorizedError:
        raise StartupError(
            "BOT_TOKEN was rejected by Telegram: copy the token from @BotFather again."
        ) from None
    except TelegramNetworkError as error:
        raise StartupError(
            f"Cannot reach the Bot API at {api_url} ({error.message}):"
            " check the network and TELEGRAM_API_URL."
        ) from None


async def check_twilio(api: TwilioApi, account_sid: str) -> None:
    """The Twilio account answers and may send."""
    problem = await api.account_problem()
    if problem:
        raise StartupError(problem)
    log.info("Twilio account %s is active", account_sid)
