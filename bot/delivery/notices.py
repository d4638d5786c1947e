"""What the client's topic hears when a message to the client did not go out."""

from __future__ import annotations

from html import escape

from bot.delivery.items import (
    Content,
    Copy,
    EditCard,
    EditTwin,
    GroupThread,
    Item,
    OpenTopic,
    Report,
    Text,
)
from bot.delivery.ports import SMS_OFF, DeliveryError, FailureKind
from bot.delivery.queue import Outbox
from bot.i18n import Translator
from domain import Client
from storage.db import Tx

# A permanent failure in the group is told in General at most once an hour per cause: a
# topic deleted or a right taken away fails every message, and one notice is enough.
GROUP_NOTICE_PERIOD = "%Y-%m-%d %H"


def relayed_from(item: Item | None) -> int | None:
    """The manager's message (in the topic) that this item relays to the client, if any."""
    if isinstance(item, Copy | Content):
        return item.twin_of
    return None


class Notices:
    def __init__(self, outbox: Outbox, translate: Translator) -> None:
        self._outbox = outbox
        self._t = translate
        self._lang = translate.default_language

    async def blocked(self, tx: Tx, client: Client, reason: str = "") -> None:
        """The client blocked the bot, or (SMS_OFF) is an SMS client while SMS is off: said
        once, when the client becomes unreachable."""
        key = "topic-sms-off" if reason == SMS_OFF else "topic-client-blocked"
        await self._outbox.to_topic(tx, client, self._t(self._lang, key))

    async def not_delivered(
        self, tx: Tx, client: Client, item: Item | None, error: DeliveryError
    ) -> None:
        """A manager's message failed for good: the topic is told, in reply to it."""
        manager_message = relayed_from(item)
        if manager_message is None:
            return
        why = (
            "topic-not-delivered-sms-off" if error.reason == SMS_OFF
            else "topic-not-delivered-blocked" if error.kind is FailureKind.BLOCKED
            else "topic-not-delivered"
        )
        await self._outbox.to_topic(
            tx,
            client,
            self._t(self._lang, why, reason=error.reason),
            reply_to_group=manager_message,
        )

    async def held(self, tx: Tx, client: Client, item: Item | None, error: DeliveryError) -> None:
        """Not sent by the channel's rules (WhatsApp's 24-hour window): what and why."""
        if isinstance(item, Text) and item.follow_on:
            return  # the first part of an automatic message already told the topic
        why = self._t(self._lang, f"held-reason-{error.reason}")  # the channel names a reason
        if isinstance(item, Text) and item.automatic:
            what = self._t(self._lang, f"held-kind-{item.automatic}")
            text = self._t(self._lang, "topic-held-automatic", what=what, reason=why)
        else:
            said = (
                item.text
                if isinstance(item, Text | Content | Report | EditTwin | EditCard)
                else None
            )
            excerpt = escape((said or "").strip()[:200])
            # SMS holds what it cannot carry (a photo); WhatsApp, what its window forbids.
            key = "topic-held-sms" if error.reason.startswith("sms-") else "topic-held-message"
            text = self._t(self._lang, key, reason=why, excerpt=excerpt)
        await self._outbox.to_topic(tx, client, text, reply_to_group=relayed_from(item))

    async def group_failed(
        self, tx: Tx, client: Client | None, item: Item, error: DeliveryError
    ) -> bool:
        """A message to the group failed for good: General is told what to fix, at most once
        an hour per cause. False when it is General itself that fails (the log says it)."""
        if isinstance(item, Text) and item.to == GroupThread(None):
            return False
        who = escape(_who(client)) if client else None
        reason = escape(error.reason)
        if isinstance(item, OpenTopic):
            text = self._t(self._lang, "general-topic-failed", name=who or "?", reason=reason)
        elif who:
            text = self._t(self._lang, "general-group-failed", name=who, reason=reason)
        else:
            text = self._t(self._lang, "general-group-failed-nameless", reason=reason)
        hour = self._outbox.now().strftime(GROUP_NOTICE_PERIOD)
        await self._outbox.put(
            tx, Text(GroupThread(None), text), client,  # it names them: erasure finds it by id
            dedup_key=f"group-failed:{type(item).__name__}:{error.reason[:80]}:{hour}",
        )
        return True


def _who(client: Client) -> str:
    return client.name or (f"@{client.username}" if client.username else client.external_id)
