"""The demo's guided tour, in English, in a real browser: the page starts the tour, and each
step shown plays the client and the manager through the real bot (see test_demo_page.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' (playwright)")
Page, expect = sync_api.Page, sync_api.expect

from tests.demo_browser import (  # noqa: E402 - after the skip
    browser_page,
    last_to_client,
    running_demo,
    shot,
    show_step,
    tap,
)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    with running_demo("en", tmp_path_factory.mktemp("demo")) as url, browser_page(url) as tab:
        yield tab


def test_the_tour_names_each_promise_and_plays_the_first_steps(page: Page) -> None:
    page.click("#tour-open")
    expect(page.locator("#tour ol li")).to_have_count(12)
    expect(page.locator("#tour .promise")).to_contain_text("describe the whole process")
    show_step(page, "A new client makes a request")
    expect(page.locator("#client-messages")).to_contain_text("How we work")
    expect(page.locator("#topics li", has_text="John Smith · #1")).to_contain_text("BMW X5")
    page.click("#tour-next")
    show_step(page, "The manager's first answer")
    expect(last_to_client(page)).to_contain_text("I'm Olga and I lead your request")
    page.click("#tour-next")
    expect(page.locator("#tour .promise")).to_contain_text("all its merits and flaws")
    show_step(page, "An inspection report with photos")
    # After the report's photo window: the album and the card with its three answers and
    # "I'd like to see it".
    expect(page.locator("#client-messages .album img")).to_have_count(3)
    card = last_to_client(page)
    expect(card).to_contain_text("Report #1: BMW X5, 2020")
    expect(card.locator(".inline button")).to_have_count(4)
    expect(page.locator("#group-messages .album img")).to_have_count(3)  # the manager's album
    page.click("#tour-close")
    tap(page, "Interested")  # by hand, as the next step would
    expect(last_to_client(page)).to_contain_text("A manager will contact you")
    expect(page.locator("#group-messages .msg.in").last).to_contain_text("nterested")
    shot(page, "tour-report")
