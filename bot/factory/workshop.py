"""The service workshop, when WORKSHOP_HOURS is set (else nothing of it is built)."""

from __future__ import annotations

from bot.config import Settings
from bot.services.base import Kit
from bot.services.flows import Flow, Heard
from bot.services.followups.owed import OwedWork
from bot.services.workshop.base import WorkshopConfig
from bot.services.workshop.booking import FLOW as BOOKING_FLOW
from bot.services.workshop.check import FLOW as CHECK_FLOW
from bot.services.workshop.desk import Workshop
from bot.services.workshop.odometer import FLOW as KM_FLOW
from domain import Client, Conversation, Inbound
from storage.db import Tx


def build_workshop(settings: Settings, kit: Kit, owed_work: OwedWork) -> Workshop | None:
    if not settings.workshop_enabled:
        return None
    config = WorkshopConfig(
        week=settings.workshop_week, slot=settings.workshop_slot, bays=settings.workshop_bays,
        kinds=tuple(settings.service_kind_list), visit_reminder=settings.visit_reminder,
        service_check_delay=settings.service_check_delay,
        maintenance_interval=settings.maintenance_interval, maintenance_km=settings.maintenance_km,
        deferred_reminder=settings.deferred_reminder, address=settings.workshop_address,
        payment_url=settings.payment_url, review_url=settings.review_url,
        review_reminder=settings.review_reminder_delay, timezone=settings.tz,
        contact_hours=settings.hours,
    )
    return Workshop(kit, config, owed_work)


def workshop_flows(workshop: Workshop) -> tuple[Flow, ...]:
    """Booking a visit, the check after one, the odometer asked: a message that is no answer
    for the workshop also reaches the topic."""
    async def message(tx: Tx, client: Client, conversation: Conversation, inbound: Inbound) -> Heard:
        also = await workshop.message(tx, client, conversation, inbound)
        return Heard.ALSO_RELAYED if also else Heard.TAKEN

    return tuple(Flow(name, message) for name in (BOOKING_FLOW, CHECK_FLOW, KM_FLOW))
