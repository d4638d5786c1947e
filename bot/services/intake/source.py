"""How the client heard of us (issue 23): the intake's last, optional question, its answers from
LEAD_SOURCES as buttons (numbered options in WhatsApp) with Skip; asked once per client (a
returning client's earlier answer is kept for the new request); set by managers with
`/set #N source …`; counted by `/stats` (requests, deals, conversion, NPS per source)."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from bot.services.base import Deal, Desk, Kit
from bot.services.flows import Flow, Heard
from domain import Client, Conversation, Inbound
from domain.presses import PickSource, button
from storage import conversations, sources
from storage.db import Tx

FLOW = "lead_source"
WORDS = ("source", "источник")  # /set #N source Авито
ASKED_FOR = timedelta(days=1)  # a message later than this goes to the manager as it is


class LeadSources(Desk):
    def __init__(self, kit: Kit, names: tuple[str, ...]) -> None:
        super().__init__(kit)
        self._names = names

    def flow(self) -> Flow:
        """A one-day wait for the answer; it holds nothing (a survey need not wait for it)."""
        return Flow(FLOW, self.typed, frozenset({PickSource}), self.pressed, lapses_after=ASKED_FOR)

    async def ask(self, tx: Tx, client: Client, request_id: int) -> None:
        """After the intake: a new client is asked; a returning one keeps their first answer."""
        if not self._names:
            return
        if await sources.asked_before(tx, client.id, request_id):
            await sources.set_source(tx, request_id, await sources.earlier(tx, client.id, request_id))
            return
        lang = client.language
        rows = tuple((button(name, PickSource(request_id, index)),)
                     for index, name in enumerate(self._names))
        rows += ((button(self._t(lang, "button-skip"), PickSource(request_id)),),)
        await conversations.save(tx, Conversation(client.id, FLOW, "ask", {"request": request_id}),
                                 self._clock.now())
        await self._say(tx, client, "source-ask", buttons=rows)

    async def typed(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> Heard:
        """A source typed by its name is taken; any other words end the question and go to the
        manager as they are."""
        text = " ".join((inbound.text or "").split()).casefold()
        index = next((i for i, name in enumerate(self._names) if name.casefold() == text), None)
        await conversations.clear(tx, client.id)
        if index is None:
            return Heard.NOT_FOR_IT
        await self._take(tx, client, int(conversation.data.get("request") or 0), index)
        return Heard.TAKEN

    async def pressed(self, tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> bool:
        press = inbound.press
        if not isinstance(press, PickSource) or press.request != conversation.data.get("request"):
            return False
        await conversations.clear(tx, client.id)
        if press.index is None:
            await self._say(tx, client, "source-skipped")
            return True
        if press.index >= len(self._names):
            return False
        await self._take(tx, client, press.request, press.index)
        return True

    async def _take(self, tx: Tx, client: Client, request_id: int, index: int) -> None:
        name = self._names[index]
        await sources.set_source(tx, request_id, name)
        await self._say(tx, client, "source-thanks")
        await self._tell_topic(tx, client, "source-topic", id=request_id, source=escape(name))

    # -- /set #N source … ---------------------------------------------------------------------

    async def set_by_manager(self, deal: Deal, text: str) -> bool:
        """One of LEAD_SOURCES (any case); without the list, the manager's words (40 at most).
        True when it was set (the caller refreshes the card)."""
        typed = " ".join(text.split())
        name = next((n for n in self._names if n.casefold() == typed.casefold()), None)
        if name is None and not self._names and 0 < len(typed) <= 40:
            name = typed
        if name is None:
            await self._reply(deal, "source-unknown", typed=escape(typed[:40] or "—"),
                              names=escape("; ".join(self._names) or "—"))
            return False
        old = await sources.source_of(deal.tx, deal.request.id)
        await sources.set_source(deal.tx, deal.request.id, name)
        await self._reply(deal, "source-set", id=deal.request.id, old=escape(old or "—"),
                          new=escape(name))
        return True

    # -- /stats ---------------------------------------------------------------------------------

    async def figures(self, start: datetime, end: datetime) -> str | None:
        """The period's figures by source, or None when no request names one."""
        async with self._db.snapshot() as tx:
            found = await sources.figures(tx, start, end)
        if not any(f.source for f in found):
            return None
        lang, lines = self._lang, []
        for f in found:
            name = escape(f.source) if f.source else self._t(lang, "source-none")
            line = self._t(lang, "source-line", source=name, requests=f.requests, deals=f.deals)
            if f.requests:
                line += " " + self._t(lang, "source-conversion", share=round(100 * f.deals / f.requests))
            line += ", " + (self._t(lang, "source-nps", answered=f.answered,
                                    nps=f"{round(100 * (f.promoters - f.detractors) / f.answered):+d}")
                            if f.answered else self._t(lang, "source-nps-none"))
            lines.append(line)
        return self._t(lang, "source-stats", lines="\n".join(lines))
