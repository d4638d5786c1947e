"""CarCare beside a relay written the way the typical peer bot is (bench/peer_relay.py), both
as their own processes polling the same fake Bot API, flood limits off.

    .venv/bin/python -m bench.peer_bench [clients] [messages-each] [rounds]

1. Throughput: the clients write at once (each again as soon as its previous message reached
   the group): msg/s and client → topic latency.
2. kill -9 in the middle: a burst of messages arrives, the bot is killed once a third reached
   the group, then started again; what never reached the group was lost, what reached it twice
   was repeated.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import GROUP, Updates
from bench.traffic import Run, WatchedTelegram, clients, median_run, watched, write
from tests.steps import env_for

QUIET = 5.0  # seconds without a new copy after which a restarted bot is taken to be done
RESTART = 60.0  # seconds a restarted bot may take to copy anything (start-up on a busy machine)
Starter = Callable[[WatchedTelegram, Path], "asyncio.Future[asyncio.subprocess.Process]"]


async def carcare(tg: WatchedTelegram, folder: Path) -> asyncio.subprocess.Process:
    env = env_for(tg.url, folder / "carcare.sqlite3", TELEGRAM_BOT_PER_SECOND="0",
                  TELEGRAM_CHAT_PER_SECOND="0", TELEGRAM_GROUP_PER_MINUTE="0")
    return await _spawn(["-m", "bot"], env, folder)


async def peer(tg: WatchedTelegram, folder: Path) -> asyncio.subprocess.Process:
    env = env_for(tg.url, folder / "peer.sqlite3")
    env["PEER_DB"] = str(folder / "peer.sqlite3")
    return await _spawn(["-m", "bench.peer_relay"], env, folder)


async def _spawn(args: list[str], env: dict[str, str], folder: Path) -> asyncio.subprocess.Process:
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    return await asyncio.create_subprocess_exec(
        sys.executable, *args, cwd=folder, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=open(folder / "stderr.txt", "ab"))


async def _stop(process: asyncio.subprocess.Process, how: int = signal.SIGINT) -> None:
    process.send_signal(how)
    await process.wait()


async def throughput(start: Starter, crowd: int, each: int) -> Run:
    tg = watched()
    await tg.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            bot = await start(tg, Path(folder))
            try:
                updates = Updates(GROUP)
                users = clients(crowd)
                await write(tg, updates, users, 1, timeout=120)  # started, topics made
                return await write(tg, updates, users, each)
            finally:
                await _stop(bot)
    finally:
        await tg.stop()


async def crash(start: Starter, crowd: int, each: int) -> tuple[int, int, int]:
    """(messages, lost, repeated) around a kill -9 once a third had reached the group."""
    tg = watched()
    await tg.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            updates = Updates(GROUP)
            users = clients(crowd)
            bot = await start(tg, Path(folder))
            await write(tg, updates, users, 1, timeout=120)
            expected = set(tg.arrived)
            for n in range(each):
                for user in users:
                    update = updates.text(user, f"сообщение {n}")
                    expected.add((user.id, update["message"]["message_id"]))
                    tg.push_update(update)
            total = len(expected)
            while len(tg.arrived) < crowd + (total - crowd) // 3:
                await asyncio.sleep(0.001)  # another process's progress
            await _stop(bot, signal.SIGKILL)
            bot = await start(tg, Path(folder))
            try:
                await _until_quiet(tg, expected)
            finally:
                await _stop(bot)
            lost = len(expected - set(tg.arrived))
            return total - crowd, lost, tg.copies - len(tg.arrived)
    finally:
        await tg.stop()


async def _until_quiet(tg: WatchedTelegram, expected: set[tuple[int, int]]) -> None:
    """Until everything arrived, or the restarted bot copied something and then nothing for
    QUIET seconds (or nothing at all for RESTART seconds: it had nothing left)."""
    seen, since, patience = tg.copies, time.perf_counter(), RESTART
    while not expected <= set(tg.arrived) and time.perf_counter() - since < patience:
        await asyncio.sleep(0.05)
        if tg.copies != seen:
            seen, since, patience = tg.copies, time.perf_counter(), QUIET


async def main(crowd: int, each: int, rounds: int) -> None:
    bots: dict[str, Starter] = {"carcare": carcare, "peer-style relay": peer}
    runs: dict[str, list[Run]] = {name: [] for name in bots}
    for _ in range(rounds):
        for name, start in bots.items():
            runs[name].append(await throughput(start, crowd, each))
    print(f"{crowd} clients writing at once, {crowd * each} messages, each bot its own process,"
          f" median of {rounds}:")
    for name in bots:
        print("  " + median_run(runs[name]).line(name))
    print(f"kill -9 once a third of a burst of {crowd * each} messages reached the group:")
    for name, start in bots.items():
        total, lost, repeated = await crash(start, crowd, each)
        print(f"  {name}: lost {lost} of {total}, repeated {repeated}")


if __name__ == "__main__":
    numbers = [int(arg) for arg in sys.argv[1:4]]
    defaults = [50, 40, 3]
    crowd, each, rounds = numbers + defaults[len(numbers):]
    asyncio.run(main(crowd, each, rounds))
