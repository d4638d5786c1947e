"""Numbered migrations (storage/migrations/NNNN_name.sql), each applied in one transaction."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from storage.problems import MigrationFailed


def migrate(
    conn: sqlite3.Connection, up_to: int | None = None, path: Path | None = None
) -> list[str]:
    """Apply the migrations not applied yet (up to `up_to`: tests build older schemas); returns
    the names of those applied, in order.

    Each migration is one transaction with its version row: one that fails, or a process
    killed in the middle of one, leaves the database as it was before that migration."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    # Each migration not applied yet, even one numbered below the newest applied: work built
    # side by side lands its migrations in any order.
    applied = {row[0] for row in conn.execute("SELECT version FROM schema_version")}
    done = []
    for version, name, sql in _migrations():
        if version in applied or (up_to is not None and version > up_to):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
        except BaseException as error:
            conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error) and path is not None:
                raise MigrationFailed(path, name, error) from None
            raise
        conn.execute("COMMIT")
        done.append(name)
    return done


def known() -> dict[int, str]:
    """The migrations this version of the code carries: number → file name."""
    return {version: name for version, name, _ in _migrations()}


def applied(conn: sqlite3.Connection) -> set[int]:
    """The migrations applied to the database `conn` holds (none for an empty file)."""
    tables = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchall()
    if not tables:
        return set()
    return {row[0] for row in conn.execute("SELECT version FROM schema_version")}


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            found.append((number, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (our migrations hold no ';' inside literals)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]
