"""Active booking: clients due for maintenance by time (MAINTENANCE_INTERVAL since their last
visit or handover) or by estimated kilometres (the next MAINTENANCE_KM) are invited once per due
date with one-tap slots; booking stops it, "don't remind me" ends it. Deferred lines come back
at the time the client chose, with the original photo and a slot."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from bot.services.base import Kit
from bot.services.workshop.base import WorkshopConfig, WorkshopDesk, rub
from bot.services.workshop.odometer import OdometerAsk
from bot.services.workshop.visits import Visits
from domain import Automatic, Client, Media
from domain.presses import Book, NoReminders, TakeInvitation
from domain.workshop import BookingSource, DeclineReason, LineStatus
from storage import clients, due, workshop_bookings, workshop_invites, workshop_orders
from storage.db import Tx
from storage.workshop_invites import ServiceHistory

BATCH = 100
ONE_TAP = 3  # slots offered in the invitation itself


def km_due_on(history: ServiceHistory, step: int) -> tuple[date, int] | None:
    """When the estimated odometer passes the next multiple of `step`, and that mark."""
    readings = history.readings
    if len(readings) < 2:
        return None
    (first_at, first_km), (last_at, last_km) = readings[0], readings[-1]
    days = (last_at - first_at).total_seconds() / 86400
    if days < 1 or last_km <= first_km:
        return None
    per_day = (last_km - first_km) / days
    base = history.service_km if history.service_km is not None else last_km
    mark = (base // step + 1) * step
    return (last_at + timedelta(days=(mark - last_km) / per_day)).date(), mark


class Invitations(WorkshopDesk):
    def __init__(self, kit: Kit, config: WorkshopConfig, visits: Visits,
                 odometer: OdometerAsk) -> None:
        super().__init__(kit, config)
        self._visits = visits
        self._odometer = odometer

    async def sweep(self) -> int:
        """Once a local hour: invite everyone whose maintenance fell due and whose own clock is
        within contact hours (docs/timezones.md); the others are asked again at a later hour
        (each is invited once per due date)."""
        now = self._clock.now()
        local = self._local(now)
        today = local.date()
        async with self._db.transaction() as tx:
            if not await due.first_alert(tx, f"ws-invitations:{today.isoformat()}:{local:%H}", now):
                return 0
        sent, after = 0, 0
        while True:
            async with self._db.transaction() as tx:
                found = await workshop_invites.candidates(tx, after, BATCH)
                for client_id in found:
                    sent += await self._consider(tx, client_id, today)
            if len(found) < BATCH:
                return sent
            after = found[-1]

    async def _consider(self, tx: Tx, client_id: int, today: date) -> int:
        client = await clients.get(tx, client_id)
        if client is None or not self._awake(client):
            return 0  # night on their clock: a later hour's sweep
        history = await workshop_invites.history(tx, client_id)
        reasons: list[tuple[date, str]] = []
        if history.last_visit is not None:
            on = self._local(history.last_visit + self._config.maintenance_interval).date()
            reasons.append((on, "interval"))
        by_km = km_due_on(history, self._config.maintenance_km)
        if by_km is not None:
            reasons.append((by_km[0], "km"))
        due_now = sorted(r for r in reasons if r[0] <= today)
        if not due_now:
            await self._odometer.maybe_ask(tx, history)  # keep the km estimate fresh
            return 0
        due_on = due_now[0][0]
        if not await workshop_invites.first_invitation(tx, client_id, due_on, self._clock.now()):
            return 0
        await self._invite(tx, client, history, [r for _, r in due_now], by_km[1] if by_km else 0)
        return 1

    def _awake(self, client: Client) -> bool:
        """Within contact hours on the client's clock."""
        low, high = self._config.contact_hours
        return low <= self._clock.now().astimezone(self._client_zone(client)).time() < high

    async def _invite(self, tx: Tx, client: Client, history: ServiceHistory,
                      reasons: list[str], mark: int) -> None:
        lang = client.language
        items = []
        if "interval" in reasons and history.last_visit is not None:
            today = self._local(self._clock.now()).date()
            days = (today - self._local(history.last_visit).date()).days
            items.append(self._t(lang, "ws-invite-interval", days=days))
        if "km" in reasons:
            items.append(self._t(lang, "ws-invite-km", km=f"{mark:,}".replace(",", "\u202f")))
        for _, title, price in await workshop_invites.deferred_lines(tx, client.id):
            items.append(self._t(lang, "ws-invite-deferred", title=escape(title), price=rub(price)))
        starts = await self._visits.next_free(tx, self._first_kind(), ONE_TAP)
        rows = self._visits.slot_buttons(client, starts, TakeInvitation, per_row=1)
        rows += ((self._button(lang, "ws-other-time", Book()),),
                 (self._button(lang, "ws-button-no-reminders", NoReminders()),))
        await self._say(tx, client, "ws-invite", buttons=rows, automatic=Automatic.LONG_FOLLOWUP,
                        items="\n".join(items))
        await self._tell_topic(tx, client, "ws-topic-invited", items="\n".join(items))

    async def deferred(self, tx: Tx, client: Client, line_id: int) -> None:
        """A line put off 'for later' comes back, with its photo and one-tap slots."""
        lang = client.language
        line = await workshop_orders.line(tx, line_id)
        if line is None or line.status != LineStatus.DECLINED or line.reason != DeclineReason.LATER:
            return
        if await workshop_bookings.upcoming(tx, client.id, self._clock.now()) is not None:
            return  # a visit is booked: the line is offered there
        if line.media:  # the manager's message with the photo: "<group message id>:<kind>:<file id>"
            message_id, kind, ref = line.media.split(":", 2)
            caption = f"{escape(line.title)}\u00a0— {rub(line.price)}"
            await self._outbox.copy_to_client(tx, client, int(message_id), None, caption,
                                              (Media(kind, ref),), caption)
        starts = await self._visits.next_free(tx, self._first_kind(), ONE_TAP)
        rows = self._visits.slot_buttons(client, starts, TakeInvitation, per_row=1)
        rows += ((self._button(lang, "ws-other-time", Book()),),)
        await self._say(tx, client, "ws-deferred-back", buttons=rows, automatic=Automatic.LONG_FOLLOWUP,
                        title=escape(line.title), price=rub(line.price))
        await self._tell_topic(tx, client, "ws-topic-deferred-back", title=escape(line.title))

    def _first_kind(self) -> timedelta:
        """An invitation books the first kind of SERVICE_KINDS: the bay time it takes."""
        return self._config.length(self._config.kinds[0])

    async def no_reminders(self, tx: Tx, client: Client, press: NoReminders) -> None:
        await workshop_invites.opt_out(tx, client.id, self._clock.now())
        await self._say(tx, client, "ws-no-reminders", menu=True)
        await self._tell_topic(tx, client, "ws-topic-no-reminders")

    async def take(self, tx: Tx, client: Client, press: TakeInvitation) -> bool:
        """A one-tap slot of an invitation; False when it names no slot."""
        start = self._unstamp(press.stamp)
        if start is None:
            return False
        if await workshop_bookings.upcoming(tx, client.id, self._clock.now()) is not None:
            await self._say(tx, client, "ws-already-booked", menu=True)
            return True
        if not await self._visits.is_free(tx, start, self._first_kind()):
            starts = await self._visits.next_free(tx, self._first_kind(), ONE_TAP)
            buttons = self._visits.slot_buttons(client, starts, TakeInvitation, 1)
            await self._say(tx, client, "ws-slot-gone", buttons=buttons)
            return True
        problem = ", ".join(t for _, t, _ in await workshop_invites.deferred_lines(tx, client.id)) or None
        answers: dict[str, object] = {
            "kind": self._config.kinds[0], "car": await self._known_car(tx, client.id),
            "problem": problem,
        }
        await self._visits.book(tx, client, answers, start, BookingSource.INVITATION)
        return True
