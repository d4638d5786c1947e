"""A small Bot API server on 127.0.0.1: records every call and answers like Telegram does.

Only the network is fake: the bot under test talks HTTP to this server through
TELEGRAM_API_URL, exactly as it talks to api.telegram.org.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

from bot.demo.flood import FloodGate, FloodRules  # one model of Telegram's limits

BOT_ID = 7000001
JSON_FIELDS = {
    "reply_markup", "reply_parameters", "message_ids", "allowed_updates", "entities",
    "caption_entities", "media", "link_preview_options",
}
INT_FIELDS = {
    "message_id", "message_thread_id", "offset", "timeout", "user_id", "limit", "icon_color",
}


SENDS = {"sendMessage", "copyMessage", "copyMessages", "sendPhoto", "sendDocument",
         "sendMediaGroup", "sendVideo", "sendVoice", "sendAudio", "sendAnimation", "sendSticker"}


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded (multipart), kept whole so tests can read it."""

    filename: str
    content_type: str
    data: bytes


class ApiError(Exception):
    def __init__(self, status: int, description: str) -> None:
        self.status = status
        self.description = description


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    result: Any = None
    at: float = field(default_factory=time.monotonic)  # when the server received it

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def thread_id(self) -> int | None:
        return self.params.get("message_thread_id")

    @property
    def text(self) -> str | None:
        return self.params.get("text")

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        markup = self.params.get("reply_markup") or {}
        return markup.get("inline_keyboard", [])

    def button_labels(self) -> list[str]:
        return [button["text"] for row in self.buttons for button in row]

    def button_data(self, label_part: str) -> str:
        for row in self.buttons:
            for button in row:
                if label_part in button["text"]:
                    return button["callback_data"]
        raise AssertionError(f"no button with {label_part!r} among {self.button_labels()}")


