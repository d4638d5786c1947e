"""Who may see personal data in the managers' group: owners (OWNER_IDS) and the group's
administrators as Telegram reports them. Every other member is a manager: they talk to
clients and read /stats, but do not export phones or erase clients."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from bot.clock import Clock

# Telegram's own accounts: service notifications, posts of a linked channel forwarded into the
# group, the stand-in for anonymous administrators, and the sender of channel posts. Never managers.
TELEGRAM = 777000
GROUP_ANONYMOUS_BOT = 1087968824
CHANNEL_BOT = 136817688
SERVICE_ACCOUNTS = frozenset({TELEGRAM, GROUP_ANONYMOUS_BOT, CHANNEL_BOT})


class AdminDirectory(Protocol):
    async def administrators(self) -> dict[int, str] | None:
        """The group's human administrators (creator included): user id → display name;
        None if they could not be read (network, rights)."""
        ...


class Roles:
    def __init__(
        self, owners: frozenset[int], directory: AdminDirectory, clock: Clock, ttl: timedelta
    ) -> None:
        self._owners = owners
        self._directory = directory
        self._clock = clock
        self._ttl = ttl
        self._admins: dict[int, str] | None = None
        self._read_at: datetime | None = None

    async def may_see_personal(self, user_id: int) -> bool:
        """Owners and administrators: /export, /stats managers, /forget."""
        if user_id in self._owners:
            return True
        if user_id in SERVICE_ACCOUNTS:
            return False
        return user_id in await self.administrators()

    async def administrators(self) -> dict[int, str]:
        """The list, read again after a few minutes; if Telegram cannot be asked, the last one
        read (or nobody: owners still may), never everyone."""
        now = self._clock.now()
        if self._admins is not None and self._read_at is not None and now - self._read_at < self._ttl:
            return self._admins
        found = await self._directory.administrators()
        if found is None:
            return self._admins or {}
        self._admins = {uid: name for uid, name in found.items() if uid not in SERVICE_ACCOUNTS}
        self._read_at = now
        return self._admins

    @property
    def owners(self) -> frozenset[int]:
        return self._owners
