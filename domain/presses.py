"""Every kind of button press, typed, and the one codec between a press and what a channel
carries: Telegram's callback data (`a:<action>:<arg>`, bot/channels/telegram.py) and the
numbered options stored for WhatsApp (`{"action", "arg"}`, storage/whatsapp.py) hold the same
`(action, arg)` pair this module writes and reads.

A kind is a frozen dataclass declared like aiogram's `CallbackData` factories:

    @dataclass(frozen=True)
    class React(Press, action=Action.REACT, owner="report", keeps_buttons=True):
        report: int
        reaction: Reaction

Its fields, in order, joined by its separator, are the `arg` ("12.interested"); kinds that
share an action put their verb first ("ws" "ll.12.3m"). The `(action, arg)` pairs are those
the previous version wrote, so buttons already in clients' chats read as the same presses;
what no longer reads (an old or forged button) unpacks to None: "button out of date".
"""

from __future__ import annotations

import types
from dataclasses import MISSING, dataclass, fields
from enum import StrEnum
from typing import Any, get_type_hints

from domain import Action, Button, Press, Reaction
from domain.numbers import is_number
from domain.workshop import DeclineReason

MAX_ID = 2**63 - 1  # SQLite's largest integer: a bigger "id" names nothing


class CarChoice(StrEnum):
    KNOWN = "known"  # the car of the client's last visit or handover
    OTHER = "other"


# -- the client's menu and answers --------------------------------------------------------


@dataclass(frozen=True)
class NewRequest(Press, action=Action.NEW_REQUEST):
    extra: bool = False  # another car, not a change to the open request


@dataclass(frozen=True)
class Status(Press, action=Action.STATUS):
    pass


@dataclass(frozen=True)
class WriteManager(Press, action=Action.WRITE_MANAGER):
    pass


@dataclass(frozen=True)
class GiveFeedback(Press, action=Action.FEEDBACK):
    pass


@dataclass(frozen=True)
class Menu(Press, action=Action.MENU):
    pass


@dataclass(frozen=True)
class Cancel(Press, action=Action.CANCEL):
    pass


@dataclass(frozen=True)
class Language(Press, action=Action.LANGUAGE):
    code: str


@dataclass(frozen=True)
class AboutData(Press, action=Action.ABOUT_DATA):
    pass


@dataclass(frozen=True)
class AskErase(Press, action=Action.ERASE, verb="ask"):
    pass


@dataclass(frozen=True)
class ConfirmErase(Press, action=Action.ERASE, verb="yes"):
    pass


@dataclass(frozen=True)
class ChooseZone(Press, action=Action.ZONE):
    zone: str  # an IANA name among domain.zones.COMMON (checked by bot/services/zones.py)


@dataclass(frozen=True)
class ChangeRequest(Press, action=Action.CHANGE):
    request: int | None = None  # chosen among the client's open requests (checked there)


# -- answers inside a flow (the live flow's press hook takes them) -------------------------


@dataclass(frozen=True)
class Answer(Press, action=Action.ANSWER):
    choice: str


@dataclass(frozen=True)
class Skip(Press, action=Action.SKIP):
    pass


@dataclass(frozen=True)
class Back(Press, action=Action.BACK):
    pass


@dataclass(frozen=True)
class Confirm(Press, action=Action.CONFIRM):
    pass


@dataclass(frozen=True)
class Edit(Press, action=Action.EDIT):
    pass


@dataclass(frozen=True)
class EditField(Press, action=Action.EDIT_FIELD):
    field: str


@dataclass(frozen=True)
class SharePhone(Press, action=Action.SHARE_PHONE):
    """Telegram's "share my phone" keyboard button: it sends a contact, never a press."""


# The answers a guided flow (the intake, a change to a request) takes by button.
GUIDED: frozenset[type[Press]] = frozenset({Answer, Skip, Back, Confirm, Edit, EditField})


# -- answers to what a manager sent ---------------------------------------------------------


@dataclass(frozen=True)
class React(Press, action=Action.REACT, owner="report", keeps_buttons=True):
    report: int
    reaction: Reaction


@dataclass(frozen=True)
class TakeService(Press, action=Action.SERVICE, owner="request", keeps_buttons=True):
    request: int
    index: int  # in EXTRA_SERVICES


@dataclass(frozen=True)
class AcceptOffer(Press, action=Action.OFFER, verb="ok", owner="offer", keeps_buttons=True):
    offer: int  # the row of the version the message shows (offers.id)


@dataclass(frozen=True)
class AskOffer(Press, action=Action.OFFER, verb="ask", owner="offer", keeps_buttons=True):
    offer: int


@dataclass(frozen=True)
class SurveyAnswer(Press, action=Action.SURVEY, owner="survey"):
    survey: int
    question: str  # a question of the survey, or "comment" for its Skip button
    value: str  # the score, or "skip"


@dataclass(frozen=True)
class ReviewDone(Press, action=Action.REVIEW_DONE, owner="request"):
    request: int


@dataclass(frozen=True)
class PickSource(Press, action=Action.SOURCE, owner="request"):
    """The intake's last, optional question: how the client heard of us."""

    request: int
    index: int | None = None  # in LEAD_SOURCES; None: the client skipped it


