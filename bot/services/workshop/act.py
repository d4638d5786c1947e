"""The reception act (issue 24): `/arrived` asks in the topic for the car's state as the
workshop takes it: the odometer, the fuel, visible damage with photos, things left in the car,
the client's complaint in their own words, and whether the client waits, leaves the car or
takes a courtesy car. Managers answer with `/act` and a short form (photos: each sent with the
caption `/act`); once the odometer, the fuel and the client's choice are there the act goes to
the client, who confirms it with one tap: a consent record per version, only added (a second
press is the same confirmation). The act goes into the work order's and the bill's PDFs.

    /act
    Пробег: 68 200
    Топливо: 1/2
    Повреждения: царапина на заднем бампере
    Вещи: детское кресло
    Жалоба: стучит спереди на кочках
    Клиент: ждёт
"""

from __future__ import annotations

import re
from html import escape

from bot.i18n import Translator
from bot.services.validation import InvalidAnswer, clean_text
from bot.services.workshop.base import WorkshopDesk
from domain import Client, Media, Reply
from domain.cars import read_km
from domain.documents import read_fuel, read_stay
from domain.presses import ConfirmAct
from domain.refusal import Refusal
from storage import cars, workshop_acts, workshop_bookings, workshop_invites, workshop_orders
from storage.db import Tx
from storage.workshop_acts import Act
from storage.workshop_orders import Order

# The labels a line of the form may start with, in either language (compared in lower case).
ACT_LABELS: dict[str, tuple[str, ...]] = {
    "odometer": ("пробег", "одометр", "odometer", "mileage"),
    "fuel": ("топливо", "бензин", "бак", "fuel"),
    "damage": ("повреждения", "видимые повреждения", "damage"),
    "items": ("вещи", "вещи в машине", "items", "left in the car"),
    "complaint": ("жалоба", "со слов клиента", "complaint"),
    "stay": ("клиент", "ожидание", "stay", "client"),
}
REQUIRED = ("odometer", "fuel", "stay")  # before the act can go to the client
TEXT_LIMIT = 500
SEND = frozenset({"send", "отправить"})
PHOTO_KINDS = frozenset({"photo", "video", "document"})
_LINE = re.compile(r"^([^:]{1,30}):\s*(.*)$")


def _field(label: str) -> str | None:
    word = " ".join(label.lower().split())
    return next((name for name, labels in ACT_LABELS.items() if word in labels), None)


