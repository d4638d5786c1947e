"""Reports off the path: /stats and /export are acknowledged at once and computed in a task of
their own, while clients' messages go on being relayed; owners asking at once share one
computation. The report is held by keeping both report connections busy, as two other long
reports would."""

from __future__ import annotations

from contextlib import AsyncExitStack

from tests.fakes.telegram import Call
from tests.steps import GROUP, IVAN, PAVEL, Harness
from tests.steps_stats import OLGA

REPORT_CONNECTIONS = 2


def replies_to(h: Harness, update: dict, method: str) -> list[Call]:
    command = update["message"]["message_id"]
    return [c for c in h.tg.sent(method, GROUP)
            if (c.get("reply_parameters") or {}).get("message_id") == command]


async def busy_report_connections(h: Harness, stack: AsyncExitStack) -> None:
    for _ in range(REPORT_CONNECTIONS):
        await stack.enter_async_context(h.app.db.snapshot())


async def test_stats_answers_at_once_and_clients_are_relayed_meanwhile(
    history: Harness,
) -> None:
    h = history
    command = h.updates.in_topic(OLGA, None, text="/stats 2026-11")
    async with AsyncExitStack() as stack:
        await busy_report_connections(h, stack)
        await h.app.feed(command)  # returns while the figures wait for a connection
        await h.app.outbox.wait_idle()
        [ack] = replies_to(h, command, "sendMessage")
        assert ack.text.startswith("⏳ Считаю цифры за ноябрь 2026") and ack.thread_id is None
        client = h.updates.text(IVAN, "Когда будет отчёт по машине?")
        await h.app.feed(client)
        await h.app.outbox.wait_idle()
        assert h.tg.sent("copyMessage", GROUP)[-1]["message_id"] == client["message"]["message_id"]
        assert replies_to(h, command, "sendPhoto") == []  # the figures are still to come
    await h.app.settle()
    [photo] = replies_to(h, command, "sendPhoto")
    texts = [c.text for c in replies_to(h, command, "sendMessage")]
    assert texts[0] == ack.text and any("NPS: <b>+50</b>" in text for text in texts[1:])
    assert photo.at > h.tg.sent("copyMessage", GROUP)[-1].at  # after the client's message


async def test_owners_asking_at_once_share_one_computation(history: Harness) -> None:
    h = history
    olga = h.updates.in_topic(OLGA, None, text="/stats 2026-11")
    pavel = h.updates.in_topic(PAVEL, None, text="/stats 2026-11")
    other = h.updates.in_topic(OLGA, None, text="/stats managers 2026-11")  # an administrator
    runs = h.app.stats_desk.runs
    computed = runs.computed
    async with AsyncExitStack() as stack:
        await busy_report_connections(h, stack)
        for update in (olga, pavel, other):
            await h.app.feed(update)
        assert runs.computed == computed + 2  # Olga's and Pavel's are one; per manager another
    await h.app.settle()
    for update in (olga, pavel, other):
        assert len(replies_to(h, update, "sendPhoto")) == 1  # each answered under their command
    olga_texts = [c.text for c in replies_to(h, olga, "sendMessage")][1:]
    assert olga_texts and olga_texts == [c.text for c in replies_to(h, pavel, "sendMessage")][1:]


async def test_export_answers_at_once(history: Harness) -> None:
    h = history
    command = h.updates.in_topic(OLGA, None, text="/export 2026-11")
    async with AsyncExitStack() as stack:
        await busy_report_connections(h, stack)
        await h.app.feed(command)
        await h.app.outbox.wait_idle()
        [ack] = replies_to(h, command, "sendMessage")
        assert ack.text.startswith("⏳ Готовлю файлы за ноябрь 2026")
        assert replies_to(h, command, "sendDocument") == []
    await h.app.settle()
    assert len(replies_to(h, command, "sendDocument")) == 8  # requests … calls, cars, offers, payments
