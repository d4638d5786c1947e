"""Erasing one client's personal data, retention sweeps, and what each table is to erasure.

Erasure is in two steps. `scrub` (at once, in the caller's transaction) removes everything the
client is or said: profile, wishes in words, texts they wrote and texts sent to them, notes,
forms, media, pending messages. What the owner's figures need (dates, stages, scores, message
times) stays, linked only to a row that names nobody. `drop_addresses` (once the last message
to the client, the confirmation, has settled) removes the address itself: chat id, WhatsApp
number, Telegram id. A client who writes after that is a new client.

Every table is listed in `COVERED` (erasure touches it) or `NOT_PERSONAL`; a test reads
sqlite_master and fails when a table is in neither, so a new table is decided on, not missed.
"""

from __future__ import annotations

import html
import json
from datetime import datetime

from domain import Stage
from storage import payments
from storage import workshop_erasure as workshop
from storage.db import Tx, to_db

PLACEHOLDER = "—"  # in NOT NULL text columns that held the client's words
ADDRESS_GONE = "erased:"  # external_id and chat_id become 'erased:<client id>'

COVERED = frozenset({
    "clients", "requests", "stage_changes", "eta_changes", "report_replies", "surveys",
    "reviews", "feedback", "notes", "conversations", "message_links", "wa_options",
    "wa_messages", "media_files", "due_tasks", "outbox", "failed_updates",
    "calls", "deal_choices", "pending_questions",  # 0010: calls' words, waiting commands, questions
    "sms_optouts",  # 0033: the number stays stopped, no longer linked to the client
    "merge_offers",  # 0032: the phone two clients shared
    "cars", "legal_checks", "legal_waivers", "viewings",  # 0037: VIN, plate, notes, wishes
    "payments", "offers", "offer_acceptances",  # 0036: the firm's records keep their sums
    "held_messages",  # 0035: what a new client wrote before their topic opened
}) | workshop.COVERED
# Tables without personal values: ids, times, kinds, scores, managers' own names, car reports.
NOT_PERSONAL = frozenset({
    "schema_version", "processed_updates", "messages", "manager_alerts", "managers", "reports",
    "report_media", "accepted_services", "wa_templates",
    "group_topics",  # 0034: which topic of which group is whose (ids only)
    "merges", "merge_moves",  # 0032: ids, times, the names of columns and tables
    "topic_waits", "topic_wave",  # 0035: times only
}) | workshop.NOT_PERSONAL

