"""Who is in the demo: three clients (two on Telegram, one on WhatsApp) and a manager, the
group's creator, who is also an owner (so /stats managers and /export answer)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.i18n import Translator

GROUP_ID = -1001000000001
MANAGER_ID = 900001
TWILIO_SENDER = "whatsapp:+14155238886"  # Twilio's sandbox number


@dataclass(frozen=True)
class Person:
    key: str  # the page's name for them
    name: str
    channel: str  # "telegram" or "whatsapp"
    user_id: int  # Telegram user id (0 on WhatsApp)
    phone: str  # E.164; on WhatsApp also the address
    language: str

    @property
    def address(self) -> str:
        return f"whatsapp:{self.phone}"

    def user(self) -> dict[str, Any]:
        return {"id": self.user_id, "is_bot": False, "first_name": self.name,
                "language_code": self.language}

    def view(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "channel": self.channel,
                "chat": self.user_id or None, "address": self.address, "phone": self.phone}


def cast(translate: Translator, lang: str) -> tuple[list[Person], Person]:
    """The clients and the manager, named in the demo's language."""
    phones = ("+79160000101", "+79160000102", "+79160000103") if lang == "ru" else \
        ("+447911123401", "+447911123402", "+447911123403")
    clients = [
        Person("first", translate(lang, "demo-person-first"), "telegram", 100101, phones[0], lang),
        Person("second", translate(lang, "demo-person-second"), "telegram", 100102, phones[1], lang),
        Person("third", translate(lang, "demo-person-third"), "whatsapp", 0, phones[2], lang),
    ]
    manager = Person("manager", translate(lang, "demo-person-manager"), "telegram", MANAGER_ID,
                     "", lang)
    return clients, manager
