"""The managers' supergroup: a topic per client."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.channels.telegram import Act
from bot.handlers import parse
from bot.handlers.filters import on_loop
from bot.handlers.parse import RELAYABLE, author, content_kind, media, text_of, topic_reply_target
from bot.services.deal.stages import DealDesk
from bot.services.desk.bans import Bans
from bot.services.desk.manager import ManagerDesk
from bot.services.desk.replies import SavedReplies
from bot.services.desk.topics import Topics
from bot.services.inspection.reports import REPORT_MEDIA, Inspections
from bot.services.money.offers import Offers
from bot.services.money.payments import Payments
from bot.services.stats.desk import StatsDesk
from domain import Action
from domain.presses import PickStage, unpack

# Beneath the manager group's parent router (bot/handlers/routers.py): people only.
router = Router(name=__name__)
router.message.filter(on_loop(F.from_user.is_bot.is_(False)))


@router.message(Command("help"))
async def help_(message: Message, manager_desk: ManagerDesk) -> None:
    await manager_desk.help(message.message_thread_id, message.message_id)


@router.message(Command("note"))
async def note(message: Message, command: CommandObject, manager_desk: ManagerDesk) -> None:
    said = parse.command(message, command)
    await manager_desk.note(*said.place, said.author, said.args)


@router.message(Command("ban", "ban!"))  # /ban: shadow; /ban!: the client is told
async def ban(message: Message, command: CommandObject, bans: Bans) -> None:
    said = parse.command(message, command)
    await bans.ban(*said.place, said.author, said.args, told=command.command.lower() == "ban!")


@router.message(Command("unban"))
async def unban(message: Message, command: CommandObject, bans: Bans) -> None:
    said = parse.command(message, command)
    await bans.unban(*said.place, said.args)


@router.message(Command("close"))  # the client's next message opens it again
async def close(message: Message, command: CommandObject, topics: Topics) -> None:
    said = parse.command(message, command)
    await topics.close(*said.place, said.author, said.args)


@router.message(Command("reply"))  # /reply, /reply name, /reply add name text, /reply del name
async def reply(message: Message, command: CommandObject, saved_replies: SavedReplies) -> None:
    said = parse.command(message, command)
    await saved_replies.command(*said.place, said.author, said.args)


@router.message(Command("stage"))
async def stage(message: Message, command: CommandObject, deal: DealDesk) -> None:
    said = parse.command(message, command)
    await deal.stage(*said.place, said.author, said.args)


@router.message(Command("hard"))
async def hard(message: Message, command: CommandObject, deal: DealDesk) -> None:
    said = parse.command(message, command)
    await deal.hard(*said.place, said.author, said.args)


@router.message(Command("eta"))
async def eta(message: Message, command: CommandObject, deal: DealDesk) -> None:
    said = parse.command(message, command)
    await deal.eta(*said.place, said.author, said.args)


@router.message(Command("handover"))
async def handover(message: Message, command: CommandObject, deal: DealDesk) -> None:
    said = parse.command(message, command)
    await deal.handover(*said.place, said.author, said.args)


@router.message(Command("paid"))  # /paid #12 150 000 deposit
async def paid(message: Message, command: CommandObject, payments: Payments) -> None:
    said = parse.command(message, command)
    await payments.paid(*said.place, said.author, said.args)


@router.message(Command("offer"))  # /offer #12 car, then Цена:, Комиссия:, … lines
async def offer(message: Message, command: CommandObject, offers: Offers) -> None:
    said = parse.command(message, command)
    await offers.offer(*said.place, said.author, said.args)


@router.message(Command("report"))  # also an album or a PDF whose caption is the report
async def report(message: Message, command: CommandObject, inspections: Inspections) -> None:
    said, has_media = parse.command(message, command), content_kind(message) in REPORT_MEDIA
    await inspections.report(
        *said.place, said.author, said.args, message.media_group_id, has_media, media(message)
    )


@router.message(Command("overbudget"))  # /overbudget [#12] reason: the held report goes
async def overbudget(message: Message, command: CommandObject, inspections: Inspections) -> None:
    said = parse.command(message, command)
    await inspections.overbudget(*said.place, said.author, said.args)


@router.message(Command("stats"))
async def stats(message: Message, command: CommandObject, stats_desk: StatsDesk) -> None:
    said = parse.command(message, command)
    await stats_desk.stats(*said.place, said.args)


# /export and /stats managers: bot/handlers/privacy.py (owners and administrators only)


@router.callback_query(Act.filter(F.action == Action.STAGE))
async def stage_button(query: CallbackQuery, callback_data: Act, deal: DealDesk) -> None:
    await query.answer()
    message = query.message
    if isinstance(message, Message):  # not one too old for Telegram to show
        press = unpack(callback_data.action, callback_data.arg)
        if isinstance(press, PickStage):
            await deal.stage_pressed(message.message_thread_id, message.message_id,
                                     query.from_user.id, press)


@router.message(on_loop(F.text.startswith("/")))
async def unknown(message: Message, manager_desk: ManagerDesk) -> None:
    await manager_desk.unknown_command(message.message_thread_id, message.message_id)


@router.message(on_loop(F.is_topic_message, F.content_type.in_(RELAYABLE)))
async def relay(message: Message, manager_desk: ManagerDesk) -> None:
    if message.message_thread_id is None:  # a topic message always has one
        return
    await manager_desk.relay(
        message.message_thread_id,
        message.message_id,
        author(message),
        topic_reply_target(message),
        content_kind(message),
        text=text_of(message),
        media=media(message),
    )


@router.edited_message(on_loop(F.is_topic_message, F.text | F.caption))
async def edited(message: Message, manager_desk: ManagerDesk) -> None:
    caption = message.text is None
    text = (message.caption if caption else message.text) or ""
    if message.message_thread_id is not None:  # a topic message always has one
        await manager_desk.edited(message.message_thread_id, message.message_id, text, caption)

