"""Saved replies (issue 26): `/reply name` in a client's topic sends a saved answer (the address,
opening hours, documents to bring) to the client, its `{field}` blanks filled from the client's
card; `/reply` lists them; `/reply add name text` and `/reply del name` keep the list. The list
lives in a plain file beside the database (`replies.txt`, format in `domain/replies.py`) that
the firm may also edit by hand; it is read at each command, so an edit counts at once."""

from __future__ import annotations

import asyncio
import os
import tempfile
from html import escape
from pathlib import Path

from bot.services.base import Desk, Kit
from domain import Client, Reply
from domain import replies as saved
from domain.refusal import Refusal
from storage import journal, requests
from storage.db import Tx

PREVIEW = 60  # characters of each reply in the list


def _refusal(bad: saved.BadReply) -> Refusal:
    """What the manager typed goes back into an HTML message: escaped."""
    return Refusal(bad.key, **{key: escape(value) if isinstance(value, str) else value
                               for key, value in bad.values.items()})


class SavedReplies(Desk):
    def __init__(self, kit: Kit, path: Path) -> None:
        super().__init__(kit)
        self._path = path
        self._lock = asyncio.Lock()  # one change to the file at a time

    async def command(self, topic_id: int | None, message_id: int, manager_id: int,
                      args: str) -> None:
        words = args.split(maxsplit=1)
        verb = words[0].lower() if words else ""
        if verb == "add":
            rest = (words[1] if len(words) > 1 else "").split(maxsplit=1)
            name, text = (rest[0] if rest else ""), (rest[1] if len(rest) > 1 else "")
            await self._command(topic_id, message_id, lambda tx: self._add(
                tx, topic_id, message_id, name.lower(), text.strip()))
        elif verb == "del":
            name = words[1].strip().lower() if len(words) > 1 else ""
            await self._command(topic_id, message_id, lambda tx: self._delete(
                tx, topic_id, message_id, name))
        elif not verb:
            await self._command(topic_id, message_id, lambda tx: self._list(tx, topic_id, message_id))
        else:
            await self._on_client(topic_id, message_id, lambda tx, client: self._send_reply(
                tx, client, message_id, manager_id, args.strip().lower()))

    async def _list(self, tx: Tx, topic_id: int | None, message_id: int) -> None:
        found = await self._read()
        if not found:
            await self._answer(tx, topic_id, message_id, "reply-none")
            return
        lines = []
        for name, text in sorted(found.items()):
            short = " ".join(text.split())
            short = short if len(short) <= PREVIEW else short[:PREVIEW - 1] + "…"
            lines.append(f"<b>{escape(name)}</b> — {escape(short)}")
        await self._answer(tx, topic_id, message_id, "reply-list", count=len(found),
                           lines="\n".join(lines))

    async def _add(self, tx: Tx, topic_id: int | None, message_id: int, name: str, text: str) -> None:
        self._valid(name, text)
        async with self._lock:
            found = await self._read()
            if name not in found and len(found) >= saved.MAX_REPLIES:
                raise Refusal("reply-too-many", limit=saved.MAX_REPLIES)
            key = "reply-replaced" if name in found else "reply-added"
            await self._write({**found, name: text})
        await self._answer(tx, topic_id, message_id, key, name=name)

    async def _delete(self, tx: Tx, topic_id: int | None, message_id: int, name: str) -> None:
        async with self._lock:
            found = await self._read()
            if name not in found:
                raise Refusal("reply-not-found", name=escape(name[:40]) or "—")
            del found[name]
            await self._write(found)
        await self._answer(tx, topic_id, message_id, "reply-deleted", name=name)

    async def _send_reply(self, tx: Tx, client: Client, message_id: int, manager_id: int,
                          name: str) -> None:
        found = await self._read()
        text = found.get(name)
        if text is None:
            raise Refusal("reply-not-found", name=escape(name[:40]))
        if client.erased_at is not None:
            raise Refusal("privacy-topic-erased-relay")
        request = await requests.latest_for_client(tx, client.id)
        values = {
            "name": client.name or "", "phone": client.phone or "",
            "car": request.car if request else "", "city": request.city if request else "",
            "request": f"#{request.id}" if request else "",
        }
        try:
            used = saved.fields_of(text)
        except saved.BadReply as bad:  # a hand-edited file: said, not sent
            raise _refusal(bad) from None
        missing = [field for field in used if not values[field]]
        if missing:
            raise Refusal("reply-field-empty", fields=", ".join("{" + f + "}" for f in missing))
        body = escape(saved.fill(text, values))
        await self._outbox.to_client(tx, client, Reply(body))
        await journal.log_message(tx, client.id, "manager", "text", self._clock.now(), manager_id)
        await self._answer(tx, client.topic_id, message_id, "reply-sent", name=name, text=body)

    @staticmethod
    def _valid(name: str, text: str) -> None:
        try:
            saved.check(name, text)
        except saved.BadReply as bad:
            raise _refusal(bad) from None

    async def _read(self) -> dict[str, str]:
        def read() -> str:
            try:
                return self._path.read_text(encoding="utf-8")
            except FileNotFoundError:
                return ""
        return saved.read(await asyncio.to_thread(read))

    async def _write(self, replies: dict[str, str]) -> None:
        text = saved.write(replies)

        def write() -> None:  # whole or not at all: a temporary file renamed over the old one
            self._path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self._path.parent, prefix=".replies-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as file:
                    file.write(text)
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(temporary, self._path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise

        await asyncio.to_thread(write)
