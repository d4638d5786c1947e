"""Reception and the work order: lines approved or declined one by one with the consent record,
extra defects under the client's policy, /ready with its reason, the promise warnings, /done
with the itemised bill and its PDF. Through the dispatcher and the fake Bot API."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.services.workshop import pdf
from storage.db import from_db
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.steps import GROUP, IVAN, JOHN, Harness, topic_texts
from tests.steps_workshop import manager, start, tick

PAY = "https://pay.example/carcare"
ORDER = """/order ТО-3, Kia Rio 2019, 68 200 км
Замена масла и фильтра | 3 500
Колодки передние | 6 200 ₽
Диагностика подвески | 1 500
Готово: 18:00
Доп. работы: до 5000"""


@pytest.fixture
async def h(tg: FakeTelegram, clock: FakeClock, db_path: Path) -> AsyncIterator[Harness]:
    harness = await start(tg, clock, db_path, payment_url=PAY)
    try:
        yield harness
    finally:
        await harness.app.stop()


async def ordered(h: Harness, text: str = ORDER) -> None:
    await h.say(IVAN, "Добрый день, я подъехал")  # the client's topic opens
    await manager(h, "/arrived")
    await manager(h, text)


async def lines(h: Harness) -> list[tuple]:
    return await h.rows("SELECT position, title, price, origin, status, decided_by, reason, later"
                        " FROM ws_lines ORDER BY position")


async def consents(h: Harness) -> list[tuple]:
    return await h.rows("SELECT l.position, c.decision, c.price, c.channel, c.via, c.at"
                        " FROM ws_consents c JOIN ws_lines l ON l.id = c.line_id ORDER BY c.id")


def order_message(h: Harness):
    return next(c for c in h.tg.to_chat(IVAN.id) if "Заказ-наряд №\u00a01" in (c.text or ""))


async def test_lines_approved_and_declined_one_by_one_with_consent_records(h: Harness) -> None:
    await ordered(h)
    message = order_message(h)
    assert "Итого: <b>11\u202f200\u00a0₽</b>" in message.text
    assert "Машина будет готова: <b>пн, 23 ноября, 18:00</b>" in message.text
    assert message.button_labels()[-1] == "✅ Согласовать всё"
    assert await h.rows("SELECT status FROM ws_lines WHERE status != 'offered'") == []  # nothing yet
    await h.tap(IVAN, "✅ 1.")
    h.clock.advance(minutes=3)
    await h.tap(IVAN, "❌ Не делать 2")
    await h.tap(IVAN, "Дорого")
    await h.tap(IVAN, "✅ 3.")
    assert [row[4:7] for row in await lines(h)] == [
        ("approved", "client", None), ("declined", "client", "price"), ("approved", "client", None)]
    records = await consents(h)
    assert [r[:5] for r in records] == [
        (1, "approved", 3500, "telegram", "line"), (2, "declined", 6200, "telegram", "line"),
        (3, "approved", 1500, "telegram", "line")]
    assert from_db(records[0][5]) == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert from_db(records[1][5]) == datetime(2026, 11, 23, 9, 3, tzinfo=UTC)
    assert "согласован: 2 позиции на сумму <b>5\u202f000\u00a0₽</b>" in h.last_text_to(IVAN)
    topic = topic_texts(h)
    assert any("Клиент отказался: 2. Колодки передние" in t for t in topic)
    assert any("Причина отказа" in t and "Дорого" in t for t in topic)
    # The first message's button pressed again: recorded once, the client told it stands.
    await h.feed(h.updates.press(IVAN, message.button_data("✅ 1."), message.result["message_id"]))
    assert len(await consents(h)) == 3
    assert "Уже отмечено: 1." in h.texts_to(IVAN)[-2]


async def test_approve_all_and_another_clients_press(h: Harness) -> None:
    await ordered(h)
    message = order_message(h)
    await h.say(JOHN, "/start")
    await h.feed(h.updates.press(JOHN, message.button_data("Согласовать всё"), message.result["message_id"]))
    assert await consents(h) == []
    await h.tap(IVAN, "Согласовать всё")
    assert [(r[1], r[4]) for r in await consents(h)] == [("approved", "all")] * 3
    assert "согласован: 3 позиции на сумму <b>11\u202f200\u00a0₽</b>" in h.last_text_to(IVAN)


async def test_declined_later_owes_a_reminder(h: Harness) -> None:
    await ordered(h)
    await h.tap(IVAN, "❌ Не делать 3")
    await h.tap(IVAN, "Сделаю позже")
    await h.tap(IVAN, "Через три месяца")
    assert (await lines(h))[2][6:] == ("later", "3m")
    (due,) = await h.rows("SELECT kind, due_at FROM due_tasks WHERE kind = 'deferred'")
    assert from_db(due[1]) == datetime(2027, 2, 21, 9, 0, tzinfo=UTC)


async def test_an_extra_line_within_the_policy_is_auto_approved_and_the_client_told(h: Harness) -> None:
    await ordered(h)
    await h.tap(IVAN, "Согласовать всё")
    await manager(h, "/extra Втулки стабилизатора | 2 400")
    assert (await lines(h))[3][2:6] == (2400, "extra", "approved", "policy")
    assert (await consents(h))[-1][1:5] == ("approved", 2400, "policy", "policy")
    told = h.last_text_to(IVAN)
    assert "Втулки стабилизатора" in told
    assert "Работы до 5\u202f000\u00a0₽ вы разрешили делать без отдельного согласования" in told
    await manager(h, "/extra Рулевая рейка | 38 000")  # above the limit: the client decides
    assert (await lines(h))[4][4] == "offered"
    await h.tap(IVAN, "❌ Не делать 5")
    assert (await lines(h))[4][4:6] == ("declined", "client")


async def test_the_never_policy_declines_extras_and_tells_the_client(h: Harness) -> None:
    await ordered(h, ORDER.replace("до 5000", "нет"))
    await manager(h, "/extra Втулки | 900")
    assert (await lines(h))[3][4:6] == ("declined", "policy")
    assert "сверх заказа ничего не делаем" in h.last_text_to(IVAN)


async def test_a_bad_order_is_refused_with_the_format(h: Harness) -> None:
    await h.say(IVAN, "Здравствуйте")
    await manager(h, "/order ТО\nЗамена масла 3500\nГотово: 18:00")
    assert "Не получилось разобрать строку «Замена масла 3500»" in topic_texts(h)[-1]
    await manager(h, "/order ТО\nЗамена масла | 3500")
    assert "Готово: 18:00" in topic_texts(h)[-1]
    assert await h.rows("SELECT id FROM ws_orders") == []  # a refusal leaves nothing behind
    assert not any("Заказ-наряд" in t for t in h.texts_to(IVAN))


async def test_ready_needs_a_reason_and_tells_the_client(h: Harness) -> None:
    await ordered(h)
    await manager(h, "/ready 19:30")
    assert "Без причины клиенту не сообщаем" in topic_texts(h)[-1]
    await manager(h, "/ready 19:30 ждём колодки со склада")
    told = h.last_text_to(IVAN)
    assert "было пн, 23 ноября, 18:00, теперь <b>пн, 23 ноября, 19:30</b>" in told
    assert "ждём колодки со склада" in told and "Извините за ожидание" in told  # later: we apologise
    (row,) = await h.rows("SELECT old_at, new_at, reason FROM ws_promises")
    assert from_db(row[1]) == datetime(2026, 11, 23, 16, 30, tzinfo=UTC)
    assert row[2] == "ждём колодки со склада"
    await manager(h, "/ready 19:00 колодки привезли раньше")
    told = h.last_text_to(IVAN)
    assert "теперь <b>пн, 23 ноября, 19:00</b>" in told and "Извините" not in told  # earlier: no apology


async def test_the_topic_is_warned_before_the_promised_time_and_general_when_it_passes(h: Harness) -> None:
    await ordered(h)  # promised 18:00 Moscow = 15:00 UTC
    h.clock.current = datetime(2026, 11, 23, 14, 29, tzinfo=UTC)
    await tick(h)
    assert not any("Через 30 минут" in t for t in topic_texts(h))
    h.clock.advance(minutes=1)
    await tick(h)
    assert sum("Через 30 минут обещанное время по №\u00a01" in t for t in topic_texts(h)) == 1
    h.clock.current = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    await tick(h)
    await tick(h)
    assert sum("прошло, машина не выдана" in t for t in topic_texts(h)) == 1
    assert sum("прошло обещанное время по заказ-наряду №\u00a01" in t for t in topic_texts(h, None)) == 1


async def test_a_moved_or_kept_promise_is_not_warned_about(h: Harness) -> None:
    await ordered(h)
    await manager(h, "/ready 20:00 ждём запчасть")  # the 18:00 warnings lapse with the promise
    await h.tap(IVAN, "Согласовать всё")
    h.clock.current = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    await tick(h)
    assert not any("Через 30 минут" in t or "машина не выдана" in t for t in topic_texts(h))
    await manager(h, "/done")
    h.clock.current = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
    await tick(h)
    assert not any("Через 30 минут" in t or "машина не выдана" in t for t in topic_texts(h))


async def test_the_bill_lists_only_approved_lines_with_the_right_total(h: Harness) -> None:
    await ordered(h)
    await h.tap(IVAN, "✅ 1.")
    await manager(h, "/done")
    assert "ещё не ответил по всем строкам" in topic_texts(h)[-1]  # no bill without consent
    await h.tap(IVAN, "❌ Не делать 2")
    await h.tap(IVAN, "Сделаю в другом месте")
    await h.tap(IVAN, "✅ 3.")
    await manager(h, "/extra Втулки стабилизатора | 2 400")
    h.clock.advance(hours=4)
    await manager(h, "/done Следующее ТО — около 78 000 км или к июню")
    bill = next(c for c in h.tg.to_chat(IVAN.id) if "Ваша машина готова" in (c.text or ""))
    assert "Замена масла и фильтра\u00a0— 3\u202f500\u00a0₽" in bill.text
    assert "Диагностика подвески\u00a0— 1\u202f500\u00a0₽" in bill.text
    assert "Втулки стабилизатора\u00a0— 2\u202f400\u00a0₽" in bill.text
    assert "Итого к оплате: <b>7\u202f400\u00a0₽</b>" in bill.text
    removed = "− Колодки передние\u00a0— 6\u202f200\u00a0₽ (не делали: вы решили сделать в другом месте)"
    assert removed in bill.text
    assert "+ Втулки стабилизатора" in bill.text and "78 000 км" in bill.text
    assert [b["url"] for row in bill.buttons for b in row] == [PAY]
    assert len([c for c in h.tg.sent("sendDocument") if c.chat_id == IVAN.id]) == 1
    name, content = h.tg.uploads[-1]
    assert name == "order-1.pdf" and content.startswith(b"%PDF")
    assert b"DejaVu" in content  # a font with Cyrillic is embedded
    (row,) = await h.rows("SELECT status, closed_at FROM ws_orders")
    assert row[0] == "done" and from_db(row[1]) == datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
    assert any("закрыт" in t and "Вовремя: да" in t for t in topic_texts(h))


async def test_the_bill_pdf_is_rendered_off_the_loop_and_outside_the_transaction(
    h: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the PDF renders (held here until another client has been answered), the event
    loop and the database serve other chats: John's message is handled in the meantime."""
    await ordered(h)
    await h.tap(IVAN, "Согласовать всё")
    await h.say(JOHN, "/start")
    rendering, release, finished = threading.Event(), threading.Event(), threading.Event()
    render = pdf.render

    def held(bill: pdf.Document) -> bytes:
        rendering.set()
        release.wait(2)  # on the loop this blocks everything until it gives up
        finished.set()
        return render(bill)

    monkeypatch.setattr(pdf, "render", held)
    closing = asyncio.ensure_future(manager(h, "/done"))
    assert await asyncio.to_thread(rendering.wait, 5)
    await h.say(JOHN, "Where is my car?")
    answered_while_rendering = not finished.is_set()
    release.set()
    await closing
    assert answered_while_rendering
    assert h.tg.sent("copyMessage", GROUP)[-1]["from_chat_id"] == str(JOHN.id)
    assert any("Ваша машина готова" in t for t in h.texts_to(IVAN))
    assert h.tg.uploads[-1][0] == "order-1.pdf"


