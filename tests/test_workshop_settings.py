"""The workshop's settings: read as the issue names them, malformed ones named in one line,
and the workshop off (no job, no menu item, no commands) while WORKSHOP_HOURS is empty."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.config import ConfigError
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import GROUP, IVAN, MANAGER, make_settings, topic_texts
from tests.steps_workshop import book, start


def test_the_settings_are_read(tg: FakeTelegram, db_path: Path) -> None:
    settings = make_settings(
        tg, db_path, workshop_hours="Mon-Fri 09:00-19:00; Sat 10:00-16:00", workshop_slot="30m",
        workshop_bays="3", service_kinds="ТО; Ремонт ;", visit_reminder="12h",
        service_check_delay="5d", maintenance_interval="90d", maintenance_km="15000",
        deferred_reminder="30d", workshop_address="Москва", payment_url="https://pay.example",
    )
    assert settings.workshop_enabled and settings.workshop_bays == 3
    assert settings.workshop_week[5] == (time(10), time(16)) and 6 not in settings.workshop_week
    assert settings.workshop_slot == timedelta(minutes=30)
    assert settings.visit_reminder == timedelta(hours=12)
    assert settings.service_kind_list == ["ТО", "Ремонт"]
    assert settings.maintenance_km == 15000


@pytest.mark.parametrize(("name", "value", "says"), [
    ("workshop_hours", "Mon-Xyz 09:00-19:00", "WORKSHOP_HOURS is malformed: unknown day"),
    ("workshop_hours", "Mon 19:00-09:00", "WORKSHOP_HOURS is malformed: the start must be before"),
    ("workshop_slot", "0m", "WORKSHOP_SLOT is malformed"),
    ("workshop_bays", "0", "WORKSHOP_BAYS is malformed"),
    ("service_kinds", ";", "SERVICE_KINDS is malformed"),
    ("payment_url", "http://pay.example", "PAYMENT_URL is malformed: expected an https://"),
])
def test_a_malformed_setting_is_named(
    tg: FakeTelegram, db_path: Path, name: str, value: str, says: str
) -> None:
    with pytest.raises(ConfigError, match=says):
        make_settings(tg, db_path, **{name: value})


async def test_off_means_no_job_and_no_commands(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start(tg, clock, db_path, workshop_hours="")
    try:
        assert h.app.workshop is None and h.app.scheduler.get_job("workshop") is None
        await h.feed(h.updates.in_topic(MANAGER, None, text="/slots"))
        assert "Неизвестная команда" in topic_texts(h, None)[-1]
        assert [c for c in h.tg.to_chat(GROUP) if "Загрузка" in (c.text or "")] == []
    finally:
        await h.app.stop()


async def test_on_means_the_workshop_job_ticks(
    tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    h = await start(tg, clock, db_path)
    try:
        job = h.app.scheduler.get_job("workshop")
        assert job is not None
        await book(h, IVAN, day="ср 25.11")
        h.clock.current = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)  # the reminder is due
        await job.func()  # the job as the scheduler runs it
        await h.app.outbox.wait_idle()
        assert any("Напоминаем" in t for t in h.texts_to(IVAN))
    finally:
        await h.app.stop()
