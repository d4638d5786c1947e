"""The workshop's one front door: the client's presses and messages, managers' commands, the tick.

Managers' commands each run in their own transaction; a mistake they can make is answered in
the topic with what to write instead.
"""

from __future__ import annotations

from datetime import datetime

from bot.services.base import Kit
from bot.services.flows import Flow, OnPress
from bot.services.followups.owed import DueKind, OwedWork
from bot.services.workshop.act import Acts
from bot.services.workshop.base import WorkshopConfig, WorkshopDesk
from bot.services.workshop.bill import Bills, Printed, Reprint
from bot.services.workshop.booking import BookingFlow
from bot.services.workshop.check import Checks
from bot.services.workshop.documents import Documents
from bot.services.workshop.figures import WorkshopFigures
from bot.services.workshop.invitations import Invitations
from bot.services.workshop.mechanics import Mechanics
from bot.services.workshop.odometer import OdometerAsk
from bot.services.workshop.orders import Orders
from bot.services.workshop.payment import OrderPayments
from bot.services.workshop.progress import CarProgress
from bot.services.workshop.promise import Promises
from bot.services.workshop.quality import QualityCheck, read_release
from bot.services.workshop.reception import Reception, phone_first
from bot.services.workshop.visits import Visits
from domain import Client, Media, Press, owed
from domain.owed import Owed
from domain.presses import (
    ApproveAll,
    ApproveLine,
    Book,
    CancelVisit,
    CheckAnswer,
    CheckReviewDone,
    ConfirmAct,
    ConfirmVisit,
    DeclineLine,
    LineLater,
    LineReason,
    MoveVisit,
    NoReminders,
    RescheduleVisit,
    SkipOdometer,
    TakeInvitation,
)
from domain.refusal import Refusal
from storage import due
from storage.db import Tx

REPRINTS = 3  # renderings of a bill whose order keeps changing meanwhile, before giving up


