"""A client's topic in the managers' group: opened when first needed, closed by a manager
(`/close`), opened again by the client's next message (issue 26).

`/close` in the client's topic closes it in Telegram (closeForumTopic) and marks its title
(`CLOSED_MARK`); the client leaves `/open` and the digest's open conversations, and nobody is
reminded of their unanswered message. Managers (administrators) and the bot may still write in
a closed topic; what a manager writes there still reaches the client.

The client's next message (or a new request) opens it again (reopenForumTopic, the mark
removed, a note saying so) when it was closed within `reopen_within`
(CLOSED_TOPIC_REOPEN_WITHIN, 90 days by default). A topic closed longer ago is left closed,
with its history: the client gets a new topic with a fresh card, and its first note links the
old one. A firm returning to a client after months wants the new business on top with today's
card, the old talk one tap away.

Spam waves: a new client's topic (no topic in any group yet) opens only once they have done
something a person does: written a second message, answered a question of a flow (the intake's
first), pressed a button. `/start` or a lone first message opens nothing; what they wrote is
held (`held_messages`) and relayed, in order, when the topic opens. New topics open at most
`per_minute` a minute (NEW_TOPICS_PER_MINUTE); the rest wait their turn in order
(`topic_waits`), opened by the scheduler's tick as the minute allows, and General hears once
per wave how many wait. Clients who already have a topic never wait."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.services.base import Desk, Kit
from bot.services.intake.cards import Cards
from domain import Client
from domain.refusal import Refusal
from storage import clients, deals, journal, requests, topic_states, topics
from storage.db import Tx

CLOSED_MARK = "✓ "  # the title of a closed topic begins with it
MINUTE = timedelta(minutes=1)


class Topics(Desk):
    def __init__(self, kit: Kit, cards: Cards, reopen_within: timedelta, per_minute: int,
                 hold_first: bool) -> None:
        super().__init__(kit)
        self._cards = cards
        self._reopen_within = reopen_within
        self._per_minute = per_minute  # 0: no limit
        self._hold_first = hold_first  # a lone first message waits for a sign of a person

    # -- the manager's /close -------------------------------------------------------------

    async def close(self, topic_id: int | None, message_id: int, manager_id: int,
                    args: str) -> None:
        async def act(tx: Tx, client: Client) -> None:
            if args.strip():
                raise Refusal("close-no-arguments")
            if not await topic_states.close(tx, client.id, manager_id, self._clock.now()):
                raise Refusal("close-already")
            closed = replace(client, topic_closed_at=self._clock.now())
            still_open = await deals.open_for_client(tx, client.id)
            await self._answer(tx, topic_id, message_id, "close-done", open=len(still_open),
                               ids=", ".join(f"#{r.id}" for r in still_open))
            await self._outbox.rename_topic(tx, closed, await self.title(tx, closed))
            await self._outbox.close_topic(tx, closed)

        await self._on_client(topic_id, message_id, act)

    # -- the client wrote -----------------------------------------------------------------

    async def ensure(self, tx: Tx, client: Client, wrote: bool = False) -> Client | None:
        """The client's topic, ready for what they wrote (`wrote`: a message to relay):
        opened the first time, opened again after /close, or (closed too long ago) a new one.
        Returns the client as now stored; what is queued for their topic after this lands in
        that topic. None: a new client's topic is not open yet (no sign of a person, or
        waiting its turn): hold what is for it."""
        if client.topic_id is None:
            return client if await self._new_topic(tx, client, wrote) else None
        closed_at = client.topic_closed_at
        if closed_at is None:
            return client
        if self._clock.now() - closed_at <= self._reopen_within:
            await topic_states.reopen(tx, client.id)
            opened = replace(client, topic_closed_at=None)
            await self._outbox.close_topic(tx, opened, reopen=True)
            await self._outbox.rename_topic(tx, opened, await self.title(tx, opened))
            await self._tell_topic(tx, opened, "topic-reopened")
            return opened
        old = client.topic_id
        await topic_states.leave_behind(tx, client.id, self._outbox.department(client.topic_group))
        fresh = await self._outbox.in_latest_group(tx, await self._client(tx, client.id))
        await self._open(tx, fresh, after=old)
        previous = f'<a href="{self._link(old)}">{self._t(self._lang, "topic-previous")}</a>'
        await self._tell_topic(tx, fresh, "topic-new-after-closed", previous=previous,
                               days=(self._clock.now() - closed_at).days)
        return fresh

    async def person(self, tx: Tx, client: Client) -> None:
        """The client did something a person does (answered a flow's question, pressed a
        button): a new client's held words go to their topic, now or in their turn."""
        if await topic_states.mark_person(tx, client.id, self._clock.now()) and (
            await topic_states.held_count(tx, client.id)
        ):
            await self._want(tx, await self._outbox.in_latest_group(tx, client))

    async def tick(self) -> None:
        """Open waiting topics as the minute allows, in order; General hears once per wave
        how many new clients wait."""
        async with self._db.read() as reading:  # nothing waiting, no wave: no write at all
            if not await topic_states.waiting_count(reading) and not await topic_states.in_wave(reading):
                return
        async with self._db.transaction() as tx:
            now = self._clock.now()
            await self._open_waiting(tx, now)
            left = await topic_states.waiting_count(tx)
            if not left:
                await topic_states.wave_over(tx)
            elif await topic_states.announce_wave(tx, now):
                text = self._t(self._lang, "topics-wave", count=left, limit=self._per_minute)
                await self._outbox.to_group(tx, text, None)

    async def _new_topic(self, tx: Tx, client: Client, wrote: bool) -> bool:
        """True when the client's topic is opened (queued) now or was already."""
        wait = await topic_states.wait_of(tx, client.id)
        known = wait is not None and wait.opened_at is not None
        if known or await topics.elsewhere(tx, client.id, self._outbox.department(client.topic_group)):
            await self._open(tx, client)  # not new: a topic in another group, or queued already
            return True
        if wait is None or wait.person_at is None:
            if wrote and self._hold_first and not await topic_states.held_count(tx, client.id):
                return False  # a lone first message waits for a sign of a person
            await topic_states.mark_person(tx, client.id, self._clock.now())
        return await self._want(tx, client)

    async def _want(self, tx: Tx, client: Client) -> bool:
        """Into the line; True if the client's topic opened now (the minute allowing, nobody
        before them)."""
        now = self._clock.now()
        await topic_states.want(tx, client.id, now)
        await self._open_waiting(tx, now, client)
        wait = await topic_states.wait_of(tx, client.id)
        return wait is not None and wait.opened_at is not None

    async def _open_waiting(self, tx: Tx, now: datetime, asking: Client | None = None) -> None:
        if self._per_minute:
            room = self._per_minute - await topic_states.opened_since(tx, now - MINUTE)
        else:
            room = await topic_states.waiting_count(tx)
        for client_id in await topic_states.waiting(tx, max(room, 0)):
            waiting = asking if asking and asking.id == client_id else await clients.get(tx, client_id)
            if waiting is None or waiting.banned_at is not None or waiting.erased_at is not None:
                await topic_states.drop_wait(tx, client_id)
                continue
            if waiting is not asking:
                waiting = await self._outbox.in_latest_group(tx, waiting)
            await topic_states.opened(tx, client_id, now)
            await self._open(tx, waiting)
            for kind in await self._outbox.release(tx, waiting):  # what waited, behind it
                await journal.log_message(tx, client_id, "client", kind, now)

    async def title(self, tx: Tx, client: Client) -> str:
        """The topic's title: the client and their latest request, marked once closed."""
        title = self._cards.title(client, await requests.latest_for_client(tx, client.id))
        return CLOSED_MARK + title if client.topic_closed_at is not None else title

    async def _open(self, tx: Tx, client: Client, after: int | None = None) -> None:
        request = await requests.latest_for_client(tx, client.id)
        await self._outbox.open_topic(tx, client, self._cards.title(client, request),
                                      self._cards.card(client, request), after=after)

    @staticmethod
    async def _client(tx: Tx, client_id: int) -> Client:
        client = await clients.get(tx, client_id)
        assert client is not None
        return client
