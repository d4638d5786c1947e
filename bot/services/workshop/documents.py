"""The work order and the bill as documents (issue 24): the firm's details, the order's number
and version, its times, the car, the lines, what the client approved and when, the warranty,
our recommendations; laid out by pdf.py.

Both are built from `Facts`, everything read about one order in one transaction, so that the
bill `/done` renders before its closing transaction can be compared with the order as it is
closed (bill.py). The work order goes to the client once they have decided every line: owed
work (`ORDER_PDF`, one per order version) that the tick renders off the loop and outside any
transaction (`prepare`), then queues (`send`)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.services.base import Kit
from bot.services.workshop import pdf
from bot.services.workshop.act import act_lines
from bot.services.workshop.base import WorkshopConfig, WorkshopDesk, hours_text, rub
from domain import Client, owed
from domain.cars import Car
from domain.documents import Warranty
from domain.money import Subject
from domain.owed import Owed
from domain.workshop import LineOrigin, LineStatus
from storage import (
    cars,
    clients,
    due,
    payments,
    workshop_acts,
    workshop_invites,
    workshop_orders,
    workshop_progress,
)
from storage.db import Tx
from storage.due import DueTask
from storage.workshop_acts import Act, Confirmation
from storage.workshop_orders import Line, Order

BATCH = 20  # work orders rendered in one tick at most
WORK = "work"  # the WORKSHOP_PROGRESS step that says the work began (a default key)


@dataclass(frozen=True)
class Consent:
    position: int
    decision: str
    price: int
    channel: str
    via: str
    at: datetime


@dataclass(frozen=True)
class Facts:
    """One order as its documents print it."""

    order: Order
    client: Client
    lines: tuple[Line, ...]
    consents: tuple[Consent, ...]
    car: Car | None
    car_words: str | None  # the car as the client named it, when none is on file
    odometer: int | None  # the newest reading (at booking, in chat, at handover)
    paid: int  # payments on the order (subject 'order')
    act: Act | None = None  # the reception act
    act_photos: int = 0
    act_confirmations: tuple[Confirmation, ...] = ()
    work_told: datetime | None = None  # when the client was told the work began (/progress work)

    @property
    def approved(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.status == LineStatus.APPROVED)

    @property
    def started_at(self) -> datetime | None:
        """When the work began: as told with `/progress work`, else when the client had decided
        every line of the order as first sent (the consent record's time; None while a line
        waits)."""
        if self.work_told is not None:
            return self.work_told
        first = {line.position for line in self.lines if line.origin == LineOrigin.ORDER}
        decided: set[int] = set()
        for consent in self.consents:
            decided.add(consent.position)
            if first and first <= decided:
                return consent.at
        return None


@dataclass(frozen=True)
class Printed:
    """A document's PDF, and the document it was rendered from."""

    document: pdf.Document
    content: bytes


