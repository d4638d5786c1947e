"""The guided intake of a car search request, as a state machine over stored conversations.

Channel-neutral: it reads an `Inbound` and returns `Reply`s, so Telegram and WhatsApp clients
walk the same questions, and a restart resumes at the stored step.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from html import escape
from typing import Any

from bot.clock import Clock
from bot.i18n import Translator
from bot.services.validation import (
    InvalidAnswer,
    clean_text,
    parse_birth_date,
    parse_budget,
    parse_phone,
    parse_years,
)
from domain import Button, Channel, Client, Conversation, Inbound, Reply
from domain.presses import Answer, Back, Confirm, Edit, EditField, SharePhone, Skip, button

FLOW = "intake"
STEPS: tuple[str, ...] = (
    "name",
    "car",
    "years",
    "budget",
    "must_haves",
    "deal_breakers",
    "city",
    "deadline",
    "phone",
    "birth_date",
    "contact_time",
)
OPTIONAL = frozenset({"must_haves", "deal_breakers", "phone", "birth_date"})
PROFILE = ("name", "phone", "birth_date", "contact_time")  # asked once per client, not per request
CONTACT_TIMES = ("morning", "afternoon", "evening", "any")
SUMMARY = "summary"
EDIT_MENU = "edit_menu"
TEXT_LIMITS = {"name": 100, "car": 200, "city": 100, "deadline": 200}


@dataclass
class Outcome:
    conversation: Conversation | None  # None: the flow is over
    replies: list[Reply] = field(default_factory=list)
    confirmed: dict[str, Any] | None = None  # the answers, when the client confirmed
    unhandled: bool = False  # not an answer (a photo, say): the caller relays it


class IntakeFlow:
    def __init__(self, translate: Translator, clock: Clock, phone_region: str) -> None:
        self._t = translate
        self._clock = clock
        self._region = phone_region

    def begin(self, client: Client) -> Outcome:
        answers: dict[str, Any] = {}
        known: list[str] = []
        if client.consent_at is not None:  # a returning client: their profile is not asked again
            answers = {
                "name": client.name,
                "phone": client.phone,
                "birth_date": client.birth_date.isoformat() if client.birth_date else None,
                "contact_time": client.contact_time or "any",
            }
            known = list(PROFILE)
        elif (phone := self._channel_phone(client)) is not None:
            answers["phone"], known = phone, ["phone"]  # WhatsApp knows it: not asked
        data = {"answers": answers, "history": [], "known": known, "suggest": client.name}
        conversation = Conversation(client.id, FLOW, self._next(None, known) or SUMMARY, data)
        intro = self._t(client.language, "intake-intro")
        return Outcome(conversation, [Reply(intro), self.prompt(client, conversation)])

    def _channel_phone(self, client: Client) -> str | None:
        """The number a WhatsApp client writes from (its WaId), if it is a valid phone."""
        if client.channel is not Channel.WHATSAPP or not client.external_id.isdigit():
            return None
        try:
            return parse_phone("+" + client.external_id, self._region)
        except InvalidAnswer:
            return None

    def prompt(self, client: Client, conversation: Conversation) -> Reply:
        """The question (or summary) the conversation is waiting on."""
        lang, step, data = client.language, conversation.step, conversation.data
        if step == SUMMARY:
            return self._summary(lang, data["answers"])
        if step == EDIT_MENU:
            return self._edit_menu(lang)
        number = STEPS.index(step) + 1
        text = self._t(lang, "intake-progress", n=number, total=len(STEPS))
        text += "\n" + self._t(lang, f"ask-{step}")
        rows: list[tuple[Button, ...]] = []
        if step == "contact_time":
            labels = [button(self._t(lang, f"time-{v}"), Answer(v)) for v in CONTACT_TIMES]
            rows += [tuple(labels[:2]), tuple(labels[2:])]
        if step == "name" and data.get("suggest"):
            rows.append((button(str(data["suggest"]), Answer("suggested")),))
        nav = []
        if data["history"] or data.get("editing"):
            nav.append(button(self._t(lang, "button-back"), Back()))
        if step in OPTIONAL:
            nav.append(button(self._t(lang, "button-skip"), Skip()))
        if nav:
            rows.append(tuple(nav))
        if step == "phone" and client.channel is Channel.TELEGRAM:
            # Telegram's "share my phone" is a keyboard button: the others go with it, typed.
            rows.insert(0, (button(self._t(lang, "button-share-phone"), SharePhone()),))
        return Reply(text, tuple(rows))

    def handle(self, client: Client, conversation: Conversation, inbound: Inbound) -> Outcome:
        step = conversation.step
        if step == "phone" and inbound.press is None and inbound.text:
            inbound = self._typed_button(client.language, inbound)
        press = inbound.press
        if isinstance(press, Back):
            return self._back(client, conversation)
        if step == SUMMARY:
            return self._at_summary(client, conversation, inbound)
        if step == EDIT_MENU:
            if isinstance(press, EditField) and press.field in STEPS:
                data = {**conversation.data, "editing": True}
                return self._ask(client, Conversation(client.id, FLOW, press.field, data))
            return Outcome(conversation, [self._edit_menu(client.language)])
        try:
            value = self._answer(client, conversation, inbound)
        except InvalidAnswer as problem:
            reask = self.prompt(client, conversation)
            text = self._t(client.language, problem.key) + "\n\n" + reask.text
            return Outcome(conversation, [Reply(text, reask.buttons)])
        if value is _NOT_AN_ANSWER:
            reask = self.prompt(client, conversation)
            hint = self._t(client.language, "intake-needs-text")
            return Outcome(conversation, [Reply(hint + "\n\n" + reask.text, reask.buttons)], unhandled=True)
        return self._store(client, conversation, step, value)

    def _typed_button(self, lang: str, inbound: Inbound) -> Inbound:
        """At the phone question Telegram shows a keyboard: Skip and Back arrive as text."""
        text = (inbound.text or "").strip()
        for press, key in ((Skip(), "button-skip"), (Back(), "button-back")):
            if text == self._t(lang, key):
                return replace(inbound, press=press, text=None)
        return inbound

    # -- steps -----------------------------------------------------------------------------

    def _answer(self, client: Client, conversation: Conversation, inbound: Inbound) -> Any:
        step = conversation.step
        press = inbound.press
        if isinstance(press, Skip) and step in OPTIONAL:
            return None
        if isinstance(press, Answer):
            if step == "contact_time" and press.choice in CONTACT_TIMES:
                return press.choice
            if step == "name" and conversation.data.get("suggest"):
                return conversation.data["suggest"]
            return _NOT_AN_ANSWER
        if step == "phone" and inbound.phone:
            return parse_phone(inbound.phone, self._region)
        if inbound.text is None or press is not None:
            return _NOT_AN_ANSWER
        return self._parse(step, inbound.text)

    def parse(self, step: str, text: str) -> Any:
        """An answer to `step` typed as text, validated as in the intake (InvalidAnswer)."""
        return self._parse(step, text)

    def value(self, lang: str, step: str, answers: dict[str, Any]) -> str:
        """One answer as the summary shows it."""
        return self._value(lang, step, answers)

    def _parse(self, step: str, text: str) -> Any:
        today = self._clock.now().date()
        match step:
            case "years":
                return parse_years(text, today.year)
            case "budget":
                return parse_budget(text)
            case "phone":
                return parse_phone(text, self._region)
            case "birth_date":
                return parse_birth_date(text, today).isoformat()
            case "contact_time":
                raise InvalidAnswer("contact-time-use-buttons")
            case _:
                return clean_text(text, TEXT_LIMITS.get(step, 500))

    def _store(self, client: Client, conversation: Conversation, step: str, value: Any) -> Outcome:
        data = dict(conversation.data)
        answers = dict(data["answers"])
        if step == "years":
            answers["year_from"], answers["year_to"] = value
        else:
            answers[step] = value
        data["answers"] = answers
        if data.get("editing"):
            data["editing"] = False
            return self._ask(client, Conversation(client.id, FLOW, SUMMARY, data))
        data["history"] = [*data["history"], step]
        following = self._next(step, data["known"]) or SUMMARY
        return self._ask(client, Conversation(client.id, FLOW, following, data))

    def _back(self, client: Client, conversation: Conversation) -> Outcome:
        data = dict(conversation.data)
        if conversation.step == EDIT_MENU or data.get("editing"):
            data["editing"] = False
            return self._ask(client, Conversation(client.id, FLOW, SUMMARY, data))
        history = list(data["history"])
        if not history:
            return self._ask(client, conversation)
        previous = history.pop()
        data["history"] = history
        return self._ask(client, Conversation(client.id, FLOW, previous, data))

    def _at_summary(self, client: Client, conversation: Conversation, inbound: Inbound) -> Outcome:
        if isinstance(inbound.press, Confirm):
            return Outcome(None, confirmed=dict(conversation.data["answers"]))
        if isinstance(inbound.press, Edit):
            return self._ask(client, Conversation(client.id, FLOW, EDIT_MENU, conversation.data))
        hint = self._t(client.language, "intake-use-buttons")
        summary = self._summary(client.language, conversation.data["answers"])
        return Outcome(conversation, [Reply(hint + "\n\n" + summary.text, summary.buttons)],
                       unhandled=inbound.press is None and inbound.text is None)

    def _ask(self, client: Client, conversation: Conversation) -> Outcome:
        return Outcome(conversation, [self.prompt(client, conversation)])

    @staticmethod
    def _next(step: str | None, known: list[str]) -> str | None:
        start = 0 if step is None else STEPS.index(step) + 1
        return next((s for s in STEPS[start:] if s not in known), None)

    # -- rendering -------------------------------------------------------------------------

    def _summary(self, lang: str, answers: dict[str, Any]) -> Reply:
        text = self._t(lang, "intake-summary-title") + "\n\n" + self.describe(lang, answers)
        buttons = (
            (button(self._t(lang, "button-confirm"), Confirm()),),
            (button(self._t(lang, "button-edit"), Edit()),),
        )
        return Reply(text, buttons)

    def describe(self, lang: str, answers: dict[str, Any]) -> str:
        """The answers as labelled lines (the summary, and the managers' request card)."""
        lines = []
        for step in STEPS:
            label = self._t(lang, f"field-{step}")
            lines.append(f"<b>{label}:</b> {self._value(lang, step, answers)}")
        return "\n".join(lines)

    def _value(self, lang: str, step: str, answers: dict[str, Any]) -> str:
        if step == "years":
            low, high = answers.get("year_from"), answers.get("year_to")
            if low is None:
                return "—"
            return str(low) if low == high else f"{low}–{high}"
        value = answers.get(step)
        if value is None or value == "":
            return self._t(lang, "value-none")
        if step == "budget":
            return self._t(lang, "value-budget", amount=value)
        if step == "contact_time":
            return self._t(lang, f"time-{value}")
        if step == "birth_date":
            year, month, day = str(value).split("-")
            return f"{day}.{month}.{year}"
        return escape(str(value))

    def _edit_menu(self, lang: str) -> Reply:
        buttons = [button(self._t(lang, f"field-{s}"), EditField(s)) for s in STEPS]
        rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
        rows.append((button(self._t(lang, "button-back"), Back()),))
        return Reply(self._t(lang, "intake-edit-which"), tuple(rows))


_NOT_AN_ANSWER = object()
