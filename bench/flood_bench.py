"""Flood-limited delivery: 10,000 follow-ups to 10,000 clients against a fake Bot API that
enforces Telegram's limits (30 messages a second per bot, 1 a second per chat, 20 a minute per
group) and refuses what is over them with 429. Prints the achieved rate as a fraction of 30/s
and the count of 429s.

    .venv/bin/python -m bench.flood_bench [clients]      # default 10000: about six minutes

Each follow-up is one message to the client and one note in the client's topic; the notes share
the group's 20 a minute, so they are still queued when the clients' messages are all out: they
are counted, not waited for.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import GROUP, TOKEN, CarCareApp, FakeTelegram, make_settings, peak_rss_mb
from bot.clock import SystemClock
from bot.demo.flood import FloodRules
from storage.db import to_db

FIRST_CLIENT = 10_000_000  # Telegram user ids of the generated clients
LIMIT = 30  # per bot per second: the figure the achieved rate is compared with


def populate(db: Path, count: int) -> None:
    """Clients handed over seven weeks ago, each owed the "how is the car?" follow-up now."""
    now = datetime.now(UTC)  # the real clock: a 429's retry_after is real seconds
    long_ago = to_db(now - timedelta(days=50))
    conn = sqlite3.connect(db)
    with conn:
        conn.executemany(
            "INSERT INTO clients (id, channel, external_id, chat_id, name, language, contact_time,"
            " topic_id, card_message_id, created_at) VALUES (?, 'telegram', ?, ?, 'Клиент', 'ru',"
            " 'any', ?, ?, ?)",
            ((n, str(FIRST_CLIENT + n), str(FIRST_CLIENT + n), 100_000 + n, 200_000 + n, long_ago)
             for n in range(1, count + 1)),
        )
        conn.executemany(
            "INSERT INTO requests (id, client_id, car, year_from, year_to, budget, city, deadline,"
            " stage, created_at, updated_at, handed_over_at) VALUES (?, ?, 'Kia Rio', 2018, 2021,"
            " 1000000, 'Москва', 'весна', 'handed_over', ?, ?, ?)",
            ((n, n, long_ago, long_ago, long_ago) for n in range(1, count + 1)),
        )
        conn.executemany(
            "INSERT INTO due_tasks (key, kind, client_id, request_id, due_at, created_at)"
            " VALUES (?, 'long_followup', ?, ?, ?, ?)",
            ((f"long_followup:{n}", n, n, to_db(now), long_ago) for n in range(1, count + 1)),
        )
    conn.close()


async def main(count: int) -> None:
    tg = FakeTelegram(token=TOKEN, group_id=GROUP, flood=FloodRules())
    await tg.start()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "flood.sqlite3"
        settings = make_settings(
            tg, db, telegram_bot_per_second=LIMIT, telegram_chat_per_second=1,
            telegram_group_per_minute=20, contact_hours="00:00-24:00",
        )
        app = CarCareApp(settings, SystemClock())
        await app.start(check=False)
        app.scheduler.pause()  # the sweep is run by hand below, as the tick would run it
        populate(db, count)

        def to_clients() -> list[float]:
            return [call.at for call in tg.calls
                    if call.result is not None and call.method == "sendMessage" and int(call["chat_id"]) > 0]

        started = time.perf_counter()
        while await app.followups.send_due():  # 500 a batch, each claimed and queued in one transaction
            pass
        queued = time.perf_counter() - started
        while len(to_clients()) < count:
            await tg.wait_for_call()
        times = to_clients()
        elapsed = time.perf_counter() - started
        await app.stop()
    await tg.stop()

    sends = [call for call in tg.calls if call.method == "sendMessage"]
    refused = tg.gate.refused if tg.gate else 0
    notes = sum(1 for call in sends if call.result is not None and int(call["chat_id"]) < 0)
    rate = (len(times) - 1) / (times[-1] - times[0])
    print(f"follow-ups queued: {count} in {queued:.1f} s")
    print(f"delivered to clients: {len(times)} in {times[-1] - times[0]:.1f} s"
          f" (first to last), {elapsed:.1f} s from the sweep's start")
    print(f"achieved rate: {rate:.2f} msg/s = {rate / LIMIT:.3f} of {LIMIT}/s (target >= 0.9)")
    print(f"429s: {refused} of {len(sends)} calls = {refused / len(sends):.2%} (target < 1%)")
    print(f"topic notes delivered meanwhile at the group's 20 a minute: {notes}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
