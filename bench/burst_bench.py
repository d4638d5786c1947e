"""A Monday-morning burst against Telegram's limits (issue 26): 30 existing clients write three
messages each and an album of three photos while a wave of 300 new accounts writes one message
each, against a fake Bot API that refuses with 429 what is over Telegram's limits (30 messages a
second per bot, 1 a second per chat, 20 a minute per group), with one manager group and with two
(sales and service, the existing clients half in each, the wave in sales).

    .venv/bin/python -m bench.burst_bench [groups...]      # default: 1 2; about a minute each

Run with the spam-wave guards off (as most tests run) and on (the defaults: a lone first message
held, at most 4 new topics a minute). Printed for the existing clients' messages: the time from
the bot accepting each to its copy in the topic (p50, p99, the longest), the group messages
spent (every call the fake accepted in a manager group, the wave's included), the topics opened
during the burst, and the 429s. Time is virtual: the fake's limits and the
bot's pacing run on one clock `SCALE` times faster than the wall (one virtual minute is one
real second), so the group's 20 a minute take a second; figures are in virtual seconds. The
bot's own work is not sped up: it costs `SCALE` times more in virtual time than it would.
Run on a checkout before the change (one group only: several groups did not exist) to compare.
"""

from __future__ import annotations

import asyncio
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import GROUP, TOKEN, CarCareApp, FakeTelegram, TgUser, Updates, make_settings
from bot.clock import SystemClock
from bot.delivery.pacing import Limits, Pacer
from bot.demo.flood import FloodGate, FloodRules

SCALE = 60.0  # virtual seconds per real second
SERVICE = -1002222222222
EXISTING, MESSAGES, ALBUM, WAVE = 30, 3, 3, 300
DRAIN_LIMIT = 240.0  # real seconds to wait for the existing clients' messages


def virtual() -> float:
    return time.monotonic() * SCALE


class ScaledPacer(Pacer):
    """The bot's pacing on the virtual clock; its waits said in real seconds (the worker sleeps
    them)."""

    def __init__(self) -> None:
        super().__init__(Limits(30, 1, 20), virtual)

    def wait(self, chat: str, own_only: bool = False) -> float:
        return super().wait(chat, own_only) / SCALE


