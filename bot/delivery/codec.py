"""The one place outbox items turn into a row's kind and JSON payload, and back.

A payload written by this version carries `"v": 2` and the item's type by name; its fields are
the dataclass's own. A payload without `v` was written by the version before the typed queue
(an untyped dict whose keys said where it went): `_legacy` still reads it, so what was queued
before an upgrade is sent after it. An uploaded file stays at `$.file` in both, where
storage/outbox.py drops it once the item is settled.
"""

from __future__ import annotations

import base64
from dataclasses import asdict, fields
from typing import Any

from bot.delivery.items import (
    CLIENT_CHAT,
    CLIENT_TOPIC,
    ClearButtons,
    ClientChat,
    ClientTopic,
    CloseTopic,
    Content,
    Copy,
    EditCard,
    EditTwin,
    File,
    GroupThread,
    Item,
    OpenTopic,
    Recipient,
    RenameTopic,
    Report,
    Text,
)
from bot.delivery.ports import Op
from domain import Action, Button, Media

VERSION = 2
_TYPES: dict[str, type[Item]] = {
    cls.__name__: cls
    for cls in (
        Text,
        Copy,
        Content,
        File,
        OpenTopic,
        RenameTopic,
        CloseTopic,
        EditTwin,
        EditCard,
        Report,
        ClearButtons,
    )
}
_KINDS: dict[type[Item], str] = {
    Text: Op.TEXT,
    Copy: Op.COPY,
    Content: Op.SEND,
    OpenTopic: "open_topic",
    RenameTopic: Op.RENAME_TOPIC,
    EditCard: Op.EDIT_TEXT,
    Report: "report",
    ClearButtons: Op.CLEAR_BUTTONS,
}


class UnknownItem(ValueError):
    """A payload this version cannot read (a bug, or a row from a newer version)."""


def kind(item: Item) -> str:
    """The row's `kind` column: the call the item makes (or the multi-call item's name)."""
    if isinstance(item, File):
        return str(item.op)
    if isinstance(item, EditTwin):
        return str(Op.EDIT_CAPTION if item.caption else Op.EDIT_TEXT)
    if isinstance(item, CloseTopic):
        return str(Op.REOPEN_TOPIC if item.reopen else Op.CLOSE_TOPIC)
    return str(_KINDS[type(item)])


def encode(item: Item) -> dict[str, Any]:
    payload: dict[str, Any] = {"v": VERSION, "item": type(item).__name__}
    for field in fields(item):
        value = getattr(item, field.name)
        match field.name:
            case "to":
                payload["to"] = _recipient_out(value)
            case "buttons":
                payload["buttons"] = [[asdict(button) for button in row] for row in value]
            case "media":
                payload["media"] = [asdict(media) for media in value]
            case "content":
                payload["file"] = base64.b64encode(value).decode("ascii")
            case _:
                payload[field.name] = str(value) if isinstance(value, Op) else value
    return payload


def decode(kind: str, payload: dict[str, Any]) -> Item:
    try:
        if "v" not in payload:
            return _legacy(kind, payload)
        if payload["v"] != VERSION:
            raise UnknownItem(f"payload version {payload['v']}")
        return _current(payload)
    except (KeyError, TypeError, ValueError) as error:
        raise UnknownItem(f"{kind}: {error!r}") from error


def _current(p: dict[str, Any]) -> Item:
    cls = _TYPES[p["item"]]
    values: dict[str, Any] = {}
    for field in fields(cls):
        match field.name:
            case "to":
                values["to"] = _recipient_in(p["to"])
            case "buttons":
                values["buttons"] = _buttons(p.get("buttons", []))
            case "media":
                values["media"] = _media(p.get("media", []))
            case "content":
                values["content"] = base64.b64decode(p.get("file", ""))
            case "op":
                values["op"] = Op(p["op"])
            case name if name in p:
                values[name] = p[name]
    return cls(**values)


def _recipient_out(to: Recipient) -> dict[str, Any]:
    if isinstance(to, GroupThread):
        return {"kind": "group", "thread": to.thread_id}
    return {"kind": "topic" if isinstance(to, ClientTopic) else "client"}


def _recipient_in(to: dict[str, Any]) -> Recipient:
    match to["kind"]:
        case "client":
            return CLIENT_CHAT
        case "topic":
            return CLIENT_TOPIC
        case "group":
            return GroupThread(to.get("thread"))
    raise UnknownItem(f"recipient {to!r}")


def _buttons(rows: list[list[dict[str, str]]]) -> tuple[tuple[Button, ...], ...]:
    return tuple(
        tuple(
            Button(b["label"], Action(b["action"]), b.get("arg", ""), b.get("url", "")) for b in row
        )
        for row in rows
    )


def _media(items: list[dict[str, str]]) -> tuple[Media, ...]:
    return tuple(Media(**media) for media in items)


# The version before the typed queue told recipients apart by keys: a "thread" key meant the
# managers' group ("topic": the client's own topic), its absence the client's chat.
# Longer than 40 lines on purpose: one flat table, a branch per shape the old version wrote.
def _legacy(kind: str, p: dict[str, Any]) -> Item:
    side: ClientChat | ClientTopic = CLIENT_TOPIC if "thread" in p else CLIENT_CHAT
    twin = p.get("link_in") if "thread" in p else p.get("link_out")
    reply_twin = p.get("reply_to_client") if "thread" in p else p.get("reply_to_group")
    match kind:
        case Op.TEXT if p.get("thread") == "topic":
            return Text(
                CLIENT_TOPIC, p["text"], reply_to=p.get("reply_to"), card=bool(p.get("card"))
            )
        case Op.TEXT if "thread" in p:
            return Text(
                GroupThread(p["thread"]),
                p["text"],
                _buttons(p.get("buttons", [])),
                reply_to=p.get("reply_to"),
            )
        case Op.TEXT:
            return Text(
                CLIENT_CHAT,
                p["text"],
                _buttons(p.get("buttons", [])),
                automatic=p.get("auto"),
                follow_on=bool(p.get("follow_on")),
            )
        case Op.COPY:
            return Copy(side, p["from_chat_id"], p["message_id"], reply_twin, twin)
        case Op.SEND:
            return Content(side, p.get("text"), _media(p.get("media", [])), reply_twin, twin)
        case Op.PHOTO | Op.DOCUMENT:
            return File(
                GroupThread(p.get("thread")),
                Op(kind),
                base64.b64decode(p.get("file", "")),
                p["filename"],
                p.get("text"),
                p.get("reply_to"),
            )
        case "open_topic":
            return OpenTopic(p["title"], p["card_text"])
        case Op.RENAME_TOPIC:
            return RenameTopic(p["text"])
        case Op.EDIT_TEXT if p.get("card_message"):
            return EditCard(p["text"])
        case Op.EDIT_TEXT | Op.EDIT_CAPTION if "client_message_id" in p:
            return EditTwin(
                CLIENT_TOPIC, p["client_message_id"], p["text"], kind == Op.EDIT_CAPTION
            )
        case Op.EDIT_TEXT | Op.EDIT_CAPTION if "group_message_id" in p:
            return EditTwin(CLIENT_CHAT, p["group_message_id"], p["text"], kind == Op.EDIT_CAPTION)
        case "report":
            return Report(p["report_id"], p["text"], _buttons(p.get("buttons", [])))
        case Op.CLEAR_BUTTONS:
            return ClearButtons(p["message_id"])
    raise UnknownItem(f"old payload of kind {kind}")
