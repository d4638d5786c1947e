"""What the people on the page do, as their messengers would send it: a client in Telegram or
WhatsApp, the manager in the group. The page and the guided tour both act through here."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.demo.files import StoredFile, samples
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

    def _button(self, person: Person, fits: Callable[[dict[str, Any]], bool]) -> tuple[int, str] | None:
        """The newest message to the person with a button that fits: (message id, data)."""
        chat = self._api.chats.get(person.user_id)
        for message in reversed(list(chat.messages.values()) if chat else []):
            for row in message.get("reply_markup", {}).get("inline_keyboard", []):
                for button in row:
                    if "callback_data" in button and fits(button):
                        return message["message_id"], button["callback_data"]
        return None

    def find_data(self, person: Person, prefix: str, suffix: str = "") -> bool:
        return self._button(person, lambda b: _fits(b["callback_data"], prefix, suffix)) is not None

    async def tap_data(self, person: Person, prefix: str, exact: bool = False) -> bool:
        """Press the button whose callback data starts with `prefix` (or is it, if exact)."""
        found = self._button(person, lambda b: b["callback_data"] == prefix if exact
                             else b["callback_data"].startswith(prefix))
        return await self._tap(person, found)

    async def tap_suffix(self, person: Person, prefix: str, suffix: str) -> bool:
        found = self._button(person, lambda b: _fits(b["callback_data"], prefix, suffix))
        return await self._tap(person, found)

    async def tap_label(self, person: Person, label: str) -> bool:
        return await self._tap(person, self._button(person, lambda b: b["text"] == label))

    async def _tap(self, person: Person, found: tuple[int, str] | None) -> bool:
        if found is None:
            return False
        await self.press(person, person.user_id, *found)
        await self.settled()
        return True

    async def share(self, person: Person) -> None:
        await self.share_phone(person)
        await self.settled()

    def topic_of(self, name: str) -> int | None:
        """The newest topic whose name starts with the client's name, as a manager finds it."""
        topics = self._api.chats[self._api.group_id].topics
        found = [thread for thread, topic in topics.items() if topic["name"].startswith(name)]
        return max(found) if found else None

    def sample_photos(self, count: int) -> list[StoredFile]:
        return [self._api.files.add(path.read_bytes(), path.name, "image/jpeg")
                for path in samples()[:count]]

    async def say(self, person: Person, text: str, files: list[StoredFile] | None = None) -> None:
        await self.client_sends(person, text, files or [])
        await self.settled()

    async def write(self, thread: int | None, text: str, files: list[StoredFile] | None = None) -> None:
        await self.manager_sends(thread, text, files or [])
        await self.settled()


def _fits(data: str, prefix: str, suffix: str) -> bool:
    return data.startswith(prefix) and data.endswith(suffix)
