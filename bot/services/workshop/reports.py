"""The owners' reports with the workshop's part after them: what the privacy guard calls for
`/export` and `/stats managers` (so the work-orders file is guarded like every other export)."""

from __future__ import annotations

from typing import Protocol

from bot.services.workshop.figures import WorkshopFigures


class Reports(Protocol):
    async def stats(self, topic_id: int | None, message_id: int, args: str) -> None: ...

    async def export(self, topic_id: int | None, message_id: int, args: str) -> None: ...


class WithWorkshop:
    def __init__(self, reports: Reports, figures: WorkshopFigures) -> None:
        self._reports = reports
        self._figures = figures

    async def stats(self, topic_id: int | None, message_id: int, args: str) -> None:
        await self._reports.stats(topic_id, message_id, args)
        await self._figures.stats(topic_id, message_id, args)

    async def export(self, topic_id: int | None, message_id: int, args: str) -> None:
        await self._reports.export(topic_id, message_id, args)
        await self._figures.export(topic_id, message_id, args)
