"""Upgrade safety: the workshop's owed work, written by the version that kept it in its own
table (ws_due, before migration 13), is performed after the upgrade from the one due table,
once; what was done before stays done.

The database is built the way version 12 left it (its schema, its rows), with the bot
stopped; the new version starts on it and ticks.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from storage.db import to_db
from storage.migrate import migrate
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import IVAN, topic_texts
from tests.steps_workshop import TOPIC, start, tick

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the clock fixture's start
SLOT = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # Wed 25.11 10:00 in Moscow
STAMP = "202611251000"


def version_12_database(path: Path) -> None:
    """Ivan booked Wednesday's slot; version 12 owed him the reminder and the topic the
    no-show look (pending), and had sent the reminder of a slot he moved away from (done).
    He also had a survey waiting behind a flow he was in."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, up_to=12)
    now = to_db(NOW)
    conn.execute(
        "INSERT INTO clients (id, channel, external_id, chat_id, name, language, contact_time,"
        " topic_id, created_at) VALUES (1, 'telegram', ?, ?, 'Иван', 'ru', 'any', ?, ?)",
        (str(IVAN.id), str(IVAN.id), TOPIC, now),
    )
    conn.execute(
        "INSERT INTO ws_bookings (id, client_id, kind, car, slot_at, status, source, created_at,"
        " updated_at) VALUES (1, 1, 'ТО', 'Kia Rio', ?, 'booked', 'client', ?, ?)",
        (to_db(SLOT), now, now),
    )
    for key, kind, due_at, status in (
        ("visit:1:202611201000", "visit_reminder", "2026-11-19 07:00:00.000000", "done"),
        (f"visit:1:{STAMP}", "visit_reminder", "2026-11-24 07:00:00.000000", "pending"),
        (f"no_show:1:{STAMP}", "no_show", "2026-11-25 08:00:00.000000", "pending"),
    ):
        conn.execute(
            "INSERT INTO ws_due (key, kind, client_id, ref_id, due_at, status) VALUES (?, ?, 1, 1, ?, ?)",
            (key, kind, due_at, status),
        )
    conn.execute(
        "INSERT INTO requests (id, client_id, car, year_from, year_to, budget, city, deadline,"
        " stage, created_at, updated_at) VALUES (7, 1, 'Kia Rio', 2018, 2021, 1000000, 'Тула',"
        " 'весна', 'handed_over', ?, ?)", (now, now),
    )
    conn.execute(
        "INSERT INTO due_tasks (key, kind, client_id, request_id, due_at, status, done_at, created_at)"
        " VALUES ('survey:7', 'survey', 1, 7, ?, 'done', ?, ?)", (now, now, now),
    )
    conn.execute(
        "INSERT INTO pending_questions (client_id, kind, request_id, created_at)"
        " VALUES (1, 'survey', 7, ?)", (now,),
    )
    conn.close()


async def test_the_workshops_owed_work_is_performed_after_the_upgrade(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    version_12_database(db_path)
    h = await start(tg, clock, db_path)
    try:
        assert await h.rows("SELECT name FROM sqlite_master WHERE name = 'ws_due'") == []
        # The question that waited behind a flow points at the owed work it came from.
        assert await h.rows(
            "SELECT p.kind, d.key FROM pending_questions p JOIN due_tasks d ON d.id = p.due_id"
        ) == [("survey", "survey:7")]

        h.clock.current = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)  # the reminder is due
        await tick(h)
        reminders = [t for t in h.texts_to(IVAN) if "Напоминаем" in t]
        assert len(reminders) == 1 and "25 ноября, 10:00" in reminders[0]

        h.clock.current = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)  # the slot is over
        await tick(h)
        await tick(h)  # a second tick performs nothing twice
        assert [t for t in topic_texts(h) if "не приехал" in t] == [
            "🚫 Клиент не приехал на визит #1 (ср 25.11 10:00). Позвоните: всё ли в порядке,"
            " и предложите другое время (/book)."
        ]
        assert len([t for t in h.texts_to(IVAN) if "Напоминаем" in t]) == 1
        assert await h.rows("SELECT status FROM ws_bookings") == [("no_show",)]
        assert await h.rows(
            "SELECT key, kind, ref_id, status FROM due_tasks WHERE ref_id IS NOT NULL ORDER BY id"
        ) == [
            ("visit:1:202611201000", "visit_reminder", 1, "done"),
            (f"visit:1:{STAMP}", "visit_reminder", 1, "done"),
            (f"no_show:1:{STAMP}", "no_show", 1, "done"),
        ]
    finally:
        await h.app.stop()
