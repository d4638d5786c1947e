"""The manager group's guarded commands (/export, /stats managers, /forget, /bans) and messages that
come from no person. Tried before the manager router, which then sees only people."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.channels.telegram import Act
from bot.handlers import parse
from bot.handlers.filters import on_loop
from bot.handlers.parse import content_kind, media, text_of, topic_reply_target
from bot.middlewares import NO_PERSON
from bot.services.privacy.desk import PrivacyDesk
from bot.services.privacy.roles import SERVICE_ACCOUNTS
from bot.services.stats.period import MANAGERS
from domain import Action
from domain.presses import unpack

NOT_A_PERSON = F.sender_chat | F.from_user.id.in_(SERVICE_ACCOUNTS)

# Beneath the manager group's parent router (bot/handlers/routers.py), first.
router = Router(name=__name__)
no_person = Router(name=f"{__name__}.no_person")
# Commands that show or erase personal data: owners and administrators only.
guarded = Router(name=f"{__name__}.guarded")
router.include_routers(no_person, guarded)


async def _per_manager(message: Message) -> bool:
    words = (message.text or "").lower().split()[1:]
    return any(word in MANAGERS for word in words)


@no_person.message(on_loop(NOT_A_PERSON), flags={NO_PERSON: True})  # never remembered as a manager
async def not_a_person(message: Message, privacy_desk: PrivacyDesk) -> None:
    topic = message.message_thread_id if message.is_topic_message else None
    if message.sender_chat is None or message.sender_chat.id != message.chat.id:
        await privacy_desk.not_a_manager(topic, message.message_id)
        return
    await privacy_desk.anonymous(
        topic, message.message_id, topic_reply_target(message), content_kind(message),
        command=(message.text or "").startswith("/"), text=text_of(message), media=media(message),
    )


@guarded.message(Command("export"))
async def export(message: Message, command: CommandObject, privacy_desk: PrivacyDesk) -> None:
    if message.from_user is not None:  # always, once no_person took the rest
        said = parse.command(message, command)
        await privacy_desk.export(said.author, *said.place, said.args)


@guarded.message(Command("stats"), _per_manager)
async def stats(message: Message, command: CommandObject, privacy_desk: PrivacyDesk) -> None:
    if message.from_user is not None:
        said = parse.command(message, command)
        await privacy_desk.stats_managers(said.author, *said.place, said.args)


@guarded.message(Command("bans"))
async def bans(message: Message, command: CommandObject, privacy_desk: PrivacyDesk) -> None:
    if message.from_user is not None:
        said = parse.command(message, command)
        await privacy_desk.bans(said.author, *said.place, said.args)


@guarded.message(Command("forget"))
async def forget(message: Message, privacy_desk: PrivacyDesk) -> None:
    if message.from_user is not None:
        await privacy_desk.forget(message.from_user.id, message.message_thread_id,
                                  message.message_id)


@guarded.callback_query(Act.filter(F.action == Action.FORGET))
async def forget_pressed(query: CallbackQuery, callback_data: Act, privacy_desk: PrivacyDesk) -> None:
    await query.answer()
    message = query.message
    if isinstance(message, Message):  # not a message too old for Telegram to show
        await privacy_desk.forget_pressed(query.from_user.id, message.message_thread_id,
                                          message.message_id,
                                          unpack(callback_data.action, callback_data.arg))
