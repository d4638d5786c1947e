"""One person on every channel, in the managers' group: the merge and unmerge buttons, /unmerge,
/via (bot/services/desk/people.py)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.channels.telegram import Act
from bot.handlers import parse
from bot.handlers.filters import on_loop
from bot.services.desk.people import People
from domain import Action
from domain.presses import unpack

# Beneath the manager group's parent router (bot/handlers/routers.py): people only.
router = Router(name=__name__)
router.message.filter(on_loop(F.from_user.is_bot.is_(False)))


@router.message(Command("unmerge"))
async def unmerge(message: Message, command: CommandObject, people: People) -> None:
    said = parse.command(message, command)
    await people.unmerge(*said.place)


@router.message(Command("via"))  # /via telegram|whatsapp|sms, /via auto, /via
async def via(message: Message, command: CommandObject, people: People) -> None:
    said = parse.command(message, command)
    await people.via(*said.place, said.args)


@router.callback_query(Act.filter(F.action == Action.PEOPLE))
async def pressed(query: CallbackQuery, callback_data: Act, people: People) -> None:
    await query.answer()
    message = query.message
    if isinstance(message, Message):  # not one too old for Telegram to show
        await people.pressed(message.message_thread_id, message.message_id, query.from_user.id,
                             unpack(callback_data.action, callback_data.arg))
