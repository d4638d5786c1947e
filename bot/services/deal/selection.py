"""A deal command written without a request number while the client has several open: the
manager pressed the button of the request it is meant for, and the command is carried out on it.

The commands are given by name (the composition root lists them), each taking the topic, the
command's message, the manager and its arguments, as the handlers call them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from bot.services.base import Desk, Kit
from domain.presses import PickDeal
from storage import choices

Command = Callable[[int | None, int, int, str], Awaitable[None]]


class DealChoices(Desk):
    def __init__(self, kit: Kit, commands: Mapping[str, Command]) -> None:
        super().__init__(kit)
        self._commands = commands

    async def pressed(self, topic_id: int | None, manager_id: int, press: PickDeal | None) -> None:
        """The button names the waiting command and the request (None: not a button of ours)."""
        if press is None:
            return
        request_id = press.request
        async with self._db.read() as tx:
            choice = await choices.get(tx, press.choice)
        if choice is None or choice.topic_id != topic_id or choice.command not in self._commands:
            async with self._db.transaction() as tx:
                await self._outbox.to_group(tx, self._t(self._lang, "deal-choice-done"), topic_id)
            return
        # The command runs in its own transaction; marked done after, so a crash between the
        # two leaves the buttons working rather than the command lost.
        await self._commands[choice.command](
            choice.topic_id, choice.message_id, manager_id, f"#{request_id} {choice.args}"
        )
        async with self._db.transaction() as tx:
            await choices.done(tx, choice.id, self._clock.now())
