"""The workshop's manager commands in the managers' supergroup (only while the workshop is on:
`workshop` is None in the workflow data otherwise, and these handlers let the update pass)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, MagicData
from aiogram.types import Message

from bot.handlers.filters import on_loop
from bot.handlers.parse import media, where
from bot.services.desk.manager import ManagerDesk
from bot.services.stats.desk import StatsDesk
from bot.services.workshop.desk import Workshop

MANAGER_COMMANDS = ("book", "slots", "arrived", "order", "extra", "ready", "done")

router = Router(name=__name__)
router.message.filter(
    MagicData(F.event.chat.id == F.manager_chat_id),
    MagicData(F.workshop.is_not(None)),
    on_loop(F.from_user.is_bot.is_(False)),
)


@router.message(Command("help"))
async def help_(message: Message, manager_desk: ManagerDesk, workshop: Workshop) -> None:
    await manager_desk.help(message.message_thread_id, message.message_id)
    await workshop.help(message.message_thread_id, message.message_id)


# /export and /stats managers are the privacy router's (owners only); it adds the workshop's
# part through bot.services.workshop.reports. Plain /stats comes here.
@router.message(Command("stats"))
async def stats(
    message: Message, command: CommandObject, stats_desk: StatsDesk, workshop: Workshop
) -> None:
    place, args = where(message), command.args or ""
    await stats_desk.stats(*place, args)
    await workshop.figures.stats(*place, args)


@router.message(Command(*MANAGER_COMMANDS))
async def command(message: Message, command: CommandObject, workshop: Workshop) -> None:
    place, args = where(message), command.args or ""
    match command.command:
        case "book":
            await workshop.book(*place, args)
        case "slots":
            await workshop.slots(*place, args)
        case "arrived":
            await workshop.arrived(*place)
        case "order":
            await workshop.order(*place, args)
        case "extra":
            await workshop.extra(*place, args, media(message))
        case "ready":
            await workshop.ready(*place, args)
        case "done":
            await workshop.done(*place, args)
