"""Incoming messages kept in a plain file while the database cannot be written.

Twilio does not retry a webhook, so a message it was told 200 for must already be on disk.
When the database is locked by another program or its disk refuses writes, each message is
appended to the spool as one JSON line and fsync'd before the answer. The spool is drained
into the database (where its MessageSid makes a second copy harmless) once it can be
written: the file is first moved aside, so new messages start a new one, and the moved file
is removed only after its rows are committed. A crash at any point leaves either the spool
or the rows, and a restart drains what is left.

Blocking calls (they wait on the disk): call them off the event loop.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

from storage.files import PRIVATE

log = logging.getLogger(__name__)
SUFFIX = ".whatsapp-spool"  # beside the database: data/carcare.sqlite3.whatsapp-spool


class Spool:
    @classmethod
    def beside(cls, database: Path) -> Spool:
        return cls(database.with_name(database.name + SUFFIX))

    def __init__(self, path: Path) -> None:
        self.path = path
        self._taken = path.with_name(path.name + ".draining")
        self._lock = threading.Lock()  # an append never lands in a file being moved aside

    def pending(self) -> bool:
        """Whether anything waits to be drained."""
        return self.path.exists() or self._taken.exists()

    def append(self, record: dict[str, Any]) -> None:
        """Keep one record; on disk (fsync'd) when this returns."""
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
        with self._lock:
            created = not self.path.exists()
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
            if created:
                _sync_folder(self.path.parent)  # the new file's name is durable too

    def take(self) -> list[dict[str, Any]]:
        """The records to drain, oldest first: those of a drain that did not finish, else
        the spool's (moved aside: what comes meanwhile starts a new file)."""
        with self._lock:
            if not self._taken.exists():
                if not self.path.exists():
                    return []
                os.replace(self.path, self._taken)
                _sync_folder(self.path.parent)
        return _read(self._taken)

    def drained(self) -> None:
        """What `take` gave is committed to the database: forget it."""
        self._taken.unlink(missing_ok=True)
        _sync_folder(self.path.parent)


def _read(path: Path) -> list[dict[str, Any]]:
    records = []
    for number, line in enumerate(path.read_bytes().splitlines(), 1):
        try:
            records.append(json.loads(line))
        except ValueError:  # a line cut by a crash while it was written: never acknowledged
            log.warning("skipped an unfinished line %d of %s", number, path)
    return records


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