class Documents(WorkshopDesk):
    def __init__(self, kit: Kit, config: WorkshopConfig) -> None:
        super().__init__(kit, config)
        self._ready: dict[int, Printed] = {}  # work orders rendered for their owed task (its id)

    async def facts(self, tx: Tx, order: Order, client: Client) -> Facts:
        lines = await workshop_orders.lines(tx, order.id)
        consents = tuple(Consent(*row) for row in await workshop_orders.consents(tx, order.id))
        car = await cars.latest(tx, client.id)
        words = None if car is not None else await self._known_car(tx, client.id)
        history = await workshop_invites.history(tx, client.id)
        odometer = history.readings[-1][1] if history.readings else car.odometer if car else None
        paid = await payments.paid(tx, Subject.ORDER, order.id)
        act = await workshop_acts.of_order(tx, order.id)
        photos = 0
        confirmed: tuple[Confirmation, ...] = ()
        if act is not None:
            photos = len(await workshop_acts.photos(tx, act.id))
            confirmed = tuple(await workshop_acts.confirmations(tx, act.id))
            odometer = act.odometer if act.odometer is not None else odometer
        work = next((step.at for step in await workshop_progress.steps(tx, order.id)
                     if step.step == WORK), None)
        return Facts(order, client, tuple(lines), consents, car, words, odometer, paid, act, photos,
                     confirmed, work)

    # -- the work order, once the client has decided every line -------------------------------

    async def owe_work_order(self, tx: Tx, client: Client, order: Order) -> None:
        """The work order as agreed goes to the client (once per version of the order)."""
        await due.owe(tx, Owed.ORDER_PDF, owed.order_pdf_key(order.id, order.version),
                      self._clock.now(), client.id, self._clock.now(), ref_id=order.id)

    async def prepare(self) -> None:
        """Render the work orders owed now, off the loop and outside any transaction, for
        `send` to queue (what changed meanwhile is rendered again there)."""
        async with self._db.read() as tx:
            tasks = await due.due(tx, self._clock.now(), BATCH, (Owed.ORDER_PDF,))
            found = []
            for task in tasks:
                order = await workshop_orders.order(tx, task.ref_id or 0)
                client = await clients.get(tx, task.client_id) if order else None
                if order is not None and client is not None and task.id not in self._ready:
                    found.append((task, self.work_order(client.language,
                                                        await self.facts(tx, order, client))))
        owed_now = {task.id for task in tasks}
        self._ready = {key: ready for key, ready in self._ready.items() if key in owed_now}
        for task, document in found:
            self._ready[task.id] = Printed(document, await asyncio.to_thread(pdf.render, document))

    async def send(self, tx: Tx, client: Client, task: DueTask) -> bool:
        """The owed work order's PDF to the client (performer of `ORDER_PDF`)."""
        ready = self._ready.pop(task.id, None)
        order = await workshop_orders.order(tx, task.ref_id or 0)
        if order is None:
            return False
        document = self.work_order(client.language, await self.facts(tx, order, client))
        if ready is None or ready.document != document:  # not prepared, or changed since
            ready = Printed(document, await asyncio.to_thread(pdf.render, document))
        await self._outbox.file_to_client(tx, client, ready.content, f"work-order-{order.id}.pdf",
                                          self._t(client.language, "ws-order-pdf-caption", id=order.id))
        return True

    def work_order(self, lang: str, facts: Facts) -> pdf.Document:
        order = facts.order
        details = [*self._times(lang, facts), *self._car(lang, facts)]
        if order.promised_at:
            details.append(self._t(lang, "ws-doc-promised", when=self._stamp_of(order.promised_at)))
        details.append(self._t(lang, "ws-doc-policy", policy=self._t(
            lang, f"ws-policy-{order.extra_policy}", limit=rub(order.extra_limit or 0))))
        columns = (*self._columns(lang), pdf.Column(self._t(lang, "ws-doc-col-decision"), 24))
        rows = tuple((*self._row(lang, line), self._t(lang, f"ws-doc-status-{line.status}"))
                     for line in facts.lines)
        totals = ((self._t(lang, "ws-doc-total-approved"),
                   rub(sum(line.price for line in facts.approved))),)
        return self._document(lang, facts, self._t(lang, "ws-doc-order-heading", id=order.id,
                                                   version=order.version),
                              details, columns, rows, totals, advice=False)

    def bill(self, lang: str, facts: Facts) -> pdf.Document:
        """The bill: the approved lines only, what was paid and what is due."""
        details = [*self._times(lang, facts), *self._car(lang, facts)]
        rows = tuple(self._row(lang, line) for line in facts.approved)
        total = sum(line.price for line in facts.approved)
        totals = [(self._t(lang, "ws-pdf-total"), rub(total))]
        if facts.paid:
            totals += [(self._t(lang, "ws-doc-paid"), rub(facts.paid)),
                       (self._t(lang, "ws-doc-due"), rub(max(total - facts.paid, 0)))]
        return self._document(lang, facts, self._t(lang, "ws-pdf-heading", id=facts.order.id),
                              details, self._columns(lang), rows, tuple(totals), advice=True)

    # -- the parts both documents share -------------------------------------------------------

    def _document(self, lang: str, facts: Facts, heading: str, details: list[str],
                  columns: tuple[pdf.Column, ...], rows: tuple[tuple[str, ...], ...],
                  totals: tuple[tuple[str, str], ...], *, advice: bool) -> pdf.Document:
        sections = []
        if facts.act is not None and facts.act.version:  # as the client was shown it
            sections.append((self._t(lang, "ws-doc-act"), self._act(lang, facts)))
        consent = self._consents(lang, facts)
        if consent:
            sections.append((self._t(lang, "ws-doc-consent"), tuple(consent)))
        if self._config.warranty is not None:
            sections.append((self._t(lang, "ws-doc-warranty-title"),
                             (self._warranty(lang, self._config.warranty),)))
        if advice and facts.order.advice:
            sections.append((self._t(lang, "ws-doc-advice"), (facts.order.advice,)))
        page = self._t(lang, "ws-doc-page", id=facts.order.id, page=pdf.PAGE, pages=pdf.PAGES)
        return pdf.Document(
            heading=heading, firm=self._firm(lang), details=tuple(details), columns=columns,
            rows=rows, totals=totals, sections=tuple(sections), page=page,
            created=facts.order.closed_at or facts.started_at or facts.order.opened_at,
        )

    def _firm(self, lang: str) -> tuple[str, ...]:
        firm = self._config.firm
        lines = [firm.legal_name]
        if firm.inn:
            lines.append(self._t(lang, "ws-doc-inn", inn=firm.inn))
        lines += [firm.address or self._config.address, firm.phone]
        return tuple(line for line in lines if line)

    def _times(self, lang: str, facts: Facts) -> list[str]:
        order = facts.order
        times = [self._t(lang, "ws-doc-client", name=facts.client.name or "—",
                         phone=facts.client.phone or "—")]
        if order.title:
            times.append(self._t(lang, "ws-doc-title", title=order.title))
        if order.mechanic:
            times.append(self._t(lang, "ws-doc-mechanic", mechanic=order.mechanic))
        times.append(self._t(lang, "ws-doc-accepted", when=self._stamp_of(order.opened_at)))
        if facts.started_at is not None:
            times.append(self._t(lang, "ws-doc-started", when=self._stamp_of(facts.started_at)))
        if order.closed_at is not None:
            times.append(self._t(lang, "ws-doc-finished", when=self._stamp_of(order.closed_at)))
        return times

    def _car(self, lang: str, facts: Facts) -> list[str]:
        odometer = []
        if facts.odometer is not None:
            odometer = [self._t(lang, "ws-doc-odometer",
                                km=f"{facts.odometer:,}".replace(",", "\u202f"))]
        car = facts.car
        if car is None:
            return [self._t(lang, "ws-doc-car-words", car=facts.car_words or "—"), *odometer]
        name = " ".join(str(part) for part in (car.make, car.model, car.year) if part)
        return [self._t(lang, "ws-doc-car", car=name or "—"),
                self._t(lang, "ws-doc-plate", plate=car.plate or "—"),
                self._t(lang, "ws-doc-vin", vin=car.vin or "—"), *odometer]

    def _columns(self, lang: str) -> tuple[pdf.Column, ...]:
        return (pdf.Column("№", 7, "CENTER"), pdf.Column(self._t(lang, "ws-doc-col-code"), 17),
                pdf.Column(self._t(lang, "ws-doc-col-work"), 60),
                pdf.Column(self._t(lang, "ws-doc-col-hours"), 13, "RIGHT"),
                pdf.Column(self._t(lang, "ws-doc-col-labour"), 22, "RIGHT"),
                pdf.Column(self._t(lang, "ws-doc-col-parts"), 22, "RIGHT"),
                pdf.Column(self._t(lang, "ws-doc-col-price"), 23, "RIGHT"))

    def _row(self, lang: str, line: Line) -> tuple[str, ...]:
        """№, code, title (marked when found during the work, with its own mechanic), norm
        hours, labour, parts (— for a price written as one number), the line's total."""
        title = line.title
        if line.origin == LineOrigin.EXTRA:
            title = self._t(lang, "ws-doc-extra", title=title)
        if line.mechanic:
            title = self._t(lang, "ws-doc-line-mechanic", title=title, mechanic=line.mechanic)
        hours = "—" if not line.norm_minutes else hours_text(timedelta(minutes=line.norm_minutes), lang)
        split = line.labour is not None and line.parts is not None
        return (str(line.position), line.code or "—", title, hours,
                rub(line.labour) if split and line.labour is not None else "—",
                rub(line.parts) if split and line.parts is not None else "—", rub(line.price))

    def _consents(self, lang: str, facts: Facts) -> list[str]:
        titles = {line.position: line.title for line in facts.lines}
        said = []
        for consent in facts.consents:
            how = self._t(lang, f"ws-doc-via-{consent.via}", channel=_channel(consent.channel))
            said.append(self._t(lang, f"ws-doc-consent-{consent.decision}", n=consent.position,
                                title=titles.get(consent.position, "—"), price=rub(consent.price),
                                when=self._stamp_of(consent.at), how=how))
        return said

    def _act(self, lang: str, facts: Facts) -> tuple[str, ...]:
        assert facts.act is not None
        lines = [f"{label}: {value}" for label, value in act_lines(self._t, lang, facts.act,
                                                                    facts.act_photos)]
        if not facts.act_confirmations:
            lines.append(self._t(lang, "ws-doc-act-unconfirmed"))
        for confirmed in facts.act_confirmations:
            lines.append(self._t(lang, "ws-doc-act-confirmed", when=self._stamp_of(confirmed.at),
                                 channel=_channel(confirmed.channel), version=confirmed.version))
        # What is printed is the act as it stands: say so when the client has not confirmed
        # that (a newer version sent, or a change not sent yet).
        act = facts.act
        if act.changed:
            lines.append(self._t(lang, "ws-doc-act-changed", version=act.version))
        elif facts.act_confirmations and all(c.version < act.version for c in facts.act_confirmations):
            lines.append(self._t(lang, "ws-doc-act-newest-unconfirmed", version=act.version))
        return tuple(lines)

    def _warranty(self, lang: str, warranty: Warranty) -> str:
        terms = []
        if warranty.period is not None:
            count, unit = warranty.period
            terms.append(self._t(lang, f"ws-doc-warranty-{unit}", n=count))
        if warranty.km is not None:
            terms.append(self._t(lang, "ws-doc-warranty-km",
                                 km=f"{warranty.km:,}".replace(",", "\u202f")))
        return self._t(lang, "ws-doc-warranty", terms=self._t(lang, "ws-doc-warranty-or").join(terms),
                       both="yes" if len(terms) > 1 else "no")

    def _stamp_of(self, moment: datetime) -> str:
        return f"{self._local(moment):%d.%m.%Y %H:%M}"


def _channel(channel: str) -> str:
    return {"telegram": "Telegram", "whatsapp": "WhatsApp", "sms": "SMS"}.get(channel, channel)
