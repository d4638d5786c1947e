"""One bot per database: an exclusive lock on a file beside it, holding the owner's pid.

The lock is the kernel's (flock): it goes with the process that holds it, so a bot killed
with SIGKILL leaves a file behind but no lock, and the next start takes it at once.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from storage.problems import DatabaseProblem


class DatabaseInUse(DatabaseProblem):
    pass


class DatabaseLock:
    def __init__(self, database: Path) -> None:
        self.database = database
        self._fd: int | None = None

    @property
    def path(self) -> Path:
        """Beside the file the database path leads to: a symlink to the database, or a path
        through a symlinked folder, finds the same lock (and a second bot refused)."""
        real = self.database.resolve()
        return real.with_name(real.name + ".lock")

    def acquire(self) -> None:
        """Take the lock, or raise DatabaseInUse naming the process that holds it."""
        self.database.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise DatabaseInUse(
                f"another carcare-bot (pid {holder}) is using {self.database}"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # the kernel lets the lock go with the descriptor
            self._fd = None