async def test_a_bill_whose_closing_failed_after_the_rendering_still_reaches_the_client(
    h: Harness, tg: FakeTelegram, clock: FakeClock, db_path: Path
) -> None:
    """The process dies (here: the closing write fails) after the PDF was rendered: nothing was
    committed, so neither half of the bill went; the kept update, handled after the restart,
    sends the bill and its PDF once."""
    await ordered(h)
    await h.tap(IVAN, "Согласовать всё")
    fault = sqlite3.connect(db_path)
    fault.execute("CREATE TRIGGER injected_fault BEFORE UPDATE OF status ON ws_orders"
                  " BEGIN SELECT RAISE(ABORT, 'injected fault'); END")
    fault.commit()
    await manager(h, "/done")
    assert await h.rows("SELECT attempts FROM failed_updates") == [(1,)]
    assert not any("Ваша машина готова" in t for t in h.texts_to(IVAN)) and h.tg.uploads == []
    await h.app.stop()
    fault.execute("DROP TRIGGER injected_fault")
    fault.commit()
    fault.close()
    h.app = (await start(tg, clock, db_path, payment_url=PAY)).app  # tries the kept update again
    await h.app.settle()
    assert len([t for t in h.texts_to(IVAN) if "Ваша машина готова" in t]) == 1
    assert [name for name, _ in h.tg.uploads] == ["order-1.pdf"]
    assert await h.rows("SELECT status FROM ws_orders") == [("done",)]
    assert await h.rows("SELECT COUNT(*) FROM failed_updates") == [(0,)]


