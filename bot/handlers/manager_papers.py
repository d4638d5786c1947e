"""The manager group's commands for a deal's papers and car (issue 23): /car records the car
the client bought; /legal shows and ticks the deal's legal check (a photo captioned /legal 3 …
keeps the photo with the item), and its buttons; /viewing and the buttons under a client's wish
to see a car. Tried before bot/handlers/manager.py, whose
last handler answers any unknown command."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.channels.telegram import Act
from bot.handlers import parse
from bot.handlers.filters import on_loop
from bot.services.deal.legal import LegalCheck
from bot.services.handover.car import CarDesk
from bot.services.inspection.viewings import Viewings
from domain import Action
from domain.presses import TickLegal, unpack

# Beneath the manager group's parent router (bot/handlers/routers.py): people only.
router = Router(name=__name__)
router.message.filter(on_loop(F.from_user.is_bot.is_(False)))


@router.message(Command("car"))
async def car(message: Message, command: CommandObject, car_desk: CarDesk) -> None:
    said = parse.command(message, command)
    await car_desk.car(*said.place, said.author, said.args)


@router.message(Command("legal"))
async def legal(message: Message, command: CommandObject, legal_check: LegalCheck) -> None:
    said = parse.command(message, command)
    photo = parse.media(message) if message.photo or message.document else None
    await legal_check.legal(*said.place, said.author, said.args, photo)


@router.callback_query(Act.filter(F.action == Action.LEGAL))
async def legal_tick(query: CallbackQuery, callback_data: Act, legal_check: LegalCheck) -> None:
    await query.answer()
    message = query.message
    if isinstance(message, Message):  # not one too old for Telegram to show
        press = unpack(callback_data.action, callback_data.arg)
        await legal_check.pressed(message.message_thread_id, message.message_id,
                                  query.from_user.id, press if isinstance(press, TickLegal) else None)


@router.message(Command("viewing"))  # /viewing [#12] [12.12 15:00 | cancel]
async def viewing(message: Message, command: CommandObject, viewings: Viewings) -> None:
    said = parse.command(message, command)
    await viewings.command(*said.place, said.author, said.args)


@router.callback_query(Act.filter(F.action == Action.VIEWING))
async def viewing_pressed(query: CallbackQuery, callback_data: Act, viewings: Viewings) -> None:
    await query.answer()
    message = query.message
    if isinstance(message, Message):  # not one too old for Telegram to show
        await viewings.pressed(message.message_thread_id, message.message_id, query.from_user.id,
                               unpack(callback_data.action, callback_data.arg))
