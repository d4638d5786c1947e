"""Settings of who may see what and how long data is kept (issue 15); part of `Settings`."""

from __future__ import annotations

from datetime import timedelta

from pydantic import field_validator
from pydantic_settings import BaseSettings

from domain.numbers import is_number
from domain.retention import Retention, parse_retention

ANONYMOUS_CHOICES = ("relay", "refuse")


class PrivacySettings(BaseSettings):
    # Telegram user ids (comma-separated) who may use /export, /stats managers and /forget,
    # besides the manager group's administrators.
    owner_ids: str = ""
    # Clients with no activity for this long are erased by the daily job; 0 keeps data.
    retention: str = "3y"
    # A message an anonymous administrator writes in a client's topic: relay it (signed
    # "manager") or answer in the topic why it was not sent.
    anonymous_admins: str = "relay"
    admin_cache: timedelta = timedelta(minutes=5)  # how long the group's admin list is trusted

    @field_validator("owner_ids")
    @classmethod
    def _ids(cls, value: str) -> str:
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if not all(is_number(part) for part in parts):
            raise ValueError("expected Telegram user ids separated by commas, like 1234,5678")
        return ",".join(parts)

    @field_validator("retention")
    @classmethod
    def _retention(cls, value: str) -> str:
        parse_retention(value)
        return value

    @field_validator("anonymous_admins")
    @classmethod
    def _anonymous(cls, value: str) -> str:
        if value.strip().lower() not in ANONYMOUS_CHOICES:
            raise ValueError(f"expected one of: {', '.join(ANONYMOUS_CHOICES)}")
        return value.strip().lower()

    @property
    def owners(self) -> frozenset[int]:
        return frozenset(int(part) for part in self.owner_ids.split(",") if part)

    @property
    def retention_period(self) -> Retention | None:
        return parse_retention(self.retention)
