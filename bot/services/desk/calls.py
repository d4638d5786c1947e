"""Phone calls managers make, as the bot must know them: /call records one (it is news for the
client's promise), /call! also sends its summary to the client, /notes reads calls and notes
back, and /status in a topic shows every open request with its calls and news interval."""

from __future__ import annotations

from datetime import timedelta
from html import escape

from bot.services.base import Desk, Kit, request_number
from bot.services.deal.dates import short_date
from bot.services.deal.status import DealStatus
from bot.services.timing import Timing
from domain import Automatic, Client, Reply
from storage import calls, deals, journal, managers
from storage.db import Tx


def hours(interval: timedelta) -> int:
    return int(interval.total_seconds() // 3600)


class CallDesk(Desk):
    def __init__(self, kit: Kit, status: DealStatus, timing: Timing) -> None:
        super().__init__(kit)
        self._status = status
        self._timing = timing

    async def call(self, topic_id: int | None, message_id: int, manager_id: int, args: str,
                   tell_client: bool) -> None:
        number, summary = request_number(args)
        async with self._db.transaction() as tx:
            client = await self._topic_client(tx, topic_id, message_id)
            if client is None:
                return
            if not summary:
                await self._answer(tx, topic_id, message_id, "call-empty")
                return
            if number is not None and await deals.of_client(tx, client.id, number) is None:
                await self._answer(tx, topic_id, message_id, "deal-not-found", id=number)
                return
            now = self._clock.now()
            await calls.add(tx, client.id, number, manager_id, summary, tell_client, now)
            await journal.log_message(tx, client.id, "manager", "call", now, manager_id)
            if tell_client:
                text = self._t(client.language, "call-to-client", summary=escape(summary))
                await self._outbox.to_client(tx, client, Reply(text), automatic=Automatic.DEAL_NEWS)
            key = "call-saved-told" if tell_client else "call-saved"
            await self._answer(tx, topic_id, message_id, key)

    async def notes(self, topic_id: int | None, message_id: int) -> None:
        async with self._db.transaction() as tx:
            client = await self._topic_client(tx, topic_id, message_id)
            if client is None:
                return
            lines = await self._entries(tx, client, kinds=("call", "note"))
            text = "\n".join(lines) if lines else self._t(self._lang, "notes-none")
            await self._answer(tx, topic_id, message_id, "notes", entries=text)

    async def status(self, topic_id: int | None, message_id: int) -> None:
        """The managers' /status: every open request with its timeline, its news interval,
        and the calls."""
        async with self._db.transaction() as tx:
            client = await self._topic_client(tx, topic_id, message_id)
            if client is None:
                return
            status = await self._status.status(tx, client, self._lang)
            if status is None:
                await self._answer(tx, topic_id, message_id, "manager-no-request")
                return
            parts = [status.text]
            for request in await deals.open_for_client(tx, client.id):
                own = await deals.every(tx, request.id)
                interval = timedelta(seconds=own) if own else self._timing.progress_interval
                parts.append(self._t(self._lang, "status-interval", id=request.id,
                                     hours=hours(interval)))
            calls_made = await self._entries(tx, client, kinds=("call",))
            if calls_made:
                parts.append(self._t(self._lang, "status-calls") + "\n" + "\n".join(calls_made))
            await self._answer(tx, topic_id, message_id, "manager-status", text="\n\n".join(parts))

    async def _entries(self, tx: Tx, client: Client, kinds: tuple[str, ...]) -> list[str]:
        names = await managers.names(tx)
        lines = []
        for entry in await calls.for_client(tx, client.id):
            if entry.kind not in kinds:
                continue
            day = short_date(self._lang, entry.at.astimezone(self._timing.timezone).date())
            who = escape(names.get(entry.author_id, str(entry.author_id)))
            icon = "📞" if entry.kind == "call" else "📝"
            lines.append(f"{icon} {day}, {who}: {escape(entry.text)}")
        return lines
