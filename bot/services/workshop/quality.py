"""The quality check before release (issue 24; seed 003's check of the car and of the work done
against the order): a checklist per work order made from QC_CHECKS, shown in the topic with a
button per item (`/qc`, and when the car reaches the check step of `/progress`), ticked by
whoever did it (each tick and untick recorded with who and when, append-only). `/done` is
refused while an item is open unless a reason is given (`/done причина …`, or `/qc skip …`
beforehand, the shape of the legal check's waiver in bot/services/deal/legal.py); the reason is
kept with who gave it and what was open, and the figures count such releases."""

from __future__ import annotations

from html import escape

from bot.i18n import Translator
from bot.services.validation import InvalidAnswer, clean_text
from bot.services.workshop.base import WorkshopDesk
from domain import Client
from domain.numbers import read_id
from domain.presses import TickQuality, button
from domain.refusal import Refusal
from domain.workshop import OrderStatus
from storage import managers, workshop_orders, workshop_quality
from storage.db import Tx
from storage.workshop_orders import Order
from storage.workshop_quality import QualityItem

# The default items (QC_CHECKS' default): named in the reader's language (ws-qc-item-<code>).
QC_CODES = ("road_test", "lines_done", "fluids", "wheel_torque", "interior", "old_parts")
WAIVE = ("причина", "reason", "skip", "пропустить")  # /done причина …, /qc skip …
EVERY = ("все", "всё", "all")  # /qc все: every open item ticked by the one who says so
UNTICK = ("-", "off", "снять", "нет")  # /qc 3 - : not checked after all
REASON_LIMIT = 500


def item_name(t: Translator, lang: str, item: str) -> str:
    """An item as the reader sees it: a default code in their language, else the firm's words."""
    return t(lang, f"ws-qc-item-{item}") if item in QC_CODES else escape(item)


def read_release(args: str) -> tuple[str | None, str]:
    """What follows `/done`: `причина <why>` on its first line (the rest is the advice) gives
    (why, advice), why '' when none is written; anything else is the advice alone (None, args)."""
    first, _, rest = args.strip().partition("\n")
    word, _, why = first.strip().partition(" ")
    if word.casefold().rstrip(":") in WAIVE:
        return " ".join(why.split()), rest.strip()
    return None, args


