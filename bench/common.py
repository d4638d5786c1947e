"""Shared set-up for the benchmarks: the tests' fake Bot API and a configured app."""

from __future__ import annotations

import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import CarCareApp  # noqa: E402
from tests.fakes.telegram import FakeTelegram  # noqa: E402
from tests.fakes.updates import TgUser, Updates  # noqa: E402
from tests.steps import GROUP, TOKEN, make_settings  # noqa: E402

__all__ = ["GROUP", "TOKEN", "CarCareApp", "FakeTelegram", "TgUser", "Updates", "make_settings",
           "peak_rss_mb"]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