_OF_CLIENT = "SELECT id FROM requests WHERE client_id = :client"
_SCRUB = (
    # Files the client sent or was sent through WhatsApp, found before the bodies go.
    "DELETE FROM media_files WHERE token IN (SELECT json_extract(m.value, '$.ref')"
    " FROM outbox o, json_each(o.payload, '$.media') m WHERE o.client_id = :client)",
    "DELETE FROM media_files WHERE client_id = :client",
    "UPDATE clients SET name = NULL, username = NULL, phone = NULL, own_phone = NULL,"
    " birth_date = NULL, contact_time = NULL, timezone = NULL, timezone_source = NULL, consent_at = NULL,"
    " banned_at = NULL, banned_by = NULL, ban_told = 0,"  # a ban says something of them too
    " erased_at = COALESCE(erased_at, :now) WHERE id = :client",
    # The wishes in words go; years, budget, stage and dates stay for the figures.
    "UPDATE requests SET car = :gone, must_haves = NULL, deal_breakers = NULL, city = :gone,"
    " deadline = :gone, hard_reason = NULL, cancel_reason = NULL WHERE client_id = :client",
    f"UPDATE stage_changes SET note = NULL WHERE request_id IN ({_OF_CLIENT})",
    f"UPDATE eta_changes SET reason = NULL WHERE request_id IN ({_OF_CLIENT})",
    "UPDATE report_replies SET text = NULL WHERE report_id IN"
    f" (SELECT id FROM reports WHERE request_id IN ({_OF_CLIENT}))",
    "UPDATE surveys SET comment = NULL WHERE client_id = :client",
    "UPDATE reviews SET text = NULL WHERE client_id = :client",
    "UPDATE feedback SET text = :gone WHERE client_id = :client",
    "DELETE FROM notes WHERE client_id = :client",
    # A call's date and who made it stay for the figures; what was said goes.
    "UPDATE calls SET summary = :gone WHERE client_id = :client",
    # Payments and offers are the firm's records: sums, kinds, versions and dates stay; the words
    # (what for, the car, what is included, the terms, the text accepted) go.
    "UPDATE payments SET what = :gone WHERE client_id = :client",
    "UPDATE offers SET car = :gone, included = :gone, terms = :gone, text = :gone"
    f" WHERE request_id IN ({_OF_CLIENT})",
    "UPDATE offer_acceptances SET text = :gone WHERE client_id = :client",
    "DELETE FROM deal_choices WHERE topic_id = (SELECT topic_id FROM clients WHERE id = :client)",
    "DELETE FROM pending_questions WHERE client_id = :client",
    "DELETE FROM merge_offers WHERE first_id = :client OR second_id = :client",
    # The car on file: its VIN, plate and odometer name the person; make, model and year stay.
    "UPDATE cars SET vin = NULL, plate = NULL, plate_key = NULL, colour = NULL, odometer = NULL"
    " WHERE client_id = :client",
    f"UPDATE legal_checks SET note = NULL, media = NULL WHERE request_id IN ({_OF_CLIENT})",
    f"UPDATE legal_waivers SET reason = :gone WHERE request_id IN ({_OF_CLIENT})",
    "UPDATE viewings SET wished = NULL WHERE client_id = :client",
    "DELETE FROM conversations WHERE client_id = :client",
    "DELETE FROM held_messages WHERE client_id = :client",
    "UPDATE topic_waits SET wanted_at = NULL WHERE client_id = :client AND opened_at IS NULL",
    "DELETE FROM message_links WHERE client_id = :client",
    "DELETE FROM wa_options WHERE client_id = :client",
    "UPDATE wa_messages SET params = NULL WHERE client_id = :client",
    # A STOP must outlive the client: the number stays refused, whose it was is forgotten.
    "UPDATE sms_optouts SET client_id = NULL WHERE client_id = :client",
    # A Telegram update of theirs kept after its handling failed (its raw JSON: their words).
    "DELETE FROM failed_updates WHERE CAST(COALESCE(json_extract(raw, '$.message.from.id'),"
    " json_extract(raw, '$.edited_message.from.id'), json_extract(raw, '$.callback_query.from.id'))"
    " AS TEXT) IN (SELECT external_id FROM clients WHERE id = :client AND channel = 'telegram')",
    "UPDATE due_tasks SET status = 'cancelled', done_at = :now"
    " WHERE client_id = :client AND status = 'pending'",
    # Nothing more goes to them or about them; what was sent keeps its status and ids only.
    "UPDATE outbox SET status = 'cancelled', error = 'erased'"
    " WHERE client_id = :client AND status = 'pending'",
    "UPDATE outbox SET payload = '{}' WHERE client_id = :client AND status != 'sending'",
    *workshop.SCRUB,  # the service workshop's tables
)
# A dead letter's notice in General, keyed by its sender's address (they may have had no
# client row yet when it was told): found by that key, not by the name it shows.
_DEAD_LETTERS = (
    "UPDATE outbox SET status = 'cancelled', error = 'erased'"
    " WHERE dedup_key >= :first AND dedup_key < :last AND status = 'pending'",
    "UPDATE outbox SET payload = '{}' WHERE dedup_key >= :first AND dedup_key < :last"
    " AND status != 'sending'",
)
# A sent message in General that named them among others (a digest): its body goes too.
# Messages about them alone (alerts, dead letters) carry their id and went with _SCRUB.
_GENERAL = (
    "UPDATE outbox INDEXED BY outbox_general_bodies SET payload = '{}'"
    " WHERE client_id IS NULL AND payload != '{}'"
    " AND status IN ('sent', 'failed') AND instr(payload, :value) > 0"
)
_ADDRESS = (
    "UPDATE outbox SET payload = '{}', recipient = :gone_address"
    " WHERE client_id = :client AND recipient = :chat",
    "UPDATE outbox SET payload = '{}' WHERE client_id = :client",
    "UPDATE wa_messages SET chat_id = NULL, params = NULL WHERE client_id = :client OR chat_id = :chat",
    "UPDATE clients SET external_id = :gone_address, chat_id = :gone_address WHERE id = :client",
)


async def scrub(tx: Tx, client_id: int, values: list[str], now: datetime) -> None:
    """Step one: the client's personal values and words, everywhere; pending sends cancelled.
    `values` are their name, phone and the like, to find in sent messages about them."""
    params = {"client": client_id, "now": to_db(now), "gone": PLACEHOLDER}
    # Their cars' VINs and plates are looked for in sent messages as their name is.
    for row in await tx.all("SELECT vin, plate FROM cars WHERE client_id = ?", (client_id,)):
        values = [*values, *(value for value in row if value)]
    address = await tx.one("SELECT channel, external_id FROM clients WHERE id = ?", (client_id,))
    for statement in _SCRUB:
        await tx.execute(statement, params)
    if address is not None:
        first = dead_letter_key(address[0], address[1])
        for statement in _DEAD_LETTERS:  # ':' + 1 is ';': every key that starts with `first`
            await tx.execute(statement, {"first": first, "last": first[:-1] + ";"})
    for value in values:
        if len(value) >= 3:  # shorter would match too much; a name of two letters stays rare
            for form in _written_forms(value):
                await tx.execute(_GENERAL, {"value": form})


