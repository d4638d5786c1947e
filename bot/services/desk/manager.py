"""What managers do in the group: talk to the client through the topic, keep notes."""

from __future__ import annotations

from bot.services.base import Desk, Kit
from bot.services.inspection.reports import Inspections
from bot.services.inspection.viewings import Viewings
from domain import Channel, Media
from storage import clients, journal, links, managers

# Commands that only the manager group may use; a client sending one is refused politely.
# Later issues add theirs here and to the `manager-help` text.
MANAGER_ONLY = ("note", "stage", "hard", "eta", "report", "handover", "stats", "export", "forget",
                "call", "notes", "set", "every", "find", "open", "lead",
                "ban", "ban!", "unban", "bans", "close", "reply", "unmerge", "via",
                "car", "legal", "viewing",  # a deal's papers, car and viewings (issue 23)
                "paid", "offer", "overbudget",  # money (bot/services/money, inspection)
                "slots", "arrived", "order", "extra", "ready", "done",  # the last rows: workshop
                "qc", "progress", "mech", "act")


class ManagerDesk(Desk):
    def __init__(self, kit: Kit, inspections: Inspections,
                 viewings: Viewings | None = None) -> None:
        super().__init__(kit)
        self._inspections = inspections
        self._viewings = viewings  # a reply to a client's wish to see a car, with a time
        self._known: dict[int, tuple[str, str | None]] = {}  # names already stored, this run

    async def remember(self, manager_id: int, name: str, username: str | None) -> None:
        """Store a manager's name as Telegram shows it; written once per change, not per message."""
        if self._known.get(manager_id) == (name, username):
            return
        # Not the update's own change: its record rides with the command's transaction.
        async with self._db.transaction(carry_rider=False) as tx:
            await managers.remember(tx, manager_id, name, username, self._clock.now())
        self._known[manager_id] = (name, username)

    async def relay(
        self,
        topic_id: int,
        message_id: int,
        manager_id: int | None,
        reply_to: int | None,
        kind: str,
        media_group: str | None = None,
        text: str | None = None,
        media: Media | None = None,
    ) -> None:
        """A manager's message in a client's topic goes to that client. `text` and `media`
        are its content, for clients on channels that cannot receive a copy."""
        async with self._db.transaction() as tx:
            client = await self._outbox.topic_client(tx, topic_id)
            if client is None:
                return  # a topic the bot did not open: managers may talk among themselves
            if client.erased_at is not None:  # privacy: nobody left to send it to
                await self._answer(tx, topic_id, message_id, "privacy-topic-erased-relay")
                return
            if await self._inspections.attach(tx, client, message_id, kind, media_group, media):
                return  # it goes out with the inspection report it belongs to
            if (reply_to and text and kind == "text" and manager_id and self._viewings
                    and await self._viewings.reply(tx, client, topic_id, message_id, reply_to,
                                                   text, manager_id)):
                return  # a time proposed for a viewing (bot/services/inspection/viewings.py)
            files = (media,) if media else ()
            await self._outbox.copy_to_client(tx, client, message_id, reply_to, text, files)
            await journal.log_message(tx, client.id, "manager", kind, self._clock.now(), manager_id)

    async def not_delivered(self, client_id: int, channels: tuple[Channel, ...], message_id: int,
                            reason: str) -> None:
        """A channel reported, after sending, that a message never reached the client (its id
        counted among `channels`' messages)."""
        async with self._db.transaction() as tx:
            client = await clients.get(tx, client_id)
            if client is None:
                return
            pair = await links.twin_in_group(tx, client.id, channels, message_id)
            text = self._t(self._lang, "topic-not-delivered", reason=reason)
            group = (pair[1] or self._outbox.groups.home) if pair else None
            await self._outbox.to_topic(tx, client, text, reply_to_group=pair and pair[0],
                                        group=group)

    async def edited(self, topic_id: int, message_id: int, text: str, caption: bool) -> None:
        async with self._db.transaction() as tx:
            client = await self._outbox.topic_client(tx, topic_id)
            if client is not None:
                await self._outbox.edit_for_client(tx, client, message_id, text, caption)

    async def note(self, topic_id: int | None, message_id: int, manager_id: int, text: str) -> None:
        async with self._db.transaction() as tx:
            client = await self._topic_client(tx, topic_id, message_id)
            if client is None:
                return
            if not text.strip():
                await self._answer(tx, topic_id, message_id, "note-empty")
                return
            await journal.add_note(tx, client.id, manager_id, text.strip(), self._clock.now())
            await self._answer(tx, topic_id, message_id, "note-saved")

    async def help(self, topic_id: int | None, message_id: int) -> None:
        async with self._db.transaction() as tx:
            await self._answer(tx, topic_id, message_id, "manager-help")

    async def unknown_command(self, topic_id: int | None, message_id: int) -> None:
        async with self._db.transaction() as tx:
            await self._answer(tx, topic_id, message_id, "manager-unknown-command")
