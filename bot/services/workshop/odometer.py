"""The odometer, asked in chat when the last reading is old: the kilometres estimate that
invitations use stays honest. Once per last reading; never over another conversation."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.services.flows import Flow, Heard
from bot.services.workshop.base import WorkshopDesk
from domain import Automatic, Client, Conversation, Inbound
from domain.numbers import is_number, looks_numeric
from domain.presses import SkipOdometer
from storage import clients, conversations, due, workshop_invites
from storage.db import Tx
from storage.workshop_invites import ServiceHistory

FLOW = "ws_km"
STALE = timedelta(days=60)
MAX_KM = 2_000_000
_NOISE = re.compile(r"[\s.,_]|км|km", re.IGNORECASE)


def read_km(text: str) -> int | None:
    """'68 200 км' → 68200; None unless ASCII digits ('68²' is not a reading) within MAX_KM."""
    km = _NOISE.sub("", text)
    if not is_number(km) or len(km) > len(str(MAX_KM)) or int(km) > MAX_KM:
        return None
    return int(km)


def meant_km(text: str) -> bool:
    """Digits of some kind and nothing else ('68²', '٦٨٢٠٠', a number too big): a reading the
    client meant, not words about something else."""
    return looks_numeric(_NOISE.sub("", text)) or is_number(_NOISE.sub("", text))


class OdometerAsk(WorkshopDesk):
    async def maybe_ask(self, tx: Tx, history: ServiceHistory) -> bool:
        """Ask for the current reading if the last one is older than 60 days."""
        now = self._clock.now()
        if not history.readings or now - history.readings[-1][0] < STALE:
            return False
        if await conversations.get(tx, history.client_id) is not None:
            return False  # the client is in the middle of something: ask another day
        last = history.readings[-1][0]
        if not await due.first_alert(tx, f"ws-km-ask:{history.client_id}:{last.date()}", now):
            return False
        client = await clients.get(tx, history.client_id)
        assert client is not None
        await conversations.save(tx, Conversation(client.id, FLOW, "km", {}), now)
        skip = (self._button(client.language, "button-skip", SkipOdometer()),)
        await self._say(tx, client, "ws-ask-km", buttons=(skip,), automatic=Automatic.LONG_FOLLOWUP,
                        km=f"{history.readings[-1][1]:,}".replace(",", "\u202f"))
        return True

    def flow(self) -> Flow:
        """The reading; anything else ends the wait and reaches the topic as it is."""
        return Flow(FLOW, self.message)

    async def message(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> Heard:
        km = read_km(inbound.text or "")
        if km is None and meant_km(inbound.text or ""):
            skip = (self._button(client.language, "button-skip", SkipOdometer()),)
            await self._say(tx, client, "ws-bad-odometer", buttons=(skip,))
            return Heard.TAKEN  # a number we cannot take: asked again, the question stays
        if km is None:
            await conversations.clear(tx, client.id)
            return Heard.ALSO_RELAYED  # not a number: the client wrote about something else
        await workshop_invites.add_reading(tx, client.id, km, self._clock.now())
        await conversations.clear(tx, client.id)
        await self._say(tx, client, "ws-km-thanks", menu=True)
        return Heard.TAKEN

    async def skipped(self, tx: Tx, client: Client, press: SkipOdometer) -> None:
        conversation = await conversations.get(tx, client.id)
        if conversation is not None and conversation.flow == FLOW:
            await conversations.clear(tx, client.id)
        await self._say(tx, client, "ws-km-skipped", menu=True)
