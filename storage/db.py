"""SQLite: one writing connection with group commit, report connections through aiosqlite;
opening the file brings its schema up to date (storage/migrate.py)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, overload

import aiosqlite

from storage.files import owner_only
from storage.lock import DatabaseLock
from storage.migrate import migrate
from storage.problems import problem, rolled_back

Row = sqlite3.Row
Params = tuple[Any, ...] | dict[str, Any]
# Transactions committed together at most; a steady queue still commits this often.
GROUP_LIMIT = 64
BUSY_TIMEOUT_MS = 5000  # how long to wait for another process's write lock before failing
# Address space, not memory: the file's pages are mapped in as queries touch them (and stay in
# the OS file cache, shared). About a fifth faster for reports than reading page by page.
READER_MMAP = 1 << 30
WAL_SIZE_LIMIT = 32 << 20  # bytes the -wal file keeps after a checkpoint
REPORT_NICENESS = 10  # added to a report connection's thread's niceness (see _yield_cpu)


def to_db(moment: datetime) -> str:
    """UTC text that sorts by time and that SQLite's date functions read:
    'YYYY-MM-DD HH:MM:SS.ffffff'."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


@overload
def from_db(text: str) -> datetime: ...
@overload
def from_db(text: None) -> None: ...
@overload
def from_db(text: str | None) -> datetime | None: ...


def from_db(text: str | None) -> datetime | None:
    """A stored UTC time back as an aware datetime; NULL stays None. Overloaded so that a
    column's value (typed Any by sqlite3) needs no cast where the row is built."""
    if text is None:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=UTC)  # several times faster than strptime


class Tx:
    """One open transaction (or read) on the shared connection.

    The shared connection's statements run inline: they are short, indexed and take tens of
    microseconds, less than a hop to another thread would. Only the commit, which waits on the
    disk, leaves the event loop (see `Database`).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    async def _fetch(self, sql: str, params: Params) -> list[Row]:
        return self._conn.execute(sql, params).fetchall()

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT, UPDATE or DELETE; returns the number of rows it changed."""
        return len(await self._fetch(f"{sql} RETURNING 1", params))

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT; returns the new row's id."""
        rows = await self._fetch(f"{sql} RETURNING rowid", params)
        return rows[0][0]

    async def one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self._fetch(sql, params)
        return rows[0] if rows else None

    async def all(self, sql: str, params: Params = ()) -> list[Row]:
        return await self._fetch(sql, params)

    async def scalar(self, sql: str, params: Params = ()) -> Any:
        row = await self.one(sql, params)
        return None if row is None else row[0]


class _ReportTx(Tx):
    """A read on a report connection: each statement runs in that connection's own thread
    (one hop each), so a long report never stalls the event loop."""

    def __init__(self, conn: aiosqlite.Connection) -> None:  # noqa: D107 - same as Tx
        self._reader = conn

    async def _fetch(self, sql: str, params: Params) -> list[Row]:
        return list(await self._reader.execute_fetchall(sql, params))


@dataclass
class Rider:
    """A write that must commit together with the first transaction of the work at hand (the
    record that an update was handled rides with the first change the update makes)."""

    write: Callable[[Tx], Awaitable[object]]
    done: bool = False


RIDER: ContextVar[Rider | None] = ContextVar("rider", default=None)


@dataclass
class _Group:
    """Transactions that share one commit (one fsync)."""

    committed: asyncio.Future[None]
    members: int = 0


