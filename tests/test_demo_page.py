"""The demo page in a real browser: Debian's chromium, headless, driven by Playwright.

One demo (`bot.demo.run_demo`, the real application against the in-process stand-ins) runs
for the module as its own process; the tests play a client and a manager on the page as a
person would, and look at what the page shows. Screenshots go to artifacts/demo/.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' (playwright)")
Page, expect = sync_api.Page, sync_api.expect

from tests.demo_browser import (  # noqa: E402 - after the skip
    browser_page,
    client_says,
    last_to_client,
    manager_says,
    open_client,
    open_topic,
    running_demo,
    shot,
    show_step,
    tap,
)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    with running_demo("ru", tmp_path_factory.mktemp("demo")) as url, browser_page(url) as tab:
        yield tab


ANSWERS = ["Иван Петров", "Toyota RAV4", "2018-2021", "1.5 млн", "полный привод, автомат",
           "серьёзные ДТП", "Москва", "до конца января"]


@pytest.fixture(scope="module")
def request_made(page: Page) -> Page:
    """Иван makes a request on the page: Start, the menu button, every question answered
    (the phone shared with the keyboard's button), the summary confirmed."""
    open_client(page, "Иван")
    page.click("#start-bot")
    tap(page, "Новая заявка")
    for number, answer in enumerate(ANSWERS, 1):
        expect(last_to_client(page)).to_contain_text(f"Вопрос {number} из 11")
        client_says(page, answer)
    expect(last_to_client(page)).to_contain_text("Вопрос 9 из 11")
    page.locator("#keyboard button[data-contact]").click()  # "share my phone"
    expect(last_to_client(page)).to_contain_text("Вопрос 10 из 11")
    client_says(page, "12.03.1985")
    expect(last_to_client(page)).to_contain_text("Когда вам удобнее")
    tap(page, "В любое время")
    expect(last_to_client(page)).to_contain_text("Проверьте заявку")
    tap(page, "Всё верно")
    expect(page.locator("#client-messages")).to_contain_text("Как мы работаем")
    return page


def test_a_client_completes_the_intake_and_the_topic_appears_with_its_card(request_made: Page) -> None:
    page = request_made
    topic = page.locator("#topics li", has_text="Иван Петров · #1")
    expect(topic).to_contain_text("Toyota RAV4")  # the car, read from the pinned card
    topic.click()
    expect(page.locator("#pinned")).to_contain_text("Заявка №\u00a01")
    expect(page.locator("#pinned")).to_contain_text("+79160000101")  # the shared phone
    expect(page.locator("#group-messages .service")).to_contain_text("Иван Петров · #1")
    shot(page, "intake")


def test_a_managers_answer_typed_on_the_page_reaches_the_client(request_made: Page) -> None:
    page = request_made
    open_topic(page, "Иван Петров · #1")
    manager_says(page, "Иван, добрый день! Уже ищем RAV4 в Москве, первые варианты завтра.")
    expect(page.locator("#group-messages .msg.out").last).to_contain_text("Уже ищем RAV4")
    expect(last_to_client(page)).to_contain_text("Уже ищем RAV4 в Москве")
    shot(page, "answer")


def test_a_button_press_is_answered(request_made: Page) -> None:
    page = request_made
    tap(page, "Мои заявки")
    expect(last_to_client(page)).to_contain_text("Toyota RAV4")
    expect(last_to_client(page)).to_contain_text("Заявка принята")
    shot(page, "button")


def test_a_week_after_the_handover_the_survey_arrives(request_made: Page) -> None:
    page = request_made
    open_topic(page, "Иван Петров · #1")
    manager_says(page, "/handover")
    expect(page.locator("#client-messages")).to_contain_text("Постановка на учёт")  # the extras
    before = page.locator("#now").inner_text()
    page.click("#clock button[data-span='week']")
    expect(last_to_client(page)).to_contain_text("Вопрос 1 из 10", timeout=120_000)
    expect(page.locator("#client-messages .msg.in").nth(-2)).to_contain_text("Прошла неделя")
    expect(last_to_client(page).locator(".inline button")).to_have_count(5)  # scores 1..5
    assert page.locator("#now").inner_text() != before
    shot(page, "survey")


def test_the_tours_service_visit_ends_with_a_bill_whose_pdf_opens(request_made: Page) -> None:
    page = request_made
    page.click("#tour-open")
    while page.locator("#tour h3").inner_text() != "Сервис: запись на визит":
        page.click("#tour-next")
    show_step(page, "Сервис: запись на визит")  # the manager's /book in Иван's topic
    expect(last_to_client(page)).to_contain_text("Вы записаны")
    page.click("#tour-next")
    show_step(page, "Заказ-наряд: согласование по строкам")  # +1 day, /arrived, /order, two taps
    # the agreed text, then (with the next tick) the work order as a PDF
    expect(page.locator("#client-messages")).to_contain_text("Заказ-наряд согласован")
    page.click("#tour-next")
    show_step(page, "Счёт")
    page.click("#tour-close")
    bill = page.locator("#client-messages a.doc").last
    expect(bill).to_contain_text(".pdf")
    answer = page.request.get(page.url.rstrip("/") + str(bill.get_attribute("href")))
    assert answer.ok and answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF-")
    shot(page, "bill")


def test_the_whatsapp_client_sees_numbered_options(page: Page) -> None:
    open_client(page, "Мария")
    client_says(page, "Здравствуйте")
    menu = page.locator("#client-messages .msg.in").last
    expect(menu).to_contain_text("1. ")
    expect(menu).to_contain_text("2. ")
    expect(menu.locator(".option")).not_to_have_count(0)
    client_says(page, "1")
    expect(page.locator("#client-messages .msg.in").last).to_contain_text("Вопрос 1 из")
    shot(page, "whatsapp")
