"""One person on every channel: a Telegram client and a WhatsApp client with the same own phone.

The number must be one the channel vouches is the sender's own: a WhatsApp address, or a
contact a Telegram client shared of themselves (the share-phone button; Telegram gives the
contact the sender's user id). A match is never merged silently, since a phone may be shared
in a family: both topics get "Same person — merge", once per pair. Merging keeps the older
client and topic: the other's rows move to it (storage/people.py records each), its topic is
closed with a link to the kept one. Managers' answers then go to the channel the client last
wrote from, or the one named by /via; /unmerge (or the button under the merge note) gives each
client back what they had.
"""

from __future__ import annotations

from html import escape

from bot.services.base import Desk, Kit
from bot.services.validation import InvalidAnswer, parse_phone
from domain import Channel, Client, Inbound, Press
from domain.presses import MergePeople, UnmergePeople, button
from domain.refusal import Refusal
from storage import clients, people
from storage.db import Tx

AUTO = "auto"  # /via auto: back to the channel the client last wrote from
SMS = "sms"
VIA = (Channel.TELEGRAM.value, Channel.WHATSAPP.value, SMS, AUTO)


class People(Desk):
    def __init__(self, kit: Kit, phone_region: str) -> None:
        super().__init__(kit)
        self._region = phone_region

    # -- the client's side: a number vouched as theirs ------------------------------------

    async def heard(self, tx: Tx, client: Client, inbound: Inbound) -> None:
        """After a client's message: a number newly vouched as theirs may make them one person
        with a client on the other channel; the managers are asked, once per pair."""
        phone = self._vouched(client, inbound)
        if phone is None or phone == client.own_phone:
            return
        await people.set_own_phone(tx, client.id, phone)
        if client.merged_into is not None or await people.has_partner(tx, client.id):
            return
        other = await people.same_phone(tx, client.id, client.channel, phone)
        if other is None:
            return
        first, second = sorted((client.id, other))
        offer = await people.offer(tx, first, second, phone, self._clock.now())
        if offer is None:
            return
        kept, merged = await clients.get(tx, first), await clients.get(tx, second)
        assert kept is not None and merged is not None
        rows = ((button(self._t(self._lang, "people-merge-button"), MergePeople(offer)),),)
        for here, there in ((kept, merged), (merged, kept)):
            # The other by number only: a topic's messages are erased with its own client.
            text = self._t(self._lang, "people-offer", phone=phone, name=f"#{there.id}",
                           channel=there.channel.value, link=self._link(there.topic_id) or "—")
            await self._outbox.to_topic(tx, here, text, buttons=rows)

    def _vouched(self, client: Client, inbound: Inbound) -> str | None:
        if inbound.own_phone:
            number = inbound.own_phone
        elif client.channel is Channel.WHATSAPP and client.own_phone is None:
            number = client.chat_id.removeprefix("whatsapp:")
        else:
            return None
        try:
            return parse_phone(number, self._region)
        except InvalidAnswer:  # not a number we can match: nothing to offer
            return None

    # -- the managers' side --------------------------------------------------------------

    async def pressed(self, topic_id: int | None, message_id: int, manager_id: int,
                      press: Press | None) -> None:
        """A merge or unmerge button in a topic; a forged or stale one is answered in a line."""
        async def act(tx: Tx) -> None:
            if isinstance(press, MergePeople):
                await self._merge(tx, topic_id, manager_id, press.offer)
            elif isinstance(press, UnmergePeople):
                merge = await people.get_merge(tx, press.merge)
                if merge is None or merge.unmerged_at is not None:
                    raise Refusal("people-button-stale")
                await self._unmerge(tx, topic_id, merge)
            else:
                raise Refusal("people-button-stale")
        await self._command(topic_id, message_id, act)

    async def unmerge(self, topic_id: int | None, message_id: int) -> None:
        """/unmerge in the kept client's topic (or the closed one of the merged)."""
        async def act(tx: Tx, client: Client) -> None:
            merge = await people.active(tx, client.id)
            if merge is None:
                raise Refusal("people-unmerge-none")
            await self._unmerge(tx, topic_id, merge)
        await self._on_client(topic_id, message_id, act)

    async def via(self, topic_id: int | None, message_id: int, args: str) -> None:
        """/via telegram|whatsapp|sms: the channel managers' answers take; /via auto: where the
        client last wrote; /via alone: which it is now."""
        word = args.strip().lower()

        async def act(tx: Tx, client: Client) -> None:
            channels = await clients.channels(tx, client.id)
            if not word:
                chosen = await clients.via(tx, client.id)
                await self._answer(tx, topic_id, message_id, "people-via-now",
                                   channel=client.channel.value, chosen=chosen or AUTO,
                                   channels=", ".join(channels))
                return
            if word not in VIA:
                raise Refusal("people-via-usage")
            if word == SMS:
                self._sms_reaches(client)
            elif word != AUTO and word not in channels:
                raise Refusal("people-via-missing", channel=word, channels=", ".join(channels))
            await clients.set_via(tx, client.id, None if word == AUTO else word)
            now = await clients.get(tx, client.id)
            assert now is not None
            await self._answer(tx, topic_id, message_id,
                               "people-via-auto" if word == AUTO else "people-via-set",
                               channel=now.channel.value)
        await self._on_client(topic_id, message_id, act)

    def _sms_reaches(self, client: Client) -> None:
        """`/via sms` needs SMS on (TWILIO_SMS_FROM) and a number for the client (docs/sms.md)."""
        if not self._outbox.sms:
            raise Refusal("people-via-sms-off")
        if self._outbox.address(client, Channel.SMS) is None and not client.own_phone:
            raise Refusal("people-via-sms-no-number")

    # -- merging and unmerging ------------------------------------------------------------

    async def _merge(self, tx: Tx, topic_id: int | None, manager_id: int, offer_id: int) -> None:
        offer = await people.get_offer(tx, offer_id)
        if offer is None or offer.decided_at is not None:
            raise Refusal("people-button-stale")
        kept = await clients.get(tx, offer.first_id)
        other = await clients.get(tx, offer.second_id)
        if kept is None or other is None or not await self._pressed_in(tx, topic_id, kept, other):
            raise Refusal("people-button-stale")  # a press from another topic: forged
        for client in (kept, other):  # erased, merged elsewhere, or another number since
            if (client.erased_at is not None or client.own_phone != offer.phone
                    or await people.has_partner(tx, client.id)):
                raise Refusal("people-offer-changed")
        await people.decide_offer(tx, offer.id, self._clock.now())
        merge_id = await people.merge(tx, kept.id, other.id, manager_id, self._clock.now())
        kept = await clients.get(tx, kept.id)
        assert kept is not None
        unmerge = ((button(self._t(self._lang, "people-unmerge-button"), UnmergePeople(merge_id)),),)
        await self._outbox.to_topic(
            tx, kept, self._t(self._lang, "people-merged", name=self._name(other),
                              channel=other.channel.value, link=self._link(other.topic_id) or "—",
                              now=kept.channel.value),
            buttons=unmerge)
        if other.topic_id is not None:
            await self._tell_topic(tx, other, "people-merged-closed",
                                   link=self._link(kept.topic_id) or "—")
            await self._outbox.close_topic(tx, other)

    async def _unmerge(self, tx: Tx, topic_id: int | None, merge: people.Merge) -> None:
        kept = await clients.get(tx, merge.kept_id)
        other = await clients.get(tx, merge.merged_id)
        if kept is None or other is None or not await self._pressed_in(tx, topic_id, kept, other):
            raise Refusal("people-button-stale")
        if kept.erased_at is not None:  # erased together: nothing left to give back
            raise Refusal("people-unmerge-none")
        await people.unmerge(tx, merge, self._clock.now())
        other = await clients.get(tx, merge.merged_id)
        assert other is not None
        if other.topic_id is not None:
            await self._outbox.close_topic(tx, other, reopen=True)
            await self._tell_topic(tx, other, "people-unmerged",
                                   link=self._link(kept.topic_id) or "—")
        await self._tell_topic(tx, kept, "people-unmerged", link=self._link(other.topic_id) or "—")

    async def _pressed_in(self, tx: Tx, topic_id: int | None, *pair: Client) -> bool:
        """The press was made in a topic of one of the pair (in the manager group at hand; a
        merged client's closed topic counts as its kept client's), or in General when one of
        them has no topic (the offer went there)."""
        if topic_id is None:
            return any(client.topic_id is None for client in pair)
        here = await self._outbox.topic_client(tx, topic_id)
        return here is not None and here.id in {client.id for client in pair}

    def _name(self, client: Client) -> str:
        who = client.name or (f"@{client.username}" if client.username else f"#{client.id}")
        return escape(who)
