"""Every scheduler job is supervised: one that raises is logged once, shown by /healthz's
state, and runs again at its next tick (docs/faults.md)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from tests.steps import GROUP, Harness


async def rename_clients(h: Harness, db_path: Path, old: str, new: str) -> None:
    """A broken schema, as an operator's script could leave it: every job reads clients.

    A job that failed leaves its group's commit to a task that has not run yet; the script's
    own connection would block the loop waiting for that commit's lock, so let it land first.
    """
    async with h.app.db.read():
        pass  # the connection is handed on only after the open group's commit
    conn = sqlite3.connect(db_path)
    conn.execute(f"ALTER TABLE {old} RENAME TO {new}")
    conn.commit()
    conn.close()


async def test_a_raising_job_is_logged_and_runs_again_next_tick(
    harness: Harness, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    h = harness
    jobs = h.app.scheduler.get_jobs()
    assert {job.id for job in jobs} == {"tick", "digest", "erasure", "retention"}
    caplog.set_level(logging.WARNING, logger="bot.supervision")
    await rename_clients(h, db_path, "clients", "clients_away")
    for job in jobs:
        await job.func()  # as the scheduler runs it: a failure never escapes the job
    for job in jobs:
        await job.func()  # a streak is logged once
    stalled = h.app.health.problems()
    assert set(stalled) == {"scheduler", "digest", "erasure", "retention"}
    assert all(said.startswith("no such table: clients") for said in stalled.values())
    failed = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert sorted(failed) == sorted(
        f"{worker} failed, trying again: no such table: clients" for worker in stalled
    )

    await rename_clients(h, db_path, "clients_away", "clients")
    h.clock.advance(seconds=30)
    for job in jobs:
        await job.func()  # the next tick
    await h.app.outbox.wait_idle()
    assert h.app.health.problems() == {}
    recovered = sorted(r.getMessage().split(" works again")[0] for r in caplog.records
                       if "works again" in r.getMessage())
    assert recovered == sorted(stalled)
    digests = [c for c in h.tg.sent("sendMessage", GROUP) if "Сводка на утро" in (c.text or "")]
    assert len(digests) == 1  # the digest went, once
