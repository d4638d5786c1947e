"""What every desk needs: the database, the outbox, the texts, the clock; and, for a manager's
command in a client's topic, finding that client and their deal (or telling the manager why not,
including any `Refusal` the command raised).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.clock import Clock
from bot.delivery import Outbox
from bot.i18n import Translator
from domain import Automatic, Button, CarRequest, Client, Reply
from domain.groups import topic_link
from domain.numbers import MAX_ID_DIGITS
from domain.presses import (
    AboutData,
    Book,
    GiveFeedback,
    Menu,
    NewRequest,
    PickDeal,
    Status,
    WriteManager,
    button,
)
from domain.refusal import Refusal
from storage import choices, clients, deals, requests, topics
from storage.db import Database, Tx

# ASCII digits only, as many as SQLite's integers hold: '#²' or '#' and 25 nines name no request
# (int() would read '٣' as 3 and SQLite would overflow on 25 digits).
REQUEST_NUMBER = re.compile(rf"\s*[#№]\s*([0-9]{{1,{MAX_ID_DIGITS}}})(?![0-9])\b\s*")


def request_number(args: str) -> tuple[int | None, str]:
    """'#12 paid' -> (12, 'paid'); without a number first, (None, args)."""
    match = REQUEST_NUMBER.match(args)
    if match is None:
        return None, args.strip()
    return int(match.group(1)), args[match.end():].strip()


@dataclass(frozen=True)
class Kit:
    """The shared tools a desk is built with."""

    db: Database
    outbox: Outbox
    translate: Translator
    clock: Clock
    workshop: bool = False  # the service workshop is on: its booking is in the client's menu


@dataclass(frozen=True)
class Deal:
    """A manager's command about a client's deal, written in that client's topic."""

    tx: Tx
    client: Client
    request: CarRequest
    message_id: int  # the command, which the answer replies to


Rows = tuple[tuple[Button, ...], ...]  # a message's buttons, row by row
ClientCommand = Callable[[Tx, Client], Awaitable[None]]


