"""Work owed once at a moment (a survey, a reminder, a check after a visit): its kinds, and the
one key each kind is owed under. A key is owed once: owing it again changes nothing (a
cancelled one comes back), so the keys below are the whole of "once" and are built only here.

What each kind does when it falls due is registered with the services
(`bot/services/followups/owed.py`: one `DueKind` per kind)."""

from __future__ import annotations

from enum import StrEnum


class Owed(StrEnum):
    # the car procedure (bot/services/followups/tasks.py)
    SURVEY = "survey"
    REVIEW_REMINDER = "review_reminder"
    LONG_FOLLOWUP = "long_followup"
    BIRTHDAY = "birthday"
    # promises of a manager's answer (bot/services/followups/answers.py): warned, then lapsed
    CRITIQUE_SOON = "critique_soon"
    CRITIQUE_LAPSED = "critique_lapsed"
    SERVICE_SOON = "service_soon"
    SERVICE_LAPSED = "service_lapsed"
    # the service workshop (bot/services/workshop/desk.py)
    VISIT_REMINDER = "visit_reminder"
    NO_SHOW = "no_show"
    PROMISE_SOON = "promise_soon"
    PROMISE_LAPSED = "promise_lapsed"
    CHECK = "check"
    CHECK_REVIEW = "check_review"
    DEFERRED = "deferred"
    ORDER_PDF = "order_pdf"  # the work order as agreed, to the client (workshop/documents.py)
    # the money of a deal (bot/services/money/offers.py)
    OFFER_LAPSED = "offer_lapsed"
    # viewings and test drives of a reported car (bot/services/inspection/viewings.py)
    VIEWING_REMINDER = "viewing_reminder"
    VIEWING_HELD = "viewing_held"


def survey_key(request_id: int) -> str:
    return f"{Owed.SURVEY}:{request_id}"


def review_reminder_key(request_id: int) -> str:
    return f"{Owed.REVIEW_REMINDER}:{request_id}"


def long_followup_key(request_id: int) -> str:
    return f"{Owed.LONG_FOLLOWUP}:{request_id}"


def birthday_key(client_id: int, year: int) -> str:
    return f"{Owed.BIRTHDAY}:{client_id}:{year}"


def answer_key(kind: Owed, ref_id: int) -> str:
    """A warning before, or the lapse of, one promised answer: to a critique (`ref_id`: the
    feedback) or about an accepted extra service (the acceptance)."""
    assert kind in (Owed.CRITIQUE_SOON, Owed.CRITIQUE_LAPSED, Owed.SERVICE_SOON,
                    Owed.SERVICE_LAPSED)
    return f"{kind}:{ref_id}"


def visit_reminder_key(booking_id: int, stamp: str) -> str:
    """`stamp`: the slot's local start; a booking moved to another slot owes a new reminder."""
    return f"visit:{booking_id}:{stamp}"


def no_show_key(booking_id: int, stamp: str) -> str:
    return f"{Owed.NO_SHOW}:{booking_id}:{stamp}"


def promise_key(kind: Owed, order_id: int, stamp: str) -> str:
    """A warning before (`PROMISE_SOON`) or at (`PROMISE_LAPSED`) one promised time."""
    assert kind in (Owed.PROMISE_SOON, Owed.PROMISE_LAPSED)
    return f"{kind}:{order_id}:{stamp}"


def order_pdf_key(order_id: int, version: int) -> str:
    """The work order's PDF, once per version the client agreed."""
    return f"{Owed.ORDER_PDF}:{order_id}:{version}"


def check_key(order_id: int) -> str:
    return f"{Owed.CHECK}:{order_id}"


def check_review_key(check_id: int) -> str:
    return f"{Owed.CHECK_REVIEW}:{check_id}"


def deferred_key(line_id: int) -> str:
    return f"{Owed.DEFERRED}:{line_id}"


def offer_lapsed_key(offer_id: int) -> str:
    """One version of an offer lapses once (a new version is a new row, a new key)."""
    return f"{Owed.OFFER_LAPSED}:{offer_id}"


def viewing_key(kind: Owed, viewing_id: int, stamp: str) -> str:
    """The reminder before (`VIEWING_REMINDER`) or the impression after (`VIEWING_HELD`) one
    agreed time (`stamp`, the firm's wall time): a viewing moved to another time owes anew."""
    assert kind in (Owed.VIEWING_REMINDER, Owed.VIEWING_HELD)
    return f"{kind}:{viewing_id}:{stamp}"
