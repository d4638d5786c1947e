"""A client's time zone: from the city they name (the table shipped in `cities.csv`), from
their phone number where it says one zone, or as they or a manager set it (an IANA name or a
city). Every layer may ask; nothing here knows a client, a database or a messenger.

How the zone is chosen, and what each source may overwrite, is in docs/timezones.md.
"""

from __future__ import annotations

import csv
import re
from enum import StrEnum
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

import phonenumbers
from phonenumbers import timezone as phone_zones

MAX_TEXT = 200  # longer is no city and no zone name


class ZoneSource(StrEnum):
    """Where a client's zone came from; an explicit choice is never overwritten by a guess."""

    PHONE = "phone"  # the number's area code names one zone
    CITY = "city"  # the city of their request, from the table
    CLIENT = "client"  # /settings
    MANAGER = "manager"  # /set #N tz ...

    @property
    def explicit(self) -> bool:
        return self in (ZoneSource.CLIENT, ZoneSource.MANAGER)


RANK = {ZoneSource.PHONE: 0, ZoneSource.CITY: 1, ZoneSource.CLIENT: 2, ZoneSource.MANAGER: 2}

# The zones a client picks from in /settings, west to east (Russia's eleven, as people name them).
COMMON = (
    "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk",
    "Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok",
    "Asia/Magadan", "Asia/Kamchatka",
)

# What the phone library says under a name whose rules are another country's (same offset
# today, but Romania keeps summer time and Kaliningrad does not).
_PHONE_ALIASES = {("RU", "Europe/Bucharest"): "Europe/Kaliningrad", ("BY", "Europe/Moscow"): "Europe/Minsk"}
_SPLIT = re.compile(r"[,;/()]")
_NOISE = re.compile(r"^(?:г|гор|город|city of)\s+|\s+(?:г|city)$")


def normalize(text: str) -> str:
    """'г. Ростов-на-Дону' → 'ростов на дону': case, ё, hyphens, dots and the word «город» aside."""
    text = text.casefold().replace("ё", "е")
    text = re.sub(r"[-‐‑‒–—.\"'«»]", " ", text)
    text = " ".join(text.split())
    return _NOISE.sub("", text).strip()


@cache
def _table() -> dict[str, frozenset[str]]:
    """Every spelling → the zones it names (two zones: ambiguous)."""
    found: dict[str, set[str]] = {}
    source = resources.files("domain").joinpath("cities.csv")
    with source.open(encoding="utf-8") as file:
        rows = csv.DictReader(line for line in file if not line.startswith("#"))
        for row in rows:
            zone = row["zone"].strip()
            ZoneInfo(zone)  # a typo in the table fails loudly, in the tests
            names = [row["ru"], row["en"], *(row["other"] or "").split(";")]
            for name in names:
                if key := normalize(name):
                    found.setdefault(key, set()).add(zone)
    return {name: frozenset(zones) for name, zones in found.items()}


def cities() -> dict[str, frozenset[str]]:
    """The table as read (for the tests and the docs)."""
    return dict(_table())


def zone_of_city(text: str) -> str | None:
    """The zone of the city named, or None: unknown, ambiguous (Благовещенск), or the text
    names cities of two zones ('Москва / Владивосток'). 'Новосибирск, Академгородок' and
    'Moscow, Russia' find their city; so does a known name followed by more words."""
    if not text or len(text) > MAX_TEXT:
        return None
    zones: set[str] = set()
    for part in _SPLIT.split(text):
        found = _part_zones(normalize(part))
        if found is None:
            continue
        if len(found) > 1:
            return None  # this name is a city in two zones
        zones |= found
    return next(iter(zones)) if len(zones) == 1 else None


def _part_zones(part: str) -> frozenset[str] | None:
    if not part:
        return None
    table = _table()
    if part in table:
        return table[part]
    words = part.split()
    for end in range(len(words) - 1, 0, -1):  # the longest known name the part begins with
        if (head := " ".join(words[:end])) in table:
            return table[head]
    return None


def zone_of_phone(e164: str | None) -> str | None:
    """The zone the phone library gives for the number, only when it gives exactly one (a
    Russian mobile '+7 9xx' names all eleven zones; '+7 383' Novosibirsk's)."""
    if not e164:
        return None
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    zones = [z for z in phone_zones.time_zones_for_number(number) if z in _known()]
    if len(zones) != 1:
        return None
    region = phonenumbers.region_code_for_number(number) or ""
    return _PHONE_ALIASES.get((region, zones[0]), zones[0])


@cache
def _known() -> frozenset[str]:
    return frozenset(available_timezones())


@cache
def _by_folded() -> dict[str, str]:
    return {name.casefold(): name for name in _known()}


def zone_named(text: str) -> str | None:
    """An IANA name in any case ('asia/novosibirsk'), or a city of the table; None otherwise
    (a path, an unknown name, an ambiguous city)."""
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        return None
    return _by_folded().get(text.casefold()) or zone_of_city(text)


def valid(zone: str | None) -> str | None:
    """A stored zone if it is still a zone this machine knows (tzdata may drop a link)."""
    return zone if zone is not None and zone in _known() else None


def zone_or(zone: str | None, default: ZoneInfo) -> ZoneInfo:
    """The client's zone, or the firm's when theirs is unknown."""
    known = valid(zone)
    return ZoneInfo(known) if known is not None else default
