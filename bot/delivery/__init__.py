"""Delivery: every outbound message is queued as a typed item (items.py, codec.py) inside the
caller's transaction (queue.py), then sent by one worker (worker.py) through a channel port
(ports.py, sending.py) within the platforms' flood limits (pacing.py), a manager group's items
lane by lane (fair.py); references are resolved at send time (resolve.py), multi-call items
performed step by step (multi.py), failures retried, held or reported (failures.py,
notices.py); the manager group an update came from is known to its handling (groups.py)."""

from bot.delivery.pacing import Limits, Pacer
from bot.delivery.ports import ChannelPort, Delivery, DeliveryError, FailureKind, Op
from bot.delivery.queue import Outbox, Unreachable
from bot.delivery.worker import OutboxWorker

__all__ = [
    "ChannelPort",
    "Delivery",
    "DeliveryError",
    "FailureKind",
    "Limits",
    "Op",
    "Outbox",
    "OutboxWorker",
    "Pacer",
    "Unreachable",
]
