"""Rows for `/export`: the period's requests, surveys, critique, reports, calls, cars bought,
offers and payments, as stored."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from storage.db import Tx, to_db
from storage.payments import signed
from storage.stats import DIMENSIONS, LEAD

_PERIOD = "{column} >= ? AND {column} < ?"


async def tables(tx: Tx, start: datetime, end: datetime) -> dict[str, list[dict[str, Any]]]:
    """Each table's rows, oldest first; `manager_id` as in /stats (lead manager, or author)."""
    window = (to_db(start), to_db(end))
    found = {}
    for name, sql in _QUERIES.items():
        found[name] = [dict(row) for row in await tx.all(sql, window)]
    for report in found["reports"]:
        report["replies"] = json.loads(report["replies"])
    return found


_QUERIES = {
    "requests": (
        "SELECT r.id, r.created_at, c.name AS client, c.phone, r.car, r.year_from, r.year_to,"
        " r.budget, r.city, r.deadline, r.stage, r.hard_search_time, r.eta, r.handed_over_at,"
        f" r.cancel_reason, r.lead_source, {LEAD.format(client='r.client_id')} AS manager_id,"
        " (SELECT COUNT(*) FROM reports p WHERE p.request_id = r.id AND p.sent_at IS NOT NULL)"
        " AS reports_sent FROM requests r JOIN clients c ON c.id = r.client_id"
        f" WHERE {_PERIOD.format(column='r.created_at')} ORDER BY r.id"
    ),
    "surveys": (
        "SELECT s.id, s.request_id, c.name AS client, s.sent_at, s.completed_at,"
        f" {', '.join(f's.{d}' for d in DIMENSIONS)}, s.nps, s.comment,"
        f" {LEAD.format(client='s.client_id')} AS manager_id"
        " FROM surveys s JOIN clients c ON c.id = s.client_id"
        f" WHERE {_PERIOD.format(column='s.sent_at')} ORDER BY s.id"
    ),
    "critique": (
        "SELECT f.id, f.created_at, c.name AS client, f.request_id, f.text,"
        f" {LEAD.format(client='f.client_id')} AS manager_id"
        " FROM feedback f JOIN clients c ON c.id = f.client_id"
        f" WHERE {_PERIOD.format(column='f.created_at')} ORDER BY f.id"
    ),
    # Reports that reached the client, each with everything the client said about it, in order.
    "reports": (
        "SELECT p.id, p.request_id, c.name AS client, p.title, p.author_id AS manager_id,"
        " p.sent_at, p.reaction, p.reaction_at,"
        " (SELECT json_group_array(json_array(kind, text)) FROM (SELECT rr.kind, rr.text"
        " FROM report_replies rr WHERE rr.report_id = p.id ORDER BY rr.id)) AS replies"
        " FROM reports p JOIN requests r ON r.id = p.request_id JOIN clients c ON c.id = r.client_id"
        f" WHERE {_PERIOD.format(column='p.sent_at')} ORDER BY p.id"
    ),
    # Phone calls managers recorded (/call), credited to who called.
    "calls": (
        "SELECT k.id, k.created_at, c.name AS client, k.request_id, k.summary, k.told_client,"
        " k.manager_id FROM calls k JOIN clients c ON c.id = k.client_id"
        f" WHERE {_PERIOD.format(column='k.created_at')} ORDER BY k.id"
    ),
    # The client base (plan 8): each car bought, handed over (else recorded) in the period.
    "cars": (
        "SELECT k.request_id, c.name AS client, c.phone, c.birth_date, k.make, k.model, k.year,"
        " k.vin, k.plate, k.colour, k.odometer, k.handed_over_at,"
        f" {LEAD.format(client='k.client_id')} AS manager_id"
        " FROM cars k JOIN clients c ON c.id = k.client_id"
        f" WHERE {_PERIOD.format(column='COALESCE(k.handed_over_at, k.created_at)')} ORDER BY k.id"
    ),
    # Offers made in the period (/offer), a row per version, with its acceptance (the consent
    # record: when and through which channel) and whether it lapsed.
    "offers": (
        "SELECT o.id, o.request_id, c.name AS client, o.version, o.car, o.price, o.fee, o.deposit,"
        " o.valid_until, o.created_at, a.at AS accepted_at, a.channel AS accepted_via, o.lapsed_at,"
        " o.manager_id FROM offers o JOIN requests r ON r.id = o.request_id"
        " JOIN clients c ON c.id = r.client_id LEFT JOIN offer_acceptances a ON a.offer_id = o.id"
        f" WHERE {_PERIOD.format(column='o.created_at')} ORDER BY o.id"
    ),
    # Payments recorded in the period (/paid), for a deal or a workshop order; a correction's
    # amount negative.
    "payments": (
        f"SELECT p.id, p.paid_at, c.name AS client, p.subject, p.subject_id, {signed('p')} AS amount,"
        " p.kind,"
        " p.what, p.manager_id FROM payments p JOIN clients c ON c.id = p.client_id"
        f" WHERE {_PERIOD.format(column='p.paid_at')} ORDER BY p.id"
    ),
}
