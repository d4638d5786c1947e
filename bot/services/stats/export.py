"""`/export`: the period's data as CSV files the owner opens in a spreadsheet.

One file per table (requests, surveys with every answer, critique, reports with the client's
reactions, calls, the cars bought: the client base); headers in the managers' language, times in
the firm's zone, UTF-8 with a byte order mark so spreadsheet programs read the Cyrillic right.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.services.privacy.cells import csv_file
from storage.stats import DIMENSIONS

# (field, header key, how the value is written)
COLUMNS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "requests": (
        ("id", "export-col-request", "plain"),
        ("created_at", "export-col-created", "time"),
        ("client", "export-col-client", "plain"),
        ("phone", "field-phone", "plain"),
        ("car", "field-car", "plain"),
        ("year_from", "export-col-year-from", "plain"),
        ("year_to", "export-col-year-to", "plain"),
        ("budget", "field-budget", "plain"),
        ("city", "field-city", "plain"),
        ("deadline", "field-deadline", "plain"),
        ("stage", "export-col-stage", "stage"),
        ("hard_search_time", "export-col-hard", "plain"),
        ("eta", "export-col-eta", "plain"),
        ("handed_over_at", "export-col-handed-over", "time"),
        ("cancel_reason", "export-col-cancel-reason", "plain"),
        ("reports_sent", "export-col-reports-sent", "plain"),
        ("lead_source", "export-col-source", "plain"),  # LEAD_SOURCES (issue 23)
        ("manager_id", "export-col-manager", "manager"),
    ),
    "surveys": (
        ("id", "export-col-survey", "plain"),
        ("request_id", "export-col-request", "plain"),
        ("client", "export-col-client", "plain"),
        ("sent_at", "export-col-sent", "time"),
        ("completed_at", "export-col-completed", "time"),
        *((name, f"survey-label-{name}", "plain") for name in (*DIMENSIONS, "nps", "comment")),
        ("manager_id", "export-col-manager", "manager"),
    ),
    "critique": (
        ("id", "export-col-critique", "plain"),
        ("created_at", "export-col-created", "time"),
        ("client", "export-col-client", "plain"),
        ("request_id", "export-col-request", "plain"),
        ("text", "export-col-text", "plain"),
        ("manager_id", "export-col-manager", "manager"),
    ),
    "reports": (
        ("id", "export-col-report", "plain"),
        ("request_id", "export-col-request", "plain"),
        ("client", "export-col-client", "plain"),
        ("title", "field-car", "plain"),
        ("manager_id", "export-col-manager", "manager"),
        ("sent_at", "export-col-sent", "time"),
        ("reaction", "export-col-reaction", "reaction"),
        ("reaction_at", "export-col-reaction-at", "time"),
        ("replies", "export-col-replies", "replies"),
    ),
    "calls": (
        ("id", "export-col-call", "plain"),
        ("created_at", "export-col-created", "time"),
        ("client", "export-col-client", "plain"),
        ("request_id", "export-col-request", "plain"),
        ("summary", "export-col-summary", "plain"),
        ("told_client", "export-col-told-client", "yes"),
        ("manager_id", "export-col-manager", "manager"),
    ),
    # The client base (plan 8): name, birth date, phone and the car bought (the car on file).
    "cars": (
        ("request_id", "export-col-request", "plain"),
        ("client", "export-col-client", "plain"),
        ("phone", "field-phone", "plain"),
        ("birth_date", "field-birth_date", "plain"),
        *((name, f"car-field-{name}", "plain") for name in
          ("make", "model", "year", "vin", "plate", "colour", "odometer")),
        ("handed_over_at", "export-col-handed-over", "time"),
        ("manager_id", "export-col-manager", "manager"),
    ),
    # Payments recorded (/paid), for a deal or a workshop order (bot/services/money).
    "offers": (  # each version of an offer and its acceptance (issue 23)
        ("id", "export-col-offer", "plain"),
        ("request_id", "export-col-request", "plain"),
        ("client", "export-col-client", "plain"),
        ("version", "export-col-offer-version", "plain"),
        ("car", "offer-field-car", "plain"),
        ("price", "offer-field-price", "plain"),
        ("fee", "offer-field-fee", "plain"),
        ("deposit", "offer-field-deposit", "plain"),
        ("valid_until", "offer-field-valid_until", "plain"),
        ("created_at", "export-col-created", "time"),
        ("accepted_at", "export-col-accepted-at", "time"),
        ("accepted_via", "export-col-accepted-via", "plain"),
        ("lapsed_at", "export-col-lapsed-at", "time"),
        ("manager_id", "export-col-manager", "manager"),
    ),
    "payments": (
        ("id", "export-col-payment", "plain"),
        ("paid_at", "export-col-paid-at", "time"),
        ("client", "export-col-client", "plain"),
        ("subject", "export-col-paid-for", "subject"),
        ("subject_id", "export-col-paid-for-number", "plain"),
        ("amount", "export-col-amount", "plain"),
        ("kind", "export-col-payment-kind", "payment_kind"),
        ("what", "export-col-payment-what", "plain"),
        ("manager_id", "export-col-manager", "manager"),
    ),
}


def export_files(
    tables: dict[str, list[dict[str, Any]]],
    names: dict[int, str],
    translate: Translator,
    lang: str,
    zone: ZoneInfo,
) -> dict[str, tuple[bytes, int]]:
    """Table name → (the CSV file, its number of data rows)."""
    cell = _Cells(translate, lang, zone, names)
    files = {}
    for table, columns in COLUMNS.items():
        header = [translate(lang, key) for _, key, _ in columns]
        rows = ([cell(how, row[name]) for name, _, how in columns] for row in tables[table])
        files[table] = (csv_file(header, rows), len(tables[table]))
    return files


class _Cells:
    def __init__(self, translate: Translator, lang: str, zone: ZoneInfo, names: dict[int, str]) -> None:
        self._t = translate
        self._lang = lang
        self._zone = zone
        self._names = names
        self._labels: dict[str, str] = {}  # a stage or reaction name, translated once
        self._writers: dict[str, Callable[[Any], str]] = {
            "plain": lambda value: "" if value is None else str(value),
            "time": self._time,
            "stage": lambda value: self._label(f"stage-{value}"),
            "manager": self._manager,
            "reaction": lambda value: self._label(f"reaction-{value}") if value else "",
            "replies": self._replies,
            "yes": lambda value: self._label("export-yes") if value else "",
            "subject": lambda value: self._label(f"money-subject-{value}"),
            "payment_kind": lambda value: self._label(f"money-kind-{value}"),
        }

    def __call__(self, how: str, value: Any) -> str:
        return self._writers[how](value)

    def _label(self, key: str) -> str:
        if key not in self._labels:
            self._labels[key] = self._t(self._lang, key)
        return self._labels[key]

    def _time(self, value: str | None) -> str:
        if value is None:
            return ""
        # The stored form is ISO 8601 in UTC; fromisoformat reads it many times faster.
        moment = datetime.fromisoformat(value).replace(tzinfo=UTC)
        return moment.astimezone(self._zone).strftime("%Y-%m-%d %H:%M")

    def _manager(self, manager_id: int | None) -> str:
        if manager_id is None:
            return ""
        return self._names.get(manager_id) or self._t(self._lang, "stats-manager-id", id=str(manager_id))

    def _replies(self, replies: list[list[str | None]]) -> str:
        """What the client said, in order: reactions by name, words after their kind."""
        lines = []
        for kind, text in replies:
            label = self._label("export-reply-impression" if kind == "impression" else f"reaction-{kind}")
            lines.append(f"{label}: {text}" if text else label)
        return "\n".join(lines)
