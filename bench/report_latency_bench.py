"""Clients' latency while an owner's reports run over 100,000 clients. Not a test: it prints.

    .venv/bin/python -m bench.report_latency_bench [--db PATH] [--clients 50]

On the database bench/stats_bench.py builds (built here if --db names no file; kept if named),
the bot polls the fake Bot API while the clients write at once (each again as soon as its
previous message reached the group). First without reports, then while an owner asks for
/stats, /stats managers and /export one after another: the client → topic latency of both.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import tempfile
import time
from pathlib import Path

from bench.common import GROUP, CarCareApp, Updates, make_settings
from bench.stats_bench import OWNER, FixedClock, build
from bench.traffic import Run, WatchedTelegram, clients, watched, write
from bot.concurrency import polling

BASELINE_EACH = 20  # messages per client in the run without reports
FIRST_CLIENT = 900_000  # clear of the generated clients' ids


async def owner_asks(app: CarCareApp, tg: WatchedTelegram, updates: Updates) -> list[str]:
    """Each report in turn, timed from the owner's message until its results are queued."""
    lines = []
    runs = app.stats_desk.runs
    for command in ("/stats", "/stats managers", "/export"):
        asked = runs.computed
        started = time.perf_counter()
        tg.push_update(updates.in_topic(OWNER, None, text=command))
        async with asyncio.timeout(60):  # a refused command would never start a report
            while runs.computed == asked:
                await asyncio.sleep(0.005)  # until the bot takes the update (polling, another task)
        await runs.wait_idle()
        lines.append(f"{command} {(time.perf_counter() - started) * 1000:.0f} ms")
    return lines


async def measure(path: Path, crowd: int) -> None:
    tg = watched()
    await tg.start()
    app = CarCareApp(make_settings(tg, path, owner_ids=str(OWNER.id)), FixedClock())  # may export
    await app.start(check=False)
    app.scheduler.pause()  # the generated requests would all be nagged about
    app.stats_desk.warm_up()  # as `python -m bot` does: the chart process ready before reports
    await app.stats_desk.runs.wait_idle()
    receiving = asyncio.create_task(polling.poll(app.bot, app.dispatcher, app.lanes, 10))
    try:
        updates = Updates(GROUP)
        users = clients(crowd, FIRST_CLIENT)
        await write(tg, updates, users, 1)  # topics exist
        quiet = await write(tg, updates, users, BASELINE_EACH)
        print(quiet.line(f"{crowd} clients, no report"))
        stop = asyncio.Event()
        writing = asyncio.create_task(write(tg, updates, users, 0, until=stop))
        reports = await owner_asks(app, tg, updates)
        stop.set()
        loaded: Run = await writing
        print(loaded.line(f"{crowd} clients while the owner's reports ran ({', '.join(reports)})"))
        print(f"  slowest client message during the reports: {max(loaded.latencies) * 1000:.0f} ms"
              f" (target p99 < 1000 ms)")
    finally:
        receiving.cancel()
        await asyncio.gather(receiving, return_exceptions=True)
        await app.stop()
        await tg.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database built by stats_bench (kept)")
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "bench.sqlite3"
        if not path.exists():
            child = multiprocessing.get_context("fork").Process(target=build, args=(path, 100_000, 10))
            child.start()
            child.join()
        asyncio.run(measure(path, args.clients))


if __name__ == "__main__":
    main()