class StampedTelegram(FakeTelegram):
    """The fake Bot API, noting when each client message's copy reached a group (virtual s)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.arrived: dict[tuple[int, int], float] = {}

    async def _m_copyMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        if int(params["chat_id"]) < 0:
            self.arrived[(int(params["from_chat_id"]), int(params["message_id"]))] = virtual()
        return await super()._m_copyMessage(params)

    async def _m_copyMessages(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if int(params["chat_id"]) < 0:
            for message_id in params["message_ids"]:
                self.arrived[(int(params["from_chat_id"]), int(message_id))] = virtual()
        return await super()._m_copyMessages(params)


# The spam-wave guards as a firm runs them (the defaults), or off as most tests run.
GUARDS = {"off": {"new_topics_per_minute": 0, "hold_lone_first_message": False},
          "on": {"new_topics_per_minute": 4, "hold_lone_first_message": True}}


async def run(groups: int, guards: str) -> dict[str, Any]:
    more = {"more_groups": (SERVICE,)} if groups == 2 else {}  # a fake of before knew one group
    tg = StampedTelegram(token=TOKEN, group_id=GROUP, **more)
    await tg.start()
    updates = Updates(GROUP)
    existing = [TgUser(id=10_000 + n, first_name=f"Клиент {n}", language_code="ru")
                for n in range(EXISTING)]
    wave = [TgUser(id=50_000 + n, first_name=f"Bot {n}", language_code="ru") for n in range(WAVE)]
    with tempfile.TemporaryDirectory() as tmp:
        extra = {"manager_groups": f"service:{SERVICE}"} if groups == 2 else {}
        database = Path(tmp) / "bench.sqlite3"
        app = CarCareApp(make_settings(tg, database, **extra), SystemClock())
        await app.start()
        try:
            # Before the burst, with the limits off: the existing clients and their topics.
            for user in existing:
                await app.feed(updates.command(user, "/start"))
            if groups == 2:  # the second half's business is the service department's
                async with app.db.transaction() as tx:
                    await tx.execute("UPDATE clients SET group_chat = ? WHERE external_id IN"
                                     f" ({','.join('?' * (EXISTING // 2))})",
                                     (SERVICE, *(str(u.id) for u in existing[EXISTING // 2:])))
            for user in existing:
                await app.feed(updates.text(user, "здравствуйте"))
            await app.settle()
            # The burst meets the bot restarted with the guards as given (setting up went
            # without them: 30 topics at 4 a minute would take minutes of real time).
            await app.stop()
            app = CarCareApp(make_settings(tg, database, **extra, **GUARDS[guards]), SystemClock())
            await app.start()
            tg.arrived.clear()
            first_call = len(tg.calls)
            tg.gate = FloodGate(FloodRules(), scale=SCALE)
            app.worker.pacers["telegram"] = ScaledPacer()

            burst = _burst(updates, existing, wave)
            accepted: dict[tuple[int, int], float] = {}
            mine = {user.id for user in existing}

            async def feed(update: dict[str, Any]) -> None:
                await app.feed(update)
                message = update["message"]
                if message["chat"]["id"] in mine:
                    accepted[(message["chat"]["id"], message["message_id"])] = virtual()

            started = time.monotonic()
            await asyncio.gather(*(feed(update) for update in burst))
            waited = len(accepted)
            async with asyncio.timeout(DRAIN_LIMIT):
                while sum(key in tg.arrived for key in accepted) < waited:
                    await asyncio.sleep(0.05)
            real = time.monotonic() - started
            latencies = sorted(max(0.0, tg.arrived[key] - at) for key, at in accepted.items())
            spent = sum(1 for call in tg.calls[first_call:] if call.result is not None
                        and call.chat_id is not None and call.chat_id < 0)
            opened = sum(1 for call in tg.calls[first_call:] if call.result is not None
                         and call.method == "createForumTopic")
        finally:
            await app.stop()
            await tg.stop()
    return {
        "groups": groups, "guards": guards, "opened": opened, "messages": len(latencies),
        "p50": statistics.median(latencies), "p99": latencies[int(0.99 * (len(latencies) - 1))],
        "longest": latencies[-1], "group_messages": spent,
        "refused": tg.gate.refused if tg.gate else 0, "real": real,
    }


def _burst(updates: Updates, existing: list[TgUser], wave: list[TgUser]) -> list[dict[str, Any]]:
    """The wave starts first; the existing clients write while it goes on."""
    own: list[dict[str, Any]] = []
    for n, user in enumerate(existing):
        own += [updates.text(user, f"вопрос {k}") for k in range(MESSAGES)]
        own += updates.album(user, ALBUM, group=f"album-{n}")
    spam = [updates.text(user, "привет, посмотрите мой канал") for user in wave]
    head, tail = spam[: WAVE // 3], spam[WAVE // 3:]
    mixed: list[dict[str, Any]] = []
    step = max(1, len(tail) // len(own))
    for index, update in enumerate(own):
        mixed.append(update)
        mixed += tail[index * step:(index + 1) * step]
    mixed += tail[len(own) * step:]
    return head + mixed


def main(args: list[str]) -> None:
    print(f"burst: {EXISTING} existing clients x ({MESSAGES} messages + an album of {ALBUM}),"
          f" {WAVE} new accounts with one message each; fake Bot API at 30/s, 1/s per chat,"
          f" 20/min per group; virtual time x{SCALE:.0f} (1 virtual minute = 1 real second),"
          f" figures in virtual seconds; {platform.processor() or platform.machine()},"
          f" Python {platform.python_version()}")
    print("guards  groups  msgs  p50 s   p99 s   longest s  group msgs  topics  429s  real s")
    for guards in ("off", "on"):
        for groups in [int(arg) for arg in args] or [1, 2]:
            r = asyncio.run(run(groups, guards))
            print(f"{guards:>6}  {r['groups']:>6}  {r['messages']:>4}  {r['p50']:>6.1f}"
                  f"  {r['p99']:>6.1f}  {r['longest']:>9.1f}  {r['group_messages']:>10}"
                  f"  {r['opened']:>6}  {r['refused']:>4}  {r['real']:>6.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
