"""Every export file goes through one CSV writer, so no cell a person typed can run as a
formula in a spreadsheet (issue 21, finding 6: the workshop's work_orders file had no guard)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

from storage.db import to_db
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import IVAN
from tests.steps_workshop import manager, start

FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)", "\t=1+2", "\r=1+2"]
EXPORTS = {"requests", "surveys", "critique", "reports", "calls", "cars", "offers", "payments",
           "work_orders", "workshop_hours", "workshop_mechanics"}


def _formula(n: int) -> str:
    return FORMULAS[n % len(FORMULAS)] + f" #{n}"


async def test_no_cell_of_any_export_file_can_run(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> None:
    h = await start(tg, clock, db_path)
    try:
        await h.say(IVAN, "/start")
        at = to_db(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
        f = iter(range(100))
        async with h.app.db.transaction() as tx:
            await tx.execute("UPDATE clients SET name = ?, phone = ?", (_formula(next(f)), _formula(next(f))))
            await tx.execute(
                "INSERT INTO requests (id, client_id, car, year_from, year_to, budget, city, deadline,"
                " stage, created_at, updated_at, cancel_reason, hard_search_time, eta)"
                " VALUES (1, 1, ?, 2018, 2020, 1000000, ?, ?, 'searching', ?, ?, ?, ?, ?)",
                (*[_formula(next(f)) for _ in range(3)], at, at, *[_formula(next(f)) for _ in range(3)]))
            await tx.execute("INSERT INTO feedback (client_id, request_id, text, created_at)"
                             " VALUES (1, 1, ?, ?)", (_formula(next(f)), at))
            await tx.execute("INSERT INTO surveys (request_id, client_id, sent_at, comment)"
                             " VALUES (1, 1, ?, ?)", (at, _formula(next(f))))
            await tx.execute("INSERT INTO reports (id, request_id, title, author_id, source_message, sent_at,"
                             " created_at) VALUES (1, 1, ?, 7, 1, ?, ?)", (_formula(next(f)), at, at))
            for kind in ("question", "impression"):
                await tx.execute("INSERT INTO report_replies (report_id, kind, text, created_at)"
                                 " VALUES (1, ?, ?, ?)", (kind, _formula(next(f)), at))
            await tx.execute("INSERT INTO calls (client_id, request_id, manager_id, summary, created_at)"
                             " VALUES (1, 1, 7, ?, ?)", (_formula(next(f)), at))
            await tx.execute("INSERT INTO ws_bookings (id, client_id, kind, car, slot_at, status, source,"
                             " created_at, updated_at) VALUES (1, 1, 'ТО', ?, ?, 'arrived', 'client', ?, ?)",
                             (_formula(next(f)), at, at, at))
            await tx.execute("INSERT INTO ws_orders (id, client_id, booking_id, title, opened_at, status)"
                             " VALUES (1, 1, 1, ?, ?, 'open')", (_formula(next(f)), at))
            await tx.execute("INSERT INTO cars (client_id, request_id, make, model, plate, colour,"
                             " handed_over_at, created_at, updated_at) VALUES (1, 1, ?, ?, ?, ?, ?, ?, ?)",
                             (*[_formula(next(f)) for _ in range(4)], at, at, at))
            await tx.execute("INSERT INTO offers (request_id, version, car, price, fee, included,"
                             " deposit, terms, valid_until, text, manager_id, created_at)"
                             " VALUES (1, 1, ?, 1, 0, '', 0, '', '2026-11-30', '', 7, ?)",
                             (_formula(next(f)), at))
            await tx.execute("INSERT INTO payments (subject, subject_id, client_id, amount, kind, what,"
                             " manager_id, paid_at) VALUES ('deal', 1, 1, 5, 'other', ?, 7, ?)",
                             (_formula(next(f)), at))
        await manager(h, "/export 2026-11", thread=None)
        files = {name.rsplit("_", 2)[0]: content for name, content in h.tg.uploads if name.endswith(".csv")}
        assert set(files) == EXPORTS
        seen = []
        for name, content in files.items():
            for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")):
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
                    seen.append(cell)
        typed = {_formula(n) for n in range(next(f))}
        # every value typed above reached a file, quoted by the apostrophe (or after a label)
        assert {t for t in typed if any(t in cell for cell in seen)} == typed
        (orders,) = [c for n, c in files.items() if n == "work_orders"]
        rows = list(csv.reader(io.StringIO(orders.decode("utf-8-sig"), newline="")))
        assert rows[1][1] == "'" + _formula(0) and rows[1][2] == "'" + _formula(15)
        assert rows[1][3] == "'" + _formula(14)
    finally:
        await h.app.stop()
