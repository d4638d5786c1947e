"""Telegram objects to channel-neutral ones."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.filters import CommandObject
from aiogram.types import Chat, Message, User

from domain import Channel, Identity, Inbound, Media

# What a client or manager may send that is relayed as it is (service messages are not).
RELAYABLE = frozenset(
    {
        "text", "photo", "video", "document", "audio", "voice", "video_note", "sticker",
        "animation", "location", "venue", "contact", "poll", "dice",
    }
)


def identity(user: User | None, chat: Chat) -> Identity:
    """The client behind a private chat. Telegram always names the sender there; were it ever
    missing, the private chat is the person (its id is theirs)."""
    if user is None:
        return Identity(Channel.TELEGRAM, str(chat.id), str(chat.id), chat.full_name, chat.username)
    return Identity(
        channel=Channel.TELEGRAM,
        external_id=str(user.id),
        chat_id=str(chat.id),
        name=user.full_name,
        username=user.username,
        language_code=user.language_code,
    )


def author(message: Message) -> int:
    """The manager who wrote in the group. Messages from no person (an anonymous administrator,
    a channel, Telegram itself) were taken by bot/handlers/privacy.py before any manager handler;
    the manager routers' own filters let through only people."""
    if message.from_user is None:
        raise LookupError("a message from no person reached a manager handler")
    return message.from_user.id


def where(message: Message) -> tuple[int | None, int]:
    """The topic a manager wrote in (None: General) and their message, which answers reply to."""
    return message.message_thread_id, message.message_id


@dataclass(frozen=True)
class ManagerCommand:
    """A manager's command in the group, read once: the topic it was written in (None:
    General), the message answers reply to, the manager, and the text after the command
    ('' when there is none)."""

    name: str
    topic: int | None
    message_id: int
    author: int
    args: str

    @property
    def place(self) -> tuple[int | None, int]:
        return self.topic, self.message_id


def command(message: Message, command: CommandObject) -> ManagerCommand:
    return ManagerCommand(
        command.command, message.message_thread_id, message.message_id, author(message),
        command.args or "",
    )


def content_kind(message: Message) -> str:
    """'photo', 'text', ...: the value, not str(), which gives 'ContentType.PHOTO'."""
    kind = message.content_type
    return str(getattr(kind, "value", kind))


def inbound(message: Message) -> Inbound:
    reply = message.reply_to_message
    return Inbound(
        kind=content_kind(message),
        message_id=message.message_id,
        text=message.text if message.text is not None else message.caption,
        phone=international(message.contact.phone_number) if message.contact else None,
        own_phone=own_phone(message),
        reply_to=reply.message_id if reply else None,
    )


def own_phone(message: Message) -> str | None:
    """The sender's own number: Telegram marks a shared contact as the sender's own (the
    share-phone button) by giving it the sender's user id; anyone else's card says nothing."""
    contact, sender = message.contact, message.from_user
    if contact is None or sender is None or contact.user_id != sender.id:
        return None
    return international(contact.phone_number)


def international(phone: str) -> str:
    """A shared contact's number: Telegram gives it with the country code, mostly without the
    '+', which PHONE_REGION must not then read as a local number."""
    number = phone.strip()
    return number if number.startswith("+") else "+" + number


def topic_reply_target(message: Message) -> int | None:
    """The message a manager really replied to; in a topic every message 'replies' to its start."""
    reply = message.reply_to_message
    if reply is None or reply.message_id == message.message_thread_id:
        return None
    return reply.message_id


def media(message: Message) -> Media | None:
    """The file a message carries (the largest photo size), for channels that cannot copy."""
    if message.photo:
        return Media("photo", message.photo[-1].file_id, "photo.jpg", "image/jpeg")
    for kind in ("document", "video", "audio", "voice", "animation", "video_note"):
        file = getattr(message, kind, None)
        if file is not None:
            name = getattr(file, "file_name", None) or kind
            return Media(kind, file.file_id, name, getattr(file, "mime_type", None) or "")
    return None


def text_of(message: Message) -> str | None:
    """The text or the caption; a location or contact as readable text."""
    if message.location:
        return f"📍 https://maps.google.com/?q={message.location.latitude},{message.location.longitude}"
    if message.contact:
        return f"📇 {message.contact.first_name} {message.contact.phone_number}"
    return message.text if message.text is not None else message.caption
