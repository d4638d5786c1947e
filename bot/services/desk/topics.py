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
card, the old talk one tap away."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.services.base import Desk, Kit
from bot.services.intake.cards import Cards
from domain import Client
from domain.refusal import Refusal
from storage import clients, deals, requests, topic_states
from storage.db import Tx

CLOSED_MARK = "✓ "  # the title of a closed topic begins with it


class Topics(Desk):
    def __init__(self, kit: Kit, cards: Cards, reopen_within: timedelta) -> None:
        super().__init__(kit)
        self._cards = cards
        self._reopen_within = reopen_within

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

    async def ensure(self, tx: Tx, client: Client) -> Client:
        """The client's topic, ready for what they wrote: opened the first time, opened again
        after /close, or (closed too long ago) a new one. Returns the client as now stored;
        what is queued for their topic after this lands in that topic."""
        if client.topic_id is None:
            await self._open(tx, client)
            return client
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
