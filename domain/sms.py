"""SMS as the networks bill it: segments of GSM-7 or UCS-2, the opt-out words, a client's number.

A text whose every character is in the GSM 03.38 alphabet travels as GSM-7: 160 characters in
one segment, 153 per segment once it needs several (the rest of each carries the joining
header); the extension characters (`€ [ ] { } ^ ~ | \\`) take two. Any other character (a
Cyrillic letter, an emoji, «») makes the whole message UCS-2: 70 UTF-16 units in one segment,
67 per segment after that; an emoji is two units. The codec is the `gsm0338` package's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import gsm0338  # noqa: F401 - registers the "gsm03.38" codec

from domain import Channel, Client

MAX_SEGMENTS = 2  # what one of our SMS may cost
GSM_SINGLE, GSM_PART = 160, 153
UCS_SINGLE, UCS_PART = 70, 67

# Twilio's standard opt-out and opt-in words (its Advanced Opt-Out defaults), and ours in
# Russian. Twilio itself answers them on a long code; we record them so nothing more is sent.
STOP_WORDS = frozenset({
    "stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout", "revoke",
    "стоп", "отписаться", "отписка",
})
START_WORDS = frozenset({"start", "unstop", "yes", "старт"})


@dataclass(frozen=True)
class Length:
    """A text as one SMS: its encoding, its length in that encoding's units, its segments."""

    gsm: bool
    units: int
    segments: int


def measure(text: str) -> Length:
    try:
        units = len(text.encode("gsm03.38"))
        gsm = True
    except UnicodeError:
        units = len(text.encode("utf-16-le")) // 2
        gsm = False
    single, part = (GSM_SINGLE, GSM_PART) if gsm else (UCS_SINGLE, UCS_PART)
    segments = 1 if units <= single else math.ceil(units / part)
    return Length(gsm, units, segments)


# Typography GSM-7 lacks, as Twilio's Smart Encoding writes it: used only when the whole text
# then fits GSM-7 (a Latin text); a Cyrillic one is UCS-2 anyway and keeps its typography.
_PLAIN = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2014": "-",
                        "\u2013": "-", "\u2212": "-", "\u00ab": '"', "\u00bb": '"',
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'",
                        "\u2019": "'", "\u2026": "..."})


def cheapest(text: str) -> str:
    """`text` with GSM-7's plain quotes, dashes and spaces when that makes it GSM-7."""
    plain = text.translate(_PLAIN)
    return plain if measure(plain).gsm else text


def fits(text: str, segments: int = MAX_SEGMENTS) -> bool:
    return measure(text).segments <= segments


def cut(text: str, segments: int = MAX_SEGMENTS, mark: str = "…") -> str:
    """The longest start of `text` (at a word where possible) that fits, with `mark` if cut."""
    if fits(text, segments):
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its mark
        middle = (low + high + 1) // 2
        if fits(text[:middle].rstrip() + mark, segments):
            low = middle
        else:
            high = middle - 1
    head = text[:low]
    space = head.rfind(" ")
    if space > low * 3 // 4:
        head = head[:space]
    return head.rstrip() + mark


def pieces(text: str, segments: int = MAX_SEGMENTS) -> list[str]:
    """`text` as SMS of at most `segments` each, cut at a paragraph, line or word."""
    rest, found = text.strip(), []
    while rest and not fits(rest, segments):
        head = cut(rest, segments, mark="")
        for sep in ("\n\n", "\n", ". ", ", ", " "):
            at = head.rfind(sep)
            if at > len(head) // 2:
                head = head[:at + len(sep.rstrip())]  # a full stop or comma stays with its words
                break
        found.append(head.rstrip())
        rest = rest[len(head):].lstrip()
    if rest:
        found.append(rest)
    return found


def word(text: str) -> str | None:
    """'stop' or 'start' when the whole message is one of the opt-out or opt-in words."""
    said = text.strip().strip(".!").casefold()
    if said in STOP_WORDS:
        return "stop"
    if said in START_WORDS:
        return "start"
    return None


def number_of(client: Client) -> str | None:
    """The client's number in E.164 where SMS can reach it: an SMS client's own address, a
    WhatsApp client's WhatsApp number, or the phone the client gave."""
    if client.channel is Channel.SMS:
        return client.chat_id
    if client.channel is Channel.WHATSAPP and client.external_id.isascii() and client.external_id.isdigit():
        return f"+{client.external_id}"
    return client.phone or None
