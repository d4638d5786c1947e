"""Filters that run on the event loop.

aiogram runs every plain callable it is given as a filter, its magic `F` filters included, in a
worker thread (`asyncio.to_thread`), once per update per filter: eight thread hops for a client's
message. Wrapped here as coroutines, the same `F` expressions are resolved in place.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.utils.magic_filter import MagicFilter


def on_loop(*rules: MagicFilter) -> Callable[[Any], Awaitable[Any]]:
    """One filter passing when every rule does, resolved without leaving the event loop."""

    async def check(event: Any) -> Any:
        result: Any = True
        for rule in rules:
            result = rule.resolve(event)
            if not result:
                return False
        return result

    return check
