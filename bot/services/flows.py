"""The conversations a client can be in, one registration each.

A conversation row (`storage/conversations`) names its flow; the client desk looks the flow up
here and lets it take the client's next message or press. Each step declares its flow beside
the code that runs it (`IntakeDesk.flow`, `Reactions.flow`, …); the composition root
registers them all (`bot/factory/services.py`). Adding a conversation is one more `Flow`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from typing import Any

from domain import Client, Conversation, Inbound, Press
from storage.db import Tx


class Heard(Enum):
    """What became of a client's message inside a flow."""

    TAKEN = "taken"  # the flow took it
    ALSO_RELAYED = "also"  # the flow took it, and it goes to the topic as it is, unannounced
    NOT_FOR_IT = "not"  # not an answer to the flow: relayed as outside any flow


OnMessage = Callable[[Tx, Client, Conversation, Inbound], Awaitable[Heard]]
# An answer by button inside the flow; False: not valid (any more), the button is out of date.
OnAnswer = Callable[[Tx, Client, Conversation, Inbound], Awaitable[bool | None]]
OnResume = Callable[[Tx, Client, Conversation], Awaitable[None]]
# What a kind of press does wherever the client is (the client desk's table); False: out of date.
OnPress = Callable[[Tx, Client, Any], Awaitable[bool | None]]


@dataclass(frozen=True)
class Flow:
    name: str  # what conversations.flow holds
    message: OnMessage  # what the client's message does
    # The kinds of press that answer inside this flow (Answer, Skip, Back, Confirm…), and what
    # they do; any other kind no step answers on its own is out of date here.
    answers: frozenset[type[Press]] = frozenset()
    press: OnAnswer | None = None
    # Holds the client's next words: an automatic question (a survey, a later call) waits
    # until it ends, and a reaction to a report does not interrupt it. A flow that does not
    # hold gives way to them.
    holds: bool = False
    # A one-shot wait (an impression, a review) lapses: a message written later than this
    # reaches the manager instead.
    lapses_after: timedelta | None = None
    # Shows where the client stands again (after they changed their language).
    resume: OnResume | None = None


class Flows:
    """The registry: `{name: flow}`, filled by the composition root before the first update."""

    def __init__(self) -> None:
        self._flows: dict[str, Flow] = {}

    def register(self, flow: Flow) -> None:
        if flow.name in self._flows:
            raise ValueError(f"flow {flow.name!r} registered twice")
        self._flows[flow.name] = flow

    def get(self, name: str) -> Flow | None:
        return self._flows.get(name)

    def holding(self) -> frozenset[str]:
        """The flows an automatic question waits behind (`Flow.holds`)."""
        return frozenset(name for name, flow in self._flows.items() if flow.holds)

    def __iter__(self) -> Iterator[Flow]:
        return iter(self._flows.values())
