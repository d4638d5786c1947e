"""The manager group's working-day commands: calls and notes, the status of every open request,
changes to a request, a deal's own news interval, finding clients, the open deals, and the
button that says which request a command is for. Tried before bot/handlers/manager.py, whose
last handler answers any unknown command."""

from __future__ import annotations

import re

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.channels.telegram import Act
from bot.handlers import parse
from bot.handlers.filters import on_loop
from bot.handlers.parse import where
from bot.services.deal.changes import DealChanges
from bot.services.deal.selection import DealChoices
from bot.services.desk.calls import CallDesk
from bot.services.desk.lead import LeadDesk
from bot.services.desk.search import SearchDesk
from domain import Action
from domain.presses import PickDeal, unpack

# Beneath the manager group's parent router (bot/handlers/routers.py): people only.
router = Router(name=__name__)
router.message.filter(on_loop(F.from_user.is_bot.is_(False)))


@router.message(Command(re.compile(r"call!?")))  # /call! also sends the summary to the client
async def call(message: Message, command: CommandObject, calls: CallDesk) -> None:
    said = parse.command(message, command)
    await calls.call(*said.place, said.author, said.args, tell_client=said.name.endswith("!"))


@router.message(Command("notes"))
async def notes(message: Message, calls: CallDesk) -> None:
    await calls.notes(*where(message))


@router.message(Command("status"))
async def status(message: Message, calls: CallDesk) -> None:
    await calls.status(*where(message))


@router.message(Command("set"))
async def set_(message: Message, command: CommandObject, changes: DealChanges) -> None:
    said = parse.command(message, command)
    await changes.set(*said.place, said.author, said.args)


@router.message(Command("every"))
async def every(message: Message, command: CommandObject, changes: DealChanges) -> None:
    said = parse.command(message, command)
    await changes.every(*said.place, said.author, said.args)


@router.message(Command("find"))
async def find(message: Message, command: CommandObject, search: SearchDesk) -> None:
    said = parse.command(message, command)
    await search.find(*said.place, said.args)


@router.message(Command("open"))
async def open_(message: Message, search: SearchDesk) -> None:
    await search.open_list(*where(message))


@router.message(Command("lead"))
async def lead(message: Message, command: CommandObject, lead_desk: LeadDesk) -> None:
    said = parse.command(message, command)
    await lead_desk.lead(*said.place, said.args)


@router.callback_query(Act.filter(F.action == Action.DEAL))
async def deal_chosen(query: CallbackQuery, callback_data: Act, choices: DealChoices) -> None:
    await query.answer()
    if isinstance(query.message, Message):  # an old message Telegram no longer shows: nothing
        press = unpack(callback_data.action, callback_data.arg)
        await choices.pressed(query.message.message_thread_id, query.from_user.id,
                              press if isinstance(press, PickDeal) else None)


