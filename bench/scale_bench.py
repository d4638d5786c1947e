"""Scale: the due-task sweep and a client's /status with 100,000 clients and 1,000,000 stored
messages. Prints milliseconds per sweep and per query, and peak RSS.

    .venv/bin/python -m bench.scale_bench [clients] [messages]
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import GROUP, TOKEN, CarCareApp, FakeTelegram, make_settings, peak_rss_mb
from storage.db import to_db

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
STAGES = ["searching", "inspecting", "negotiating", "handed_over", "closed", "closed", "closed"]


class FrozenClock:
    def now(self) -> datetime:
        return NOW


def populate(db: Path, clients: int, messages: int) -> None:
    """Bulk rows straight into the schema the app created: the shape of a busy firm's year."""
    rng = random.Random(7)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA synchronous=OFF")
    day = lambda n: to_db(NOW - timedelta(days=n))  # noqa: E731
    with conn:
        conn.executemany(
            "INSERT INTO clients (id, channel, external_id, chat_id, name, language, contact_time,"
            " topic_id, created_at, last_manager_message_at) VALUES (?, 'telegram', ?, ?, 'К', 'ru',"
            " 'any', ?, ?, ?)",
            ((n, str(n), str(n), 10_000 + n, day(400), day(rng.randint(0, 30))) for n in range(1, clients + 1)),
        )
        conn.executemany(
            "INSERT INTO requests (id, client_id, car, year_from, year_to, budget, city, deadline,"
            " stage, created_at, updated_at, handed_over_at) VALUES (?, ?, 'Kia Rio', 2018, 2021,"
            " 1000000, 'Москва', 'весна', ?, ?, ?, ?)",
            ((n, n, s := rng.choice(STAGES), day(rng.randint(1, 365)), day(1),
              day(rng.randint(1, 300)) if s in ("handed_over", "closed") else None)
             for n in range(1, clients + 1)),
        )
        conn.executemany(
            "INSERT INTO messages (client_id, author, kind, created_at) VALUES (?, ?, 'text', ?)",
            ((rng.randint(1, clients), rng.choice(("client", "manager")), day(rng.randint(0, 365)))
             for _ in range(messages)),
        )
        conn.executemany(
            "INSERT INTO due_tasks (key, kind, client_id, request_id, due_at, created_at)"
            " VALUES (?, 'long_followup', ?, ?, ?, ?)",
            ((f"long_followup:{n}", n, n, to_db(NOW + timedelta(days=rng.randint(1, 60))), day(10))
             for n in range(1, clients + 1)),
        )
    conn.close()


async def main(clients: int, messages: int) -> None:
    tg = FakeTelegram(token=TOKEN, group_id=GROUP)
    await tg.start()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "scale.sqlite3"
        app = CarCareApp(make_settings(tg, db), FrozenClock())
        await app.start(check=False)
        app.scheduler.pause()
        app.worker.stop()  # time the sweep itself: what it queues is not sent here
        started = time.perf_counter()
        populate(db, clients, messages)
        print(f"data: {clients} clients, {messages} messages, built in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        await app.followups.nag()  # the first sweep queues the backlog of nags; then steady state
        print(f"first sweep (queues every overdue nag once): {(time.perf_counter() - started) * 1000:.0f} ms")
        sweeps = []
        for _ in range(10):
            started = time.perf_counter()
            await app.followups.send_due()
            await app.followups.nag()
            sweeps.append((time.perf_counter() - started) * 1000)
        statuses = []
        client = await_client = None
        for n in random.Random(1).sample(range(1, clients + 1), 50):
            started = time.perf_counter()
            async with app.db.read() as tx:
                from storage import clients as repo
                await_client = await repo.get(tx, n)
                await app.pipeline.status(tx, await_client)
            statuses.append((time.perf_counter() - started) * 1000)
        await app.stop()
    await tg.stop()
    print(f"due-task sweep (send_due + nag), median of 10: {statistics.median(sweeps):.1f} ms (target < 50 ms)")
    print(f"/status query, median of 50 clients: {statistics.median(statuses):.1f} ms")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (target < 200 MB)")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    asyncio.run(main(*(args or [100_000, 1_000_000])))
