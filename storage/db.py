"""SQLite through aiosqlite: pragmas, numbered migrations, explicit transactions."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

Row = aiosqlite.Row
# Address space, not memory: the file's pages are mapped in as queries touch them (and stay in
# the OS file cache, shared). About a fifth faster for reports than reading page by page.
READER_MMAP = 1 << 30
_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def to_db(moment: datetime) -> str:
    """UTC text that sorts by time and that SQLite's date functions read."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def from_db(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)


class Tx:
    """One open transaction (or read) on the shared connection.

    Each method is a single hop to aiosqlite's thread (a cursor would cost three: execute,
    fetch, close); that hop, not SQLite, is most of the time a statement takes.
    """

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> int:
        """Run an INSERT, UPDATE or DELETE; returns the number of rows it changed."""
        return len(await self._conn.execute_fetchall(f"{sql} RETURNING 1", params))

    async def insert(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> int:
        """Run an INSERT; returns the new row's id."""
        rows = await self._conn.execute_fetchall(f"{sql} RETURNING rowid", params)
        return rows[0][0]

    async def one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Row | None:
        rows = await self._conn.execute_fetchall(sql, params)
        return rows[0] if rows else None

    async def all(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Row]:
        return list(await self._conn.execute_fetchall(sql, params))

    async def scalar(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        row = await self.one(sql, params)
        return None if row is None else row[0]


@dataclass
class Rider:
    """A write that must commit together with the first transaction of the work at hand (the
    record that an update was handled rides with the first change the update makes)."""

    write: Callable[[Tx], Awaitable[object]]
    done: bool = False


RIDER: ContextVar[Rider | None] = ContextVar("rider", default=None)


class Database:
    """One connection per process; a lock keeps coroutines' transactions from interleaving."""

    def __init__(self, path: Path, readers: int = 2) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        # Connections for long reports, opened on first use; each runs in its own thread.
        self._readers: asyncio.Queue[aiosqlite.Connection | None] = asyncio.Queue()
        self._opened_readers: list[aiosqlite.Connection] = []
        for _ in range(readers):
            self._readers.put_nowait(None)

    async def connect(self) -> None:
        if self.path.parent != Path():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = await aiosqlite.connect(self.path, isolation_level=None)
        self._conn.row_factory = aiosqlite.Row
        for pragma in (
            "PRAGMA journal_mode=WAL",
            # FULL: a committed row is a promise to a client (accepted message, queued send).
            "PRAGMA synchronous=FULL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=5000",
        ):
            await self._conn.execute(pragma)
        await self._migrate()

    async def close(self) -> None:
        for reader in self._opened_readers:
            await reader.close()
        self._opened_readers.clear()
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    @asynccontextmanager
    async def transaction(self, carry_rider: bool = True) -> AsyncIterator[Tx]:
        conn = self._require()
        rider = RIDER.get() if carry_rider else None
        if rider is not None and rider.done:
            rider = None
        async with self._lock:
            await conn.execute("BEGIN IMMEDIATE")
            try:
                tx = Tx(conn)
                if rider is not None:
                    await rider.write(tx)
                yield tx
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            await conn.execute("COMMIT")
            if rider is not None:
                rider.done = True

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        async with self._lock:
            yield Tx(self._require())

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[Tx]:
        """A consistent read on a connection of its own (WAL lets it run beside writers).

        Reports that read many rows take this instead of `read()`: they neither hold the shared
        connection's lock nor stall its thread, and two of them can run at once on two cores.
        """
        self._require()
        reader = await self._readers.get()
        try:
            if reader is None:
                reader = await self._open_reader()
            await reader.execute("BEGIN")  # one snapshot for every query inside
            try:
                yield Tx(reader)
            finally:
                await reader.execute("ROLLBACK")
        finally:
            self._readers.put_nowait(reader)

    async def _open_reader(self) -> aiosqlite.Connection:
        reader = await aiosqlite.connect(self.path, isolation_level=None)
        reader.row_factory = aiosqlite.Row
        for pragma in (
            "PRAGMA busy_timeout=5000",
            "PRAGMA query_only=ON",
            # Reports walk indexes all over the file: map it rather than copy page by page.
            f"PRAGMA mmap_size={READER_MMAP}",
            "PRAGMA temp_store=MEMORY",  # their sorts and intermediate tables are a few MB
        ):
            await reader.execute(pragma)
        if self._conn is None:  # closed while this one was opening: its thread must not outlive us
            await reader.close()
            raise RuntimeError("the database was closed")
        self._opened_readers.append(reader)
        return reader

    def _require(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("Database.connect() was not awaited")
        return self._conn

    async def _migrate(self) -> None:
        conn = self._require()
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
        )
        async with conn.execute("SELECT MAX(version) FROM schema_version") as cursor:
            row = await cursor.fetchone()
        current = row[0] or 0
        for version, sql in _migrations():
            if version <= current:
                continue
            await conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(sql):
                    await conn.execute(statement)
                await conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            await conn.execute("COMMIT")


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (our migrations hold no ';' inside literals)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]