class QualityCheck(WorkshopDesk):
    # -- managers ------------------------------------------------------------------------------

    async def command(self, tx: Tx, client: Client, manager_id: int, message_id: int,
                      args: str) -> None:
        """`/qc` shows the check; `/qc 2 5` ticks items, `/qc 3 -` takes a tick back, `/qc все`
        ticks every open item, `/qc skip причина` lets `/done` release with items open."""
        order = await self._open_order(tx, client)
        found = await self._begin(tx, order)
        words = args.split()
        if words and words[0].casefold().rstrip(":") in WAIVE:
            await self._waive(tx, client, order, manager_id, message_id, " ".join(words[1:]))
            return
        if len(words) == 1 and words[0].casefold() in EVERY:
            for item in found:
                if not item.checked:
                    await workshop_quality.tick(tx, order.id, item.position, True, manager_id,
                                                self._clock.now())
        elif words:
            checked = not (len(words) > 1 and words[-1].casefold() in UNTICK)
            positions = [read_id(word) for word in (words if checked else words[:-1])]
            if any(p is None or not 1 <= p <= len(found) for p in positions):
                raise Refusal("ws-qc-usage", count=len(found))
            for position in dict.fromkeys(positions):  # each once, in the order written
                assert position is not None
                if found[position - 1].checked != checked:
                    await workshop_quality.tick(tx, order.id, position, checked, manager_id,
                                                self._clock.now())
        await self.show(tx, client, order, message_id)

    async def pressed(self, topic_id: int | None, message_id: int, manager_id: int,
                      press: TickQuality | None, name: str = "", username: str | None = None) -> None:
        """A button of the checklist: the item ticked (or taken back) by the manager who pressed,
        and the checklist shown anew. A press on another client's order, a closed order or an
        item the check does not have is answered as out of date, and records nothing."""
        async with self._db.transaction() as tx:
            client = await self._outbox.topic_client(tx, topic_id) if topic_id and press else None
            order = await workshop_orders.order(tx, press.order) if client and press else None
            if (client is None or press is None or order is None or order.client_id != client.id
                    or order.status == OrderStatus.DONE):
                await self._answer(tx, topic_id, message_id, "ws-qc-press-stale")
                return
            found = await workshop_quality.items(tx, order.id)
            item = next((i for i in found if i.position == press.position), None)
            if item is None:
                await self._answer(tx, topic_id, message_id, "ws-qc-press-stale")
                return
            now = self._clock.now()
            if name:  # a manager who only pressed buttons is named too (the bill says who checked)
                await managers.remember(tx, manager_id, name, username, now)
            if item.checked == press.on:  # pressed twice, or by two people at once: no new record
                await self._answer(tx, topic_id, message_id,
                                   "ws-qc-already-on" if item.checked else "ws-qc-already-off",
                                   item=self._line(item, self._lang))
                return
            await workshop_quality.tick(tx, order.id, item.position, press.on, manager_id, now)
            await self.show(tx, client, order, message_id)

    async def show(self, tx: Tx, client: Client, order: Order, reply_to: int | None = None) -> None:
        """The checklist in the topic: a line per item (✅ with who and when, ⬜), a button each."""
        found = await self._begin(tx, order)
        lang, lines, rows = self._lang, [], []
        for item in found:
            lines.append(self._line(item, lang))
            mark = "✅" if item.checked else "⬜"
            label = f"{mark} {item.position}. {item_name(self._t, lang, item.item)}"
            rows.append((button(label[:60], TickQuality(order.id, item.position, on=not item.checked)),))
        done = sum(item.checked for item in found)
        text = self._t(lang, "ws-qc-list", id=order.id, done=done, total=len(found),
                       lines="\n".join(lines))
        await self._outbox.to_group(tx, text, client.topic_id, reply_to=reply_to, buttons=tuple(rows))

    # -- what `/done` asks of it -----------------------------------------------------------------

    async def ready(self, topic_id: int | None, reason: str | None) -> bool:
        """Whether `/done` may close the topic's order now (read only: the bill's PDF is rendered
        only then): its check is complete, there is none, or a reason is given or recorded."""
        if reason:
            return True
        async with self._db.read() as tx:
            client = await self._outbox.topic_client(tx, topic_id) if topic_id else None
            order = await workshop_orders.current_order(tx, client.id) if client else None
            if order is None:
                return True  # `/done` says there is nothing to close
            return not await self._open(tx, order) or bool(await workshop_quality.waivers(tx, order.id))

    async def release(self, tx: Tx, client: Client, manager_id: int, reason: str | None) -> None:
        """Before `/done` closes the client's order, in its transaction: a `Refusal` naming the
        open items unless none is open, a reason was recorded (`/qc skip`) or is given now."""
        order = await workshop_orders.current_order(tx, client.id)
        if order is None or order.status != OrderStatus.SENT:
            return  # the bill refuses, saying why
        if not await workshop_quality.begin(tx, order.id, self._config.qc_items):
            return  # no check (QC_CHECKS empty when it would have begun)
        open_items = await self._open(tx, order)
        if not open_items or await workshop_quality.waivers(tx, order.id):
            return
        names = self._names(open_items)
        if reason is None:
            raise Refusal("ws-qc-open", id=order.id, count=len(open_items), items=names)
        if not reason:
            raise Refusal("ws-qc-needs-reason")
        await self._record(tx, client, order, manager_id, open_items, reason)

    # -- the parts ---------------------------------------------------------------------------------

    async def _open_order(self, tx: Tx, client: Client) -> Order:
        order = await workshop_orders.current_order(tx, client.id)
        if order is None:
            raise Refusal("ws-qc-no-order")
        return order

    async def _begin(self, tx: Tx, order: Order) -> list[QualityItem]:
        found = await workshop_quality.begin(tx, order.id, self._config.qc_items)
        if not found:
            raise Refusal("ws-qc-none")
        return found

    async def _open(self, tx: Tx, order: Order) -> list[QualityItem]:
        """The items not ticked: of the order's check, or of QC_CHECKS if it has not begun."""
        found = await workshop_quality.items(tx, order.id)
        if not found:
            return [QualityItem(order.id, n, item, None, None, None)
                    for n, item in enumerate(self._config.qc_items, 1)]
        return [item for item in found if not item.checked]

    async def _waive(self, tx: Tx, client: Client, order: Order, manager_id: int, message_id: int,
                     reason: str) -> None:
        open_items = await self._open(tx, order)
        if not open_items:
            raise Refusal("ws-qc-nothing-to-skip")
        if not reason.strip():
            raise Refusal("ws-qc-needs-reason")
        await self._record(tx, client, order, manager_id, open_items, reason)

    async def _record(self, tx: Tx, client: Client, order: Order, manager_id: int,
                      open_items: list[QualityItem], reason: str) -> None:
        try:
            why = clean_text(reason, REASON_LIMIT)
        except InvalidAnswer as error:
            raise Refusal("ws-qc-reason-too-long", limit=REASON_LIMIT) from error
        names = self._names(open_items)
        await workshop_quality.waive(tx, order.id, manager_id, names, why, self._clock.now())
        await self._tell_topic(tx, client, "ws-qc-waived", id=order.id, items=names, reason=escape(why))

    def _names(self, found: list[QualityItem]) -> str:
        return ", ".join(item_name(self._t, self._lang, item.item) for item in found)

    def _line(self, item: QualityItem, lang: str) -> str:
        name = item_name(self._t, lang, item.item)
        if item.checked_at is None:
            return f"⬜ {item.position}. {name}"
        who = escape(item.checked_by_name or str(item.checked_by))
        return self._t(lang, "ws-qc-line-checked", position=item.position, item=name, who=who,
                       when=self._when(lang, item.checked_at))
