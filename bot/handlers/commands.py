"""The commands a client may send, on every channel (Telegram's menu and WhatsApp's '/…')."""

from __future__ import annotations

START = "start"
CLIENT_COMMANDS = (
    "help", "cancel", "language", "status", "new", "feedback", "menu", "delete_my_data", "change",
    "book", "settings",
)
