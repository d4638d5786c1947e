"""Telegram rendering of deliveries, and the typed callback data behind inline buttons."""

from __future__ import annotations

from typing import Protocol

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramConflictError,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyParameters,
)

from bot.channels.split import split_html
from bot.delivery.failures import failure
from bot.delivery.ports import Delivery, DeliveryError, FailureKind, Op
from domain import Action, Button, Media
from storage.media import MediaFile

TOPIC_TITLE_LIMIT = 128
CAPTION_LIMIT = 1024


# Telegram's answers by the exception aiogram raises for them (subclasses first: a 413 is a
# TelegramEntityTooLarge, which aiogram derives from its network error).
STATUS = (
    (TelegramRetryAfter, 429),
    (TelegramEntityTooLarge, 413),
    (TelegramBadRequest, 400),
    (TelegramUnauthorizedError, 401),
    (TelegramForbiddenError, 403),
    (TelegramNotFound, 404),
    (TelegramConflictError, 409),
    (TelegramServerError, 500),
)


def as_failure(error: TelegramAPIError | TimeoutError) -> DeliveryError:
    """What Telegram answered, classified by the one table (bot/delivery/failures.py)."""
    if isinstance(error, TelegramRetryAfter):
        return failure("telegram", 429, "flood limit", error.retry_after)
    status = next((code for kind, code in STATUS if isinstance(error, kind)), None)
    if status is None or status >= 500:  # no answer, or Telegram's own trouble
        return failure("telegram", status, type(error).__name__)
    return failure("telegram", status, getattr(error, "message", type(error).__name__))


class Act(CallbackData, prefix="a"):
    action: Action
    arg: str = ""


def send_markup(
    rows: tuple[tuple[Button, ...], ...],
) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | None:
    """Inline buttons; or, with a "share my phone" button, a keyboard under the input field
    (Telegram asks for a contact only from there), its other buttons sent as their text."""
    if not any(button.action is Action.SHARE_PHONE for row in rows for button in row):
        return keyboard(rows)
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=b.label, request_contact=b.action is Action.SHARE_PHONE)
             for b in row]
            for row in rows
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=button.label, url=button.url)
                if button.url
                else InlineKeyboardButton(
                    text=button.label,
                    callback_data=Act(action=button.action, arg=button.arg).pack(),
                )
                for button in row
            ]
            for row in rows
        ]
    )


class KeptFiles(Protocol):
    """Files another channel fetched for the topic (a WhatsApp client's photos), by token."""

    async def load(self, token: str) -> MediaFile | None: ...


