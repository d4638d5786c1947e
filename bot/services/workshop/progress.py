"""Where the car is (issue 24; the procedure's "inform the client during the work"): `/progress
diagnosis | parts [day] | work | check [note]`, the steps and their names as the firm writes them
in WORKSHOP_PROGRESS (a manager types the key or the name shown). Each step is recorded with its
time and manager (`ws_progress`, append-only: the newest is where the car is) and told to the
client at once, on Telegram, WhatsApp or SMS; `/status` shows it. Waiting for parts with a day
(`/progress parts 12.12`) moves the promised time when the car cannot be ready by it, through
`/ready`'s rule (promise.py: the client hears old, new and why; the move is kept). The check
step shows the quality check in the topic (quality.py)."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from babel.dates import format_date

from bot.i18n import Translator
from bot.services.base import Kit
from bot.services.validation import InvalidAnswer, clean_text
from bot.services.workshop import order_text
from bot.services.workshop.base import WorkshopConfig, WorkshopDesk
from bot.services.workshop.promise import Promises
from bot.services.workshop.quality import QualityCheck
from domain import Automatic, Client
from domain.numbers import looks_numeric
from domain.progress import Steps
from domain.refusal import Refusal
from domain.workshop import OrderStatus
from storage import workshop_orders, workshop_progress, workshop_quality
from storage.db import Tx
from storage.workshop_orders import Order

PROGRESS_CODES = ("diagnosis", "parts", "work", "check")  # the default steps, named in each language
PARTS = "parts"  # its day moves the promised time
CHECK = "check"  # shows the quality check in the topic
NOTE_LIMIT = 300


def step_name(t: Translator, lang: str, steps: Steps, key: str) -> str:
    """A step as the reader sees it: the firm's name, else a default key in their language,
    else the key itself (a step no longer in WORKSHOP_PROGRESS, in the figures)."""
    name = dict(steps).get(key)
    if name:
        return escape(name)
    return t(lang, f"ws-progress-step-{key}") if key in PROGRESS_CODES else escape(key)


class CarProgress(WorkshopDesk):
    def __init__(self, kit: Kit, config: WorkshopConfig, promises: Promises,
                 quality: QualityCheck) -> None:
        super().__init__(kit, config)
        self._promises = promises
        self._quality = quality

    def step_name(self, lang: str, key: str) -> str:
        return step_name(self._t, lang, self._config.progress, key)

    # -- managers ------------------------------------------------------------------------------

    async def progress(self, tx: Tx, client: Client, manager_id: int, args: str) -> None:
        if not self._config.progress:
            raise Refusal("ws-progress-none")
        order = await workshop_orders.current_order(tx, client.id)
        if order is None:
            raise Refusal("ws-progress-no-order")
        key, rest = self._read_step(args)
        words = rest.split()
        day = None
        if key == PARTS and words and _dated(words[0]):
            day = self._parts_day(words[0])
            rest = " ".join(words[1:])
        try:
            note = clean_text(rest, NOTE_LIMIT) if rest.strip() else None
        except InvalidAnswer as error:
            raise Refusal("ws-progress-note-too-long", limit=NOTE_LIMIT) from error
        now = self._clock.now()
        until = (datetime.combine(day, datetime.min.time(), tzinfo=self._config.timezone)
                 if day else None)
        await workshop_progress.record(tx, order.id, key, until, manager_id, now)
        lang = client.language
        await self._say(tx, client, "ws-progress", automatic=Automatic.DEAL_NEWS, id=order.id,
                        step=self.step_name(lang, key),
                        until="\n" + self._t(lang, "ws-progress-until", date=_day(day, lang)) if day else "",
                        note=f"\n{escape(note)}" if note else "")
        await self._tell_topic(tx, client, "ws-topic-progress", id=order.id,
                               step=self.step_name(self._lang, key),
                               until=f" ({day:%d.%m})" if day else "")
        if day is not None:
            await self._move_promise(tx, client, order, day)
        if key == CHECK and (self._config.qc_items or await workshop_quality.items(tx, order.id)):
            await self._quality.show(tx, client, order)

    def _read_step(self, args: str) -> tuple[str, str]:
        """The step a manager named (its key, or its name in the managers' language, the
        longest that fits) and what follows it."""
        text = " ".join(args.split())
        folded = text.casefold()
        best: tuple[int, str] | None = None
        for key, name in self._config.progress:
            shown = name or (self._t(self._lang, f"ws-progress-step-{key}")
                             if key in PROGRESS_CODES else key)
            for word in {key, shown}:
                word = word.casefold()
                if (folded == word or folded.startswith(word + " ")) and (
                        best is None or len(word) > best[0]):
                    best = (len(word), key)
        if best is None:
            raise Refusal("ws-progress-usage", steps=", ".join(
                f"{key} ({self.step_name(self._lang, key)})" for key, _ in self._config.progress))
        return best[1], text[best[0]:].strip()

    def _parts_day(self, word: str) -> date:
        today = self._local(self._clock.now()).date()
        day = order_text.parse_day(word, today)  # odd digits, far days: a `Refusal`
        if day < today:
            raise Refusal("ws-progress-past")
        return day

    async def _move_promise(self, tx: Tx, client: Client, order: Order, day: date) -> None:
        """The parts come on `day`: a car promised before then is promised for that day, at the
        time of day it was promised (told to the client with the reason, as `/ready` does)."""
        if order.status != OrderStatus.SENT or order.promised_at is None:
            return
        promised = self._local(order.promised_at)
        new = datetime.combine(day, promised.timetz())
        if new <= order.promised_at:
            return
        reason = self._t(client.language, "ws-progress-parts-reason", date=_day(day, client.language))
        await self._promises.move(tx, client, order, new, reason)

    # -- the client's /status --------------------------------------------------------------------

    async def status(self, tx: Tx, client: Client) -> str | None:
        """The car in the workshop as the client reads it in /status; None with no order open."""
        order = await workshop_orders.current_order(tx, client.id)
        if order is None:
            return None
        lang = client.language
        step = await workshop_progress.latest(tx, order.id)
        parts = [self._t(lang, "ws-status-order", id=order.id)]
        if step is not None:
            parts.append(self._t(lang, "ws-status-step", step=self.step_name(lang, step.step),
                                 since=self._client_when(client, step.at)))
            if step.parts_until is not None:
                parts.append(self._t(lang, "ws-progress-until",
                                     date=_day(self._local(step.parts_until).date(), lang)))
        if order.promised_at is not None and order.status == OrderStatus.SENT:
            parts.append(self._t(lang, "ws-status-ready", when=self._client_when(client, order.promised_at)))
        return "\n".join(parts)


def _dated(word: str) -> bool:
    """A word meant as a day ('12.12', '１２.１２', '2026-12-12'): digits of any script with '.'/'-'."""
    return any(ch.isdigit() or looks_numeric(ch) for ch in word)


def _day(day: date, lang: str) -> str:
    return format_date(day, "d MMMM", locale=lang)
