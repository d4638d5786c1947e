"""The service workshop, when WORKSHOP_HOURS is set (else nothing of it is built)."""

from __future__ import annotations

from bot.config import Settings
from bot.services.base import Kit
from bot.services.followups.owed import OwedWork
from bot.services.workshop.base import WorkshopConfig
from bot.services.workshop.desk import Workshop


def build_workshop(settings: Settings, kit: Kit, owed_work: OwedWork) -> Workshop | None:
    if not settings.workshop_enabled:
        return None
    config = WorkshopConfig(
        week=settings.workshop_week, slot=settings.workshop_slot, bays=settings.workshop_bays,
        bookings_per_client=settings.workshop_bookings_per_client,
        kinds=tuple(settings.service_kind_list), visit_reminder=settings.visit_reminder,
        service_check_delay=settings.service_check_delay,
        maintenance_interval=settings.maintenance_interval, maintenance_km=settings.maintenance_km,
        deferred_reminder=settings.deferred_reminder, address=settings.workshop_address,
        payment_url=settings.payment_url, review_url=settings.review_url,
        review_reminder=settings.review_reminder_delay, timezone=settings.tz,
        contact_hours=settings.hours, phone_region=settings.phone_region,
        lengths=settings.service_kind_lengths, qc_items=settings.qc_items,
        prices=settings.prices,
        progress=settings.progress_steps,
        firm=settings.firm, warranty=settings.warranty,
    )
    return Workshop(kit, config, owed_work)

