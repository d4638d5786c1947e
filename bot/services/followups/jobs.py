"""The jobs the scheduler ticks: send what is due, nag about promises, the morning digest."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.services import followups as package
from bot.services.base import Desk, Kit
from bot.services.followups.deviations import Deviations
from bot.services.followups.digest import Digest
from bot.services.followups.nags import Nags
from bot.services.followups.owed import OwedWork
from bot.services.timing import Timing


class Followups(Desk):
    def __init__(self, kit: Kit, owed_work: OwedWork, nags: Nags, digest: Digest, timing: Timing,
                 deviations: Deviations, also: tuple[Callable[[], Awaitable[None]], ...] = ()) -> None:
        super().__init__(kit)
        self._also = also  # other steps' frequent jobs (new clients' topics waiting their turn)
        self._deviations = deviations
        self._owed_work = owed_work
        self._nags = nags
        self._digest = digest
        self._timing = timing

    async def tick(self) -> None:
        """The frequent job: send what is due, nag about promises about to break."""
        for job in self._also:
            await job()
        await self.send_due()
        await self.nag()
        await self._deviations.sweep()
        local = self._clock.now().astimezone(self._timing.timezone)
        if local.time() >= self._timing.digest_time:  # catch up a digest missed while down
            await self.digest()

    async def send_due(self) -> int:
        """Every kind of owed work that has fallen due (the workshop's too, when it is on)."""
        return await self._owed_work.send_due()

    async def nag(self) -> None:
        """A backlog (after downtime) is taken a batch per transaction, so the sweep never
        holds the database for long, nor the whole backlog in memory."""
        now = self._clock.now()
        for sweep in (self._nags.silences, self._nags.waits):
            while await sweep(now, package.BATCH) == package.BATCH:
                pass  # a full batch: there may be more
        await self._nags.own_intervals(now)

    async def digest(self) -> None:
        await self._digest.send()
