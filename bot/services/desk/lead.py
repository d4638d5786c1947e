"""/lead @manager (or by name): who leads the client. The client learns their manager's name
once, and the figures per manager credit the lead instead of guessing from who wrote most."""

from __future__ import annotations

from html import escape

from bot.services.base import Desk
from domain import Reply
from storage import managers


class LeadDesk(Desk):
    async def lead(self, topic_id: int | None, message_id: int, args: str) -> None:
        async with self._db.transaction() as tx:
            client = await self._topic_client(tx, topic_id, message_id)
            if client is None:
                return
            if not args.strip():
                await self._answer(tx, topic_id, message_id, "lead-usage")
                return
            found = await managers.find(tx, args)
            if found is None:
                await self._answer(tx, topic_id, message_id, "lead-unknown", name=escape(args))
                return
            manager_id, name = found
            if await managers.set_lead(tx, client.id, manager_id, self._clock.now()):
                first = escape(name.split()[0])
                text = self._t(client.language, "lead-to-client", name=first)
                await self._outbox.to_client(tx, client, Reply(text))
            await self._answer(tx, topic_id, message_id, "lead-done", name=escape(name))
