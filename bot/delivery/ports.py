"""What services need from a messenger, with no messenger's types in sight."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

from domain import Button, Media


class Op(StrEnum):
    TEXT = "text"
    COPY = "copy"  # the same message again, from a chat the bot can read
    COPY_MANY = "copy_many"  # several at once: an album stays an album
    EDIT_TEXT = "edit_text"
    EDIT_CAPTION = "edit_caption"
    CLEAR_BUTTONS = "clear_buttons"
    CREATE_TOPIC = "create_topic"
    RENAME_TOPIC = "rename_topic"
    CLOSE_TOPIC = "close_topic"  # a client's topic closed (merged into another: desk/people.py)
    REOPEN_TOPIC = "reopen_topic"
    PIN = "pin"
    SEND = "send"  # text and/or media carried in the delivery: for chats that cannot be copied
    PHOTO = "photo"  # an image we made (a chart), uploaded
    DOCUMENT = "document"  # a file we made (an export), uploaded


@dataclass(frozen=True)
class Delivery:
    """One concrete call to a channel: every reference already resolved."""

    op: Op
    chat_id: str
    text: str | None = None
    buttons: tuple[tuple[Button, ...], ...] = ()
    thread_id: int | None = None
    from_chat_id: str | None = None
    message_id: int | None = None  # the message to copy, edit or pin
    message_ids: tuple[int, ...] = ()  # for COPY_MANY
    reply_to_message_id: int | None = None
    html: bool = False  # edits: the new text is our own HTML, not a relayed message's text
    media: tuple[Media, ...] = ()  # for SEND
    client_id: int | None = None  # the client the message is to or about
    automatic: str | None = None  # a kind of automatic message (survey, birthday, ...)
    follow_on: bool = False  # continues the automatic message before it (a survey's question)
    file: bytes | None = None  # PHOTO, DOCUMENT: the content to upload (text is the caption)
    filename: str | None = None
    short: str | None = None  # the text said in a line or two (plain), for SMS


class FailureKind(StrEnum):
    TRANSIENT = "transient"  # try again later
    BLOCKED = "blocked"  # the person blocked the bot or left
    PERMANENT = "permanent"  # the request itself is wrong; retrying will not help
    HELD = "held"  # the channel may not send this now (WhatsApp's 24-hour window): not sent


# The reason an SMS client cannot be reached: SMS is off (TWILIO_SMS_FROM empty). Their topic is
# told once, in these words, instead of "the client blocked the bot".
SMS_OFF = "sms-off"


class DeliveryError(Exception):
    def __init__(self, kind: FailureKind, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.retry_after = retry_after


class ChannelPort(Protocol):
    async def send(self, delivery: Delivery) -> int | None:
        """Perform the delivery; returns the new message id (or topic id) when there is one."""


@runtime_checkable
class CopiesMany(Protocol):
    """A channel that copies several messages of one chat in one call (Telegram's copyMessages)."""

    async def copy_many(self, delivery: Delivery) -> tuple[int, ...]:
        """COPY_MANY into `delivery.chat_id` (and its thread): the copies' ids, in order."""
