"""Several manager groups (MANAGER_GROUPS): which supergroup a client's business lives in.

`MANAGER_CHAT_ID` is the home group: everything goes there unless a department has a group of
its own. `MANAGER_GROUPS` names departments' groups, `sales:-100…;service:-100…`; the routing
table below says which department a business belongs to. A department without a group of its
own falls back to the home group, so one group (no MANAGER_GROUPS) behaves as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

EXAMPLE = "sales:-1001234567890;service:-1009876543210"
_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")
_CHAT = re.compile(r"-100[0-9]{1,16}")


class Business(StrEnum):
    """The business at hand when a topic is opened or a message routed."""

    CAR_REQUEST = "car_request"  # intake, the deal, reports, handover (sales)
    SERVICE = "service"  # the workshop: bookings, visits, work orders (service)


# The routing table: the department whose group a business lives in.
ROUTES: dict[Business, str] = {
    Business.CAR_REQUEST: "sales",
    Business.SERVICE: "service",
}
DEPARTMENTS = frozenset(ROUTES.values())


@dataclass(frozen=True)
class Groups:
    """The home group and the departments' groups (chat ids)."""

    home: int
    departments: dict[str, int] = field(default_factory=dict)

    def for_business(self, business: Business) -> int:
        return self.departments.get(ROUTES[business], self.home)

    def chats(self) -> tuple[int, ...]:
        """Every group the bot serves, the home group first, each once."""
        return tuple(dict.fromkeys((self.home, *self.departments.values())))

    def name(self, chat: int) -> str | None:
        """The department whose group this is (None: the home group alone)."""
        for name, chat_id in self.departments.items():
            if chat_id == chat:
                return name
        return None

    def by_name(self, name: str) -> int | None:
        return self.departments.get(name.strip().casefold())

    def __contains__(self, chat: object) -> bool:
        return chat in self.chats()


def parse_groups(text: str) -> dict[str, int]:
    """`sales:-100…;service:-100…` → {"sales": -100…, "service": -100…}; '' → {}. Names are
    departments of the routing table, each named once; ids are supergroup ids (-100…)."""
    found: dict[str, int] = {}
    for piece in text.replace(",", ";").split(";"):
        if not piece.strip():
            continue
        name, sep, chat = (part.strip() for part in piece.partition(":"))
        name = name.casefold()
        if not sep or not _NAME.fullmatch(name) or not _CHAT.fullmatch(chat):
            raise ValueError(f"expected department:supergroup id pairs like {EXAMPLE}")
        if name not in DEPARTMENTS:
            known = ", ".join(sorted(DEPARTMENTS))
            raise ValueError(f"unknown department {name!r} (known: {known})")
        if name in found:
            raise ValueError(f"department {name!r} is named twice")
        found[name] = int(chat)
    return found


def topic_link(chat: int, topic_id: int) -> str:
    """A link that opens a topic of a supergroup (for its members)."""
    text = str(chat)
    internal = text[4:] if text.startswith("-100") else text.lstrip("-")
    return f"https://t.me/c/{internal}/{topic_id}"


def business_in(args: str) -> tuple[Business | None, str]:
    """'/stats sales 7d' → (the business of the sales group, '7d'): a department named among a
    command's words, and the other words."""
    words = args.split()
    named = [word for word in words if word.casefold() in DEPARTMENTS]
    if not named:
        return None, args
    business = next(b for b, name in ROUTES.items() if name == named[0].casefold())
    return business, " ".join(word for word in words if word.casefold() not in DEPARTMENTS)
