"""What erasing a client does to the workshop's tables (called by storage/erasure.py).

The client's words (what was wrong, the car and plate, notes, a check's comment, the defect's
photo, the odometer) go; kinds, slots, statuses, prices, decisions and times stay for the
figures, linked to a client row that names nobody.
"""

from __future__ import annotations

COVERED = frozenset({
    "ws_bookings", "ws_orders", "ws_lines", "ws_promises", "ws_checks", "ws_readings",
    "ws_qc_waivers",  # the reason a check was waived, in a manager's words (issue 24)
    "ws_acts", "ws_act_photos", "ws_act_versions",  # the reception act: its words and photos
})
# The consent records (decision, price, channel, time), invitations sent, "don't remind me".
NOT_PERSONAL = frozenset({"ws_consents", "ws_invitations", "ws_opt_out",
                          # the quality check's items and ticks, the car's progress steps
                          "ws_qc_items", "ws_qc_ticks", "ws_progress",
                          "ws_act_consents"})  # the act's confirmations: version, channel, time

SCRUB = (
    "UPDATE ws_bookings SET problem = NULL, car = NULL, odometer = NULL, note = NULL"
    " WHERE client_id = :client",
    "UPDATE ws_orders SET title = NULL, advice = NULL WHERE client_id = :client",
    "UPDATE ws_lines SET media = NULL WHERE order_id IN"
    " (SELECT id FROM ws_orders WHERE client_id = :client)",
    "UPDATE ws_promises SET reason = NULL WHERE order_id IN"
    " (SELECT id FROM ws_orders WHERE client_id = :client)",
    "UPDATE ws_checks SET comment = NULL WHERE client_id = :client",
    "UPDATE ws_qc_waivers SET reason = '' WHERE order_id IN"
    " (SELECT id FROM ws_orders WHERE client_id = :client)",
    "DELETE FROM ws_readings WHERE client_id = :client",
    # the reception act keeps its figures (odometer, fuel, stay, versions, confirmations)
    "UPDATE ws_acts SET damage = NULL, items = NULL, complaint = NULL WHERE client_id = :client",
    "UPDATE ws_act_photos SET media = NULL WHERE act_id IN"
    " (SELECT id FROM ws_acts WHERE client_id = :client)",
    "UPDATE ws_act_versions SET text = NULL WHERE act_id IN"
    " (SELECT id FROM ws_acts WHERE client_id = :client)",
)
# Retention: a visit booked, moved or received since the cutoff is activity, as a message is;
# a visit still ahead (booked, confirmed) and a work order not closed (the car in the shop, the
# bill not settled) are a live relationship however old.
ACTIVE = (
    "(EXISTS (SELECT 1 FROM ws_bookings b WHERE b.client_id = c.id"
    " AND (b.updated_at >= :cutoff OR b.status IN ('booked', 'confirmed')))"
    " OR EXISTS (SELECT 1 FROM ws_orders o WHERE o.client_id = c.id"
    " AND (o.status != 'done' OR o.opened_at >= :cutoff OR o.closed_at >= :cutoff)))"
)