class Database:
    """One writing connection per process, used by one coroutine at a time, with group commit.

    Each `transaction()` is a savepoint inside a group; the coroutine that finds nobody else
    waiting for the connection commits the group (in a thread: the fsync must not stall the
    loop), and every member returns only once that commit is on disk. So a transaction that
    returned is durable, as before, while a burst of them pays for one fsync instead of one
    each. A member that fails rolls back its own savepoint only.

    `read()` on the same connection may see changes of an open group that are not yet
    committed; nothing leaves the process on the strength of such a read alone, because every
    send is preceded by a `transaction()` (the outbox worker's 'sending' mark), which waits for
    the commit of everything before it. If a commit fails, every member of its group fails.
    """

    def __init__(self, path: Path, readers: int = 2, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms  # the wait for another process's write lock
        self._lock_file = DatabaseLock(path)  # one bot per database
        self._conn: sqlite3.Connection | None = None
        self._lock = asyncio.Lock()
        self._waiting = 0  # coroutines queued for the connection
        self._group: _Group | None = None  # open (BEGIN done), not yet committed
        self._committing: asyncio.Task[None] | None = None
        self._committer: ThreadPoolExecutor | None = None
        self.commits = 0  # fsync'd commits made (the relay benchmark prints them per message)
        # Connections for long reports, opened on first use; each runs in its own thread.
        self._readers: asyncio.Queue[aiosqlite.Connection | None] = asyncio.Queue()
        self._opened_readers: list[aiosqlite.Connection] = []
        for _ in range(readers):
            self._readers.put_nowait(None)

    async def connect(self) -> None:
        """Open the file and bring its schema up to date; a file that cannot be used raises
        DatabaseProblem, whose message says which file and what to do."""
        self._lock_file.acquire()
        try:
            conn = self._open()
        except BaseException as error:
            self._lock_file.release()
            if isinstance(error, sqlite3.Error | OSError):
                raise problem(self.path, error) from None
            raise
        # From here on nothing waits for another process's lock on the event loop: see _begin.
        conn.execute("PRAGMA busy_timeout=0")
        self._conn = conn
        self._committer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-commit")

    async def close(self) -> None:
        for reader in self._opened_readers:
            await reader.close()
        self._opened_readers.clear()
        async with self._lock:  # a commit in flight finishes first
            if self._conn is not None:
                if self._conn.in_transaction:  # a group nobody is left to commit
                    self._conn.execute("ROLLBACK")
                self._conn.close()
                self._conn = None
        if self._committer is not None:
            self._committer.shutdown()
            self._committer = None
        self._lock_file.release()

    @asynccontextmanager
    async def transaction(self, carry_rider: bool = True) -> AsyncIterator[Tx]:
        rider = RIDER.get() if carry_rider else None
        if rider is not None and rider.done:
            rider = None
        async with self._hold() as conn:
            if self._group is None:
                await self._begin(conn)
                self._group = _Group(asyncio.get_running_loop().create_future())
            group = self._group
            conn.execute("SAVEPOINT tx")
            try:
                tx = Tx(conn)
                if rider is not None:
                    await rider.write(tx)
                yield tx
            except BaseException:
                self._undo(conn, group)
                raise
            conn.execute("RELEASE tx")
            group.members += 1
        await asyncio.shield(group.committed)
        if rider is not None:
            rider.done = True

    async def truncate_wal(self) -> bool:
        """Copy every committed page into the file and empty the -wal file, so old versions of
        rows (erased ones) are gone from the disk. False when a report's open snapshot still
        needs part of the log: try again later."""
        while True:
            async with self._hold() as conn:
                if not conn.in_transaction:  # else an open group: committed as we let go
                    row = await asyncio.get_running_loop().run_in_executor(
                        self._committer, _checkpoint, conn)
                    return row[0] == 0 and row[1] == row[2]

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        async with self._hold() as conn:
            yield Tx(conn)

    @asynccontextmanager
    async def _hold(self) -> AsyncIterator[sqlite3.Connection]:
        conn = self._require()
        self._waiting += 1
        try:
            await self._lock.acquire()
        except BaseException:
            self._waiting -= 1
            if self._group is not None and self._waiting == 0 and not self._lock.locked():
                # The one that let us go counted on us to commit the group.
                self._committing = asyncio.get_running_loop().create_task(self._flush())
            raise
        self._waiting -= 1
        try:
            yield conn
        finally:
            self._release()

    def _release(self) -> None:
        """Hand the connection on; the last in line commits the open group first."""
        group = self._group
        if group is None or (self._waiting and group.members < GROUP_LIMIT):
            self._lock.release()
            return
        self._group = None
        self._committing = asyncio.get_running_loop().create_task(self._commit(group))

    async def _commit(self, group: _Group) -> None:
        """Commit the group, then let the next coroutine have the connection."""
        conn = self._require()
        try:
            await asyncio.get_running_loop().run_in_executor(self._committer, conn.execute, "COMMIT")
        except sqlite3.Error as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            group.committed.set_exception(error)
        except BaseException:  # the loop shutting down: nobody may wait forever
            group.committed.cancel()
            raise
        else:
            self.commits += 1
            group.committed.set_result(None)
        finally:
            self._lock.release()

    async def _begin(self, conn: sqlite3.Connection) -> None:
        """Take the write lock. Only another process (a script, a second bot on the same file)
        can hold it; if one does, the wait for it happens in the committer thread, so the
        loop serves everything else meanwhile."""
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY:
                raise
            begin = asyncio.get_running_loop().run_in_executor(
                self._committer, _begin_patiently, conn, self.busy_timeout_ms
            )
            try:
                await asyncio.shield(begin)
            except asyncio.CancelledError:
                # Stopped while the thread waits on the connection: keep holding it until the
                # thread is done, or `close` would close the connection under it (a segfault).
                with contextlib.suppress(Exception):
                    await begin
                    conn.execute("ROLLBACK")  # the lock came, for nobody
                raise

    async def _flush(self) -> None:
        async with self._hold():
            pass

    def _undo(self, conn: sqlite3.Connection, group: _Group) -> None:
        """Roll back one member's savepoint (or, if SQLite already rolled back the whole
        transaction after an I/O error, fail the group)."""
        if conn.in_transaction:
            conn.execute("ROLLBACK TO tx")
            conn.execute("RELEASE tx")
            return
        self._group = None
        if not group.committed.done():
            group.committed.set_exception(rolled_back())
            group.committed.exception()  # the failing member raises its own error; mark seen

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[Tx]:
        """A consistent read on a connection of its own (WAL lets it run beside writers).

        Reports that read many rows take this instead of `read()`: they neither hold the shared
        connection nor stall the event loop, and two of them can run at once on two cores.
        """
        self._require()
        reader = await self._readers.get()
        try:
            if reader is None:
                reader = await self._open_reader()
            await reader.execute("BEGIN")  # one snapshot for every query inside
            try:
                yield _ReportTx(reader)
            finally:
                await reader.execute("ROLLBACK")
        finally:
            self._readers.put_nowait(reader)

    async def _open_reader(self) -> aiosqlite.Connection:
        reader = await aiosqlite.connect(self.path, isolation_level=None)
        reader.row_factory = aiosqlite.Row
        await reader.create_function("lower_ru", 1, _casefold, deterministic=True)
        for pragma in (
            "PRAGMA busy_timeout=5000",
            "PRAGMA query_only=ON",
            # Reports walk indexes all over the file: map it rather than copy page by page.
            f"PRAGMA mmap_size={READER_MMAP}",
            "PRAGMA temp_store=MEMORY",  # their sorts and intermediate tables are a few MB
        ):
            await reader.execute(pragma)
        await reader._execute(_yield_cpu)  # noqa: SLF001 - run in the connection's own thread
        if self._conn is None:  # closed while this one was opening: its thread must not outlive us
            await reader.close()
            raise RuntimeError("the database was closed")
        self._opened_readers.append(reader)
        return reader

    def _open(self) -> sqlite3.Connection:
        if self.path.parent != Path():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        owner_only(self.path)  # privacy: SQLite gives -wal and -shm the database file's mode
        # Used from the loop and, for commits only, from the committer thread; never at once.
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            conn.row_factory = Row
            for pragma in (
                f"PRAGMA busy_timeout={self.busy_timeout_ms}",
                "PRAGMA journal_mode=WAL",
                # FULL: a committed row is a promise to a client (accepted message, queued send).
                "PRAGMA synchronous=FULL",
                "PRAGMA foreign_keys=ON",
                # Privacy: what is deleted or overwritten is zeroed in its page, not left in
                # free space (SQLite is often built without it); the -wal is cut back to this
                # size after each checkpoint (truncate_wal empties it after an erasure).
                "PRAGMA secure_delete=ON",
                f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}",
            ):
                conn.execute(pragma)
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # a damaged file fails here
            _check_writable(conn, self.busy_timeout_ms)
            # SQLite's lower() knows ASCII only: searches by a Cyrillic name use this one.
            conn.create_function("lower_ru", 1, _casefold, deterministic=True)
            migrate(conn, path=self.path)
        except BaseException:
            conn.close()
            raise
        return conn

    def _require(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("Database.connect() was not awaited")
        return self._conn


def _check_writable(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """A file the bot may not write fails here; one another program is writing just now does
    not (the bot starts, and waits for it as it would at any other moment)."""
    conn.execute("PRAGMA busy_timeout=0")
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode != sqlite3.SQLITE_BUSY:
            raise
    finally:
        conn.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")


def _checkpoint(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """(busy, frames in the log, frames checkpointed), as PRAGMA wal_checkpoint gives them."""
    busy, log, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy, log, done


def _yield_cpu() -> None:
    """Lower the calling thread's CPU priority (Linux: niceness is per thread), so a long report
    on a busy machine takes the cores only when the event loop does not need them. SQLite
    releases the GIL while it works, so this costs the loop nothing."""
    with contextlib.suppress(OSError, AttributeError):  # not permitted, or not Linux: as it is
        os.setpriority(os.PRIO_PROCESS, 0, REPORT_NICENESS)


def _begin_patiently(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    conn.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    try:
        conn.execute("BEGIN IMMEDIATE")
    finally:
        conn.execute("PRAGMA busy_timeout=0")


def _casefold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value
