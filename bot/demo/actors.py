"""What the people on the page do, as their messengers would send it: a client in Telegram or
WhatsApp, the manager in the group. The page and the guided tour both act through here."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.demo.files import StoredFile
from bot.demo.html_text import commands
from bot.demo.people import Person
from bot.demo.telegram import BotApi, bad
from bot.demo.twilio import TwilioStandIn


class Actors:
    def __init__(
        self,
        api: BotApi,
        twilio: TwilioStandIn,
        clients: list[Person],
        manager: Person,
        settle: Callable[[], Awaitable[None]],
    ) -> None:
        self._api = api
        self._twilio = twilio
        self.clients = clients
        self.manager = manager
        self._settle = settle
        self._last = 0  # the newest update made

    async def client_sends(
        self, person: Person, text: str, files: list[StoredFile], reply_to: int | None = None
    ) -> None:
        if person.channel == "whatsapp":
            await self._twilio.client_says(person.address, person.name, text, files)
            return
        for content in self._contents(text, files):
            self._last = self._api.user_message(person.user_id, content, reply_to)

    async def share_phone(self, person: Person) -> None:
        """The "share my phone" button under the input field sends the user's own contact."""
        if person.channel != "telegram":
            raise bad("no such button")
        contact = {"phone_number": person.phone.removeprefix("+"), "first_name": person.name,
                   "user_id": person.user_id}
        self._last = self._api.user_message(person.user_id, {"contact": contact})

    async def manager_sends(
        self, thread: int | None, text: str, files: list[StoredFile], reply_to: int | None = None
    ) -> None:
        for content in self._contents(text, files):
            self._last = self._api.manager_message(self.manager.user_id, thread, content, reply_to)

    async def press(self, person: Person, chat: int, message_id: int, data: str) -> None:
        self._last = self._api.press(person.user_id, chat, message_id, data)

    def _contents(self, text: str, files: list[StoredFile]) -> list[dict[str, Any]]:
        """A text; a file with the text as its caption; several: an album, captioned once."""
        if not files:
            entities = commands(text)
            return [{"text": text, **({"entities": entities} if entities else {})}]
        album = self._api.new_album() if len(files) > 1 else None
        contents = []
        for index, stored in enumerate(files):
            caption = text if index == 0 else ""
            image = stored.mime.startswith("image/")
            content = (self._api.photo_content(stored, caption) if image
                       else self._api.document_content(stored, caption))
            if album:
                content["media_group_id"] = album
            contents.append(content)
        return contents

    # -- for the tour: each step waits until the bot has done its part ------------------------

    async def settled(self) -> None:
        if self._last:
            await self._api.handled(self._last)
        await self._settle()

    def button(self, chat: int, label: str) -> tuple[int, str] | None:
        """The newest message in a chat with a button whose label contains `label`."""
        messages = self._api.chats[chat].messages if chat in self._api.chats else {}
        for message in reversed(list(messages.values())):
            for row in message.get("reply_markup", {}).get("inline_keyboard", []):
                for button in row:
                    if label.lower() in button["text"].lower() and "callback_data" in button:
                        return message["message_id"], button["callback_data"]
        return None

    async def tap(self, person: Person, label: str, chat: int | None = None) -> bool:
        found = self.button(chat or person.user_id, label)
        if found is None:
            return False
        await self.press(person, chat or person.user_id, *found)
        await self.settled()
        return True

    async def say(self, person: Person, text: str, files: list[StoredFile] | None = None) -> None:
        await self.client_sends(person, text, files or [])
        await self.settled()

    async def write(self, thread: int | None, text: str, files: list[StoredFile] | None = None) -> None:
        await self.manager_sends(thread, text, files or [])
        await self.settled()
