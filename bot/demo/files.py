"""Files the stand-ins keep: what clients and managers send, what the bot uploads."""

from __future__ import annotations

import itertools
import mimetypes
import struct
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

BOT_DOWNLOAD_LIMIT = 20 * 1024 * 1024  # what getFile lets a bot download (Bot API)
STATIC = Path(str(resources.files("bot.demo") / "static"))  # the page, and the sample photos
SAMPLES = STATIC / "cars"


def samples() -> list[Path]:
    return sorted(SAMPLES.glob("*.jpg"))


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    unique_id: str
    data: bytes
    name: str
    mime: str

    @property
    def size(self) -> int:
        return len(self.data)


class FileStore:
    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._ids = itertools.count(1)
        self._files: dict[str, StoredFile] = {}

    def add(self, data: bytes, name: str, mime: str | None = None) -> StoredFile:
        number = next(self._ids)
        # Like Telegram, a file sent as octet-stream gets the type its name says (a bill's .pdf).
        given = None if mime in (None, "", "application/octet-stream") else mime
        kind = given or mimetypes.guess_type(name)[0] or "application/octet-stream"
        stored = StoredFile(f"{self._prefix}{number:06d}AgAD", f"{self._prefix}u{number}", data, name, kind)
        self._files[stored.file_id] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self._files.get(file_id)


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG or JPEG (Telegram reports them for every photo size)."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    index = 2
    while data[:2] == b"\xff\xd8" and index + 9 < len(data):
        if data[index] != 0xFF:
            break
        marker = data[index + 1]
        length = struct.unpack(">H", data[index + 2:index + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[index + 5:index + 9])
            return int(width), int(height)
        index += 2 + length
    return 640, 480
