"""Opting out of text messages: a client who answers STOP (СТОП, or another of the opt-out
words, domain/sms.py) gets no more SMS on that number; START lifts it. Recorded per number
(storage/sms.py); the client's topic hears each change in one line."""

from __future__ import annotations

from html import escape

from bot.services.base import Desk, Kit
from domain import Identity
from storage import clients, sms


class OptOut(Desk):
    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)

    async def stop(self, who: Identity, number: str, word: str) -> int:
        """No more SMS to `number`; the client's id."""
        async with self._db.transaction() as tx:
            client = await clients.upsert(tx, who, self._lang, self._clock.now())
            if await sms.stop(tx, number, client.id, word, self._clock.now()):
                await clients.set_unreachable(tx, client.id, self._clock.now())
                await self._tell_topic(tx, client, "topic-sms-stopped", word=escape(word[:20]))
            return client.id

    async def start(self, who: Identity, number: str, word: str) -> int | None:
        """SMS to `number` again; the client's id, or None when it was not stopped (the word is
        then an ordinary message)."""
        async with self._db.transaction() as tx:
            if not await sms.stopped(tx, number):
                return None
            client = await clients.upsert(tx, who, self._lang, self._clock.now())
            await sms.start(tx, number)
            await clients.set_unreachable(tx, client.id, None)
            await self._tell_topic(tx, client, "topic-sms-started", word=escape(word[:20]))
            return client.id
