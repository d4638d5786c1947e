"""Files holding personal data are readable by the bot's own user only (mode 0600)."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def owner_only(path: Path) -> None:
    """Create the file 0600 if it is missing; tighten it and its SQLite companions if not."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE)
    os.close(descriptor)
    for name in (path, *(Path(f"{path}{suffix}") for suffix in SQLITE_COMPANIONS)):
        if name.exists() and name.stat().st_mode & 0o777 != PRIVATE:
            name.chmod(PRIVATE)

