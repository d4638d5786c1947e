"""The car a client owns, as both sides read it (the deal's handover and the workshop), and the
checks of what a manager types for it: the VIN, the plate, the odometer.

The VIN (ISO 3779): 17 characters of A–Z and 0–9 without I, O and Q. Its 9th character is a
check digit (ISO 3779 leaves it optional; 49 CFR 565 makes it mandatory for cars built for
North America, whose VINs begin with 1–5). So the check digit is enforced only for VINs that
begin with 1–5; a Russian, European or Japanese VIN (X…, Z…, W…, J…) is checked for its form
alone: many carry a plant code or a letter there, and refusing them would refuse real cars.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.numbers import is_number

VIN_LENGTH = 17
NORTH_AMERICA = frozenset("12345")  # the first character of VINs whose check digit is mandatory
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
# Cyrillic letters that look like Latin ones: typed on a Russian keyboard they mean the Latin.
_LOOK_ALIKES = str.maketrans("АВЕКМНОРСТУХ", "ABEKMHOPCTYX")
_SPACING = re.compile(r"[\s\-‐‑–—.]")
PLATE_MAX = 12
MAX_KM = 2_000_000
_KM_NOISE = re.compile(r"[\s.,_]|км|km", re.IGNORECASE)


class VinProblem(StrEnum):
    """Why a VIN is refused (each has its text, `car-vin-<problem>`)."""

    LENGTH = "length"
    CHARACTERS = "characters"  # not A–Z, 0–9
    IOQ = "ioq"  # I, O or Q, which a VIN never has
    CHECK_DIGIT = "check-digit"


def clean_vin(text: str) -> str:
    """As typed → as stored: upper case, spaces and dashes gone, Cyrillic look-alikes Latin."""
    return _SPACING.sub("", text).upper().translate(_LOOK_ALIKES)


def check_digit(vin: str) -> str:
    """The 9th character a valid VIN of this body must carry ('0'–'9' or 'X')."""
    total = sum(_VALUES[ch] * weight for ch, weight in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def vin_problem(vin: str) -> VinProblem | None:
    """What is wrong with a cleaned VIN, or None when it is one."""
    if len(vin) != VIN_LENGTH:
        return VinProblem.LENGTH
    if not (vin.isascii() and vin.isalnum()):
        return VinProblem.CHARACTERS
    if any(ch in "IOQ" for ch in vin):
        return VinProblem.IOQ
    if vin[0] in NORTH_AMERICA and vin[8] != check_digit(vin):
        return VinProblem.CHECK_DIGIT
    return None


def clean_plate(text: str) -> str | None:
    """A registration plate as stored (upper case, single spaces), or None when it cannot be
    one: letters and digits only (any alphabet), 2 to PLATE_MAX of them, at least one digit."""
    plate = " ".join(text.upper().split())
    body = plate_key(plate)
    if not 2 <= len(body) <= PLATE_MAX or not body.isalnum() or not any(ch.isdigit() for ch in body):
        return None
    if any(ch.isdigit() and not ch.isascii() for ch in body):
        return None
    return plate


def plate_key(plate: str) -> str:
    """What /find compares: 'а 123 вс 77' and 'A123BC77' are one plate."""
    return _SPACING.sub("", plate).upper().translate(_LOOK_ALIKES)


def read_km(text: str) -> int | None:
    """'68 200 км' → 68200; None unless ASCII digits ('68²' is not a reading) within MAX_KM."""
    km = _KM_NOISE.sub("", text)
    if not is_number(km) or len(km) > len(str(MAX_KM)) or int(km) > MAX_KM:
        return None
    return int(km)


@dataclass(frozen=True)
class Car:
    """A client's car on file (table `cars`): bought through a deal (`request_id`) or not."""

    id: int
    client_id: int
    request_id: int | None
    make: str | None
    model: str | None
    year: int | None
    vin: str | None
    plate: str | None
    colour: str | None
    odometer: int | None  # km at handover
    handed_over_at: datetime | None
    recorded_by: int | None
    created_at: datetime
    updated_at: datetime

    @property
    def title(self) -> str:
        """'Toyota RAV4 2019, А 123 ВС 777': how the workshop and the card name it."""
        name = " ".join(str(part) for part in (self.make, self.model, self.year) if part)
        return ", ".join(part for part in (name, self.plate) if part)
