"""A client changes their confirmed request ("Change my request", /change): pick the request
(if several are open) and the field, answer as in the intake (same validation), confirm. The
topic is told old → new and the pinned card is updated (DealChanges.apply)."""

from __future__ import annotations

from typing import Any

from bot.services.base import Deal, Desk, Kit
from bot.services.deal.changes import FIELDS, DealChanges, answers_of, columns
from bot.services.intake.flow import IntakeFlow
from bot.services.validation import InvalidAnswer
from domain import Action, Button, Client, Conversation, Inbound, Reply
from storage import conversations, deals
from storage.db import Tx

FLOW = "change"


class ClientChange(Desk):
    def __init__(self, kit: Kit, intake: IntakeFlow, changes: DealChanges) -> None:
        super().__init__(kit)
        self._intake = intake
        self._changes = changes

    async def begin(self, tx: Tx, client: Client, arg: str = "") -> None:
        """Which request (if several are open), then which field."""
        found = await deals.open_for_client(tx, client.id)
        chosen = [r for r in found if arg.isdigit() and r.id == int(arg)] or (
            found if len(found) == 1 else [])
        if not found:
            await self._say(tx, client, "change-none", menu=True)
        elif not chosen:
            rows = tuple((Button(f"№{r.id} {r.car}", Action.CHANGE, str(r.id)),) for r in found)
            await self._send(tx, client, "change-which-request", rows)
        else:
            data = {"request_id": chosen[0].id}
            await conversations.save(tx, Conversation(client.id, FLOW, "field", data),
                                     self._clock.now())
            await self._ask_field(tx, client)

    async def pressed(self, tx: Tx, client: Client, conversation: Conversation,
                      inbound: Inbound) -> None:
        data = conversation.data
        if inbound.action is Action.EDIT_FIELD and inbound.arg in FIELDS:
            await conversations.save(tx, Conversation(client.id, FLOW, inbound.arg, data),
                                     self._clock.now())
            await self._send(tx, client, f"ask-{inbound.arg}", self._cancel_row(client))
        elif inbound.action is Action.CONFIRM and conversation.step == "confirm":
            await self._apply(tx, client, data)
        else:
            await self._ask_field(tx, client)

    async def answer(self, tx: Tx, client: Client, conversation: Conversation,
                     inbound: Inbound) -> bool:
        """A typed answer to the field asked; False if this is not one (relay it)."""
        field = conversation.step
        if field not in FIELDS or inbound.text is None:
            return False
        lang = client.language
        try:
            value = self._intake.parse(field, inbound.text)
        except InvalidAnswer as problem:
            text = self._t(lang, problem.key) + "\n\n" + self._t(lang, f"ask-{field}")
            await self._outbox.to_client(tx, client, Reply(text, self._cancel_row(client)))
            return True
        request = await deals.of_client(tx, client.id, int(conversation.data["request_id"]))
        if request is None:
            await conversations.clear(tx, client.id)
            return False
        before = answers_of(request)
        after: dict[str, Any] = {**before, **columns(field, value)}
        data = {**conversation.data, "field": field, "value": value}
        await conversations.save(tx, Conversation(client.id, FLOW, "confirm", data),
                                 self._clock.now())
        text = self._t(lang, "change-confirm", field=self._t(lang, f"field-{field}"),
                       old=self._intake.value(lang, field, before),
                       new=self._intake.value(lang, field, after))
        rows = ((Button(self._t(lang, "button-change-confirm"), Action.CONFIRM),),
                *self._cancel_row(client))
        await self._outbox.to_client(tx, client, Reply(text, rows))
        return True

    async def _apply(self, tx: Tx, client: Client, data: dict[str, Any]) -> None:
        await conversations.clear(tx, client.id)
        request = await deals.of_client(tx, client.id, int(data["request_id"]))
        if request is None:
            await self._say(tx, client, "button-expired", menu=True)
            return
        field, value = data["field"], data["value"]
        await self._changes.apply(Deal(tx, client, request, 0), field,
                                  tuple(value) if field == "years" else value)
        await self._say(tx, client, "change-done", menu=True, id=request.id)

    async def _ask_field(self, tx: Tx, client: Client) -> None:
        lang = client.language
        buttons = [Button(self._t(lang, f"field-{f}"), Action.EDIT_FIELD, f) for f in FIELDS]
        rows = tuple(tuple(buttons[i:i + 2]) for i in range(0, len(buttons), 2))
        await self._send(tx, client, "change-which-field", rows + self._cancel_row(client))

    def _cancel_row(self, client: Client) -> tuple[tuple[Button, ...], ...]:
        return ((Button(self._t(client.language, "button-cancel"), Action.CANCEL),),)

    async def _send(self, tx: Tx, client: Client, key: str,
                    rows: tuple[tuple[Button, ...], ...]) -> None:
        await self._outbox.to_client(tx, client, Reply(self._t(client.language, key), rows))
