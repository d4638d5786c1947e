"""The manager group's commands for a deal's papers and car (issue 23): /car records the car
the client bought. Tried before bot/handlers/manager.py, whose last handler answers any unknown
command."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.handlers import parse
from bot.handlers.filters import on_loop
from bot.services.handover.car import CarDesk

# Beneath the manager group's parent router (bot/handlers/routers.py): people only.
router = Router(name=__name__)
router.message.filter(on_loop(F.from_user.is_bot.is_(False)))


@router.message(Command("car"))
async def car(message: Message, command: CommandObject, car_desk: CarDesk) -> None:
    said = parse.command(message, command)
    await car_desk.car(*said.place, said.author, said.args)
