"""Which lane an update goes to: the chat it happened in, and in a forum the topic."""

from __future__ import annotations

from collections.abc import Hashable

from aiogram.types import InaccessibleMessage, Message, Update


def lane_of(update: Update) -> Hashable:
    """A client's private chat, one topic of the managers' group, or the group's General topic.

    Updates of one lane are handled in arrival order (a message, its edit, a button pressed
    under it); an update that belongs to no chat keeps no order with anything.
    """
    message = update.message or update.edited_message or update.channel_post \
        or update.edited_channel_post or update.business_message or update.edited_business_message
    if message is not None:
        return _message_lane(message)
    query = update.callback_query
    if query is not None:
        if query.message is not None:
            return _message_lane(query.message)
        return ("user", query.from_user.id)
    for event in (update.my_chat_member, update.chat_member, update.chat_join_request,
                  update.message_reaction, update.message_reaction_count):
        if event is not None:
            return (event.chat.id, None)
    return ("update", update.update_id)


def _message_lane(message: Message | InaccessibleMessage) -> tuple[int, int | None]:
    if isinstance(message, Message) and message.is_topic_message:
        return (message.chat.id, message.message_thread_id)
    return (message.chat.id, None)
