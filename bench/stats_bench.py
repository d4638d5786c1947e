"""How fast `/stats` answers over 100,000 clients and 1,000,000 messages. Not a test: it prints.

    .venv/bin/python bench/stats_bench.py [--clients 100000] [--messages-per-client 10]

Builds a temporary SQLite database through the real migrations, fills it with bulk SQL (two
years of clients, requests with their stage history, reports, surveys, reviews, critique and
messages), then times the figures (the service call, as `/stats` and `/stats managers` make it),
the chart, and a whole `/stats` update through the real dispatcher against the fake Bot API
server. One line per figure.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import random
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import CarCareApp  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.services.stats.chart import render_managers, render_overview  # noqa: E402
from bot.services.stats.period import parse_query  # noqa: E402
from storage.db import Database, to_db  # noqa: E402
from tests.fakes.telegram import FakeTelegram  # noqa: E402
from tests.fakes.updates import TgUser, Updates  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
HISTORY = timedelta(days=730)
MANAGERS = [(9001 + i, name) for i, name in enumerate(
    ["Ольга", "Сергей", "Анна", "Дмитрий", "Ирина", "Павел", "Мария", "Алексей"])]
PATH = ("searching", "inspecting", "contract", "paid", "handed_over")
TOKEN = "123456789:BENCH-token-not-a-secret-000000"
GROUP = -1009999999999
OWNER = TgUser(id=MANAGERS[0][0], first_name="Ольга")


class FixedClock:
    def now(self) -> datetime:
        return NOW


def _clients(count: int, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    for cid in range(1, count + 1):
        created = NOW - HISTORY * rng.random()
        yield (cid, "telegram", str(cid), str(cid), f"Клиент {cid}", "ru", to_db(created))


class Builder:
    """Everything one client did, as rows: a request, its stages, reports, survey, messages."""

    def __init__(self, rng: random.Random, messages_per_client: int) -> None:
        self.rng = rng
        self.per_client = messages_per_client
        self.rows: dict[str, list[tuple[Any, ...]]] = {
            name: [] for name in ("requests", "stage_changes", "reports", "surveys", "reviews",
                                  "feedback", "messages")
        }
        self.report_id = 0

    def client(self, cid: int, created_text: str) -> None:
        rng = self.rng
        created = datetime.strptime(created_text, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)
        manager = rng.choice(MANAGERS)[0]
        lifetime = timedelta(days=rng.uniform(15, 75))
        fate = rng.random()
        steps = PATH if fate < 0.8 else PATH[: rng.randint(1, 3)]
        changes = [created + lifetime * (i + 1) / len(PATH) for i in range(len(steps))]
        changes = [moment for moment in changes if moment < NOW]
        stage = steps[len(changes) - 1] if changes else "new"
        reason = None
        if fate >= 0.85 and changes and changes[-1] + timedelta(days=3) < NOW:
            changes.append(changes[-1] + timedelta(days=3))
            stage, reason = "cancelled", rng.choice(["купил сам", "передумал", "нет бюджета", "долго"])
        handed = changes[len(PATH) - 1] if stage == "handed_over" else None
        self.rows["requests"].append((cid, cid, "Toyota RAV4", 2018, 2021, 1_500_000, "Москва",
                                      "весна", stage, to_db(created), to_db(created),
                                      to_db(handed) if handed else None, reason))
        previous = "new"
        for moment, to_stage in zip(changes, [*steps, "cancelled"], strict=False):
            note = reason if to_stage == "cancelled" else None
            self.rows["stage_changes"].append((cid, previous, to_stage, note, manager, to_db(moment)))
            previous = to_stage
        self._reports(cid, created, lifetime, manager)
        if handed is not None:
            self._survey(cid, handed)
        self._messages(cid, created, min(created + lifetime * 1.2, NOW), manager)
        if rng.random() < 0.05:
            self.rows["feedback"].append((cid, cid, "Хотелось бы чаще новостей",
                                          to_db(created + lifetime * rng.random())))

    def _reports(self, cid: int, created: datetime, lifetime: timedelta, manager: int) -> None:
        for _ in range(self.rng.choice((1, 2, 2, 3))):
            sent = created + lifetime * self.rng.uniform(0.3, 0.6)
            if sent >= NOW:
                continue
            self.report_id += 1
            reaction = self.rng.choice(("interested", "not_for_me", "question", None))
            self.rows["reports"].append((self.report_id, cid, "Toyota RAV4, 2019", manager,
                                         self.report_id, reaction, to_db(sent), to_db(sent)))

    def _survey(self, cid: int, handed: datetime) -> None:
        sent = handed + timedelta(days=7)
        if sent >= NOW or self.rng.random() > 0.7:
            return
        answered = self.rng.random() < 0.6
        scores = [self.rng.choice((3, 4, 4, 5, 5)) if answered else None for _ in range(8)]
        nps = self.rng.choice((5, 7, 8, 9, 9, 10, 10)) if answered else None
        done = to_db(sent + timedelta(hours=2)) if answered else None
        self.rows["surveys"].append((cid, cid, to_db(sent), done, *scores, nps))
        if answered:
            left = to_db(sent + timedelta(days=1)) if self.rng.random() < 0.4 else None
            self.rows["reviews"].append((cid, cid, done, left))

    def _messages(self, cid: int, start: datetime, end: datetime, manager: int) -> None:
        """Pairs of a client message and a manager answer (minutes to a day later)."""
        span = (end - start).total_seconds()
        moments = sorted(start + timedelta(seconds=span * self.rng.random())
                         for _ in range(self.per_client // 2))
        for moment in moments:
            answer = moment + timedelta(minutes=self.rng.lognormvariate(4, 1.2))
            self.rows["messages"].append((cid, "client", None, "text", to_db(moment)))
            self.rows["messages"].append((cid, "manager", manager, "text", to_db(answer)))


INSERTS = {
    "requests": "INSERT INTO requests (id, client_id, car, year_from, year_to, budget, city,"
                " deadline, stage, created_at, updated_at, handed_over_at, cancel_reason)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "stage_changes": "INSERT INTO stage_changes (request_id, from_stage, to_stage, note, author_id,"
                     " created_at) VALUES (?, ?, ?, ?, ?, ?)",
    "reports": "INSERT INTO reports (id, request_id, title, author_id, source_message, reaction,"
               " sent_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "surveys": "INSERT INTO surveys (request_id, client_id, sent_at, completed_at, car_quality,"
               " expectations, search_speed, paperwork, price, transparency, informed,"
               " relationship, nps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "reviews": "INSERT INTO reviews (request_id, client_id, requested_at, answered_at)"
               " VALUES (?, ?, ?, ?)",
    "feedback": "INSERT INTO feedback (client_id, request_id, text, created_at) VALUES (?, ?, ?, ?)",
    "messages": "INSERT INTO messages (client_id, author, manager_id, kind, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
}


def fill(path: Path, clients: int, per_client: int) -> dict[str, int]:
    rng = random.Random(7)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    people = list(_clients(clients, rng))
    builder = Builder(rng, per_client)
    for cid, *_, created in people:
        builder.client(cid, created)
    # Messages in time order, as the bot writes them: ids follow time.
    builder.rows["messages"].sort(key=lambda row: row[4])
    with conn:
        conn.executemany("INSERT INTO clients (id, channel, external_id, chat_id, name, language,"
                         " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", people)
        conn.executemany("INSERT INTO managers (id, name, updated_at) VALUES (?, ?, ?)",
                         [(mid, name, to_db(NOW)) for mid, name in MANAGERS])
        for table, sql in INSERTS.items():
            conn.executemany(sql, builder.rows[table])
    conn.execute("ANALYZE")
    conn.close()
    return {"clients": clients} | {table: len(rows) for table, rows in builder.rows.items()}


async def measure(path: Path) -> None:
    tg = FakeTelegram(token=TOKEN, group_id=GROUP)
    await tg.start()
    settings = load_settings(_env_file=None, bot_token=TOKEN, manager_chat_id=GROUP,
                             telegram_api_url=tg.url, database_url=f"sqlite:///{path}",
                             # Six commands in a few seconds would meet the group's 20 messages
                             # a minute, and the pause would be timed instead of the work.
                             telegram_group_per_minute=0, telegram_chat_per_second=0,
                             owner_ids=str(OWNER.id))  # /stats managers and /export are theirs
    app = CarCareApp(settings, FixedClock())
    await app.start()
    # The follow-up tick would find the generated requests "without news" and queue thousands
    # of reminders; they are not what is measured here.
    app.scheduler.pause()
    app.stats_desk.warm_up()  # as `python -m bot` does at start-up
    try:
        updates = Updates(GROUP)
        # Whole updates first: the first /stats after start-up also imports matplotlib.
        for round_ in ("first after start-up", "again"):
            for command in ("/stats", "/stats managers", "/export"):
                tg.clear()
                started = time.perf_counter()
                await app.feed(updates.in_topic(OWNER, None, text=command))
                await app.settle()  # the report, computed off the path, and its messages sent
                sent = ", ".join(sorted({call.method for call in tg.calls}))
                print(f"{command} through the dispatcher to the fake Bot API, {round_}: "
                      f"{(time.perf_counter() - started) * 1000:.0f} ms ({sent})")
                for call in tg.sent("sendPhoto"):  # to look at: what the owner would see
                    name = command.strip("/").replace(" ", "_")
                    (Path(tempfile.gettempdir()) / f"stats_bench_{name}.png").write_bytes(call["photo"].data)
        for words in ("", "managers", "90d"):
            query = parse_query(words, NOW, settings.tz)
            timings = []
            for _ in range(3):
                started = time.perf_counter()
                report = await app.stats_desk.report(query)
                timings.append(time.perf_counter() - started)
            print(f"figures /stats {words or '(30 days)'}: first {timings[0] * 1000:.0f} ms,"
                  f" best of 3 {min(timings) * 1000:.0f} ms")
        text = app.stats_desk._text  # noqa: SLF001 - the same texts /stats draws from
        for words, render, draw in (("", render_overview, text.overview_chart),
                                    ("managers", render_managers, text.managers_chart)):
            query = parse_query(words, NOW, settings.tz)
            report = await app.stats_desk.report(query)
            timings = []
            for _ in range(2):  # the first drawing in a process loads the fonts
                started = time.perf_counter()
                png = render(draw(query, report.current))
                timings.append(time.perf_counter() - started)
            print(f"chart /stats {words or '(30 days)'}: first {timings[0] * 1000:.0f} ms,"
                  f" then {timings[1] * 1000:.0f} ms, {len(png) // 1024} KiB")
        MEMORY.update(_memory())
    finally:
        await app.stop()
        await tg.stop()


MEMORY: dict[str, float] = {"anon": 0.0, "file": 0.0}


def _memory() -> dict[str, float]:
    """This process's resident memory by kind, MiB (Linux)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return {name: int(fields[f"Rss{name.title()}"].split()[0]) / 1024 for name in ("anon", "file")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--messages-per-client", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        # Built in a child process: the peak memory printed below is the bot's alone.
        child = multiprocessing.get_context("fork").Process(
            target=build, args=(path, args.clients, args.messages_per_client))
        child.start()
        child.join()
        if child.exitcode != 0:
            raise SystemExit("building the data failed")
        asyncio.run(measure(path))
        size = path.stat().st_size // 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the bot process: {peak:.0f} MiB, of which file-backed at the end"
          f" {MEMORY['file']:.0f} MiB (the {size} MiB database, memory-mapped by each report"
          f" connection, shared with the OS file cache) and anonymous {MEMORY['anon']:.0f} MiB")


def build(path: Path, clients: int, per_client: int) -> None:
    asyncio.run(_migrate(path))
    started = time.perf_counter()
    counts = fill(path, clients, per_client)
    print(f"built in {time.perf_counter() - started:.0f} s: "
          + ", ".join(f"{count:,} {table}" for table, count in counts.items()), flush=True)


async def _migrate(path: Path) -> None:
    db = Database(path)
    await db.connect()
    await db.close()


if __name__ == "__main__":
    main()
