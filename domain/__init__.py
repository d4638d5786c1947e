"""Channel-neutral types shared by every layer: handlers, services, delivery, channels and storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar


class Channel(StrEnum):
    TELEGRAM = "telegram"
    WHATSAPP = "whatsapp"
    SMS = "sms"  # a client known only by their phone number (domain/sms.py)


class Action(StrEnum):
    """What a button press means; the channel encodes it (callback data, numbered option)."""

    NEW_REQUEST = "new"
    STATUS = "status"
    WRITE_MANAGER = "manager"
    FEEDBACK = "feedback"
    MENU = "menu"
    ANSWER = "answer"  # a finite-choice answer inside a flow; arg holds the choice
    SKIP = "skip"
    BACK = "back"
    CONFIRM = "confirm"
    EDIT = "edit"
    EDIT_FIELD = "edit_field"
    CANCEL = "cancel"
    LANGUAGE = "lang"
    REACT = "react"  # on an inspection report; arg "<report id>.<reaction>"
    SERVICE = "service"  # an extra service offered at handover; arg "<request id>.<index>"
    STAGE = "stage"  # a manager moving a request; arg the stage
    SURVEY = "survey"  # arg "<survey id>.<question>.<value>"
    REVIEW_DONE = "review_done"  # arg the request id
    # -- privacy (bot/services/privacy) --
    ABOUT_DATA = "about_data"  # what we keep and why; offers erasure
    ERASE = "erase"  # a client's own erasure; arg "ask" | "yes"
    FORGET = "forget"  # a manager erasing a client (confirmation in the topic); arg the client id
    SHARE_PHONE = "share_phone"  # Telegram's "share my phone" keyboard button (sends a contact)
    CHANGE = "change"  # the client changing a confirmed request; arg the request id, if chosen
    DEAL = "deal"  # a manager choosing the request a command is for; arg "<choice>.<request>"
    WORKSHOP = "ws"  # anything of the service workshop; arg "<verb>.<ids>" (bot/services/workshop)
    ZONE = "zone"  # the client's time zone chosen in /settings; arg the IANA name
    PEOPLE = "people"  # a manager merging two clients into one person, or undoing it
    LEGAL = "legal"  # a manager ticking an item of a deal's legal check; arg "<request>.<position>"
    OFFER = "offer"  # a deal's offer (bot/services/money); arg "<verb>.<offer version's id>"
    SOURCE = "source"  # how the client heard of us (LEAD_SOURCES); arg "<request>.<index>"
    QC = "qc"  # a manager ticking a work order's quality check; arg "<order>.<position>[.on]"
    VIEWING = "view"  # a viewing or test drive of a reported car; arg "<verb>.<ids>"


class Automatic(StrEnum):
    """Messages the bot sends on its own, not in answer to the client: WhatsApp sends them as
    templates outside its 24-hour window (one Content SID setting per kind)."""

    SURVEY = "survey"
    REVIEW = "review"
    REVIEW_REMINDER = "review_reminder"
    LONG_FOLLOWUP = "long_followup"
    BIRTHDAY = "birthday"
    DEAL_NEWS = "deal_news"  # stage changes, delivery dates, hard-search warnings, handover


class Stage(StrEnum):
    NEW = "new"
    SEARCHING = "searching"
    INSPECTING = "inspecting"
    NEGOTIATING = "negotiating"
    CONTRACT = "contract"
    DOCUMENTS = "documents"
    PAID = "paid"
    IN_TRANSIT = "in_transit"
    ARRIVED = "arrived"
    HANDED_OVER = "handed_over"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def next(self) -> Stage | None:
        """The stage that normally follows (none after closing or cancelling)."""
        order = list(Stage)[: list(Stage).index(Stage.CLOSED) + 1]
        if self not in order or self is Stage.CLOSED:
            return None
        return order[order.index(self) + 1]


class Reaction(StrEnum):
    INTERESTED = "interested"
    NOT_FOR_ME = "not_for_me"
    QUESTION = "question"


class Press:
    """What a button means, typed: one frozen dataclass per kind (`domain/presses.py`), the way
    aiogram's `CallbackData` factories are declared. The class line says which `Action` it is
    (and, for kinds sharing one, which verb), which of its fields names something that must be
    the presser's own (`owner`), and whether the message keeps its buttons after a press;
    `domain.presses` turns it into a channel's callback data or stored option and back."""

    action: ClassVar[Action]
    verb: ClassVar[str] = ""  # kinds sharing an action are told apart by a first word
    owner: ClassVar[str] = ""  # the field holding the id of a thing only its client may press
    keeps_buttons: ClassVar[bool] = False  # a report or an offer keeps them: several answers
    separator: ClassVar[str] = "."  # between the fields in the callback data
    kinds: ClassVar[dict[tuple[Action, str], type[Press]]] = {}

    def __init_subclass__(
        cls, action: Action, verb: str = "", owner: str = "", keeps_buttons: bool = False,
        separator: str = ".", **rest: Any,
    ) -> None:
        super().__init_subclass__(**rest)
        if (action, verb) in Press.kinds:
            raise TypeError(f"two kinds of press for {action}:{verb}")
        cls.action, cls.verb, cls.owner = action, verb, owner
        cls.keeps_buttons, cls.separator = keeps_buttons, separator
        Press.kinds[(action, verb)] = cls