# -- viewings and test drives of a reported car (bot/services/inspection/viewings.py) ---------


class ViewingKind(StrEnum):
    VIEWING = "viewing"
    TEST_DRIVE = "test_drive"


@dataclass(frozen=True)
class WantViewing(Press, action=Action.VIEWING, verb="want", owner="report", keeps_buttons=True):
    """"I'd like to see it" under a report."""

    report: int


@dataclass(frozen=True)
class PickViewingKind(Press, action=Action.VIEWING, verb="k"):
    """Inside the viewing flow: a viewing or a test drive."""

    kind: ViewingKind


@dataclass(frozen=True)
class PickViewingSlot(Press, action=Action.VIEWING, verb="s"):
    """Inside the viewing flow: a free time of VIEWING_HOURS."""

    stamp: str  # the firm's wall time, YYYYMMDDHHMM


@dataclass(frozen=True)
class AcceptViewing(Press, action=Action.VIEWING, verb="yes", owner="viewing"):
    """The client takes the time the manager proposed."""

    viewing: int
    stamp: str


@dataclass(frozen=True)
class OtherViewingTime(Press, action=Action.VIEWING, verb="re", owner="viewing"):
    viewing: int


@dataclass(frozen=True)
class CancelViewing(Press, action=Action.VIEWING, verb="x", owner="viewing"):
    viewing: int


# -- managers' buttons in the group ----------------------------------------------------------


@dataclass(frozen=True)
class PickStage(Press, action=Action.STAGE, separator="#"):
    stage: str  # read by the /stage command, which answers a word it does not know
    request: int | None = None


@dataclass(frozen=True)
class TickLegal(Press, action=Action.LEGAL):
    request: int
    position: int  # the item's place in the deal's legal check (LEGAL_CHECKS when it began)


@dataclass(frozen=True)
class TickQuality(Press, action=Action.QC):
    """A manager ticking (or taking back) an item of a work order's quality check."""

    order: int
    position: int  # the item's place in the order's check (QC_CHECKS when it began)
    on: bool = False  # what the button asks for: a tick (its ⬜ button) or taking it back (✅)


@dataclass(frozen=True)
class ConfirmViewing(Press, action=Action.VIEWING, verb="ok"):
    """A manager confirming the time the client asked for (the time as the button showed it)."""

    viewing: int
    stamp: str


@dataclass(frozen=True)
class ProposeViewing(Press, action=Action.VIEWING, verb="pr"):
    """A manager asking for another time: free times to choose from, or the command to write."""

    viewing: int
    stamp: str | None = None  # a free time chosen; None: show the choice


@dataclass(frozen=True)
class PickDeal(Press, action=Action.DEAL):
    choice: int  # the command waiting for its request (storage/choices.py)
    request: int


@dataclass(frozen=True)
class MergePeople(Press, action=Action.PEOPLE, verb="merge"):
    """A manager's "Same person — merge" on the offer in a client's topic."""

    offer: int


@dataclass(frozen=True)
class UnmergePeople(Press, action=Action.PEOPLE, verb="unmerge"):
    """A manager undoing a merge from the note it left in the kept client's topic."""

    merge: int


@dataclass(frozen=True)
class ForgetClient(Press, action=Action.FORGET):
    client: int


@dataclass(frozen=True)
class KeepClient(Press, action=Action.FORGET, verb="no"):
    pass


# -- the service workshop (bot/services/workshop): one action, told apart by verbs ------------


@dataclass(frozen=True)
class Book(Press, action=Action.WORKSHOP, verb="book"):
    """Book a visit (the menu, an invitation's "other time")."""


@dataclass(frozen=True)
class BookKind(Press, action=Action.WORKSHOP, verb="k"):
    index: int  # in SERVICE_KINDS


@dataclass(frozen=True)
class BookCar(Press, action=Action.WORKSHOP, verb="car"):
    which: CarChoice


@dataclass(frozen=True)
class OtherDays(Press, action=Action.WORKSHOP, verb="days"):
    pass


@dataclass(frozen=True)
class BookDay(Press, action=Action.WORKSHOP, verb="d"):
    day: str  # YYYYMMDD


@dataclass(frozen=True)
class BookSlot(Press, action=Action.WORKSHOP, verb="s"):
    stamp: str  # the slot's local start, YYYYMMDDHHMM


@dataclass(frozen=True)
class ConfirmBooking(Press, action=Action.WORKSHOP, verb="ok"):
    pass


@dataclass(frozen=True)
class CancelBooking(Press, action=Action.WORKSHOP, verb="bx"):
    pass


@dataclass(frozen=True)
class ConfirmVisit(Press, action=Action.WORKSHOP, verb="vc", owner="booking"):
    booking: int


@dataclass(frozen=True)
class RescheduleVisit(Press, action=Action.WORKSHOP, verb="vr", owner="booking"):
    booking: int


@dataclass(frozen=True)
class CancelVisit(Press, action=Action.WORKSHOP, verb="vx", owner="booking"):
    booking: int


