"""The managers' supergroup: a topic per client."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, MagicData
from aiogram.types import CallbackQuery, Message

from bot.channels.telegram import Act
from bot.handlers.filters import on_loop
from bot.handlers.parse import RELAYABLE, author, content_kind, media, text_of, topic_reply_target, where
from bot.middlewares import RememberManager
from bot.services.deal.stages import DealDesk
from bot.services.desk.manager import ManagerDesk
from bot.services.inspection.reports import REPORT_MEDIA, Inspections
from bot.services.stats.desk import StatsDesk
from domain import Action

# The manager group is one chat, known at run time: its id reaches the filters as workflow data.
router = Router(name=__name__)
router.message.filter(
    MagicData(F.event.chat.id == F.manager_chat_id), on_loop(F.from_user.is_bot.is_(False))
)
router.edited_message.filter(MagicData(F.event.chat.id == F.manager_chat_id))
router.callback_query.filter(MagicData(F.event.message.chat.id == F.manager_chat_id))
router.message.middleware(RememberManager())


@router.message(Command("help"))
async def help_(message: Message, manager_desk: ManagerDesk) -> None:
    await manager_desk.help(message.message_thread_id, message.message_id)


@router.message(Command("note"))
async def note(message: Message, command: CommandObject, manager_desk: ManagerDesk) -> None:
    await manager_desk.note(
        message.message_thread_id, message.message_id, author(message), command.args or ""
    )


@router.message(Command("stage"))
async def stage(message: Message, command: CommandObject, deal: DealDesk) -> None:
    await deal.stage(*where(message), author(message), command.args or "")


@router.message(Command("hard"))
async def hard(message: Message, command: CommandObject, deal: DealDesk) -> None:
    await deal.hard(*where(message), author(message), command.args or "")


@router.message(Command("eta"))
async def eta(message: Message, command: CommandObject, deal: DealDesk) -> None:
    await deal.eta(*where(message), author(message), command.args or "")


@router.message(Command("handover"))
async def handover(message: Message, command: CommandObject, deal: DealDesk) -> None:
    await deal.handover(*where(message), author(message), command.args or "")


@router.message(Command("report"))  # also an album or a PDF whose caption is the report
async def report(message: Message, command: CommandObject, inspections: Inspections) -> None:
    has_media = content_kind(message) in REPORT_MEDIA
    await inspections.report(
        *where(message), author(message), command.args or "",
        message.media_group_id, has_media, media(message),
    )


@router.message(Command("stats"))
async def stats(message: Message, command: CommandObject, stats_desk: StatsDesk) -> None:
    await stats_desk.stats(*where(message), command.args or "")


# /export and /stats managers: bot/handlers/privacy.py (owners and administrators only)


@router.callback_query(Act.filter(F.action == Action.STAGE))
async def stage_button(query: CallbackQuery, callback_data: Act, deal: DealDesk) -> None:
    await query.answer()
    message = query.message
    if isinstance(message, Message):  # not one too old for Telegram to show
        await deal.stage_pressed(
            message.message_thread_id, message.message_id, query.from_user.id, callback_data.arg
        )


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

