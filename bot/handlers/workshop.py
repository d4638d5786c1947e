"""The workshop's manager commands in the managers' supergroup (only while the workshop is on:
`workshop` is None in the workflow data otherwise, and these handlers let the update pass)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, MagicData
from aiogram.types import CallbackQuery, Message

from bot.channels.telegram import Act
from bot.handlers import parse
from bot.handlers.filters import on_loop
from bot.handlers.parse import media, where
from bot.services.desk.manager import ManagerDesk
from bot.services.stats.desk import StatsDesk
from bot.services.workshop.desk import Workshop
from bot.services.workshop.payment import for_order
from domain import Action
from domain.presses import TickQuality, unpack

# Beneath the manager group's parent router (bot/handlers/routers.py): people only, and only
# while the workshop is on.
router = Router(name=__name__)
router.message.filter(MagicData(F.workshop.is_not(None)), on_loop(F.from_user.is_bot.is_(False)))


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
    said = parse.command(message, command)
    await stats_desk.stats(*said.place, said.args)
    await workshop.figures.stats(*said.place, said.args)


@router.message(Command("book"))
async def book(message: Message, command: CommandObject, workshop: Workshop) -> None:
    said = parse.command(message, command)
    await workshop.book(*said.place, said.args)


@router.message(Command("slots"))
async def slots(message: Message, command: CommandObject, workshop: Workshop) -> None:
    said = parse.command(message, command)
    await workshop.slots(*said.place, said.args)


@router.message(Command("arrived"))
async def arrived(message: Message, workshop: Workshop) -> None:
    await workshop.arrived(*where(message))


@router.message(Command("order"))
async def order(message: Message, command: CommandObject, workshop: Workshop) -> None:
    said = parse.command(message, command)
    await workshop.order(*said.place, said.args)


@router.message(Command("extra"))  # also a photo whose caption is the command
async def extra(message: Message, command: CommandObject, workshop: Workshop) -> None:
    said = parse.command(message, command)
    await workshop.extra(*said.place, said.args, media(message))


@router.message(Command("act"))  # the reception act; also a damage photo captioned /act
async def act(message: Message, command: CommandObject, workshop: Workshop) -> None:
    said = parse.command(message, command)
    await workshop.act(*said.place, said.args, media(message))


async def _for_an_order(message: Message) -> bool:
    """A /paid that is a sum and how it was paid: the work order's; a deal's (#12, what it was
    for) goes on to the manager router's /paid."""
    words = (message.text or message.caption or "").split(maxsplit=1)
    return for_order(words[1] if len(words) > 1 else "")


@router.message(Command("paid"), _for_an_order)  # /paid 7 400 картой
async def paid(message: Message, command: CommandObject, workshop: Workshop) -> None:
    said = parse.command(message, command)
    await workshop.paid(*said.place, said.author, said.args)


@router.message(Command("ready"))
async def ready(message: Message, command: CommandObject, workshop: Workshop) -> None:
    said = parse.command(message, command)
    await workshop.ready(*said.place, said.args)


@router.message(Command("done"))  # /done [advice]; /done причина … with the check's items open
async def done(message: Message, command: CommandObject, workshop: Workshop) -> None:
    said = parse.command(message, command)
    await workshop.done(*said.place, said.args, manager_id=said.author)


@router.message(Command("mech"))  # who does the work: /mech @name, /mech 2 @name (line 2)
async def mech(message: Message, command: CommandObject, workshop: Workshop) -> None:
    said = parse.command(message, command)
    await workshop.mech(*said.place, said.args)


@router.message(Command("qc"))  # the quality check before release: /qc, /qc 2 5, /qc skip reason
async def qc(message: Message, command: CommandObject, workshop: Workshop) -> None:
    said = parse.command(message, command)
    await workshop.qc(*said.place, said.author, said.args)


@router.message(Command("progress"))  # where the car is: /progress diagnosis | parts 12.12 | …
async def progress(message: Message, command: CommandObject, workshop: Workshop) -> None:
    said = parse.command(message, command)
    await workshop.progress(*said.place, said.author, said.args)


@router.callback_query(Act.filter(F.action == Action.QC))  # answered even with the workshop off
async def qc_tick(query: CallbackQuery, callback_data: Act, workshop: Workshop | None) -> None:
    await query.answer()
    message = query.message
    if workshop is not None and isinstance(message, Message):  # not one too old to show
        press = unpack(callback_data.action, callback_data.arg)
        who = query.from_user
        await workshop.quality.pressed(message.message_thread_id, message.message_id, who.id,
                                       press if isinstance(press, TickQuality) else None,
                                       who.full_name, who.username)