def dead_letter_key(channel: str, external_id: str) -> str:
    """The start of the outbox key of every dead-letter notice about this sender."""
    return f"dead-letter:{channel}:{external_id}:"


def _written_forms(value: str) -> set[str]:
    """The value as a message body may hold it: as typed, HTML-escaped (O'Brien is stored as
    O&#x27;Brien), and either of those as JSON writes it inside a string."""
    forms = {value, html.escape(value), html.escape(value, quote=False)}
    return forms | {json.dumps(form, ensure_ascii=False)[1:-1] for form in forms}


async def addresses_to_drop(tx: Tx) -> list[tuple[int, str]]:
    """Erased clients whose address is still kept and to whom nothing is on its way."""
    rows = await tx.all(
        "SELECT c.id, c.chat_id FROM clients c"
        " WHERE c.erased_at IS NOT NULL AND c.external_id NOT LIKE 'erased:%'"
        " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.client_id = c.id"
        " AND o.status IN ('pending', 'sending'))"
    )
    return [(row[0], row[1]) for row in rows]


async def drop_address(tx: Tx, client_id: int, chat_id: str) -> None:
    """Step two: the address goes; the row keeps only its id and dates."""
    params = {"client": client_id, "chat": chat_id, "gone_address": f"{ADDRESS_GONE}{client_id}"}
    for statement in _ADDRESS:
        await tx.execute(statement, params)


# A deal whose money or car is in play (a contract signed, a payment pending or made, the car
# on its way) is a live relationship however quiet it is.
IN_PLAY = tuple(stage.value for stage in (Stage.CONTRACT, Stage.DOCUMENTS, Stage.PAID,
                                          Stage.IN_TRANSIT, Stage.ARRIVED))
# Retention erases a client only when no sign of a live relationship is left: no message, call,
# request change or sign-up since the cutoff, no deal in play, no payment or offer since the
# cutoff nor a deal paid in part with the rest still owed, and none in the workshop (an open work
# order, a visit still ahead, anything booked, opened or closed since).
_INACTIVE = (
    # An identity merged into another client is erased with it (its rows moved there).
    "c.erased_at IS NULL AND c.merged_into IS NULL AND c.created_at < :cutoff"
    " AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.client_id = c.id AND m.created_at >= :cutoff)"
    " AND NOT EXISTS (SELECT 1 FROM calls k WHERE k.client_id = c.id AND k.created_at >= :cutoff)"
    " AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.client_id = c.id AND (r.updated_at >= :cutoff"
    f" OR r.stage IN ({', '.join(repr(stage) for stage in IN_PLAY)})))"
    " AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.client_id = c.id AND p.paid_at >= :cutoff)"
    " AND NOT EXISTS (SELECT 1 FROM offers o JOIN requests r ON r.id = o.request_id"
    " WHERE r.client_id = c.id AND o.created_at >= :cutoff)"
    " AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.client_id = c.id AND r.stage != 'cancelled'"
    f" AND (SELECT SUM({payments.signed('p')}) FROM payments p WHERE p.subject = 'deal'"
    " AND p.subject_id = r.id)"
    " < (SELECT o.price + o.fee FROM offers o WHERE o.request_id = r.id ORDER BY o.version DESC LIMIT 1))"
    f" AND NOT {workshop.ACTIVE}"
)


async def inactive_since(tx: Tx, cutoff: datetime) -> list[int]:
    """Clients not erased yet with no sign of a live relationship after `cutoff` (_INACTIVE;
    every client is looked at: run it on a report connection)."""
    rows = await tx.all(f"SELECT c.id FROM clients c WHERE {_INACTIVE}", {"cutoff": to_db(cutoff)})
    return [row[0] for row in rows]


async def still_inactive(tx: Tx, client_id: int, cutoff: datetime) -> bool:
    """The same test for one client, at the moment of erasing (they may have written since)."""
    return bool(await tx.scalar(
        f"SELECT 1 FROM clients c WHERE c.id = :client AND {_INACTIVE}",
        {"client": client_id, "cutoff": to_db(cutoff)},
    ))


async def drop_old_bodies(tx: Tx, before: datetime) -> int:
    """Settled messages older than `before` keep their status and ids, not their text."""
    return await tx.execute(
        "UPDATE outbox INDEXED BY outbox_settled SET payload = '{}'"  # 0011: its WHERE, word for word
        " WHERE status IN ('sent', 'failed', 'cancelled') AND payload != '{}' AND created_at < ?",
        (to_db(before),),
    )
