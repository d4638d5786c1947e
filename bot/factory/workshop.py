"""The service workshop, when WORKSHOP_HOURS is set (else nothing of it is built)."""

from __future__ import annotations

from bot.config import Settings
from bot.services.base import Kit
from bot.services.workshop.base import WorkshopConfig, WorkshopKit
from bot.services.workshop.desk import Workshop


def build_workshop(settings: Settings, kit: Kit) -> Workshop | None:
    if not settings.workshop_enabled:
        return None
    s = settings
    config = WorkshopConfig(
        week=s.workshop_week, slot=s.workshop_slot, bays=s.workshop_bays,
        kinds=tuple(s.service_kind_list), visit_reminder=s.visit_reminder,
        service_check_delay=s.service_check_delay, maintenance_interval=s.maintenance_interval,
        maintenance_km=s.maintenance_km, deferred_reminder=s.deferred_reminder,
        address=s.workshop_address, payment_url=s.payment_url, review_url=s.review_url,
        review_reminder=s.review_reminder_delay, timezone=s.tz, contact_hours=s.hours,
    )
    return Workshop(WorkshopKit(kit, config))
