"""Long texts stay readable (issue 21, finding 1): a text that carries what people wrote is
never Fluent's `{???}` however long, and a message over Telegram's 4,096 characters goes as
several, cut at lines, every tag closed, the buttons on the last. The fake Bot API refuses what
Telegram refuses (too long, an unclosed tag)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from bot.channels.split import split_html, visible_length
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.updates import TgUser
from tests.steps import GROUP, IVAN, JOHN, TOPIC, Harness, answer_survey, request, start_app
from tests.steps_workshop import manager, start

# A critique of 4,000 characters in several paragraphs, with what HTML must escape.
CRITIQUE = "\n".join(f"Абзац {n}: долго ждали ответа <менеджера> & звонка, " + "очень " * 40
                     for n in range(15))[:4000]
REVIEW = ("Всё прошло отлично, машина как новая; " * 80)[:3000]


def shown(calls: list) -> str:
    """What the person sees, the parts put together: tags dropped, entities read."""
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", c.text or "")) for c in calls)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def topic_messages(h: Harness, thread: int = TOPIC) -> list:
    return [c for c in h.tg.to_chat(GROUP) if c.method == "sendMessage" and c.thread_id == thread]


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_a_long_critique_and_review_reach_the_topic_whole(
    tg: FakeTelegram, clock: FakeClock, db_path: Path, language: str
) -> None:
    h = await start_app(tg, clock, db_path, default_language=language)
    try:
        for user in (IVAN, JOHN):  # a client in Russian and one in English
            await h.say(user, "/start")
            await h.say(user, "/feedback")
            await h.say(user, CRITIQUE)
        for thread in (TOPIC, TOPIC + 1):
            sent = [c for c in topic_messages(h, thread) if "Абзац" in (c.text or "")]
            assert sent  # 4,000 characters and the heading, in as many messages as needed
            assert all(visible_length(c.text) <= 4096 for c in sent)
            assert squeeze(CRITIQUE) in squeeze(shown(sent))
            assert "{???}" not in shown(topic_messages(h, thread))
            heading = "Пожелание / критика клиента" if language == "ru" else "wish / critique"
            assert heading in sent[0].text
        # The review, 3,000 characters: one message.
        await request(h)
        await manager(h, "/handover")
        h.clock.advance(days=7)
        await h.app.followups.tick()
        await h.app.outbox.wait_idle()
        await answer_survey(h, [5] * 8 + [9])
        await h.say(IVAN, "Спасибо")  # the survey's comment
        await h.say(IVAN, REVIEW)
        [review] = [c for c in topic_messages(h) if "машина как новая" in (c.text or "")]
        assert squeeze(REVIEW) in squeeze(shown([review])) and "{???}" not in review.text
    finally:
        await h.app.stop()


@pytest.mark.parametrize(("user", "approve_all"), [(IVAN, "Согласовать всё"), (JOHN, "Approve all")])
async def test_a_long_work_order_reaches_the_client_in_parts_with_its_buttons_last(
    tg: FakeTelegram, clock: FakeClock, db_path: Path, user: TgUser, approve_all: str
) -> None:
    h = await start(tg, clock, db_path)
    try:
        await h.say(user, "Добрый день, я подъехал")
        await manager(h, "/arrived")
        titles = [f"Работа {n:02d}: " + "замена и регулировка узла <А&Б> " * 5 for n in range(1, 31)]
        lines = "\n".join(f"{title.strip()} | {1000 + n}" for n, title in enumerate(titles))
        await manager(h, f"/order Большой ремонт\n{lines}\nГотово: 18:00")
        order = [c for c in h.tg.to_chat(user.id) if c.method == "sendMessage" and "Работа" in (c.text or "")]
        assert len(order) >= 2  # about 6,000 characters: more than one message
        assert all(visible_length(c.text) <= 4096 for c in order)
        assert "{???}" not in shown(order)
        seen = squeeze(shown(order))
        for title in titles:
            assert squeeze(html.unescape(title))[:150] in seen
        assert [bool(c.buttons) for c in order] == [False] * (len(order) - 1) + [True]
        assert any(approve_all in label for label in order[-1].button_labels())
    finally:
        await h.app.stop()


def test_split_closes_and_reopens_tags_and_cuts_at_lines() -> None:
    text = "<b>Заголовок</b>\n<i>" + "\n".join("строка &lt;x&gt; " * 20 for _ in range(40)) + "</i>"
    parts = split_html(text, 1000)
    assert len(parts) > 1 and all(visible_length(p) <= 1000 for p in parts)
    assert all(p.count("<i>") == p.count("</i>") for p in parts)
    assert squeeze(shown_texts(parts)) == squeeze(shown_texts([text]))
    assert split_html("a" * 2500, 1000) == ["a" * 1000, "a" * 1000, "a" * 500]
    assert split_html("коротко") == ["коротко"]


def shown_texts(texts: list[str]) -> str:
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", t)) for t in texts)
