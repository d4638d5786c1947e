"""What every desk needs: the database, the outbox, the texts, the clock; and, for a manager's
command in a client's topic, finding that client and their deal (or telling the manager why not).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Concatenate, ParamSpec

from bot.clock import Clock
from bot.delivery import Outbox
from bot.i18n import Translator
from domain import Action, Button, CarRequest, Client, Reply
from storage import clients, requests
from storage.db import Database, Tx

P = ParamSpec("P")


@dataclass(frozen=True)
class Kit:
    """The shared tools a desk is built with."""

    db: Database
    outbox: Outbox
    translate: Translator
    clock: Clock


@dataclass(frozen=True)
class Deal:
    """A manager's command about a client's deal, written in that client's topic."""

    tx: Tx
    client: Client
    request: CarRequest
    message_id: int  # the command, which the answer replies to


class Desk:
    def __init__(self, kit: Kit) -> None:
        self._db = kit.db
        self._outbox = kit.outbox
        self._t = kit.translate
        self._clock = kit.clock
        self._lang = kit.translate.default_language  # the managers' language

    # -- a manager's command in a client's topic ------------------------------------------

    async def _topic_client(self, tx: Tx, topic_id: int | None, message_id: int) -> Client | None:
        """The client whose topic this is; None once the manager was told to write in one."""
        client = await clients.by_topic(tx, topic_id) if topic_id else None
        if client is None:
            await self._answer(tx, topic_id, message_id, "manager-needs-topic")
        return client

    async def _on_deal(
        self,
        topic_id: int | None,
        message_id: int,
        act: Callable[Concatenate[Deal, P], Awaitable[None]],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> None:
        """Run `act` on the topic's client and their latest request, in one transaction."""
        async with self._db.transaction() as tx:
            client = await self._topic_client(tx, topic_id, message_id)
            if client is None:
                return
            request = await requests.latest_for_client(tx, client.id)
            if request is None:
                await self._answer(tx, client.topic_id, message_id, "manager-no-request")
                return
            await act(Deal(tx, client, request, message_id), *args, **kwargs)

    async def _answer(
        self, tx: Tx, topic_id: int | None, message_id: int, key: str, **args: object
    ) -> None:
        """Answer a manager's command where it was written."""
        await self._outbox.to_group(tx, self._t(self._lang, key, **args), topic_id,
                                    reply_to=message_id)

    async def _reply(self, deal: Deal, key: str, **args: object) -> None:
        await self._answer(deal.tx, deal.client.topic_id, deal.message_id, key, **args)

    # -- the client -----------------------------------------------------------------------

    async def _say(self, tx: Tx, client: Client, key: str, menu: bool = False, **args: object) -> None:
        """A text to the client, with a button back to the menu if `menu`."""
        text = self._t(client.language, key, **args)
        buttons = ((Button(self._t(client.language, "button-menu"), Action.MENU),),) if menu else ()
        await self._outbox.to_client(tx, client, Reply(text, buttons))

    def _menu(self, client: Client) -> tuple[tuple[Button, ...], ...]:
        """The client's main menu."""
        lang = client.language
        return (
            (Button(self._t(lang, "menu-new"), Action.NEW_REQUEST),),
            (Button(self._t(lang, "menu-status"), Action.STATUS),),
            (Button(self._t(lang, "menu-manager"), Action.WRITE_MANAGER),),
            (Button(self._t(lang, "menu-feedback"), Action.FEEDBACK),),
            (Button(self._t(lang, "menu-about-data"), Action.ABOUT_DATA),),  # privacy
        )
