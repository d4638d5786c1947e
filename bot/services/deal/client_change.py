"""A client changes their confirmed request ("Change my request", /change): pick the request
(if several are open) and the field, answer as in the intake (same validation), confirm. The
topic is told old → new and the pinned card is updated (DealChanges.apply)."""

from __future__ import annotations

from typing import Any

from bot.services.base import Deal, Desk, Kit
from bot.services.deal.changes import FIELDS, DealChanges, answers_of, columns
from bot.services.flows import Flow, Heard
from bot.services.intake.flow import IntakeFlow
from bot.services.validation import InvalidAnswer
from domain import Button, Client, Conversation, Inbound, Reply
from domain.presses import GUIDED, Cancel, ChangeRequest, Confirm, EditField, button
from storage import conversations, deals
from storage.db import Tx

FLOW = "change"


class ClientChange(Desk):
    def __init__(self, kit: Kit, intake: IntakeFlow, changes: DealChanges) -> None:
        super().__init__(kit)
        self._intake = intake
        self._changes = changes

    async def begin(self, tx: Tx, client: Client, request_id: int | None = None) -> None:
        """Which request (if several are open; only the client's own count), then which field."""
        found = await deals.open_for_client(tx, client.id)
        chosen = [r for r in found if r.id == request_id] or (
            found if len(found) == 1 else [])
        if not found:
            await self._say(tx, client, "change-none", menu=True)
        elif not chosen:
            rows = tuple((button(f"№{r.id} {r.car}", ChangeRequest(r.id)),) for r in found)
            await self._send(tx, client, "change-which-request", rows)
        else:
            data = {"request_id": chosen[0].id}
            await conversations.save(tx, Conversation(client.id, FLOW, "field", data),
                                     self._clock.now())
            await self._ask_field(tx, client)

    def flow(self) -> Flow:
        """Holds the client's next words (the field's new value) until confirmed."""
        return Flow(FLOW, self.answer, GUIDED, self.pressed, holds=True)

    async def pressed(self, tx: Tx, client: Client, conversation: Conversation,
                      inbound: Inbound) -> None:
        data = conversation.data
        press = inbound.press
        if isinstance(press, EditField) and press.field in FIELDS:
            await conversations.save(tx, Conversation(client.id, FLOW, press.field, data),
                                     self._clock.now())
            await self._send(tx, client, f"ask-{press.field}", self._cancel_row(client))
        elif isinstance(press, Confirm) and conversation.step == "confirm":
            await self._apply(tx, client, data)
        else:
            await self._ask_field(tx, client)

    async def answer(self, tx: Tx, client: Client, conversation: Conversation,
                     inbound: Inbound) -> Heard:
        """A typed answer to the field asked; not one: relayed as it is."""
        field = conversation.step
        if field not in FIELDS or inbound.text is None:
            return Heard.NOT_FOR_IT
        lang = client.language
        try:
            value = self._intake.parse(field, inbound.text)
        except InvalidAnswer as problem:
            text = self._t(lang, problem.key) + "\n\n" + self._t(lang, f"ask-{field}")
            await self._outbox.to_client(tx, client, Reply(text, self._cancel_row(client)))
            return Heard.TAKEN
        request = await deals.of_client(tx, client.id, int(conversation.data["request_id"]))
        if request is None:
            await conversations.clear(tx, client.id)
            return Heard.NOT_FOR_IT
        before = answers_of(request)
        after: dict[str, Any] = {**before, **columns(field, value)}
        data = {**conversation.data, "field": field, "value": value}
        await conversations.save(tx, Conversation(client.id, FLOW, "confirm", data),
                                 self._clock.now())
        text = self._t(lang, "change-confirm", field=self._t(lang, f"field-{field}"),
                       old=self._intake.value(lang, field, before),
                       new=self._intake.value(lang, field, after))
        rows = ((button(self._t(lang, "button-change-confirm"), Confirm()),),
                *self._cancel_row(client))
        await self._outbox.to_client(tx, client, Reply(text, rows))
        return Heard.TAKEN

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
        buttons = [button(self._t(lang, f"field-{f}"), EditField(f)) for f in FIELDS]
        rows = tuple(tuple(buttons[i:i + 2]) for i in range(0, len(buttons), 2))
        await self._send(tx, client, "change-which-field", rows + self._cancel_row(client))

    def _cancel_row(self, client: Client) -> tuple[tuple[Button, ...], ...]:
        return ((button(self._t(client.language, "button-cancel"), Cancel()),),)

    async def _send(self, tx: Tx, client: Client, key: str,
                    rows: tuple[tuple[Button, ...], ...]) -> None:
        await self._outbox.to_client(tx, client, Reply(self._t(client.language, key), rows))
