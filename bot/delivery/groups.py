"""The manager group the update being handled came from.

Several manager groups (MANAGER_GROUPS) share one set of desks. A manager's command is answered,
and what it sends to the client's topic goes, in the group it was written in: the manager
group's parent router (bot/handlers/routers.py) sets that group for the handling of each of its
updates, and the outbox reads it when it queues an item for a group. Everywhere else (a client's
message, the scheduler's tick, the worker) no group is set, and the outbox routes by the
client's business (domain/groups.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_HERE: ContextVar[int | None] = ContextVar("manager_group", default=None)


def here() -> int | None:
    """The manager group whose update is being handled (None: not a manager's update)."""
    return _HERE.get()


@contextmanager
def handling(chat: int) -> Iterator[None]:
    """While handling an update from manager group `chat`."""
    token = _HERE.set(chat)
    try:
        yield
    finally:
        _HERE.reset(token)
