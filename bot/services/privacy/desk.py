"""The managers' side of privacy: owners' commands guarded by role, /forget with its
confirmation, and messages in the group that come from no person (an anonymous administrator,
a channel, Telegram itself), which are relayed or explained, never dropped without a word."""

from __future__ import annotations

from html import escape
from typing import Protocol

from bot.delivery import Outbox
from bot.i18n import Translator
from bot.services.privacy.erasure import Erasure
from bot.services.privacy.roles import Roles
from domain import Client, Media, Press
from domain.presses import ForgetClient, KeepClient, button
from storage import managers
from storage.db import Database, Tx


# What this desk hands on, as the stats and manager desks offer it (privacy is imported by
# the other steps, so it names none of them).
class OwnersReports(Protocol):
    async def stats(self, topic_id: int | None, message_id: int, args: str) -> None: ...

    async def export(self, topic_id: int | None, message_id: int, args: str) -> None: ...


class BanList(Protocol):
    async def listing(self, topic_id: int | None, message_id: int, args: str) -> None: ...


class TopicRelay(Protocol):
    async def relay(
        self, topic_id: int, message_id: int, manager_id: int | None, reply_to: int | None,
        kind: str, media_group: str | None = None, text: str | None = None,
        media: Media | None = None,
    ) -> None: ...


class PrivacyDesk:
    def __init__(
        self, db: Database, outbox: Outbox, translate: Translator, roles: Roles,
        erasure: Erasure, stats_desk: OwnersReports, manager_desk: TopicRelay, bans: BanList,
        relay_anonymous: bool,
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._t = translate
        self._roles = roles
        self._erasure = erasure
        self._stats = stats_desk
        self._managers = manager_desk
        self._bans = bans
        self._relay_anonymous = relay_anonymous
        self._lang = translate.default_language

    # -- owners' commands -----------------------------------------------------------------

    async def export(self, user_id: int, topic_id: int | None, message_id: int, args: str) -> None:
        # In a client's topic the stats desk only points to General: no data, no role needed.
        if topic_id is not None or await self._allowed(user_id, topic_id, message_id, "export"):
            await self._stats.export(topic_id, message_id, args)

    async def stats_managers(self, user_id: int, topic_id: int | None, message_id: int, args: str) -> None:
        if topic_id is not None or await self._allowed(user_id, topic_id, message_id, "stats managers"):
            await self._stats.stats(topic_id, message_id, args)

    async def bans(self, user_id: int, topic_id: int | None, message_id: int, args: str) -> None:
        """The ban list names clients: owners and administrators only."""
        if await self._allowed(user_id, topic_id, message_id, "bans"):
            await self._bans.listing(topic_id, message_id, args)

    async def forget(self, user_id: int, topic_id: int | None, message_id: int) -> None:
        if not await self._allowed(user_id, topic_id, message_id, "forget"):
            return
        async with self._db.transaction() as tx:
            client = await self._topic_client(tx, topic_id, message_id)
            if client is None:
                return
            buttons = ((button(self._t(self._lang, "privacy-forget-yes"), ForgetClient(client.id)),
                        button(self._t(self._lang, "privacy-forget-no"), KeepClient())),)
            text = self._t(self._lang, "privacy-forget-ask", number=client.id)
            await self._outbox.to_group(tx, text, topic_id, reply_to=message_id, buttons=buttons)

    async def forget_pressed(self, user_id: int, topic_id: int | None, message_id: int,
                             press: Press | None) -> None:
        """The confirmation button: the presser's role is checked again (anyone can press)."""
        if not await self._allowed(user_id, topic_id, message_id, "forget"):
            return
        async with self._db.transaction() as tx:
            if isinstance(press, KeepClient):
                await self._say(tx, topic_id, message_id, "privacy-forget-kept")
                return
            client = await self._topic_client(tx, topic_id, message_id)
            if client is None or not isinstance(press, ForgetClient) or client.id != press.client:
                return
            await self._erasure.erase(tx, client, "manager")

    # -- messages from no person ----------------------------------------------------------

    async def anonymous(
        self, topic_id: int | None, message_id: int, reply_to: int | None, kind: str,
        command: bool, text: str | None, media: Media | None,
    ) -> None:
        """An anonymous administrator wrote in the group."""
        if topic_id is None or not await self._is_client_topic(topic_id):
            return  # General or the managers' own topics: nothing to deliver
        if command:
            await self._explain(topic_id, message_id, "privacy-anonymous-command")
        elif self._relay_anonymous:
            await self._managers.relay(topic_id, message_id, None, reply_to, kind, text=text, media=media)
        else:
            await self._explain(topic_id, message_id, "privacy-anonymous-refused")

    async def not_a_manager(self, topic_id: int | None, message_id: int) -> None:
        """A channel's post or Telegram's own message in a client's topic: not sent on."""
        if topic_id is not None and await self._is_client_topic(topic_id):
            await self._explain(topic_id, message_id, "privacy-not-a-manager")

    # -- small pieces ---------------------------------------------------------------------

    async def _allowed(self, user_id: int, topic_id: int | None, message_id: int, command: str) -> bool:
        if await self._roles.may_see_personal(user_id):
            return True
        admins = await self._roles.administrators()
        async with self._db.transaction() as tx:
            known = await managers.names(tx)
            names = [known.get(owner, "") for owner in sorted(self._roles.owners)]
            who = ", ".join(escape(name) for name in [*names, *admins.values()] if name)
            key = "privacy-refused-named" if who else "privacy-refused"
            await self._say(tx, topic_id, message_id, key, command=command, names=who)
        return False

    async def _topic_client(self, tx: Tx, topic_id: int | None, message_id: int) -> Client | None:
        client = await self._outbox.topic_client(tx, topic_id) if topic_id else None
        if client is None:
            await self._say(tx, topic_id, message_id, "manager-needs-topic")
        elif client.erased_at is not None:
            await self._say(tx, topic_id, message_id, "privacy-forget-already")
            return None
        return client

    async def _is_client_topic(self, topic_id: int) -> bool:
        async with self._db.read() as tx:
            return await self._outbox.topic_client(tx, topic_id) is not None

    async def _explain(self, topic_id: int, message_id: int, key: str) -> None:
        async with self._db.transaction() as tx:
            await self._say(tx, topic_id, message_id, key)

    async def _say(self, tx: Tx, topic_id: int | None, message_id: int, key: str, **args: str) -> None:
        await self._outbox.to_group(tx, self._t(self._lang, key, **args), topic_id, reply_to=message_id)
