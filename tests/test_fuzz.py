"""Thousands of hostile updates through the real dispatcher: no crash, no traceback to anyone,
and nothing written outside the sender's own records."""

from __future__ import annotations

import logging
import random
import time

import pytest

from bot.services.desk.manager import MANAGER_ONLY
from tests.fakes.updates import MEDIA
from tests.steps import GROUP, IVAN, JOHN, Harness, manager, send_report, snapshot, with_request

UPDATES = 2000
ODD = ["\u202e", "\u200b", "\ufeff", "𝕏", "🚗" * 50, "<b>", "</i>&amp;", "' OR 1=1 --", "%s%n",
       "\x00", "${jndi:x}", "{ $name }", "\\", "\n" * 30, "ё" * 5000, "٣٤٥", "12.03.1985"]
ACTIONS = ["new", "status", "manager", "feedback", "menu", "answer", "skip", "back", "confirm",
           "edit", "edit_field", "cancel", "lang", "react", "service", "stage", "survey",
           "review_done", "about_data", "erase", "forget", "bogus", ""]
ARGS = ["", "1", "1.interested", "1.nps.99", "1.car_quality.3", "999.0", "../../etc", "ru", "xx",
        "-1", "1.comment.skip", "name", "budget", "2.not_for_me", "1.0", "1.9", "a" * 60]


def hostile_text(rng: random.Random) -> str:
    parts = [rng.choice(ODD) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.2:
        parts.append("/" + rng.choice([*MANAGER_ONLY, "start", "help", "cancel", "new", "x" * 40]))
    if rng.random() < 0.05:
        parts.append("я" * rng.randint(4000, 20000))
    text = " ".join(parts)
    return text if text.strip() else "?"


def hostile_update(h: Harness, rng: random.Random) -> dict:
    roll = rng.random()
    u = h.updates
    if roll < 0.35:
        text = hostile_text(rng)
        if text.startswith("/"):
            return u.command(JOHN, text)
        return u.text(JOHN, text, reply_to=rng.choice([None, 1, 10**9]))
    if roll < 0.55:
        return u.media(JOHN, rng.choice(list(MEDIA)), caption=rng.choice([None, hostile_text(rng)]))
    if roll < 0.8:
        action = f"a:{rng.choice(ACTIONS)}:{rng.choice(ARGS)}"
        data = rng.choice([action, hostile_text(rng)[:64], "a", "a::", ""])
        return u.press(JOHN, data or "x", rng.choice([1, 1000, 10**9]))
    if roll < 0.9:
        return u.edited(JOHN, rng.choice([1, 50_000, 10**9]), hostile_text(rng))
    return u.membership(JOHN, rng.choice(["kicked", "member"]))


async def test_hostile_updates_do_no_harm(harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    h = harness
    await with_request(h)  # Ivan: a request with a report, the victim
    await send_report(h, "Kia Sportage, 2020")
    await manager(h, "/handover")
    ivan_before = await snapshot(h, 1)
    await h.say(JOHN, "/start")
    rng = random.Random(20261123)
    started = time.monotonic()
    with caplog.at_level(logging.ERROR):
        for _ in range(UPDATES):
            await h.app.feed(hostile_update(h, rng))
        await h.app.outbox.wait_idle()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], errors[0].getMessage() if errors else ""
    assert await snapshot(h, 1) == ivan_before
    for call in h.tg.calls:
        text = str(call.params.get("text", ""))
        assert "Traceback" not in text and "Exception" not in text
    assert await h.rows("SELECT COUNT(*) FROM outbox WHERE status = 'failed'") == [(0,)]
    assert time.monotonic() - started < 120
    # the fuzz reached the handlers, not just the parser
    assert len(h.tg.sent("answerCallbackQuery")) > UPDATES // 5
    assert (await h.rows("SELECT COUNT(*) FROM messages WHERE client_id = 2"))[0][0] > UPDATES // 5
    assert len(h.tg.sent("sendMessage", JOHN.id)) > UPDATES // 10


@pytest.mark.parametrize("command", MANAGER_ONLY)
async def test_every_manager_command_from_a_client_is_refused(harness: Harness, command: str) -> None:
    h = harness
    await with_request(h)
    h.tg.clear()
    await h.say(IVAN, f"/{command} searching 15.12.2026 note")
    assert "только для менеджеров" in h.last_text_to(IVAN)
    assert [c for c in h.tg.to_chat(GROUP)] == []
    assert await h.rows("SELECT stage, eta, hard_search_time FROM requests") == [("new", None, None)]
    assert await h.rows("SELECT COUNT(*) FROM notes") == [(0,)]
