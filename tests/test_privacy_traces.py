"""What erasure leaves behind (issue 21, finding 4): dead-letter notices in General found by the
client's id, not by the name they show; and the database's own files, read as bytes after
/forget, hold none of the erased values (secure_delete, the -wal emptied). And what a client
sends while their erasure finishes (finding 5): refused with a word on why, never taken and
then wiped; afterwards they are a new client."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fakes.updates import TgUser
from tests.steps import (
    GROUP,
    IVAN,
    IVAN_VALUES,
    JOHN,
    MANAGER,
    RU_ANSWERS,
    Harness,
    answer_all,
    client_id_of,
    group_press,
    inject_fault_for,
    remove_fault,
    retry_after_backoff,
    rich_history,
    settle_erasure,
)

DARCY = TgUser(id=444, first_name="Д'Артаньян", language_code="ru")
LOST_WORDS = "письмо про шины для Констанции"


async def dead_letter(h: Harness, db_path: Path, user: TgUser, text: str) -> None:
    """The user's message fails five times: General is told, quoting it."""
    inject_fault_for(db_path, await client_id_of(h, user))
    await h.say(user, text)
    for _ in range(4):
        await retry_after_backoff(h)
    remove_fault(db_path)
    told = [c.text or "" for c in h.tg.sent("sendMessage", GROUP) if text in (c.text or "")]
    assert len(told) == 1 and user.first_name.replace("'", "&#x27;") in told[0]


async def forget(h: Harness, topic: int) -> None:
    """/forget in the client's topic, confirmed by an owner; then the address goes too."""
    await h.feed(h.updates.in_topic(MANAGER, topic, text="/forget"))
    ask = [c for c in h.tg.sent("sendMessage", GROUP) if "Удалить все данные" in (c.text or "")][-1]
    update = group_press(h, MANAGER, ask.button_data("Да, удалить"), ask.result["message_id"])
    update["callback_query"]["message"]["message_thread_id"] = topic
    await h.feed(update)
    await settle_erasure(h)


def leftovers(db_path: Path, values: list[str]) -> dict[str, list[str]]:
    """Each erased value found in the bytes of the database file or its -wal, as UTF-8 or as
    JSON writes it with escapes."""
    found: dict[str, list[str]] = {}
    for path in (db_path, Path(f"{db_path}-wal")):
        data = path.read_bytes() if path.exists() else b""
        for value in values:
            forms = {value.encode(), json.dumps(value)[1:-1].encode()}
            if any(form in data for form in forms):
                found.setdefault(path.name, []).append(value)
    return found


async def test_forget_leaves_no_erased_value_in_the_files(harness: Harness, db_path: Path) -> None:
    h = harness
    await rich_history(h)
    # His Telegram name (Иван) is not the name he gave at intake (Иван Петров).
    await dead_letter(h, db_path, IVAN, LOST_WORDS)
    values = [*IVAN_VALUES, LOST_WORDS]
    assert leftovers(db_path, values)  # the scan finds what is there
    await forget(h, 500)
    assert leftovers(db_path, values) == {}
    wal = Path(f"{db_path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    async with h.app.db.read() as tx:
        assert (await tx.one("PRAGMA secure_delete"))[0] == 1


async def test_a_dead_letter_about_a_client_with_an_apostrophe_is_erased(
    harness: Harness, db_path: Path
) -> None:
    h = harness
    await h.say(DARCY, "Здравствуйте")  # a topic of his own, no intake: his Telegram name only
    await dead_letter(h, db_path, DARCY, LOST_WORDS)
    [(topic,)] = await h.rows("SELECT topic_id FROM clients WHERE external_id = ?", str(DARCY.id))
    await forget(h, topic)
    assert await h.rows("SELECT COUNT(*) FROM outbox WHERE payload LIKE ?", f"%{LOST_WORDS}%") == [(0,)]
    assert leftovers(db_path, [LOST_WORDS, "Артаньян"]) == {}


async def test_a_request_right_after_delete_my_data_is_refused_then_taken_as_new(harness: Harness) -> None:
    h = harness
    for user, confirm, erasing in ((IVAN, "Да, удалить всё", "Мы ещё удаляем ваши данные"),
                                   (JOHN, "Yes, delete everything", "We are still deleting your data")):
        await h.say(user, "/start")
        await h.say(user, "/delete_my_data")
        await h.tap(user, confirm)
        # The farewell is sent; the address goes at the next tick. Meanwhile a new request:
        await h.say(user, "/new")
        assert erasing in h.last_text_to(user)
        await h.say(user, "Хочу машину")
        assert erasing in h.last_text_to(user)
    assert await h.rows("SELECT COUNT(*) FROM requests") == [(0,)]
    assert await h.rows("SELECT COUNT(*) FROM conversations") == [(0,)]
    await settle_erasure(h)
    # Now Ivan writes as a new client: his request is confirmed and stays.
    await h.say(IVAN, "/new")
    await answer_all(h, IVAN, RU_ANSWERS)
    await h.tap(IVAN, "В любое время")
    await h.tap(IVAN, "Всё верно")
    [(client_id, car)] = await h.rows("SELECT client_id, car FROM requests")
    assert client_id not in (1, 2) and car == "Toyota RAV4"
    await settle_erasure(h)
    assert await h.rows("SELECT car FROM requests") == [("Toyota RAV4",)]
    assert await h.rows("SELECT name FROM clients WHERE id = ?", client_id) == [("Иван Петров",)]