class Acts(WorkshopDesk):
    # -- managers ---------------------------------------------------------------------------

    async def ask(self, tx: Tx, client: Client, order: Order) -> None:
        """At `/arrived`: the act begun with what the booking said (the complaint, the
        odometer), and the form asked for in the topic."""
        now = self._clock.now()
        act = await workshop_acts.for_order(tx, order.id, client.id, now)
        booking = await workshop_bookings.booking(tx, order.booking_id) if order.booking_id else None
        known: dict[str, object] = {}
        if booking is not None and booking.problem:
            known["complaint"] = booking.problem[:TEXT_LIMIT]
        if booking is not None and booking.odometer is not None:
            known["odometer"] = booking.odometer
        if known:
            await workshop_acts.change(tx, act.id, known, now)
            act = await self._act(tx, act.id)
        await self._tell_topic(tx, client, "ws-act-ask", id=order.id, form=self._form(act))

    async def act(self, tx: Tx, client: Client, text: str, message_id: int,
                  media: Media | None) -> None:
        """`/act` alone shows the act; with form lines records them (and sends the act once it
        is complete); `/act send` sends it again after a change; a photo captioned `/act` is
        kept with it."""
        order = await workshop_orders.current_order(tx, client.id)
        if order is None:
            raise Refusal("ws-act-no-order")
        now = self._clock.now()
        act = await workshop_acts.for_order(tx, order.id, client.id, now)
        text = text.strip()
        if media is not None:
            if media.kind not in PHOTO_KINDS:
                raise Refusal("ws-act-photo-kind")
            if text:
                act = await self._record(tx, client, act, text)
            count = await workshop_acts.add_photo(tx, act.id, f"{message_id}:{media.kind}:{media.ref}", now)
            await self._tell_topic(tx, client, "ws-act-photo", count=count, id=order.id)
            return
        if not text:
            await self._tell_topic(tx, client, "ws-act-shown", id=order.id, act=self.describe(
                self._lang, act, len(await workshop_acts.photos(tx, act.id))), form=self._form(act))
            return
        if text.casefold() in SEND:
            await self._send(tx, client, order, act)
            return
        act = await self._record(tx, client, act, text)
        missing = [self._label(name) for name in REQUIRED if getattr(act, name) is None]
        if missing:
            await self._tell_topic(tx, client, "ws-act-recorded", id=order.id,
                                   missing=", ".join(missing))
            return
        await self._send(tx, client, order, act)

    async def _record(self, tx: Tx, client: Client, act: Act, text: str) -> Act:
        """The form's lines read and kept; any line that does not read refuses them all."""
        values: dict[str, object] = {}
        problems: list[str] = []
        for line in (line.strip() for line in text.splitlines()):
            if not line:
                continue
            match = _LINE.match(line)
            name = _field(match.group(1)) if match else None
            if match is None or name is None:
                problems.append(self._t(self._lang, "ws-act-unknown-line", line=escape(line[:80])))
                continue
            if not match.group(2).strip():
                continue  # a line of the form left blank: nothing said about it
            value = self._read(name, match.group(2).strip())
            if value is None:
                problems.append(self._t(self._lang, f"ws-act-bad-{name}",
                                        typed=escape(match.group(2).strip()[:40]) or "—",
                                        limit=TEXT_LIMIT))
            else:
                values[name] = value
        if problems:
            raise Refusal("ws-act-invalid", problems="\n".join(f"• {p}" for p in problems),
                          form=self._form(act))
        now = self._clock.now()
        km = values.get("odometer")
        if isinstance(km, int) and km != act.odometer:  # a reading: the car on file and the estimate
            await cars.raise_odometer(tx, client.id, km, now)
            await workshop_invites.add_reading(tx, client.id, km, now)
        await workshop_acts.change(tx, act.id, values, now)
        return await self._act(tx, act.id)

    @staticmethod
    def _read(name: str, typed: str) -> object | None:
        if name == "odometer":
            return read_km(typed)
        if name == "fuel":
            return read_fuel(typed)
        if name == "stay":
            return read_stay(typed)
        try:
            return clean_text(typed, TEXT_LIMIT)
        except InvalidAnswer:
            return None

    async def _send(self, tx: Tx, client: Client, order: Order, act: Act) -> None:
        missing = [self._label(name) for name in REQUIRED if getattr(act, name) is None]
        if missing:
            raise Refusal("ws-act-incomplete", missing=", ".join(missing))
        if act.version and not act.changed:
            raise Refusal("ws-act-unchanged", version=act.version)
        lang = client.language
        photos = await workshop_acts.photos(tx, act.id)
        caption = self._t(lang, "ws-act-photo-caption", id=order.id)
        for photo in photos:
            if photo.sent_in is None and photo.media:
                message_id, kind, ref = photo.media.split(":", 2)
                await self._outbox.copy_to_client(tx, client, int(message_id), None, caption,
                                                  (Media(kind, ref),), caption)
        text = self._t(lang, "ws-act", id=order.id, act=self.describe(lang, act, len(photos)))
        version = await workshop_acts.sent(tx, act.id, text, self._clock.now())
        await self._offer(tx, client, act.id, version, text)
        await self._tell_topic(tx, client, "ws-act-sent", id=order.id, version=version)

    async def _offer(self, tx: Tx, client: Client, act_id: int, version: int, text: str) -> None:
        button = self._button(client.language, "ws-act-button-confirm", ConfirmAct(act_id, version))
        await self._outbox.to_client(tx, client, Reply(text, ((button,),)))

    # -- the client's press ------------------------------------------------------------------

    async def confirm(self, tx: Tx, client: Client, press: ConfirmAct) -> bool:
        """One consent record per version; a press on a version since replaced records nothing
        and shows the act as it is now."""
        act = await workshop_acts.get(tx, press.act)
        if act is None or act.version == 0:
            return False
        if press.version != act.version:
            text = await workshop_acts.version_text(tx, act.id, act.version)
            await self._say(tx, client, "ws-act-changed")
            if text:
                await self._offer(tx, client, act.id, act.version, text)
            return True
        if not await workshop_acts.confirm(tx, act.id, act.version, client.id, client.channel.value,
                                           self._clock.now()):
            await self._say(tx, client, "ws-act-already")
            return True
        await self._say(tx, client, "ws-act-confirmed", menu=True)
        await self._tell_topic(tx, client, "ws-topic-act-confirmed", version=act.version,
                               when=self._when(self._lang, self._clock.now()))
        return True

    # -- what the act reads as -----------------------------------------------------------------

    def describe(self, lang: str, act: Act, photos: int) -> str:
        """The act as labelled lines, for a message (the client's, the topic's)."""
        return "\n".join(self._t(lang, "ws-act-line", field=escape(label), value=escape(value))
                         for label, value in act_lines(self._t, lang, act, photos))

    def _label(self, name: str, lang: str | None = None) -> str:
        return self._t(lang or self._lang, f"ws-act-field-{name}")

    def _form(self, act: Act) -> str:
        """The form to fill in (or send again), what is known already in it."""
        known = {"odometer": f"{act.odometer}" if act.odometer is not None else "",
                 "fuel": act.fuel or "", "damage": act.damage or "", "items": act.items or "",
                 "complaint": act.complaint or "",
                 "stay": self._t(self._lang, f"ws-act-stay-word-{act.stay}") if act.stay else ""}
        return "/act\n" + "\n".join(f"{self._label(name)}: {escape(known[name])}"
                                    for name in ACT_LABELS)

    @staticmethod
    async def _act(tx: Tx, act_id: int) -> Act:
        act = await workshop_acts.get(tx, act_id)
        assert act is not None
        return act


def act_lines(t: Translator, lang: str, act: Act, photos: int) -> list[tuple[str, str]]:
    """(label, value) of each field of the act as read (the client's message, the PDFs), '—'
    where nothing was given; not escaped."""
    km = (t(lang, "ws-act-km", km=f"{act.odometer:,}".replace(",", "\u202f"))
          if act.odometer is not None else "—")
    fuel = t(lang, f"ws-act-fuel-{act.fuel}") if act.fuel in ("full", "reserve") else act.fuel
    damage = act.damage or "—"
    if photos:
        damage = t(lang, "ws-act-with-photos", damage=damage, count=photos)
    values = {"odometer": km, "fuel": fuel or "—", "damage": damage, "items": act.items or "—",
              "complaint": act.complaint or "—",
              "stay": t(lang, f"ws-act-stay-{act.stay}") if act.stay else "—"}
    return [(t(lang, f"ws-act-label-{name}"), value) for name, value in values.items()]
