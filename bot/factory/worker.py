"""The outbox worker with its flood pacing per channel."""

from __future__ import annotations

from bot.clock import Clock
from bot.config import Settings
from bot.delivery import Outbox, OutboxWorker
from bot.delivery.pacing import Limits, Pacer
from bot.delivery.ports import ChannelPort
from bot.i18n import Translator
from bot.supervision import Health
from storage.db import Database


def build_pacers(settings: Settings) -> dict[str, Pacer]:
    return {
        "telegram": Pacer(
            Limits(
                per_bot_per_second=settings.telegram_bot_per_second,
                per_chat_per_second=settings.telegram_chat_per_second,
                per_group_per_minute=settings.telegram_group_per_minute,
            )
        ),
        "whatsapp": Pacer(Limits(settings.whatsapp_per_second, 0, 0)),
        # SMS from the same account, at the same rate (Twilio queues past a number's own).
        "sms": Pacer(Limits(settings.whatsapp_per_second, 0, 0)),
    }


def build_worker(
    settings: Settings,
    db: Database,
    outbox: Outbox,
    channels: dict[str, ChannelPort],
    clock: Clock,
    translate: Translator,
    health: Health,
) -> OutboxWorker:
    return OutboxWorker(
        db, outbox, channels, clock, translate, settings.groups,
        pacers=build_pacers(settings), health=health,
    )