class TelegramFiles:
    """Managers' files, downloaded through the configured Bot API server."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def download(self, file_id: str) -> bytes:
        """The file's bytes; a DeliveryError by the table when Telegram refuses (a file over
        the 20 MB bots may download is refused for good, not tried again)."""
        try:
            file = await self._bot.get_file(file_id)
            data = await self._bot.download_file(file.file_path or "")
        except (TelegramAPIError, TimeoutError) as error:
            raise as_failure(error) from None
        assert data is not None
        return data.read()


class TelegramChannel:
    def __init__(self, bot: Bot, kept: KeptFiles | None = None) -> None:
        self._bot = bot
        self._kept = kept

    async def send(self, delivery: Delivery) -> int | None:
        try:
            return await self._call(delivery)
        except TelegramBadRequest as error:
            if "message is not modified" in error.message:
                return delivery.message_id
            if "TOPIC_NOT_MODIFIED" in error.message:  # a topic already so (renamed, closed)
                return delivery.thread_id
            raise as_failure(error) from None
        except (TelegramAPIError, TimeoutError) as error:
            raise as_failure(error) from None

    async def copy_many(self, delivery: Delivery) -> tuple[int, ...]:
        """Several messages of one chat in one call (a client's waiting messages, an album),
        into the thread; the copies' ids, in order."""
        try:
            copies = await self._bot.copy_messages(
                chat_id=delivery.chat_id, from_chat_id=delivery.from_chat_id or "",
                message_ids=list(delivery.message_ids), message_thread_id=delivery.thread_id,
            )
        except (TelegramAPIError, TimeoutError) as error:
            raise as_failure(error) from None
        return tuple(copy.message_id for copy in copies)

    async def _call(self, d: Delivery) -> int | None:
        # Long on purpose: one case per operation of the port, so the whole mapping from our
        # operations to Bot API calls reads in one place.
        reply = (
            ReplyParameters(message_id=d.reply_to_message_id, allow_sending_without_reply=True)
            if d.reply_to_message_id
            else None
        )
        match d.op:
            case Op.TEXT:
                return await self._send_text(d, d.text or "", reply, send_markup(d.buttons))
            case Op.COPY:
                copied = await self._bot.copy_message(
                    chat_id=d.chat_id,
                    from_chat_id=d.from_chat_id or "",
                    message_id=d.message_id or 0,
                    message_thread_id=d.thread_id,
                    reply_parameters=reply,
                    # Our own caption, when given, replaces the original's (a /extra photo's).
                    caption=d.text,
                    parse_mode="HTML" if d.text is not None else None,
                )
                return copied.message_id
            case Op.COPY_MANY:
                copies = await self._bot.copy_messages(
                    chat_id=d.chat_id, from_chat_id=d.from_chat_id or "", message_ids=list(d.message_ids)
                )
                return copies[-1].message_id if copies else None
            case Op.EDIT_TEXT:
                await self._bot.edit_message_text(
                    chat_id=d.chat_id,
                    message_id=d.message_id,
                    text=d.text or "",
                    parse_mode="HTML" if d.html else None,
                    reply_markup=keyboard(d.buttons),
                )
                return d.message_id
            case Op.EDIT_CAPTION:
                await self._bot.edit_message_caption(
                    chat_id=d.chat_id, message_id=d.message_id, caption=d.text, parse_mode=None
                )
                return d.message_id
            case Op.CLEAR_BUTTONS:
                await self._bot.edit_message_reply_markup(
                    chat_id=d.chat_id, message_id=d.message_id, reply_markup=None
                )
                return d.message_id
            case Op.CREATE_TOPIC:
                topic = await self._bot.create_forum_topic(
                    chat_id=d.chat_id, name=(d.text or "?")[:TOPIC_TITLE_LIMIT]
                )
                return topic.message_thread_id
            case Op.RENAME_TOPIC:
                await self._bot.edit_forum_topic(
                    chat_id=d.chat_id,
                    message_thread_id=d.thread_id or 0,
                    name=(d.text or "?")[:TOPIC_TITLE_LIMIT],
                )
                return d.thread_id
            case Op.CLOSE_TOPIC | Op.REOPEN_TOPIC:
                change = (self._bot.close_forum_topic if d.op is Op.CLOSE_TOPIC
                          else self._bot.reopen_forum_topic)
                await change(chat_id=d.chat_id, message_thread_id=d.thread_id or 0)
                return d.thread_id
            case Op.SEND:
                return await self._send_content(d, reply)
            case Op.PHOTO | Op.DOCUMENT:  # a file we made: a chart, an export
                photo = d.op is Op.PHOTO
                upload = self._bot.send_photo if photo else self._bot.send_document
                name = d.filename or ("chart.png" if photo else "export")
                sent = await upload(
                    d.chat_id,
                    BufferedInputFile(d.file or b"", filename=name),
                    caption=d.text,
                    message_thread_id=d.thread_id,
                    reply_parameters=reply,
                    parse_mode="HTML",
                )
                return sent.message_id
            case Op.PIN:
                await self._bot.pin_chat_message(
                    chat_id=d.chat_id, message_id=d.message_id or 0, disable_notification=True
                )
                return d.message_id
        raise DeliveryError(FailureKind.PERMANENT, f"unsupported operation {d.op}")

    async def _send_content(self, d: Delivery, reply: ReplyParameters | None) -> int | None:
        """A message from a channel that cannot be copied: our text, then its files uploaded."""
        last: int | None = None
        caption = d.text if d.text and len(d.text) <= CAPTION_LIMIT else None
        text = None if caption else d.text  # too long for a caption: sent as its own message
        for media in d.media:
            sent = await self._upload(d, media, caption, reply)
            if sent is not None:
                last, caption, reply = sent, None, None
        text = text or caption
        if text or last is None:
            last = await self._send_text(d, text or "…", reply, None)
        return last

    async def _send_text(
        self, d: Delivery, text: str, reply: ReplyParameters | None,
        markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None,
    ) -> int:
        """A text in as many messages as Telegram's limit needs (cut at lines, tags kept
        whole: bot/channels/split.py); the first replies, the last carries the buttons and is
        the one the item records (buttons are cleared and presses answered on it)."""
        parts = split_html(text)
        for part in parts[:-1]:
            await self._bot.send_message(
                chat_id=d.chat_id, text=part, message_thread_id=d.thread_id,
                reply_parameters=reply, parse_mode="HTML",
            )
            reply = None
        sent = await self._bot.send_message(
            chat_id=d.chat_id, text=parts[-1], message_thread_id=d.thread_id,
            reply_markup=markup, reply_parameters=reply, parse_mode="HTML",
        )
        return sent.message_id

    async def _upload(
        self, d: Delivery, media: Media, caption: str | None, reply: ReplyParameters | None
    ) -> int | None:
        kept = await self._kept.load(media.ref) if self._kept else None
        if kept is None:
            return None  # expired or never fetched: the text still goes
        upload = BufferedInputFile(kept.body, filename=kept.filename)
        send = self._bot.send_photo if media.kind == "photo" else self._bot.send_document
        message = await send(  # the two differ only in the name of the file parameter
            d.chat_id, upload, message_thread_id=d.thread_id, reply_parameters=reply,
            caption=caption, parse_mode="HTML",
        )
        return message.message_id
