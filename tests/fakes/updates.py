"""Telegram updates as Telegram sends them, for feeding the real dispatcher."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TgUser:
    id: int
    first_name: str
    language_code: str | None = "ru"
    username: str | None = None

    def as_dict(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        if self.username:
            user["username"] = self.username
        return user


def _file(prefix: str, **extra: Any) -> dict[str, Any]:
    return {"file_id": f"{prefix}-id", "file_unique_id": f"{prefix}-uid", **extra}


MEDIA: dict[str, dict[str, Any]] = {
    "photo": {"photo": [_file("photo", width=90, height=90)]},
    "video": {"video": _file("video", width=640, height=480, duration=5)},
    "document": {"document": _file("doc", file_name="inspection.pdf")},
    "audio": {"audio": _file("audio", duration=30)},
    "voice": {"voice": _file("voice", duration=3)},
    "video_note": {"video_note": _file("vnote", length=240, duration=4)},
    "sticker": {
        "sticker": _file("sticker", type="regular", width=512, height=512,
                         is_animated=False, is_video=False)
    },
    "animation": {"animation": _file("gif", width=320, height=240, duration=2)},
    "location": {"location": {"latitude": 55.751, "longitude": 37.618}},
    "contact": {"contact": {"phone_number": "+79161234567", "first_name": "Ivan"}},
}


class Updates:
    def __init__(self, group_id: int) -> None:
        self.group_id = group_id
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(50_000)  # clear of ids the fake server hands out

    def _update(self, **body: Any) -> dict[str, Any]:
        return {"update_id": next(self._update_ids), **body}

    def _private_message(self, user: TgUser, content: dict[str, Any], reply_to: int | None) -> dict[str, Any]:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
            "from": user.as_dict(),
            **content,
        }
        if reply_to is not None:
            message["reply_to_message"] = {
                "message_id": reply_to, "date": int(time.time()),
                "chat": message["chat"], "text": "…",
            }
        return message

    def text(self, user: TgUser, text: str, reply_to: int | None = None) -> dict[str, Any]:
        return self._update(message=self._private_message(user, {"text": text}, reply_to))

    def command(self, user: TgUser, text: str) -> dict[str, Any]:
        content = {"text": text, "entities": [
            {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
        ]}
        return self._update(message=self._private_message(user, content, None))

    def media(self, user: TgUser, kind: str, caption: str | None = None, **extra: Any) -> dict[str, Any]:
        content = {**MEDIA[kind], **extra}
        if caption is not None:
            content["caption"] = caption
        return self._update(message=self._private_message(user, content, None))

    def album(self, user: TgUser, count: int, group: str = "album-1") -> list[dict[str, Any]]:
        return [self.media(user, "photo", media_group_id=group) for _ in range(count)]

    def press(self, user: TgUser, data: str, message_id: int) -> dict[str, Any]:
        return self._update(callback_query={
            "id": str(next(self._update_ids)),
            "from": user.as_dict(),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": message_id, "date": int(time.time()),
                "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
                "from": {"id": 7000001, "is_bot": True, "first_name": "CarCare"},
                "text": "…",
            },
        })

    def edited(self, user: TgUser, message_id: int, text: str) -> dict[str, Any]:
        message = self._private_message(user, {"text": text, "edit_date": int(time.time())}, None)
        message["message_id"] = message_id
        return self._update(edited_message=message)

    def membership(self, user: TgUser, status: str) -> dict[str, Any]:
        bot = {"id": 7000001, "is_bot": True, "first_name": "CarCare"}
        old = "member" if status == "kicked" else "kicked"
        return self._update(my_chat_member={
            "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
            "from": user.as_dict(),
            "date": int(time.time()),
            "old_chat_member": {"status": old, "user": bot, **_until(old)},
            "new_chat_member": {"status": status, "user": bot, **_until(status)},
        })

    # -- the manager group ---------------------------------------------------------------

    def _group_message(self, manager: TgUser, thread: int | None, content: dict[str, Any],
                       reply_to: int | None, group: int | None = None) -> dict[str, Any]:
        chat = {"id": group or self.group_id, "type": "supergroup", "title": "Managers",
                "is_forum": True}
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": manager.as_dict(),
            **content,
        }
        if thread is not None:
            message["message_thread_id"] = thread
            message["is_topic_message"] = True
            # Telegram marks every topic message as a reply to the topic's first message.
            target = reply_to if reply_to is not None else thread
            message["reply_to_message"] = {
                "message_id": target, "date": int(time.time()), "chat": chat,
                "message_thread_id": thread, "is_topic_message": True,
                **(
                    {"forum_topic_created": {"name": "t", "icon_color": 0}}
                    if target == thread
                    else {"text": "…"}
                ),
            }
        return message

    def in_topic(self, manager: TgUser, thread: int | None, text: str | None = None,
                 kind: str | None = None, reply_to: int | None = None,
                 group: int | None = None) -> dict[str, Any]:
        """A manager's message in a topic (None: General) of the manager group (`group`: of
        another manager group)."""
        content: dict[str, Any] = dict(MEDIA[kind]) if kind else {}
        if text is not None:
            content["caption" if kind else "text"] = text
            if not kind and text.startswith("/"):
                content["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
                ]
        return self._update(message=self._group_message(manager, thread, content, reply_to, group))

    def edited_in_topic(self, manager: TgUser, thread: int, message_id: int, text: str) -> dict[str, Any]:
        message = self._group_message(manager, thread, {"text": text, "edit_date": int(time.time())}, None)
        message["message_id"] = message_id
        return self._update(edited_message=message)


def _until(status: str) -> dict[str, int]:
    """A banned member carries the date the ban ends (0: for ever)."""
    return {"until_date": 0} if status == "kicked" else {}