class Desk:
    def __init__(self, kit: Kit) -> None:
        self._db = kit.db
        self._outbox = kit.outbox
        self._t = kit.translate
        self._clock = kit.clock
        self._lang = kit.translate.default_language  # the managers' language
        self._workshop_menu = kit.workshop

    # -- a manager's command in a client's topic ------------------------------------------

    async def _command(self, topic_id: int | None, message_id: int,
                       act: Callable[[Tx], Awaitable[None]]) -> None:
        """Run a manager's command in one transaction; a `Refusal` rolls back whatever it
        began and is answered where the command was written."""
        try:
            async with self._db.transaction() as tx:
                await act(tx)
        except Refusal as refusal:
            async with self._db.transaction() as tx:
                await self._answer(tx, topic_id, message_id, refusal.key, **refusal.variables)

    async def _on_client(self, topic_id: int | None, message_id: int, act: ClientCommand) -> None:
        """`_command` for the client whose topic this is (refused outside a client's topic)."""
        async def for_client(tx: Tx) -> None:
            client = await self._outbox.topic_client(tx, topic_id) if topic_id else None
            if client is None:
                raise Refusal("manager-needs-topic")
            await act(tx, client)
        await self._command(topic_id, message_id, for_client)

    async def _topic_client(self, tx: Tx, topic_id: int | None, message_id: int) -> Client | None:
        """The client whose topic this is; None once the manager was told to write in one."""
        client = await self._outbox.topic_client(tx, topic_id) if topic_id else None
        if client is None:
            await self._answer(tx, topic_id, message_id, "manager-needs-topic")
        return client

    async def _on_deal(
        self,
        topic_id: int | None,
        message_id: int,
        manager_id: int,
        command: str,
        args: str,
        act: Callable[[Deal, str], Awaitable[None]],
        can_wait: bool = True,
    ) -> None:
        """Run `act` on the request the command names ("#12 ..." first), in one transaction;
        without a number, on the client's only open request (or their latest, if none is
        open); with several open, the manager is asked which, one button per request, and the
        command waits (see deal/selection.py); a command that `can_wait` not (it carries photos)
        is asked for the number instead. `act` gets the arguments after the number."""
        number, rest = request_number(args)

        async def on_deal(tx: Tx) -> None:
            client = await self._topic_client(tx, topic_id, message_id)
            if client is None:
                return
            if number is not None:
                request = await deals.of_client(tx, client.id, number)
                if request is None:
                    await self._answer(tx, topic_id, message_id, "deal-not-found", id=number)
                    return
            else:
                found = await deals.open_for_client(tx, client.id)
                if len(found) > 1 and not can_wait:
                    await self._answer(tx, topic_id, message_id, "deal-needs-number",
                                       command=command, first=found[0].id,
                                       ids=", ".join(f"#{r.id}" for r in found))
                    return
                if len(found) > 1:
                    await self._ask_which(tx, client, message_id, manager_id, command, rest, found)
                    return
                request = found[0] if found else await requests.latest_for_client(tx, client.id)
                if request is None:
                    await self._answer(tx, topic_id, message_id, "manager-no-request")
                    return
            await act(Deal(tx, client, request, message_id), rest)
        await self._command(topic_id, message_id, on_deal)  # a `Refusal` of `act` is answered

    async def _ask_which(self, tx: Tx, client: Client, message_id: int, manager_id: int,
                         command: str, args: str, found: list[CarRequest]) -> None:
        assert client.topic_id is not None
        choice = await choices.save(tx, client.topic_id, message_id, manager_id, command, args,
                                    self._clock.now())
        rows = tuple(
            (button(self._t(self._lang, "deal-button", id=r.id, car=r.car,
                            stage=self._t(self._lang, f"stage-{r.stage}")),
                    PickDeal(choice, r.id)),)
            for r in found
        )
        await self._outbox.to_group(tx, self._t(self._lang, "deal-which", command=command),
                                    client.topic_id, reply_to=message_id, buttons=rows)

    def _link(self, topic_id: int | None) -> str:
        """A link that opens the client's topic in the managers' group ('' without a topic)."""
        if not topic_id:
            return ""
        return topic_link(self._outbox.group_id, topic_id)

    async def _client_link(self, tx: Tx, client_id: int, home_topic: int | None) -> str:
        """A link to a client's topic that the manager group at hand opens: their topic there;
        where they have none there, their topic in the group of their latest business, else in
        any other; '' without any topic. `home_topic`: their topic in the home group, as read
        with them (a list's row)."""
        at_hand = self._outbox.department(self._outbox.group_id)
        topic = home_topic if at_hand is None else await topics.topic_in(tx, client_id, at_hand)
        if topic:
            return topic_link(self._outbox.group_id, topic)
        others = await topics.elsewhere(tx, client_id, at_hand)
        if not others:
            return ""
        client = await clients.get(tx, client_id)
        latest = self._outbox.department(
            self._outbox.group_of_record(client.group_chat if client else None))
        chat, other = next((pair for pair in others if pair[0] == latest), others[0])
        return topic_link(chat if chat is not None else self._outbox.groups.home, other)

    async def _answer(
        self, tx: Tx, topic_id: int | None, message_id: int, key: str, **args: object
    ) -> None:
        """Answer a manager's command where it was written."""
        await self._outbox.to_group(tx, self._t(self._lang, key, **args), topic_id,
                                    reply_to=message_id)

    async def _reply(self, deal: Deal, key: str, **args: object) -> None:
        await self._answer(deal.tx, deal.client.topic_id, deal.message_id, key, **args)

    async def _tell_topic(self, tx: Tx, client: Client, key: str, pin: bool = False,
                          **args: object) -> None:
        """A note in the client's topic, in the managers' language."""
        await self._outbox.to_topic(tx, client, self._t(self._lang, key, **args), pin=pin)

    # -- the client -----------------------------------------------------------------------

    async def _say(self, tx: Tx, client: Client, key: str, menu: bool = False, *,
                   buttons: Rows = (), automatic: Automatic | None = None, follow_on: bool = False,
                   **args: object) -> None:
        """A text to the client with its `buttons`, and a button back to the menu if `menu`;
        `automatic` names the kind of a message the bot sends on its own (WhatsApp sends those
        as templates outside its 24-hour window)."""
        text = self._t(client.language, key, **args)
        short = self._t.short(client.language, key, **args)  # for SMS, where the text has one
        rows = buttons + ((self._menu_row(client.language),) if menu else ())
        await self._outbox.to_client(tx, client, Reply(text, rows, short), automatic=automatic,
                                     follow_on=follow_on)

    def _menu_row(self, lang: str) -> tuple[Button, ...]:
        """The row with the button back to the client's menu."""
        return (button(self._t(lang, "button-menu"), Menu()),)

    def _menu(self, client: Client) -> tuple[tuple[Button, ...], ...]:
        """The client's main menu."""
        lang = client.language
        return (
            (button(self._t(lang, "menu-new"), NewRequest()),),
            (button(self._t(lang, "menu-status"), Status()),),
            (button(self._t(lang, "menu-manager"), WriteManager()),),
            (button(self._t(lang, "menu-feedback"), GiveFeedback()),),
        ) + (  # workshop hook: the booking entry, only when the workshop is on
            ((button(self._t(lang, "ws-menu-book"), Book()),),)
            if self._workshop_menu else ()
        ) + (
            (button(self._t(lang, "menu-about-data"), AboutData()),),  # privacy
        )
