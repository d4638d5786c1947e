"""What the outbox holds: one frozen dataclass per kind of item, with explicit recipients.

Recipients are named by what they are to the firm, not by chat ids: a client's own chat, the
client's topic in the managers' group (whatever its id turns out to be when the item is sent),
or a thread of the group (None: the General topic). The worker finds the ids at send time.

References to other messages are named the same way: `reply_to` is a message in the chat the
item goes to; `reply_to_twin` is a message on the *other* side (the client's chat for an item
to the group, the group for an item to the client) whose twin here is answered; `twin_of` is
the other side's message this one relays, recorded as a pair once it is sent.

`bot/delivery/codec.py` is the only place that turns these to and from JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.delivery.ports import Op
from domain import Button, Media

Buttons = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True)
class ClientChat:
    """The client's own chat: on the client's channel (Telegram, WhatsApp, SMS), or on the
    channel the outbox row names (a message sent `via` another, bot/delivery/queue.py)."""


@dataclass(frozen=True)
class ClientTopic:
    """The client's topic in the managers' group; General when the client has none yet."""


@dataclass(frozen=True)
class GroupThread:
    """A given thread of the managers' group; None is the General topic."""

    thread_id: int | None = None


Recipient = ClientChat | ClientTopic | GroupThread
CLIENT_CHAT = ClientChat()
CLIENT_TOPIC = ClientTopic()
GENERAL = GroupThread()


@dataclass(frozen=True)
class Text:
    """Our own text (to a client: with buttons, maybe automatic; to the group: a note, a card)."""

    to: Recipient
    text: str
    buttons: Buttons = ()
    reply_to: int | None = None
    automatic: str | None = None  # a kind of message the bot sends on its own (survey, ...)
    follow_on: bool = False  # the rest of an automatic message
    card: bool = False  # the client's request card: pinned, and remembered on the client
    pinned: bool = False  # pinned in the topic without becoming the request card (a booking card)
    short: str | None = None  # to a client: the same in a line or two (plain), for SMS


@dataclass(frozen=True)
class Copy:
    """A message copied from the other side (both sides Telegram)."""

    to: ClientChat | ClientTopic
    from_chat_id: str
    message_id: int
    reply_to_twin: int | None = None
    twin_of: int | None = None
    caption: str | None = None  # our own caption instead of the original's (HTML)


@dataclass(frozen=True)
class Content:
    """A message's content carried across channels that cannot copy (text, file ids)."""

    to: ClientChat | ClientTopic
    text: str | None
    media: tuple[Media, ...] = ()
    reply_to_twin: int | None = None
    twin_of: int | None = None
    from_chat: str | None = None  # to a client: the manager group of `twin_of`
    channel: str | None = None  # to the topic: the client's channel its messages are on


@dataclass(frozen=True)
class File:
    """A chart (Op.PHOTO) or a file (Op.DOCUMENT) we made, uploaded to the group (or, a bill's
    PDF, to the client's chat)."""

    to: GroupThread | ClientChat
    op: Op
    content: bytes
    filename: str
    caption: str | None = None
    reply_to: int | None = None


@dataclass(frozen=True)
class OpenTopic:
    """The client's topic, then its request card posted and pinned: several calls."""

    title: str
    card_text: str


@dataclass(frozen=True)
class RenameTopic:
    title: str


@dataclass(frozen=True)
class CloseTopic:
    """The client's topic closed (or, `reopen`, opened again)."""

    reopen: bool = False


@dataclass(frozen=True)
class EditTwin:
    """An edit of a relayed message: the twin, on the side `to`, of message `twin_of`."""

    to: ClientChat | ClientTopic
    twin_of: int
    text: str
    caption: bool = False


@dataclass(frozen=True)
class EditCard:
    """The pinned request card edited in place (our own HTML): the request's own card, or
    the client's newest card when none is named (or the request has none)."""

    text: str
    request_id: int | None = None


@dataclass(frozen=True)
class Report:
    """An inspection report for the client: its photos (an album), then its card."""

    report_id: int
    text: str
    buttons: Buttons = ()
    from_chat: str | None = None  # the manager group its photos are in (None: the home group)


@dataclass(frozen=True)
class ClearButtons:
    message_id: int


Item = (
    Text
    | Copy
    | Content
    | File
    | OpenTopic
    | RenameTopic
    | CloseTopic
    | EditTwin
    | EditCard
    | Report
    | ClearButtons
)
MULTI_CALL = (OpenTopic, Report)  # items that make several calls (bot/delivery/multi.py)


def recipient(item: Item) -> Recipient:
    """Where the item goes."""
    match item:
        case Text() | Copy() | Content() | File() | EditTwin():
            return item.to
        case Report() | ClearButtons():
            return CLIENT_CHAT
        case OpenTopic():
            return GENERAL
        case RenameTopic() | CloseTopic() | EditCard():
            return CLIENT_TOPIC
    raise TypeError(type(item).__name__)


def to_client(item: Item) -> bool:
    return isinstance(recipient(item), ClientChat)
