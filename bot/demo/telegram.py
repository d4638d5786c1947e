"""The Bot API, served inside the demo's process: what Telegram's servers and apps would do.

The bot reaches it over HTTP through TELEGRAM_API_URL exactly as it reaches api.telegram.org,
with the same aiogram session; nothing in the application knows it is a demo. It keeps to the
semantics the bot relies on: message ids counted per chat, forum topics whose thread id is the
id of their first (service) message, `message_thread_id` on every topic message, copies that
carry the original's content, edits that Telegram refuses when nothing changes, pins per topic,
callback queries answered once, files by `file_id` through getFile, albums by
`media_group_id`, HTML turned into entities (a tag Telegram does not know is a 400), and, when
flood limits are on, 429 with `retry_after` past them.

The page's people (the clients, the manager) act through the `user_*`, `manager_*` and `press`
methods, which make the updates Telegram's apps would cause; the bot takes them by getUpdates.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.clock import Clock
from bot.demo.files import BOT_DOWNLOAD_LIMIT, FileStore, StoredFile, image_size
from bot.demo.flood import FloodGate, FloodRules
from bot.demo.html_text import EntityError, commands, parse_html, utf16_len

BOT_USER = {"id": 7000001, "is_bot": True, "first_name": "CarCare", "username": "carcare_demo_bot"}
JSON_FIELDS = {"reply_markup", "reply_parameters", "message_ids", "allowed_updates", "entities",
               "caption_entities", "media", "link_preview_options"}
SENDS = {"sendMessage", "copyMessage", "copyMessages", "sendPhoto", "sendDocument", "sendMediaGroup"}
CONTENT = ("text", "entities", "caption", "caption_entities", "photo", "document", "video",
           "voice", "audio", "sticker", "animation", "location", "contact", "video_note")
TEXT_LIMIT, CAPTION_LIMIT, CALLBACK_DATA_LIMIT, TOPIC_NAME_LIMIT = 4096, 1024, 64, 128
HOLD_POLL = 25.0  # seconds a getUpdates with nothing new is held open, at most

Publish = Callable[[dict[str, Any]], None]


class ApiError(Exception):
    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass
class Chat:
    id: int
    info: dict[str, Any]  # the Chat object messages carry
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    topics: dict[int, dict[str, Any]] = field(default_factory=dict)  # thread id -> name, colour
    pinned: dict[int, int] = field(default_factory=dict)  # thread id (0: the chat) -> message id
    keyboard: dict[str, Any] | None = None  # the reply keyboard under a private chat's input
    started: bool = False  # the user pressed Start: the bot may write to them

    @property
    def private(self) -> bool:
        return bool(self.info["type"] == "private")


class BotApi:
    def __init__(
        self,
        token: str,
        clock: Clock,
        group: dict[str, Any],
        members: dict[int, dict[str, Any]],
        admins: list[int],
        publish: Publish,
        flood: FloodRules | None = None,
    ) -> None:
        self.token = token
        self._clock = clock
        self.group_id = int(group["id"])
        self.members = members  # user id -> User object (clients and managers)
        self._admins = admins
        self._publish = publish
        self.gate = FloodGate(flood) if flood else None
        self.files = FileStore("BQAC")
        self.chats: dict[int, Chat] = {self.group_id: Chat(self.group_id, group)}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._arrived = asyncio.Condition()
        self._confirmed = 0  # getUpdates' offset: every update below it is handled
        self._confirmed_moved = asyncio.Event()
        self._queries: dict[str, dict[str, Any]] = {}  # open callback queries by id
        self._query_ids = itertools.count(4_000_000_000_001)
        self._album_ids = itertools.count(13_000_000_000_001)

    # -- HTTP -------------------------------------------------------------------------------

    def register(self, app: web.Application, prefix: str) -> None:
        app.router.add_route("*", prefix + "/bot{token}/{method}", self._handle)
        app.router.add_get(prefix + "/file/bot{token}/{path:.+}", self._download)

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(ApiError(401, "Unauthorized"))
        method = request.match_info["method"]
        params = _decode(dict(await request.post()))
        handler: Callable[[dict[str, Any]], Awaitable[Any]] | None = getattr(self, f"_m_{method}", None)
        if handler is None:
            return _error(ApiError(404, "Not Found"))
        try:
            self._pace(method, params)
            result = await handler(params)
        except ApiError as error:
            return _error(error)
        except (KeyError, ValueError, TypeError) as error:
            return _error(bad(f"wrong parameters: {error}"))
        return web.json_response({"ok": True, "result": result})

    def _pace(self, method: str, params: dict[str, Any]) -> None:
        if self.gate is None or method not in SENDS or "chat_id" not in params:
            return
        wait = self.gate.admit(int(params["chat_id"]))
        if wait:
            seconds = max(1, math.ceil(wait))
            raise ApiError(429, f"Too Many Requests: retry after {seconds}", seconds)

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        stored = self.files.get(request.match_info["path"].removeprefix("files/"))
        if stored is None:
            return web.Response(status=404)
        return web.Response(body=stored.data, content_type=stored.mime)

    # -- the people's side: what Telegram's apps send --------------------------------------

    def user_message(self, user_id: int, content: dict[str, Any], reply_to: int | None = None) -> int:
        """A client writes in their private chat with the bot; returns the update's id."""
        chat = self._private(user_id)
        if content.get("text") == "/start" or content.get("text", "").startswith("/start "):
            chat.started = True
        if "contact" in content or content.get("text"):
            self._used_keyboard(chat)
        message = self._store(chat, self.members[user_id], content, reply_to=reply_to)
        return self._push(message=message)

    def manager_message(
        self, user_id: int, thread: int | None, content: dict[str, Any], reply_to: int | None = None
    ) -> int:
        """A manager writes in the group: in a topic (thread) or in General (None)."""
        chat = self.chats[self.group_id]
        if thread is not None and thread not in chat.topics:
            raise bad("message thread not found")
        message = self._store(chat, self.members[user_id], content, thread=thread, reply_to=reply_to)
        return self._push(message=message)

    def press(self, user_id: int, chat_id: int, message_id: int, data: str) -> int:
        """A tap on an inline button: a callback query carrying the message it is under."""
        message = self.chats[chat_id].messages.get(message_id)
        buttons = [b for row in (message or {}).get("reply_markup", {}).get("inline_keyboard", [])
                   for b in row]
        if message is None or not any(b.get("callback_data") == data for b in buttons):
            raise bad("no such button")  # the app never sends one that is not on the message
        query: dict[str, Any] = {"id": str(next(self._query_ids)), "from": self.members[user_id],
                 "message": copy.deepcopy(message), "chat_instance": str(chat_id), "data": data}
        self._queries[query["id"]] = query
        return self._push(callback_query=query)

    def new_file(self, data: bytes, name: str, mime: str | None = None) -> StoredFile:
        return self.files.add(data, name, mime)

    def photo_content(self, stored: StoredFile, caption: str = "") -> dict[str, Any]:
        width, height = image_size(stored.data)
        sizes = [{"file_id": stored.file_id, "file_unique_id": stored.unique_id,
                  "width": width, "height": height, "file_size": stored.size}]
        content: dict[str, Any] = {"photo": sizes}
        if caption:
            content.update(caption=caption, caption_entities=commands(caption))
        return content

    def document_content(self, stored: StoredFile, caption: str = "") -> dict[str, Any]:
        content: dict[str, Any] = {"document": _document(stored)}
        if caption:
            content["caption"] = caption
        return content

    def new_album(self) -> str:
        return str(next(self._album_ids))

    async def handled(self, update_id: int, timeout: float = 30.0) -> None:
        """Until the bot has confirmed the update (its polling moves past handled ones only)."""
        async with asyncio.timeout(timeout):
            while self._confirmed <= update_id:
                self._confirmed_moved.clear()
                await self._confirmed_moved.wait()

    def _push(self, **body: Any) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **body})
        asyncio.get_running_loop().create_task(self._notify())
        return update_id

    async def _notify(self) -> None:
        async with self._arrived:
            self._arrived.notify_all()

    # -- what the page shows ----------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        return {str(chat.id): {
            "messages": list(chat.messages.values()),
            "topics": {str(k): v for k, v in chat.topics.items()},
            "pinned": {str(k): v for k, v in chat.pinned.items()},
            "keyboard": chat.keyboard,
        } for chat in self.chats.values()}

    # -- storing messages -------------------------------------------------------------------

    def _private(self, user_id: int) -> Chat:
        if user_id not in self.chats:
            user = self.members[user_id]
            info = {"id": user_id, "type": "private", "first_name": user["first_name"]}
            self.chats[user_id] = Chat(user_id, info)
        return self.chats[user_id]

    def _store(
        self,
        chat: Chat,
        author: dict[str, Any],
        content: dict[str, Any],
        thread: int | None = None,
        reply_to: int | None = None,
        root: bool = False,
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(chat.ids), "from": author, "chat": chat.info,
            "date": int(self._clock.now().timestamp()), **content,
        }
        if root:  # a topic's first message: its id is the topic's thread id
            thread = message["message_id"]
            message.update(message_thread_id=thread, is_topic_message=True)
        elif thread is not None:
            message["message_thread_id"] = thread
            message["is_topic_message"] = True
        target = reply_to if reply_to is not None else thread  # a topic message replies to its root
        if target is not None and target in chat.messages and not root:
            quoted = {k: v for k, v in chat.messages[target].items() if k != "reply_to_message"}
            message["reply_to_message"] = quoted
        chat.messages[message["message_id"]] = message
        self._publish({"type": "message", "chat": chat.id, "message": message})
        return message

    def _from_bot(self, params: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params["chat_id"])
        thread = params.get("message_thread_id")
        if thread is not None:
            thread = int(thread)
            if chat.private or thread not in chat.topics:
                raise bad("message thread not found")
        reply = params.get("reply_parameters") or {}
        reply_to = reply.get("message_id")
        if reply_to is not None and int(reply_to) not in chat.messages:
            if not reply.get("allow_sending_without_reply"):
                raise bad("message to be replied not found")
            reply_to = None
        markup = params.get("reply_markup")
        inline = _inline(markup)
        if inline is not None:
            content["reply_markup"] = inline
        message = self._store(chat, BOT_USER, content, thread, int(reply_to) if reply_to else None)
        if chat.private and markup and "inline_keyboard" not in markup:
            self._keyboard(chat, markup)
        return message

    def _chat(self, chat_id: Any) -> Chat:
        try:
            chat = self.chats.get(int(chat_id))
            if chat is None and int(chat_id) in self.members:
                chat = self._private(int(chat_id))
        except ValueError:
            raise bad("chat not found") from None
        if chat is None:
            raise bad("chat not found")
        if chat.private and not chat.started:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        return chat

    def _keyboard(self, chat: Chat, markup: dict[str, Any]) -> None:
        chat.keyboard = None if markup.get("remove_keyboard") else markup
        self._publish({"type": "keyboard", "chat": chat.id, "keyboard": chat.keyboard})

    def _used_keyboard(self, chat: Chat) -> None:
        if chat.keyboard and chat.keyboard.get("one_time_keyboard"):
            chat.keyboard = None
            self._publish({"type": "keyboard", "chat": chat.id, "keyboard": None})

    def _edited(self, chat: Chat, message: dict[str, Any]) -> dict[str, Any]:
        message["edit_date"] = int(self._clock.now().timestamp())
        self._publish({"type": "edit", "chat": chat.id, "message": message})
        return message

    def _own(self, params: dict[str, Any]) -> tuple[Chat, dict[str, Any]]:
        chat = self._chat(params["chat_id"])
        message = chat.messages.get(int(params["message_id"]))
        if message is None:
            raise bad("message to edit not found")
        if message["from"]["id"] != BOT_USER["id"]:
            raise bad("message can't be edited")
        return chat, message

    # -- Bot API methods --------------------------------------------------------------------

    async def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    async def _m_getChat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self.chats.get(int(params["chat_id"]))
        if chat is None:
            raise bad("chat not found")
        return {**chat.info, "accent_color_id": 0, "max_reaction_count": 11,
                "accepted_gift_types": {"unlimited_gifts": False, "limited_gifts": False,
                                        "unique_gifts": False, "premium_subscription": False,
                                        "gifts_from_channels": False}}

    async def _m_getChatMember(self, params: dict[str, Any]) -> dict[str, Any]:
        user_id = int(params["user_id"])
        if user_id == BOT_USER["id"]:
            return self._bot_member()
        user = self.members.get(user_id)
        if user is None:
            raise bad("user not found")
        status = "creator" if user_id == self._admins[0] else "member"
        return {"status": status, "user": user, "is_anonymous": False}

    async def _m_getChatAdministrators(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if int(params["chat_id"]) != self.group_id:
            raise bad("chat not found")
        found = [{"status": "creator", "user": self.members[self._admins[0]], "is_anonymous": False}]
        return [*found, self._bot_member()]

    def _bot_member(self) -> dict[str, Any]:
        rights = {name: True for name in (
            "can_manage_chat", "can_delete_messages", "can_invite_users", "can_pin_messages",
            "can_manage_topics")}
        rights.update({name: False for name in (
            "can_be_edited", "is_anonymous", "can_manage_video_chats", "can_restrict_members",
            "can_promote_members", "can_change_info", "can_post_stories", "can_edit_stories",
            "can_delete_stories", "can_send_welcome_messages")})
        return {"status": "administrator", "user": BOT_USER, **rights}

    async def _true(self, params: dict[str, Any]) -> bool:
        return True

    _m_deleteWebhook = _true
    _m_setMyCommands = _true
    _m_close = _true

    async def _m_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset", 0))
        if offset > self._confirmed:
            self._confirmed = offset
            self._confirmed_moved.set()
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            hold = min(float(params.get("timeout", 0)), HOLD_POLL)
            async with self._arrived:
                try:
                    await asyncio.wait_for(self._arrived.wait_for(lambda: bool(self._updates)), hold)
                except TimeoutError:
                    return []
        return self._updates[: int(params.get("limit", 100))]

    async def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        text, entities = _formatted(params.get("text", ""), params.get("parse_mode"))
        if not text.strip():
            raise bad("message text is empty")
        if utf16_len(text) > TEXT_LIMIT:
            raise bad("message is too long")
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return self._from_bot(params, content)

    async def _m_copyMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        source = self._source(params, int(params["message_id"]))
        content = _content_of(source, _flag(params.get("remove_caption")))
        if params.get("caption") is not None and "text" not in content:
            caption, entities = _formatted(params["caption"], params.get("parse_mode"))
            content.update(caption=caption, caption_entities=entities)
        return {"message_id": self._from_bot(params, content)["message_id"]}

    async def _m_copyMessages(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        ids = sorted(int(i) for i in params["message_ids"])
        sources = [self._source(params, message_id) for message_id in ids]
        albums: dict[str, str] = {}
        copies = []
        for source in sources:
            content = _content_of(source, _flag(params.get("remove_caption")))
            if source.get("media_group_id"):  # an album stays an album (with a new group id)
                content["media_group_id"] = albums.setdefault(source["media_group_id"], self.new_album())
            copies.append({"message_id": self._from_bot(params, content)["message_id"]})
        return copies

    def _source(self, params: dict[str, Any], message_id: int) -> dict[str, Any]:
        chat = self.chats.get(int(params["from_chat_id"]))
        source = chat.messages.get(message_id) if chat else None
        if source is None:
            raise bad("message to copy not found")
        if not any(key in source for key in CONTENT):
            raise bad("message can't be copied")
        return source

    async def _m_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        stored = self._upload(params, "photo", "photo.jpg")
        caption, entities = _formatted(params.get("caption") or "", params.get("parse_mode"))
        content = self.photo_content(stored)
        if caption:
            content.update(caption=caption, caption_entities=entities)
        return self._from_bot(params, content)

    async def _m_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        stored = self._upload(params, "document", "file")
        caption, entities = _formatted(params.get("caption") or "", params.get("parse_mode"))
        content: dict[str, Any] = {"document": _document(stored)}
        if caption:
            content.update(caption=caption, caption_entities=entities)
        return self._from_bot(params, content)

    def _upload(self, params: dict[str, Any], name: str, default_name: str) -> StoredFile:
        value = params.get(name)
        if isinstance(value, str):  # a file_id sent again
            stored = self.files.get(value)
            if stored is None:
                raise bad("wrong file identifier/HTTP URL specified")
            return stored
        if not isinstance(value, Upload) or not value.data:
            raise bad(f"there is no {name} in the request")
        if len(value.data) > 50 * 1024 * 1024:
            raise ApiError(413, "Request Entity Too Large")
        return self.files.add(value.data, value.filename or default_name, value.content_type)

    async def _m_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        chat, message = self._own(params)
        if "text" not in message:
            raise bad("there is no text in the message to edit")
        text, entities = _formatted(params.get("text", ""), params.get("parse_mode"))
        markup = _inline(params.get("reply_markup"))
        if text == message["text"] and entities == message.get("entities", []) \
                and markup == message.get("reply_markup"):
            raise bad("message is not modified: specified new message content and reply markup"
                      " are exactly the same as a current content and reply markup of the message")
        message.update(text=text, entities=entities)
        _set_markup(message, markup)
        return self._edited(chat, message)

    async def _m_editMessageCaption(self, params: dict[str, Any]) -> dict[str, Any]:
        chat, message = self._own(params)
        caption, entities = _formatted(params.get("caption") or "", params.get("parse_mode"))
        if caption == message.get("caption", "") and "reply_markup" not in params:
            raise bad("message is not modified: specified new message content and reply markup"
                      " are exactly the same as a current content and reply markup of the message")
        message.update(caption=caption, caption_entities=entities)
        if "reply_markup" in params:
            _set_markup(message, _inline(params.get("reply_markup")))
        return self._edited(chat, message)

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        chat, message = self._own(params)
        markup = _inline(params.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise bad("message is not modified: specified new message content and reply markup"
                      " are exactly the same as a current content and reply markup of the message")
        _set_markup(message, markup)
        return self._edited(chat, message)

    async def _m_createForumTopic(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params["chat_id"])
        if not chat.info.get("is_forum"):
            raise bad("the chat is not a forum")
        name = str(params.get("name", ""))
        if not 1 <= len(name) <= TOPIC_NAME_LIMIT:
            raise bad("TOPIC_TITLE_INVALID")
        topic = {"name": name, "icon_color": int(params.get("icon_color", 7322096))}
        # The topic's thread id is the id of its first message, the service message.
        thread = int(self._store(chat, BOT_USER, {"forum_topic_created": dict(topic)}, root=True)
                     ["message_id"])
        chat.topics[thread] = topic
        self._publish({"type": "topic", "chat": chat.id, "thread": thread, "topic": topic})
        return {"message_thread_id": thread, **topic}

    async def _m_editForumTopic(self, params: dict[str, Any]) -> bool:
        chat = self._chat(params["chat_id"])
        thread = int(params["message_thread_id"])
        if thread not in chat.topics:
            raise bad("TOPIC_ID_INVALID")
        name = params.get("name")
        if name is not None:
            if not 1 <= len(name) <= TOPIC_NAME_LIMIT:
                raise bad("TOPIC_TITLE_INVALID")
            if name == chat.topics[thread]["name"]:
                raise bad("TOPIC_NOT_MODIFIED")
            chat.topics[thread]["name"] = name
            self._store(chat, BOT_USER, {"forum_topic_edited": {"name": name}}, thread)
        self._publish({"type": "topic", "chat": chat.id, "thread": thread, "topic": chat.topics[thread]})
        return True

    async def _m_closeForumTopic(self, params: dict[str, Any]) -> bool:
        return self._topic_closed(params, True)

    async def _m_reopenForumTopic(self, params: dict[str, Any]) -> bool:
        return self._topic_closed(params, False)

    def _topic_closed(self, params: dict[str, Any], closed: bool) -> bool:
        chat = self._chat(params["chat_id"])
        thread = int(params["message_thread_id"])
        if thread not in chat.topics:
            raise bad("TOPIC_ID_INVALID")
        chat.topics[thread]["is_closed"] = closed
        return True

    async def _m_pinChatMessage(self, params: dict[str, Any]) -> bool:
        chat = self._chat(params["chat_id"])
        message = chat.messages.get(int(params["message_id"]))
        if message is None:
            raise bad("message to pin not found")
        thread = int(message.get("message_thread_id") or 0)
        chat.pinned[thread] = message["message_id"]
        self._publish({"type": "pin", "chat": chat.id, "thread": thread,
                       "message_id": message["message_id"]})
        return True

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        query = self._queries.pop(str(params["callback_query_id"]), None)
        if query is None:
            raise bad("query is too old and response timeout expired or query ID is invalid")
        if params.get("text"):
            self._publish({"type": "answer", "chat": query["message"]["chat"]["id"],
                           "text": params["text"], "alert": params.get("show_alert") in (True, "true")})
        return True

    async def _m_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        stored = self.files.get(str(params["file_id"]))
        if stored is None:
            raise bad("invalid file_id")
        if stored.size > BOT_DOWNLOAD_LIMIT:
            raise bad("file is too big")
        return {"file_id": stored.file_id, "file_unique_id": stored.unique_id,
                "file_size": stored.size, "file_path": f"files/{stored.file_id}"}


@dataclass(frozen=True)
class Upload:
    filename: str
    content_type: str
    data: bytes


def _decode(raw: dict[str, Any]) -> dict[str, Any]:
    """aiogram's form: JSON for the structured fields, files as multipart parts."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, web.FileField):
            params[key] = Upload(value.filename, value.content_type, value.file.read())
        elif isinstance(value, str) and key in JSON_FIELDS:
            params[key] = json.loads(value)
        else:
            params[key] = value
    for key, value in params.items():  # photo=attach://<part>
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.get(value.removeprefix("attach://"), value)
    return params


def _formatted(source: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    if (parse_mode or "").upper() != "HTML":
        return source, []
    try:
        return parse_html(source)
    except EntityError as error:
        raise bad(str(error)) from None


def _inline(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """The inline keyboard a message keeps (a reply keyboard belongs to the chat, not to it)."""
    if not markup or "inline_keyboard" not in markup:
        return None
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= CALLBACK_DATA_LIMIT:
                raise bad("BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise bad("button text is empty")
    return markup if markup["inline_keyboard"] else None


def _set_markup(message: dict[str, Any], markup: dict[str, Any] | None) -> None:
    if markup is None:
        message.pop("reply_markup", None)
    else:
        message["reply_markup"] = markup


def _content_of(source: dict[str, Any], remove_caption: bool = False) -> dict[str, Any]:
    dropped = {"caption", "caption_entities"} if remove_caption else set()
    return copy.deepcopy({key: source[key] for key in CONTENT if key in source and key not in dropped})


def _flag(value: Any) -> bool:
    return value in (True, "true", "True", "1")


def _document(stored: StoredFile) -> dict[str, Any]:
    return {"file_id": stored.file_id, "file_unique_id": stored.unique_id,
            "file_name": stored.name, "mime_type": stored.mime, "file_size": stored.size}


def _error(error: ApiError) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": error.status, "description": error.description}
    if error.retry_after is not None:
        body["parameters"] = {"retry_after": error.retry_after}
    return web.json_response(body, status=error.status)