class Workshop(WorkshopDesk):
    def __init__(self, kit: Kit, config: WorkshopConfig, owed_work: OwedWork) -> None:
        super().__init__(kit, config)
        self._owed_work = owed_work
        self.visits = Visits(kit, config)
        self.booking = BookingFlow(kit, config, self.visits)
        self.reception = Reception(kit, config, self.visits)
        self.acts = Acts(kit, config)
        self.documents = Documents(kit, config)
        self.payments = OrderPayments(kit, config)
        self.orders = Orders(kit, config, self.documents)
        self.promises = Promises(kit, config)
        self.bills = Bills(kit, config, self.documents)
        self.checks = Checks(kit, config)
        self.odometer = OdometerAsk(kit, config)
        self.invitations = Invitations(kit, config, self.visits, self.odometer)
        self.figures = WorkshopFigures(kit, config)
        self.quality = QualityCheck(kit, config)
        self.car_progress = CarProgress(kit, config, self.promises, self.quality)
        self.mechanics = Mechanics(kit, config)

    # -- the client (called by ClientDesk inside its transaction) ----------------------------

    def flows(self) -> tuple[Flow, ...]:
        """Booking a visit, the comment after the check, the odometer asked."""
        return self.booking.flow(), self.checks.flow(), self.odometer.flow()

    def buttons(self) -> dict[type[Press], OnPress]:
        """What each kind of the workshop's presses does wherever the client is (the booking's
        own buttons answer inside its flow: `BookingFlow.answer`)."""
        return {
            Book: lambda tx, client, _: self.booking.begin(tx, client),
            ConfirmVisit: self.visits.confirm, RescheduleVisit: self.visits.reschedule,
            CancelVisit: self.visits.cancel, MoveVisit: self.visits.move,
            ApproveLine: self.orders.approve, DeclineLine: self.orders.decline,
            LineReason: self.orders.reason, LineLater: self.orders.later,
            ApproveAll: self.orders.approve_all, ConfirmAct: self.acts.confirm,
            CheckAnswer: self.checks.answered, CheckReviewDone: self.checks.review_done,
            SkipOdometer: self.odometer.skipped,
            TakeInvitation: self.invitations.take, NoReminders: self.invitations.no_reminders,
        }

    async def begin_booking(self, tx: Tx, client: Client) -> None:
        await self.booking.begin(tx, client)

    # -- managers, in a client's topic (a `Refusal` is answered there, nothing kept) -------------

    async def book(self, topic_id: int | None, message_id: int, args: str) -> None:
        """In a client's topic, for that client; with a phone written first, anywhere, for the
        client with that phone (one known only by it is reached by SMS)."""
        phone, rest = phone_first(args)
        if phone is None:
            async def book(tx: Tx, client: Client) -> None:
                await self.reception.book(tx, client, args)
            await self._on_client(topic_id, message_id, book)
            return

        async def book_by_phone(tx: Tx) -> None:
            client = await self.reception.phone_client(tx, phone)
            await self.reception.book(tx, client, rest)
            if topic_id is None or client.topic_id != topic_id:  # said where it was asked, too
                await self._answer(tx, topic_id, message_id, "ws-book-by-phone",
                                   phone=client.phone or phone)
        await self._command(topic_id, message_id, book_by_phone)

    async def arrived(self, topic_id: int | None, message_id: int) -> None:
        async def arrived(tx: Tx, client: Client) -> None:
            order = await self.orders.arrived(tx, client)
            await self.acts.ask(tx, client, order)  # the reception act, asked in the topic
        await self._on_client(topic_id, message_id, arrived)

    async def act(self, topic_id: int | None, message_id: int, args: str, media: Media | None) -> None:
        """The reception act: shown, filled in, a photo kept, sent to the client (act.py)."""
        async def act(tx: Tx, client: Client) -> None:
            await self.acts.act(tx, client, args, message_id, media)
        await self._on_client(topic_id, message_id, act)

    async def order(self, topic_id: int | None, message_id: int, args: str) -> None:
        async def send_order(tx: Tx, client: Client) -> None:
            order = await self.orders.order(tx, client, args)
            await self.promises.owe_warnings(tx, order)
        await self._on_client(topic_id, message_id, send_order)

    async def extra(self, topic_id: int | None, message_id: int, args: str, media: Media | None) -> None:
        async def extra(tx: Tx, client: Client) -> None:
            await self.orders.extra(tx, client, args, message_id, media)
        await self._on_client(topic_id, message_id, extra)

    async def ready(self, topic_id: int | None, message_id: int, args: str) -> None:
        async def ready(tx: Tx, client: Client) -> None:
            await self.promises.ready(tx, client, args)
        await self._on_client(topic_id, message_id, ready)

    async def done(self, topic_id: int | None, message_id: int, args: str,
                   manager_id: int = 0) -> None:
        """The bill's PDF is rendered first (off the loop, outside any transaction), then the
        order closed with the bill and the PDF queued in one transaction (see bill.py). With
        the quality check's items open, only with a reason (`/done причина …`, quality.py)."""
        now = self._clock.now()
        reason, advice = read_release(args)
        for _ in range(REPRINTS):
            ready = await self.quality.ready(topic_id, reason)  # else no PDF: `_close` refuses
            printed = await self.bills.print_bill(topic_id, advice, now) if ready else None
            try:
                await self._close(topic_id, message_id, advice, now, printed, manager_id, reason)
                return
            except Reprint:
                continue  # the client changed a line while the PDF was rendered

        async def changed(tx: Tx) -> None:
            raise Refusal("ws-done-changed")
        await self._command(topic_id, message_id, changed)

    async def _close(self, topic_id: int | None, message_id: int, args: str, now: datetime,
                     printed: Printed | None, manager_id: int = 0, reason: str | None = None) -> None:
        async def close(tx: Tx, client: Client) -> None:
            await self.quality.release(tx, client, manager_id, reason)  # a `Refusal` if open
            order = await self.bills.done(tx, client, args, now, printed)
            assert order.closed_at is not None
            await due.owe(tx, Owed.CHECK, owed.check_key(order.id),
                          order.closed_at + self._config.service_check_delay, client.id,
                          self._clock.now(), ref_id=order.id)
        await self._on_client(topic_id, message_id, close)

    async def paid(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        """A payment on the client's work order (payment.py; a deal's /paid is the money desk's)."""
        async def paid(tx: Tx, client: Client) -> None:
            await self.payments.paid(tx, client, manager_id, args)
        await self._on_client(topic_id, message_id, paid)

    async def qc(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        """The quality check of the topic's order: shown, ticked, or waived (quality.py)."""
        async def qc(tx: Tx, client: Client) -> None:
            await self.quality.command(tx, client, manager_id, message_id, args)
        await self._on_client(topic_id, message_id, qc)

    async def progress(self, topic_id: int | None, message_id: int, manager_id: int,
                       args: str) -> None:
        """Where the car is, told to the client (progress.py)."""
        async def progress(tx: Tx, client: Client) -> None:
            await self.car_progress.progress(tx, client, manager_id, args)
        await self._on_client(topic_id, message_id, progress)

    async def status(self, tx: Tx, client: Client) -> str | None:
        """The car in the workshop, for the client's /status (None: no order open)."""
        return await self.car_progress.status(tx, client)

    async def mech(self, topic_id: int | None, message_id: int, args: str) -> None:
        """The mechanic of the topic's order in work, or of one of its lines (mechanics.py)."""
        async def mech(tx: Tx, client: Client) -> None:
            await self.mechanics.assign(tx, client, args)
        await self._on_client(topic_id, message_id, mech)

    async def slots(self, topic_id: int | None, message_id: int, args: str) -> None:
        async def show_load(tx: Tx) -> None:
            text = await self.reception.load(tx, args)
            await self._outbox.to_group(tx, text, topic_id, reply_to=message_id)
        await self._command(topic_id, message_id, show_load)

    async def help(self, topic_id: int | None, message_id: int) -> None:
        async with self._db.transaction() as tx:
            await self._answer(tx, topic_id, message_id, "ws-manager-help")

    # -- the tick ----------------------------------------------------------------------------

    def due_kinds(self) -> tuple[DueKind, ...]:
        """What the workshop owes at a moment, one registration each (see OwedWork); a
        message to the client waits for contact hours, a word to the topic does not."""
        v, c = self.visits, self.checks
        return (
            DueKind(Owed.VISIT_REMINDER, lambda tx, cl, t: v.remind(tx, cl, t.ref_id or 0, t.key)),
            DueKind(Owed.NO_SHOW, lambda tx, cl, t: v.no_show(tx, cl, t.ref_id or 0, t.key),
                    client_facing=False),
            DueKind(Owed.PROMISE_SOON, self.promises.fire, client_facing=False),
            DueKind(Owed.PROMISE_LAPSED, self.promises.fire, client_facing=False),
            DueKind(Owed.CHECK, lambda tx, cl, t: c.begin(tx, cl, t.ref_id or 0)),
            DueKind(Owed.CHECK_REVIEW, lambda tx, cl, t: c.remind_review(tx, cl, t.ref_id or 0)),
            DueKind(Owed.DEFERRED,
                    lambda tx, cl, t: self.invitations.deferred(tx, cl, t.ref_id or 0)),
            # right after the client's last decision, whatever the hour
            DueKind(Owed.ORDER_PDF, self.documents.send, client_facing=False),
        )

    async def tick(self) -> None:
        await self.documents.prepare()  # the work orders owed, rendered outside any transaction
        await self._owed_work.send_due()  # the one sweep of owed work, the workshop's kinds too
        await self.invitations.sweep()
