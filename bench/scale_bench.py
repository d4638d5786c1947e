"""Scale: the due-task sweep and a client's /status with 100,000 clients and 1,000,000 stored
messages. Prints milliseconds per sweep and per query, and peak RSS; also how long the outbox
worker's look at the queue takes behind the backlog the first sweep leaves for the group.

    .venv/bin/python -m bench.scale_bench [clients] [messages]
"""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import CarCareApp
from bot.config import Settings, load_settings
from bot.services.deal.status import DealStatus
from storage import clients as client_repo
from storage import outbox as queue
from storage.db import Database, to_db
from tests.fakes.telegram import (
    FakeTelegram,  # the fake alone, not bench.common's test steps: memory is measured
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TOKEN = "123456789:BENCH-token-not-a-secret-000000"
GROUP = -1009999999999
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
            (
                (n, str(n), str(n), 10_000 + n, day(400), day(rng.randint(0, 30)))
                for n in range(1, clients + 1)
            ),
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
        # What the bot keeps on each request (storage/requests.py): when its client last heard
        # from us, the later of its creation and the last manager message.
        conn.execute(
            "UPDATE requests SET heard_at = MAX(created_at, COALESCE((SELECT last_manager_message_at"
            " FROM clients WHERE clients.id = requests.client_id), ''))"
        )
        conn.executemany(
            "INSERT INTO due_tasks (key, kind, client_id, request_id, due_at, created_at)"
            " VALUES (?, 'long_followup', ?, ?, ?, ?)",
            ((f"long_followup:{n}", n, n, to_db(NOW + timedelta(days=rng.randint(1, 60))), day(10))
             for n in range(1, clients + 1)),
        )
    conn.close()


def settings(tg: FakeTelegram, db: Path) -> Settings:
    return load_settings(_env_file=None, bot_token=TOKEN, manager_chat_id=GROUP,
                         telegram_api_url=tg.url, database_url=f"sqlite:///{db}")


def build(db: Path, clients: int, messages: int) -> None:
    """In a child process: the schema through the bot's own migrations, then the rows."""
    asyncio.run(_migrate(db))
    started = time.perf_counter()
    populate(db, clients, messages)
    print(f"data: {clients} clients, {messages} messages, built in {time.perf_counter() - started:.0f} s",
          flush=True)


async def _migrate(db: Path) -> None:
    database = Database(db)
    await database.connect()
    await database.close()


def resident_mb() -> float:
    """This process's resident memory now (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def heartbeat(stalls: list[float]) -> None:
    """How late a 1 ms timer fires: how long other work (a client's message) would wait."""
    while True:
        started = time.perf_counter()
        await asyncio.sleep(0.001)
        stalls.append(time.perf_counter() - started - 0.001)


async def measure(db: Path, clients: int) -> None:
    imported = resident_mb()  # Python, aiogram (most of it), aiohttp, twilio, the bot's code
    tg = FakeTelegram(token=TOKEN, group_id=GROUP)
    await tg.start()
    app = CarCareApp(settings(tg, db), FrozenClock())
    await app.start(check=False)
    app.scheduler.pause()
    app.worker.stop()  # time the sweep itself: what it queues is not sent here
    try:
        stalls: list[float] = []
        beat = asyncio.create_task(heartbeat(stalls))
        started = time.perf_counter()
        await app.followups.nag()  # the first sweep queues the backlog of nags; then steady state
        print(f"first sweep (queues every overdue nag once): {(time.perf_counter() - started) * 1000:.0f} ms")
        beat.cancel()
        print(f"longest the event loop waited during it: {max(stalls, default=0) * 1000:.0f} ms")
        sweeps = []
        for _ in range(10):
            started = time.perf_counter()
            await app.followups.send_due()
            await app.followups.nag()
            sweeps.append((time.perf_counter() - started) * 1000)
        statuses = []
        status = DealStatus(app.translate, app.settings.tz)
        for n in random.Random(1).sample(range(1, clients + 1), 50):
            started = time.perf_counter()
            async with app.db.read() as tx:
                client = await client_repo.get(tx, n)
                assert client is not None
                await status.status(tx, client)
            statuses.append((time.perf_counter() - started) * 1000)
        async with app.db.read() as tx:
            backlog = await tx.scalar("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
        looks, past = [], []
        for _ in range(10):
            started = time.perf_counter()
            async with app.db.read() as tx:
                await queue.due(tx, NOW, 50)
            looks.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            async with app.db.read() as tx:  # the group at its 20 a minute: look past it
                await queue.due(tx, NOW, 50, skip=[str(GROUP)])
            past.append((time.perf_counter() - started) * 1000)
    finally:
        await app.stop()
        await tg.stop()
    print(f"outbox worker's look at the queue, {backlog} messages waiting, median of 10:"
          f" {statistics.median(looks):.1f} ms")
    print(f"the same look past the group at its flood limit (its backlog stepped over):"
          f" {statistics.median(past):.1f} ms")
    sweep = statistics.median(sweeps)
    print(f"due-task sweep (send_due + nag), median of 10: {sweep:.1f} ms (target < 50 ms)")
    print(f"/status query, median of 50 clients: {statistics.median(statuses):.1f} ms")
    print(f"resident after the imports, before the app starts: {imported:.0f} MB")


def main(clients: int, messages: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "scale.sqlite3"
        # Built in a child process, so the peak RSS printed below is the bot process's own.
        child = multiprocessing.get_context("fork").Process(target=build, args=(db, clients, messages))
        child.start()
        child.join()
        if child.exitcode != 0:
            raise SystemExit("building the data failed")
        asyncio.run(measure(db, clients))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the bot process: {peak:.0f} MB (target < 200 MB)")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*(args or [100_000, 1_000_000]))
