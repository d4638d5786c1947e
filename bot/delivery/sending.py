"""Every call to a platform goes through `Sender`: the channel's port, within its flood limits."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

from bot.delivery.pacing import Pacer
from bot.delivery.ports import ChannelPort, CopiesMany, Delivery, DeliveryError, FailureKind, Op

log = logging.getLogger(__name__)

T = TypeVar("T")
MAX_PACED_SLEEP = 1.0  # seconds the worker may wait in place for a flood limit


class Paced(DeliveryError):
    """A call that would break a flood limit for longer than the worker waits in place."""

    def __init__(self, wait: float) -> None:
        super().__init__(FailureKind.TRANSIENT, "flood limit", retry_after=wait)


class Sender:
    def __init__(self, channels: dict[str, ChannelPort], pacers: dict[str, Pacer]) -> None:
        self.pacers = pacers  # by channel; tests may swap one for a paced fake clock
        self._channels = channels  # by outbox item channel: "telegram", "whatsapp"

    def seed(self, sent: list[tuple[str, str, datetime]], now: datetime) -> None:
        """Resume the flood windows from the record: (channel, chat, sent at), oldest first."""
        for channel, chat, at in sent:
            pacer = self.pacers.get(channel)
            if pacer is not None:
                pacer.seed(chat, (now - at).total_seconds())

    def pace_wait(self, channel: str, chat_id: str, own_only: bool = False) -> float:
        """Seconds before a message to `chat_id` may go (own_only: by the chat's own limit)."""
        pacer = self.pacers.get(channel)
        return pacer.wait(chat_id, own_only) if pacer else 0.0

    async def send(self, channel: str, delivery: Delivery) -> int | None:
        """Perform one call; raises Paced when its flood limit is more than a second away."""
        port = self._channels[channel]
        return await self._paced(channel, delivery.chat_id, lambda: port.send(delivery))

    def copies_many(self, channel: str) -> bool:
        return isinstance(self._channels.get(channel), CopiesMany)

    async def copy_many(self, channel: str, delivery: Delivery) -> tuple[int, ...]:
        """Several messages of one chat in one call, paced as one; the copies' ids."""
        port = self._channels[channel]
        assert isinstance(port, CopiesMany)
        return await self._paced(channel, delivery.chat_id, lambda: port.copy_many(delivery))

    def limited(self, channel: str, chat_id: str) -> bool:
        """Whether sends to `chat_id` are paced at all (a group with its minute's limit)."""
        pacer = self.pacers.get(channel)
        return pacer is not None and pacer.limited(chat_id)

    async def _paced(self, channel: str, chat_id: str, call: Callable[[], Awaitable[T]]) -> T:
        pacer = self.pacers.get(channel)
        if pacer is None:
            return await call()
        wait = pacer.wait(chat_id)
        if wait > MAX_PACED_SLEEP:
            # A later call of an item that makes several (topic, card, pin) meets the group's
            # minute: the item waits its turn in the queue instead of holding every chat here.
            raise Paced(wait)
        if wait:
            await asyncio.sleep(wait)  # a full bot window, or a chat's second
        try:
            return await call()
        finally:
            # Counted when the answer came: the platform saw the call no later than that,
            # so the next one can't reach it inside the window however the network jitters.
            pacer.sent(chat_id)

    async def pin(self, group: str, message_id: int, wait_if_paced: bool = False) -> None:
        """Pin the request card in its manager group; an unpinned card is still a card."""
        try:
            await self.send("telegram", Delivery(Op.PIN, group, message_id=message_id))
        except Paced:
            if wait_if_paced:
                raise  # the item comes back when the group's minute frees
            log.warning("the request card was not pinned: the group's flood limit")
        except DeliveryError as error:
            log.warning("could not pin the request card: %s", error.reason)