async def test_approve_all_on_an_earlier_order_message_records_nothing_it_did_not_show(h: Harness) -> None:
    """After /extra adds a 45 000 ₽ line, "approve all" on the first order message (which never
    showed it) records no consent: the client gets the current order, whose own "approve all"
    then covers the new line too."""
    await ordered(h)
    first = order_message(h)
    await manager(h, "/extra Рулевая рейка | 45 000")  # above the client's 5 000 limit: asked
    await h.feed(h.updates.press(IVAN, first.button_data("Согласовать всё"), first.result["message_id"]))
    assert await consents(h) == []
    assert [row[4] for row in await lines(h)] == ["offered"] * 4
    current = h.tg.last_to(IVAN.id)
    assert "Заказ-наряд №\u00a01" in current.text
    assert "Рулевая рейка\u00a0— 45\u202f000\u00a0₽" in current.text
    assert "изменился" in h.texts_to(IVAN)[-2]
    await h.tap(IVAN, "Согласовать всё")  # on the current order: all four, as shown
    assert [(r[0], r[1], r[4]) for r in await consents(h)] == [
        (1, "approved", "all"), (2, "approved", "all"), (3, "approved", "all"), (4, "approved", "all")]
    assert await h.rows("SELECT DISTINCT order_version FROM ws_consents") == [(2,)]
