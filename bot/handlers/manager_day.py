"""The manager group's working-day commands: calls and notes, the status of every open request,
changes to a request, a deal's own news interval, finding clients, the open deals, and the
button that says which request a command is for. Tried before bot/handlers/manager.py, whose
last handler answers any unknown command."""

from __future__ import annotations

import re

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, MagicData
from aiogram.types import CallbackQuery, Message

from bot.channels.telegram import Act
from bot.handlers.filters import on_loop
from bot.handlers.parse import author, where
from bot.middlewares import RememberManager
from bot.services.deal.changes import DealChanges
from bot.services.deal.selection import DealChoices
from bot.services.desk.calls import CallDesk
from bot.services.desk.lead import LeadDesk
from bot.services.desk.search import SearchDesk
from domain import Action

router = Router(name=__name__)
router.message.filter(
    MagicData(F.event.chat.id == F.manager_chat_id), on_loop(F.from_user.is_bot.is_(False))
)
router.callback_query.filter(MagicData(F.event.message.chat.id == F.manager_chat_id))
router.message.middleware(RememberManager())  # calls and figures name the manager


@router.message(Command(re.compile(r"call!?")))  # /call! also sends the summary to the client
async def call(message: Message, command: CommandObject, calls: CallDesk) -> None:
    await calls.call(*where(message), author(message), command.args or "",
                     tell_client=command.command.endswith("!"))


@router.message(Command("notes"))
async def notes(message: Message, calls: CallDesk) -> None:
    await calls.notes(*where(message))


@router.message(Command("status"))
async def status(message: Message, calls: CallDesk) -> None:
    await calls.status(*where(message))


@router.message(Command("set"))
async def set_(message: Message, command: CommandObject, changes: DealChanges) -> None:
    await changes.set(*where(message), author(message), command.args or "")


@router.message(Command("every"))
async def every(message: Message, command: CommandObject, changes: DealChanges) -> None:
    await changes.every(*where(message), author(message), command.args or "")


@router.message(Command("find"))
async def find(message: Message, command: CommandObject, search: SearchDesk) -> None:
    await search.find(*where(message), command.args or "")


@router.message(Command("open"))
async def open_(message: Message, search: SearchDesk) -> None:
    await search.open_list(*where(message))


@router.message(Command("lead"))
async def lead(message: Message, command: CommandObject, lead_desk: LeadDesk) -> None:
    await lead_desk.lead(*where(message), command.args or "")


@router.callback_query(Act.filter(F.action == Action.DEAL))
async def deal_chosen(query: CallbackQuery, callback_data: Act, choices: DealChoices) -> None:
    await query.answer()
    if isinstance(query.message, Message):  # an old message Telegram no longer shows: nothing
        await choices.pressed(query.message.message_thread_id, query.from_user.id,
                              callback_data.arg)