@dataclass
class FakeTelegram:
    token: str
    group_id: int
    group_is_forum: bool = True
    group_type: str = "supergroup"
    bot_rights: dict[str, bool] = field(
        default_factory=lambda: {"can_manage_topics": True, "can_pin_messages": True}
    )
    bot_is_admin: bool = True
    calls: list[Call] = field(default_factory=list)
    blocked: set[int] = field(default_factory=set)  # chats that answer 403, as after a block
    fail_next: dict[str, list[tuple[int, str, dict[str, Any] | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    url: str = ""
    files: dict[str, bytes] = field(default_factory=dict)  # file_id -> content, for getFile
    uploads: list[tuple[str, bytes]] = field(default_factory=list)  # (file name, content)
    flood: FloodRules | None = None  # None: no limits, as the tests mostly want
    # The group's human administrators (id -> first name); the first is its creator.
    admins: dict[int, str] = field(default_factory=dict)
    anonymous_admins: set[int] = field(default_factory=set)  # admins who post as the group
    topic_names: dict[int, str] = field(default_factory=dict)  # thread id -> current name
    more_groups: tuple[int, ...] = ()  # other manager supergroups (MANAGER_GROUPS)
    closed_topics: set[int] = field(default_factory=set)  # threads closed (closeForumTopic)

    def __post_init__(self) -> None:
        self._ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1000))
        # Thread ids are counted per group, as Telegram does: two groups' topics share ids.
        self._topics: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(500))
        self._updates: list[dict[str, Any]] = []
        self._update_arrived = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._polled = asyncio.Event()
        self._called = asyncio.Event()
        self.polled_offset = 0
        self.gate = FloodGate(self.flood) if self.flood else None

    # -- test-side API -------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def push_update(self, update: dict[str, Any]) -> None:
        self._updates.append(update)
        self._update_arrived.set()

    def fail(self, method: str, status: int, description: str, parameters: dict | None = None) -> None:
        """Make the next call of `method` fail as Telegram would."""
        self.fail_next[method].append((status, description, parameters))

    def sent(self, method: str | None = None, chat_id: int | None = None) -> list[Call]:
        return [
            call
            for call in self.calls
            if (method is None or call.method == method)
            and (chat_id is None or call.chat_id == chat_id)
        ]

    def to_chat(self, chat_id: int) -> list[Call]:
        """Messages that appeared in a chat (sends and copies), in order."""
        kinds = {"sendMessage", "copyMessage", "sendPhoto", "sendDocument", "sendMediaGroup"}
        return [call for call in self.sent(chat_id=chat_id) if call.method in kinds]

    def last_to(self, chat_id: int) -> Call:
        messages = self.to_chat(chat_id)
        assert messages, f"nothing was sent to chat {chat_id}"
        return messages[-1]

    def clear(self) -> None:
        self.calls.clear()

    # -- server --------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = _decode(dict(await request.post()))
        call = Call(method, params)
        if method != "getUpdates":
            self.calls.append(call)
            self._called.set()
        if self.fail_next.get(method):
            status, description, parameters = self.fail_next[method].pop(0)
            return _error(status, description, parameters)
        chat_id = params.get("chat_id")
        if chat_id is not None and int(chat_id) in self.blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        paced = self.gate is not None and method in SENDS and chat_id is not None
        if paced and (wait := self.gate.admit(int(chat_id))):
            retry_after = max(1, math.ceil(wait))
            return _error(429, f"Too Many Requests: retry after {retry_after}",
                          {"retry_after": retry_after})
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return _error(404, f"Not Found: method {method} is not faked")
        try:
            result = await handler(params)
        except ApiError as error:
            return _error(error.status, error.description)
        call.result = result
        return web.json_response({"ok": True, "result": result})

    def _message(self, chat_id: Any, **extra: Any) -> dict[str, Any]:
        chat = int(chat_id)
        kind = "private" if chat > 0 else "supergroup"
        message = {
            "message_id": next(self._ids[chat]),
            "date": int(time.time()),
            "chat": {"id": chat, "type": kind},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "CarCare"},
        }
        message.update({key: value for key, value in extra.items() if value is not None})
        return message

    async def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "CarCare", "username": "carcare_test_bot"}

    async def _m_getChat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        if chat_id != self.group_id and chat_id not in self.more_groups:
            raise ApiError(400, "Bad Request: chat not found")
        return {
            "id": chat_id, "type": self.group_type, "title": "Managers",
            "is_forum": self.group_is_forum, "accent_color_id": 0, "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False, "limited_gifts": False,
                "unique_gifts": False, "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    async def _m_getChatMember(self, params: dict[str, Any]) -> dict[str, Any]:
        user = {"id": BOT_ID, "is_bot": True, "first_name": "CarCare"}
        if not self.bot_is_admin:
            return {"status": "member", "user": user}
        rights = {
            "can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
            "can_delete_messages": True, "can_manage_video_chats": False,
            "can_restrict_members": False, "can_promote_members": False, "can_change_info": False,
            "can_invite_users": True, "can_post_stories": False, "can_edit_stories": False,
            "can_delete_stories": False, "can_send_welcome_messages": False,
        }
        rights.update(self.bot_rights)
        return {"status": "administrator", "user": user, **rights}

    async def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        _check_text(params.get("text") or "", params.get("parse_mode"))
        markup = params.get("reply_markup")
        return self._message(
            params["chat_id"], text=params.get("text"),
            message_thread_id=params.get("message_thread_id"),
            # As Telegram does: a sent message carries an inline keyboard back, never the
            # keyboard under the input field.
            reply_markup=markup if markup and "inline_keyboard" in markup else None,
        )

    async def _m_copyMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"message_id": self._message(params["chat_id"])["message_id"]}

    async def _m_copyMessages(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {"message_id": self._message(params["chat_id"])["message_id"]}
            for _ in params["message_ids"]
        ]

    async def _m_createForumTopic(self, params: dict[str, Any]) -> dict[str, Any]:
        thread = next(self._topics[int(params["chat_id"])])
        self.topic_names[thread] = params["name"]
        return {"message_thread_id": thread, "name": params["name"], "icon_color": 7322096}

    async def _m_editForumTopic(self, params: dict[str, Any]) -> bool:
        thread = int(params["message_thread_id"])
        if "name" in params:
            if not 1 <= len(params["name"]) <= 128:
                raise ApiError(400, "Bad Request: TOPIC_TITLE_INVALID")
            self.topic_names[thread] = params["name"]
        return True

    async def _m_closeForumTopic(self, params: dict[str, Any]) -> bool:
        self.closed_topics.add(int(params["message_thread_id"]))
        return True

    async def _m_reopenForumTopic(self, params: dict[str, Any]) -> bool:
        self.closed_topics.discard(int(params["message_thread_id"]))
        return True

    async def _m_getChatAdministrators(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if int(params["chat_id"]) != self.group_id:
            raise ApiError(400, "Bad Request: chat not found")
        found: list[dict[str, Any]] = []
        for index, (user_id, name) in enumerate(self.admins.items()):
            user = {"id": user_id, "is_bot": False, "first_name": name}
            anonymous = user_id in self.anonymous_admins
            if index == 0:
                found.append({"status": "creator", "user": user, "is_anonymous": anonymous})
                continue
            found.append({"status": "administrator", "user": user, "can_be_edited": False,
                          "is_anonymous": anonymous, "can_manage_chat": True,
                          "can_delete_messages": True, "can_manage_video_chats": False,
                          "can_restrict_members": False, "can_promote_members": False,
                          "can_change_info": False, "can_invite_users": True,
                          "can_post_stories": False, "can_edit_stories": False,
                          "can_delete_stories": False, "can_send_welcome_messages": False})
        if self.bot_is_admin:
            found.append(await self._m_getChatMember({"chat_id": self.group_id}))
        return found

    async def _edited(self, params: dict[str, Any]) -> dict[str, Any]:
        if "text" in params:
            _check_text(params["text"] or "", params.get("parse_mode"))
        return self._message(params["chat_id"]) | {"message_id": params["message_id"]}

    _m_editMessageText = _edited
    _m_editMessageCaption = _edited
    _m_editMessageReplyMarkup = _edited

    async def _m_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        photo = _attached(params, "photo")
        self.uploads.append((photo.filename, photo.data))
        return self._message(
            params["chat_id"], caption=params.get("caption"),
            message_thread_id=params.get("message_thread_id"),
            photo=[{"file_id": f"up-{len(self.uploads)}", "file_unique_id": "u", "width": 1, "height": 1}],
        )

    async def _m_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        document = _attached(params, "document")
        self.uploads.append((document.filename, document.data))
        return self._message(
            params["chat_id"], caption=params.get("caption"),
            message_thread_id=params.get("message_thread_id"),
            document={"file_id": f"up-{len(self.uploads)}", "file_unique_id": "u",
                      "file_name": document.filename},
        )

    async def _m_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = params["file_id"]
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {"file_id": file_id, "file_unique_id": f"{file_id}-u",
                "file_size": len(self.files[file_id]), "file_path": f"files/{file_id}.bin"}

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        file_id = request.match_info["path"].removeprefix("files/").removesuffix(".bin")
        if file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    async def _true(self, params: dict[str, Any]) -> bool:
        return True

    _m_pinChatMessage = _true
    _m_answerCallbackQuery = _true
    _m_deleteWebhook = _true
    _m_setWebhook = _true
    _m_setMyCommands = _true
    _m_close = _true

    async def _m_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset", 0))
        self.polled_offset = max(self.polled_offset, offset)
        self._polled.set()
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._update_arrived.clear()
            try:
                # Capped so a stopping bot is not held for the whole long-poll timeout.
                wait = min(float(params.get("timeout", 0)), 0.5)
                await asyncio.wait_for(self._update_arrived.wait(), wait)
            except TimeoutError:
                return []
        return self._updates[: int(params.get("limit", 100))]  # Telegram gives 100 at most

    async def wait_for_call(self) -> None:
        """Until the bot makes its next call (for a bot running in another process)."""
        self._called.clear()
        await self._called.wait()

    async def handled(self, update_id: int, timeout: float = 10.0) -> None:
        """Wait until the bot polls past an update: it confirms only updates it has handled."""
        async with asyncio.timeout(timeout):
            while self.polled_offset <= update_id:
                await self._polled.wait()
                self._polled.clear()


def _decode(raw: dict[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, web.FileField):  # values that are not str are uploaded files
            params[key] = Upload(value.filename, value.content_type, value.file.read())
        elif not isinstance(value, str):
            params[key] = value
        elif key in JSON_FIELDS:
            params[key] = json.loads(value)
        elif key in INT_FIELDS:
            params[key] = int(value)
        else:
            params[key] = value
    for key, value in params.items():  # aiogram names the upload part: photo=attach://<part>
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.get(value.removeprefix("attach://"), value)
    return params


TEXT_LIMIT = 4096


class _Entities(HTMLParser):
    """Telegram's HTML parse mode, as far as its refusals go: tags closed in order, and the
    text after parsing counted in UTF-16 code units."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.length = 0
        self.broken = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.broken = True

    def handle_data(self, data: str) -> None:
        self.length += len(data.encode("utf-16-le")) // 2


def _check_text(text: str, parse_mode: str | None) -> None:
    """What Telegram answers a text it will not send."""
    if parse_mode == "HTML":
        parsed = _Entities()
        parsed.feed(text)
        parsed.close()
        if parsed.broken or parsed.open:
            raise ApiError(400, "Bad Request: can't parse entities: unclosed start tag")
        length = parsed.length
    else:
        length = len(text.encode("utf-16-le")) // 2
    if length > TEXT_LIMIT:
        raise ApiError(400, "Bad Request: message is too long")
    if not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")


def _error(status: int, description: str, parameters: dict | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


def _attached(params: dict[str, Any], name: str) -> Any:
    """An uploaded file: aiogram sends the field as attach://<part> and the file as that part."""
    value = params[name]
    if isinstance(value, str) and value.startswith("attach://"):
        return params[value.removeprefix("attach://")]
    return value
