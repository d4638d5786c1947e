"""Bans (issue 26): a manager stops a client (a spammer, an abusive account) from reaching the
group. `/ban` in the client's topic is a shadow ban: the client is told nothing and whatever they
send afterwards is dropped (`ClientDesk._live`); `/ban!` tells them they are blocked, and so does
each later message. `/unban` lifts either. Owners and administrators list the bans with `/bans`
(guarded in `bot/services/privacy/desk.py`, which hands the list here).

A banned client keeps their data rights (/delete_my_data); erasure (theirs, /forget, retention)
reaches them like anyone else and clears the ban with the rest of the row."""

from __future__ import annotations

from html import escape

from bot.services.base import Desk, Kit
from domain import Client
from domain.refusal import Refusal
from storage import clients, managers
from storage.db import Tx

SHOWN = 50  # lines of /bans; the rest is counted


class Bans(Desk):
    def __init__(self, kit: Kit) -> None:
        super().__init__(kit)

    async def ban(self, topic_id: int | None, message_id: int, manager_id: int, args: str,
                  told: bool) -> None:
        """/ban (shadow) or /ban! (told) in the client's topic."""
        command = "ban!" if told else "ban"

        async def act(tx: Tx, client: Client) -> None:
            self._no_arguments(command, args)
            if client.erased_at is not None:
                raise Refusal("privacy-forget-already")
            if not await clients.ban(tx, client.id, manager_id, told, self._clock.now()):
                raise Refusal("ban-already", told=self._how(client.ban_told))
            await self._answer(tx, topic_id, message_id, "ban-done-told" if told else "ban-done-shadow")
            if told:
                await self._say(tx, client, "ban-client-blocked")

        await self._on_client(topic_id, message_id, act)

    async def unban(self, topic_id: int | None, message_id: int, args: str) -> None:
        async def act(tx: Tx, client: Client) -> None:
            self._no_arguments("unban", args)
            if not await clients.unban(tx, client.id):
                raise Refusal("ban-not-banned")
            await self._answer(tx, topic_id, message_id, "ban-lifted")
            if client.ban_told:  # they were told they are blocked: now that they are not
                await self._say(tx, client, "ban-client-unblocked", menu=True)

        await self._on_client(topic_id, message_id, act)

    async def listing(self, topic_id: int | None, message_id: int, args: str) -> None:
        """The owners' list: who, since when, by whom, shadow or told; linked to the topic."""
        async def act(tx: Tx) -> None:
            self._no_arguments("bans", args)
            found = await clients.banned(tx, SHOWN + 1)
            if not found:
                await self._answer(tx, topic_id, message_id, "bans-none")
                return
            names = await managers.names(tx)
            now = self._clock.now()
            lines = []
            for ban in found[:SHOWN]:
                name = escape(ban.name or ban.username or "—")
                link = await self._client_link(tx, ban.id, ban.topic_id)
                who = f'<a href="{link}">{name}</a>' if link else name
                by = escape(names.get(ban.banned_by, "") if ban.banned_by else "") or "—"
                lines.append(self._t(self._lang, "bans-line", number=ban.id, who=who, by=by,
                                     how=self._how(ban.told), days=(now - ban.banned_at).days))
            more = len(found) > SHOWN
            await self._answer(tx, topic_id, message_id, "bans-list", count=len(lines),
                               lines="\n".join(lines), more="yes" if more else "no")

        await self._command(topic_id, message_id, act)

    def _how(self, told: bool) -> str:
        return self._t(self._lang, "ban-told" if told else "ban-shadow")

    @staticmethod
    def _no_arguments(command: str, args: str) -> None:
        if args.strip():
            raise Refusal("ban-no-arguments", command=command)