@dataclass(frozen=True)
class MoveVisit(Press, action=Action.WORKSHOP, verb="vm", owner="booking"):
    booking: int
    stamp: str


@dataclass(frozen=True)
class ApproveLine(Press, action=Action.WORKSHOP, verb="la", owner="line"):
    line: int


@dataclass(frozen=True)
class DeclineLine(Press, action=Action.WORKSHOP, verb="ld", owner="line"):
    line: int


@dataclass(frozen=True)
class LineReason(Press, action=Action.WORKSHOP, verb="lr", owner="line"):
    line: int
    reason: DeclineReason


@dataclass(frozen=True)
class LineLater(Press, action=Action.WORKSHOP, verb="ll", owner="line"):
    line: int
    when: str  # a key of LATER: "1m", "3m", "next"


@dataclass(frozen=True)
class ApproveAll(Press, action=Action.WORKSHOP, verb="all", owner="order"):
    order: int
    version: int = 1  # of the order the message shows (a button from before versions: 1)


@dataclass(frozen=True)
class CheckAnswer(Press, action=Action.WORKSHOP, verb="ck", owner="check"):
    check: int
    question: str  # a question of the check, or "skip" for its Skip button
    value: str


@dataclass(frozen=True)
class CheckReviewDone(Press, action=Action.WORKSHOP, verb="ckr", owner="check"):
    check: int


@dataclass(frozen=True)
class ConfirmAct(Press, action=Action.WORKSHOP, verb="ac", owner="act"):
    """The client confirms a version of the reception act (workshop/act.py)."""

    act: int
    version: int


@dataclass(frozen=True)
class SkipOdometer(Press, action=Action.WORKSHOP, verb="kms"):
    pass


@dataclass(frozen=True)
class TakeInvitation(Press, action=Action.WORKSHOP, verb="iv"):
    stamp: str


@dataclass(frozen=True)
class NoReminders(Press, action=Action.WORKSHOP, verb="ino"):
    pass


# -- the codec ----------------------------------------------------------------------------------


def pack(press: Press) -> tuple[Action, str]:
    """The press as the `(action, arg)` a channel carries."""
    parts = [_write(name, getattr(press, name)) for name, _, _ in _layout(type(press))]
    while parts and parts[-1] == "" and _layout(type(press))[len(parts) - 1][2]:
        parts.pop()  # trailing defaults are left out, as the previous version wrote them
    for part in parts[:-1]:
        if press.separator in part:
            raise ValueError(f"{type(press).__name__}: {part!r} holds the separator")
    arg = press.separator.join(parts)
    if press.verb:
        arg = f"{press.verb}.{arg}" if arg else press.verb
    return press.action, arg


def unpack(action: str, arg: str) -> Press | None:
    """The press a channel's `(action, arg)` stands for; None if it stands for none (an old
    or a forged button)."""
    try:
        kind = Action(action)
    except ValueError:
        return None
    verb, _, rest = arg.partition(".")
    cls = Press.kinds.get((kind, verb)) if verb else None
    if cls is None:
        cls, rest = Press.kinds.get((kind, "")), arg
    if cls is None:
        return None
    layout = _layout(cls)
    if not layout:
        return cls() if rest == "" else None
    parts = rest.split(cls.separator, len(layout) - 1)
    if len(parts) < len(layout) and not layout[len(parts)][2]:
        return None  # a field without a default is missing
    values: dict[str, Any] = {}
    for (name, hint, _), text in zip(layout, parts, strict=False):
        value = _read(name, hint, text)
        if value is _WRONG:
            return None
        values[name] = value
    return cls(**values)


def owned(press: Press) -> tuple[str, int] | None:
    """(what, id) a press names that must be the presser's own; None if it names nothing."""
    if not press.owner:
        return None
    item = getattr(press, press.owner)
    return (press.owner, item) if isinstance(item, int) else None


def button(label: str, press: Press) -> Button:
    action, arg = pack(press)
    return Button(label, action, arg)


# -- fields -------------------------------------------------------------------------------------

_WRONG = object()


_LAYOUTS: dict[type[Press], tuple[tuple[str, Any, bool], ...]] = {}


def _layout(cls: type[Press]) -> tuple[tuple[str, Any, bool], ...]:
    """(name, type, has a default) of each field, in order."""
    if cls not in _LAYOUTS:
        hints = get_type_hints(cls)
        _LAYOUTS[cls] = tuple(
            (f.name, hints[f.name], f.default is not MISSING or f.default_factory is not MISSING)
            for f in fields(cls)  # type: ignore[arg-type]
        )
    return _LAYOUTS[cls]


def _write(name: str, value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return name
    if isinstance(value, StrEnum):
        return value.value
    return str(value)


def _read(name: str, hint: Any, text: str) -> Any:
    optional = isinstance(hint, types.UnionType)
    if optional:
        if text == "":
            return None
        hint = next(h for h in hint.__args__ if h is not type(None))
    if hint is bool:
        return True if text == name else False if text == "" else _WRONG
    if hint is int:
        return int(text) if is_number(text) and len(text) <= 19 and int(text) <= MAX_ID else _WRONG
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return hint(text) if text in hint.__members__.values() else _WRONG
    return text
