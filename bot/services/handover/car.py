"""The bought car on file: `/car #N` in the client's topic records the car the client bought
(make, model, year, VIN, plate, colour, odometer at handover) as a short form of `Label: value`
lines; from then on it is the client's car for the card, /find, the export and the workshop
(docs/cars.md). A malformed line is refused with what is wrong and the form to send again.

    /car #12
    Марка: Toyota
    Модель: RAV4
    Год: 2019
    VIN: JTMBFREV10D012345
    Номер: А123ВС777
    Цвет: белый
    Пробег: 68 000
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from bot.services.base import Deal, Desk, Kit
from bot.services.news import DealNews
from bot.services.validation import InvalidAnswer, clean_text
from domain import Stage
from domain.cars import Car, clean_plate, clean_vin, read_km, vin_problem
from domain.numbers import is_number
from storage import cars

# The labels a line may start with, in either language (compared in lower case).
LABELS: dict[str, tuple[str, ...]] = {
    "make": ("марка", "make", "brand"),
    "model": ("модель", "model"),
    "year": ("год", "год выпуска", "year"),
    "vin": ("vin", "вин", "vin-код", "vin код"),
    "plate": ("номер", "госномер", "гос. номер", "гос номер", "plate", "reg", "registration"),
    "colour": ("цвет", "colour", "color"),
    "odometer": ("пробег", "одометр", "odometer", "mileage"),
}
REQUIRED = ("make", "model", "year", "odometer")  # the first record must have these
TEXT_LIMITS = {"make": 40, "model": 60, "colour": 40}
FIRST_YEAR = 1950
# A car is the client's once it is paid for; a cancelled deal bought nothing.
BOUGHT = frozenset({Stage.PAID, Stage.IN_TRANSIT, Stage.ARRIVED, Stage.HANDED_OVER, Stage.CLOSED})
_LINE = re.compile(r"^([^:]{1,30}):\s*(.*)$")


@dataclass
class CarForm:
    """What a /car form said: the values read, the lines kept as typed, what is wrong."""

    values: dict[str, object] = field(default_factory=dict)
    typed: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[str, dict[str, object]]] = field(default_factory=list)


def field_of(label: str) -> str | None:
    word = " ".join(label.lower().split())
    return next((name for name, labels in LABELS.items() if word in labels), None)


def read_form(text: str, next_year: int) -> CarForm:
    """Every line of the form read and checked; problems as (locale key, its values)."""
    form = CarForm()
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        match = _LINE.match(line)
        name = field_of(match.group(1)) if match else None
        if match is None or name is None:
            form.problems.append(("car-unknown-line", {"line": escape(line[:80])}))
            continue
        typed = match.group(2).strip()
        form.typed[name] = typed
        value, problem = _read(name, typed, next_year)
        if problem is not None:
            form.problems.append(problem)
        else:
            form.values[name] = value
    return form


def _read(name: str, typed: str, next_year: int) -> tuple[object, tuple[str, dict[str, object]] | None]:
    shown = escape(typed[:40]) or "—"
    if name == "vin":
        vin = clean_vin(typed)
        problem = vin_problem(vin)
        if problem is not None:
            return None, (f"car-vin-{problem}", {"vin": shown, "length": len(vin)})
        return vin, None
    if name == "plate":
        plate = clean_plate(typed)
        return (plate, None) if plate else (None, ("car-bad-plate", {"plate": shown}))
    if name == "year":
        if not is_number(typed) or len(typed) != 4 or not FIRST_YEAR <= int(typed) <= next_year:
            return None, ("car-bad-year", {"year": shown, "first": FIRST_YEAR, "last": next_year})
        return int(typed), None
    if name == "odometer":
        km = read_km(typed)
        return (km, None) if km is not None else (None, ("car-bad-odometer", {"km": shown}))
    try:
        return clean_text(typed, TEXT_LIMITS[name]), None
    except InvalidAnswer:
        return None, ("car-bad-text", {"field": name, "limit": TEXT_LIMITS[name]})


class CarDesk(Desk):
    def __init__(self, kit: Kit, news: DealNews) -> None:
        super().__init__(kit)
        self._news = news

    async def car(self, topic_id: int | None, message_id: int, manager_id: int, args: str) -> None:
        await self._on_deal(topic_id, message_id, manager_id, "car", args,
                            lambda deal, rest: self._car(deal, manager_id, rest))

    async def _car(self, deal: Deal, manager_id: int, text: str) -> None:
        request, tx = deal.request, deal.tx
        known = await cars.of_request(tx, request.id)
        if not text.strip():
            await self._show(deal, known)
            return
        stage = Stage(request.stage)
        if stage not in BOUGHT:
            await self._reply(deal, "car-not-bought", id=request.id,
                              stage=self._t(self._lang, f"stage-{stage}"),
                              paid=self._t(self._lang, f"stage-{Stage.PAID}"))
            return
        form = read_form(text, self._clock.now().year + 1)
        missing = [] if known else [name for name in REQUIRED if name not in form.typed]
        problems = [self._t(self._lang, key, **{**args, **(
            {"field": self._label(str(args["field"]))} if "field" in args else {})})
            for key, args in form.problems]
        problems += [self._t(self._lang, "car-missing", field=self._label(name)) for name in missing]
        if problems:
            await self._reply(deal, "car-invalid", id=request.id, problems="\n".join(
                f"• {problem}" for problem in problems), form=self._form(form, known))
            return
        car = await cars.record(tx, deal.client.id, request.id, form.values,
                                request.handed_over_at, manager_id, self._clock.now())
        await self._news.refresh_card(tx, deal.client, request.id)
        await self._reply(deal, "car-recorded", id=request.id, car=self.describe(self._lang, car))

    async def _show(self, deal: Deal, car: Car | None) -> None:
        if car is None:
            await self._reply(deal, "car-none", id=deal.request.id, form=self._form(CarForm(), None))
            return
        await self._reply(deal, "car-shown", id=deal.request.id, car=self.describe(self._lang, car))

    def describe(self, lang: str, car: Car) -> str:
        """The car as labelled lines (the topic's answers, the card)."""
        km = (self._t(lang, "car-km", km=f"{car.odometer:,}".replace(",", "\u202f"))
              if car.odometer is not None else None)
        values = {"make": car.make, "model": car.model, "year": car.year, "vin": car.vin,
                  "plate": car.plate, "colour": car.colour, "odometer": km}
        return "\n".join(self._t(lang, "car-line", field=self._label(name, lang),
                                 value=escape(str(value)) if value is not None else "—")
                         for name, value in values.items())

    def _label(self, name: str, lang: str | None = None) -> str:
        return self._t(lang or self._lang, f"car-field-{name}")

    def _form(self, form: CarForm, known: Car | None) -> str:
        """The form to send again: what was typed well kept, what was wrong left blank."""
        lines = []
        for name in LABELS:
            value = form.typed.get(name, "") if name in form.values else ""
            if not value and known is not None:
                value = str(getattr(known, name) or "")
            lines.append(f"{self._label(name)}: {escape(value)}")
        return "\n".join(lines)
