"""Telegram objects to channel-neutral ones."""

from __future__ import annotations

from aiogram.types import Chat, Message, User

from bot.domain import Channel, Identity, Inbound

# What a client or manager may send that is relayed as it is (service messages are not).
RELAYABLE = frozenset(
    {
        "text", "photo", "video", "document", "audio", "voice", "video_note", "sticker",
        "animation", "location", "venue", "contact", "poll", "dice",
    }
)


def identity(user: User, chat: Chat) -> Identity:
    return Identity(
        channel=Channel.TELEGRAM,
        external_id=str(user.id),
        chat_id=str(chat.id),
        name=user.full_name,
        username=user.username,
        language_code=user.language_code,
    )


def content_kind(message: Message) -> str:
    """'photo', 'text', ...: the value, not str(), which gives 'ContentType.PHOTO'."""
    return str(message.content_type.value)


def inbound(message: Message) -> Inbound:
    reply = message.reply_to_message
    return Inbound(
        kind=content_kind(message),
        message_id=message.message_id,
        text=message.text if message.text is not None else message.caption,
        phone=message.contact.phone_number if message.contact else None,
        reply_to=reply.message_id if reply else None,
    )


def topic_reply_target(message: Message) -> int | None:
    """The message a manager really replied to; in a topic every message 'replies' to its start."""
    reply = message.reply_to_message
    if reply is None or reply.message_id == message.message_thread_id:
        return None
    return reply.message_id
