"""Typed presses: one codec for Telegram's callback data and WhatsApp's stored options, old
buttons still read, forged ones refused once, and every kind fits Telegram's 64 bytes."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.channels.telegram import Act
from bot.config import LANGUAGES
from bot.services.intake.flow import CONTACT_TIMES, STEPS
from bot.services.workshop.base import STAMP as STAMP_FORMAT
from bot.services.workshop.orders import LATER
from domain import Action, Press, Reaction, Stage
from domain import presses as p
from domain.workshop import DeclineReason
from domain.zones import COMMON
from storage.surveys import QUESTIONS
from storage.workshop_checks import CHECK_QUESTIONS
from tests.steps import IVAN, JOHN, Harness, send_report, with_request

BIG = p.MAX_ID
STAMP = datetime(2026, 12, 31, 23, 59, tzinfo=UTC).strftime(STAMP_FORMAT)

# The longest press of each kind the code can make: its ids as large as SQLite holds, its
# words the longest the code uses.
LONGEST: list[Press] = [
    p.NewRequest(extra=True), p.Status(), p.WriteManager(), p.GiveFeedback(), p.Menu(),
    p.Cancel(), p.Language(max(LANGUAGES, key=len)), p.AboutData(),
    p.AskErase(), p.ConfirmErase(), p.ChangeRequest(BIG),
    p.Answer(max((*CONTACT_TIMES, "suggested"), key=len)), p.Skip(), p.Back(), p.Confirm(),
    p.Edit(), p.EditField(max(STEPS, key=len)), p.SharePhone(),
    p.React(BIG, max(Reaction, key=len)), p.TakeService(BIG, BIG),
    p.SurveyAnswer(BIG, max(QUESTIONS, key=len), "skip"), p.ReviewDone(BIG),
    p.PickStage(max(Stage, key=len).value, BIG), p.PickDeal(BIG, BIG), p.ForgetClient(BIG),
    p.KeepClient(), p.MergePeople(BIG), p.UnmergePeople(BIG), p.TickLegal(BIG, BIG),
    p.TickQuality(BIG, BIG, on=True),
    p.AcceptOffer(BIG), p.AskOffer(BIG),
    p.PickSource(BIG, BIG),
    p.WantViewing(BIG), p.PickViewingKind(p.ViewingKind.TEST_DRIVE), p.PickViewingSlot("202612121500"),
    p.AcceptViewing(BIG, "202612121500"), p.OtherViewingTime(BIG), p.CancelViewing(BIG),
    p.ConfirmViewing(BIG, "202612121500"), p.ProposeViewing(BIG, "202612121500"),
    # the workshop's
    p.Book(), p.BookKind(BIG), p.BookCar(max(p.CarChoice, key=len)), p.OtherDays(),
    p.BookDay("20261231"), p.BookSlot(STAMP), p.ConfirmBooking(), p.CancelBooking(),
    p.ConfirmVisit(BIG), p.RescheduleVisit(BIG), p.CancelVisit(BIG), p.MoveVisit(BIG, STAMP),
    p.ApproveLine(BIG), p.DeclineLine(BIG), p.LineReason(BIG, max(DeclineReason, key=len)),
    p.LineLater(BIG, max(LATER, key=len)), p.ApproveAll(BIG),
    p.CheckAnswer(BIG, max((*CHECK_QUESTIONS, "skip"), key=len), "10"), p.CheckReviewDone(BIG),
    p.SkipOdometer(), p.TakeInvitation(STAMP), p.NoReminders(), p.ConfirmAct(BIG, BIG),
    p.ChooseZone(max(COMMON, key=len)),  # the client's time zone (/settings)
]

# Callback data exactly as the previous version wrote it, and what it reads as now.
OLD_CALLBACK_DATA = {
    "a:new:": p.NewRequest(),
    "a:new:extra": p.NewRequest(extra=True),
    "a:change:": p.ChangeRequest(),
    "a:change:7": p.ChangeRequest(7),
    "a:react:12.not_for_me": p.React(12, Reaction.NOT_FOR_ME),
    "a:service:3.1": p.TakeService(3, 1),
    "a:survey:5.nps.10": p.SurveyAnswer(5, "nps", "10"),
    "a:survey:5.comment.skip": p.SurveyAnswer(5, "comment", "skip"),
    "a:review_done:9": p.ReviewDone(9),
    "a:erase:ask": p.AskErase(),
    "a:erase:yes": p.ConfirmErase(),
    "a:answer:morning": p.Answer("morning"),
    "a:edit_field:budget": p.EditField("budget"),
    "a:lang:en": p.Language("en"),
    "a:stage:paid#4": p.PickStage("paid", 4),
    "a:deal:2.4": p.PickDeal(2, 4),
    "a:forget:8": p.ForgetClient(8),
    "a:forget:no": p.KeepClient(),
    "a:ws:book": p.Book(),
    "a:ws:k.0": p.BookKind(0),
    "a:ws:car.known": p.BookCar(p.CarChoice.KNOWN),
    "a:ws:days": p.OtherDays(),
    "a:ws:d.20261124": p.BookDay("20261124"),
    "a:ws:s.202611241000": p.BookSlot("202611241000"),
    "a:ws:ok": p.ConfirmBooking(),
    "a:ws:bx": p.CancelBooking(),
    "a:ws:vc.3": p.ConfirmVisit(3),
    "a:ws:vr.3": p.RescheduleVisit(3),
    "a:ws:vx.3": p.CancelVisit(3),
    "a:ws:vm.3.202611241000": p.MoveVisit(3, "202611241000"),
    "a:ws:la.12": p.ApproveLine(12),
    "a:ws:ld.12": p.DeclineLine(12),
    "a:ws:lr.12.price": p.LineReason(12, DeclineReason.PRICE),
    "a:ws:ll.12.3m": p.LineLater(12, "3m"),
    "a:ws:all.4": p.ApproveAll(4),  # before versions: read as the order as first sent
    "a:ws:ck.5.nps.9": p.CheckAnswer(5, "nps", "9"),
    "a:ws:ck.5.skip.0": p.CheckAnswer(5, "skip", "0"),
    "a:ws:ckr.5": p.CheckReviewDone(5),
    "a:ws:kms": p.SkipOdometer(),
    "a:ws:iv.202611241000": p.TakeInvitation("202611241000"),
    "a:ws:ino": p.NoReminders(),
}


def read(data: str) -> Press | None:
    act = Act.unpack(data)
    return p.unpack(act.action, act.arg)


def test_every_kind_has_its_longest_press_listed() -> None:
    assert {type(press) for press in LONGEST} == set(Press.kinds.values())


def test_the_longest_press_of_every_kind_fits_telegrams_64_bytes() -> None:
    for press in LONGEST:
        action, arg = p.pack(press)
        data = Act(action=action, arg=arg).pack()  # aiogram refuses more than 64 bytes
        assert len(data.encode()) <= 64, data
        assert read(data) == press


def test_callback_data_of_the_previous_version_reads_as_the_same_press() -> None:
    for data, press in OLD_CALLBACK_DATA.items():
        assert read(data) == press, data
        action, arg = p.pack(press)
        written = WRITTEN_SINCE.get(data, data)
        assert Act(action=action, arg=arg).pack() == written  # and is written the same way


# Written with more than before, still read as before: approve-all carries the order's version.
WRITTEN_SINCE = {"a:ws:all.4": "a:ws:all.4.1"}


def test_what_reads_as_no_press_is_none() -> None:
    for action, arg in [
        ("react", "12"), ("react", "12.loved"), ("react", "x.interested"), ("menu", "x"),
        ("survey", "5.nps"), ("deal", "1"), ("erase", "maybe"), ("new", "other"),
        ("react", f"{BIG + 1}.interested"), ("react", "9" * 5000 + ".interested"),
        ("react", "².interested"), ("gone", ""), ("", ""), ("ws", "zz.1"), ("ws", "car.blue"),
        ("ws", "vm.3"), ("ws", "ck.5.nps"),
    ]:
        assert p.unpack(action, arg) is None, (action, arg)


def test_every_kind_is_told_apart_by_its_action_and_verb() -> None:
    assert all(key == (kind.action, kind.verb) for key, kind in Press.kinds.items())
    assert p.owned(p.React(3, Reaction.QUESTION)) == ("report", 3)
    assert p.owned(p.ChangeRequest(3)) is None and p.owned(p.Menu()) is None
    assert Action.WORKSHOP in {kind.action for kind in Press.kinds.values()}


async def test_an_old_report_button_still_counts(harness: Harness) -> None:
    h = harness
    await with_request(h)
    card = await send_report(h, "Kia Sportage, 2020")
    await h.feed(h.updates.press(IVAN, "a:react:1.interested", card))
    assert await h.rows("SELECT reaction FROM reports") == [("interested",)]


async def test_old_buttons_that_read_as_nothing_are_out_of_date(harness: Harness) -> None:
    h = harness
    await with_request(h)
    card = await send_report(h, "Kia Sportage, 2020")
    for data in ("a:react:1.loved", "a:survey:1.nps", "a:erase:maybe"):
        before = len(h.texts_to(IVAN))
        await h.feed(h.updates.press(IVAN, data, card))
        assert h.texts_to(IVAN)[before:] == ["Эта кнопка уже неактуальна. Вот меню:"]
    assert await h.rows("SELECT reaction FROM reports") == [(None,)]
    await h.say(JOHN, "/start")
    await h.feed(h.updates.press(JOHN, "a:react:1.interested", 1))  # another client's report
    assert h.last_text_to(JOHN) == "That button is out of date. Here is the menu:"  # John writes in English