@dataclass(frozen=True)
class Button:
    label: str
    action: Action
    arg: str = ""
    url: str = ""  # a link button: opens the page instead of pressing


@dataclass(frozen=True)
class Reply:
    """A message from the bot to a client, before the channel renders it."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    short: str | None = None  # the same said in a line or two, for a channel that bills by length


@dataclass(frozen=True)
class Media:
    """A photo, video, document... travelling between channels that cannot copy messages."""

    kind: str  # photo | video | document | voice | audio | ...
    ref: str  # where the file is: a stored media token, or the messenger's own file id
    filename: str = ""
    content_type: str = ""


@dataclass(frozen=True)
class Identity:
    """Who wrote, as the channel tells it."""

    channel: Channel
    external_id: str
    chat_id: str
    name: str | None = None
    username: str | None = None
    language_code: str | None = None


@dataclass(frozen=True)
class Inbound:
    """One thing a client sent: text, media, a shared contact or a button press."""

    kind: str  # text, photo, video, document, voice, video_note, sticker, location, contact, ...
    message_id: int | None = None
    text: str | None = None  # the text, or the caption of media
    press: Press | None = None  # a button pressed (or a numbered option chosen)
    phone: str | None = None  # from a shared contact card
    own_phone: str | None = None  # the sender's own number, as the channel vouches (E.164)
    reply_to: int | None = None  # the client-chat message this answers
    media: tuple[Media, ...] = ()  # files the channel already fetched (channels that cannot copy)


@dataclass(frozen=True)
class Client:
    id: int
    channel: Channel
    external_id: str
    chat_id: str
    name: str | None
    username: str | None
    language: str
    phone: str | None
    birth_date: date | None
    contact_time: str | None
    topic_id: int | None
    card_message_id: int | None
    consent_at: datetime | None  # set when the client confirmed a request: profile is known
    unreachable_at: datetime | None
    created_at: datetime
    erased_at: datetime | None = None  # personal data erased (bot/services/privacy)
    banned_at: datetime | None = None  # /ban: nothing they send reaches the group (desk/bans.py)
    ban_told: bool = False  # /ban!: they are told they are blocked
    timezone: str | None = None  # IANA name; None: the firm's (domain/zones.py)
    timezone_source: str | None = None  # domain.zones.ZoneSource: phone, city, client, manager
    group_chat: int | None = None  # the group of their latest business (None: the home group)
    topic_group: int | None = None  # the group `topic_id` and `card_message_id` are in (None: home)
    own_phone: str | None = None  # the number the channel vouches is theirs (desk/people.py)
    merged_into: int | None = None  # an identity merged into that client (desk/people.py)
    topic_closed_at: datetime | None = None  # /close: their topic is closed (desk/topics.py)


@dataclass(frozen=True)
class CarRequest:
    id: int
    client_id: int
    car: str
    year_from: int
    year_to: int
    budget: int
    must_haves: str | None
    deal_breakers: str | None
    city: str
    deadline: str
    stage: str
    created_at: datetime
    hard_search_time: str | None = None
    hard_reason: str | None = None
    eta: date | None = None
    handed_over_at: datetime | None = None
    cancel_reason: str | None = None


@dataclass(frozen=True)
class InspectionReport:
    id: int
    request_id: int
    title: str
    fields: list[tuple[str, str]]
    merits: list[str]
    flaws: list[str]
    verdict: str | None
    reaction: str | None
    sent_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class Conversation:
    client_id: int
    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)  # the flow's own answers, as JSON holds them
    updated_at: datetime | None = None
