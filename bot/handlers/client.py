"""Private chats with clients."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message

from bot.channels.telegram import Act
from bot.handlers.commands import CLIENT_COMMANDS
from bot.handlers.filters import on_loop
from bot.handlers.parse import RELAYABLE, identity, inbound
from bot.services.desk.client import ClientDesk
from bot.services.desk.manager import MANAGER_ONLY
from domain.presses import unpack

router = Router(name=__name__)
router.message.filter(on_loop(F.chat.type == ChatType.PRIVATE))
router.edited_message.filter(on_loop(F.chat.type == ChatType.PRIVATE))
router.callback_query.filter(on_loop(F.message.chat.type == ChatType.PRIVATE))
router.my_chat_member.filter(on_loop(F.chat.type == ChatType.PRIVATE))


@router.message(CommandStart())
async def start(message: Message, client_desk: ClientDesk) -> None:
    await client_desk.start(identity(message.from_user, message.chat))


@router.message(Command(*CLIENT_COMMANDS))
async def client_command(message: Message, command: CommandObject, client_desk: ClientDesk) -> None:
    await client_desk.command(identity(message.from_user, message.chat), command.command)


@router.message(Command(*MANAGER_ONLY))
async def manager_command(message: Message, client_desk: ClientDesk) -> None:
    await client_desk.refuse_manager_command(identity(message.from_user, message.chat))


@router.message(on_loop(F.text.startswith("/")))
async def unknown_command(message: Message, client_desk: ClientDesk) -> None:
    await client_desk.command(identity(message.from_user, message.chat), "help")


@router.message(on_loop(F.content_type.in_(RELAYABLE)))
async def anything(message: Message, client_desk: ClientDesk) -> None:
    await client_desk.message(identity(message.from_user, message.chat), inbound(message))


@router.callback_query(Act.filter())
async def pressed(query: CallbackQuery, callback_data: Act, client_desk: ClientDesk) -> None:
    await query.answer()
    if query.message is None:  # a button under an inline message: not one of ours
        return
    who = identity(query.from_user, query.message.chat)
    press = unpack(callback_data.action, callback_data.arg)
    await client_desk.press(who, press, query.message.message_id)


@router.callback_query()
async def stale_button(query: CallbackQuery, client_desk: ClientDesk) -> None:
    """Callback data we never issued (old version, tampered): answer, then show the menu."""
    await query.answer()
    if query.message is not None:
        await client_desk.command(identity(query.from_user, query.message.chat), "menu")


@router.edited_message(on_loop(F.text | F.caption))
async def edited(message: Message, client_desk: ClientDesk) -> None:
    caption = message.text is None
    text = (message.caption if caption else message.text) or ""
    await client_desk.edited(identity(message.from_user, message.chat), message.message_id, text, caption)


@router.my_chat_member()
async def membership(event: ChatMemberUpdated, client_desk: ClientDesk) -> None:
    status = event.new_chat_member.status
    reachable = status not in (ChatMemberStatus.KICKED, ChatMemberStatus.LEFT)
    await client_desk.reachable(identity(event.from_user, event.chat), reachable)
