"""The demo in a real browser, for the browser tests: the demo as its own process, and a page
in Debian's chromium, headless, driven by Playwright (which never downloads a browser here)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent
ARTIFACTS = ROOT / "artifacts" / "demo"  # screenshots and the demo's log (git-ignored)
CHROMIUM = "/usr/bin/chromium"  # Debian's package (.ci/run installs it when missing)
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT = 30_000  # ms: the machine is shared; a step normally takes well under a second
if not Path(CHROMIUM).exists():
    # A fresh machine may lack it: the README's test command still runs, and says what to install
    # to see the pages tested; CI (.ci/run installs chromium) must never skip them.
    NEED = "the browser tests need Debian's chromium: sudo apt-get install -y chromium"
    if os.environ.get("CI"):
        raise RuntimeError(NEED)
    pytest.skip(NEED, allow_module_level=True)

START = ("import sys; from pathlib import Path; from bot.demo import run_demo; "
         "sys.exit(run_demo(0, sys.argv[1], Path(sys.argv[2])))")


@contextmanager
def running_demo(lang: str, data: Path) -> Iterator[str]:
    """The demo's URL while its process runs (port 0: any free port; it prints the URL)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / f"demo-{lang}.log").open("w") as log:
        process = subprocess.Popen([sys.executable, "-c", START, lang, str(data)], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=log, text=True)
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert "http://127.0.0.1:" in line, f"the demo did not start: {line!r} (see {log.name})"
            yield line.split()[2]
        finally:
            process.terminate()
            assert process.wait(timeout=30) == 0, "the demo did not stop cleanly on SIGTERM"


@contextmanager
def browser_page(url: str) -> Iterator[Any]:
    """A page on the demo, loaded; fails the test if the page's script threw."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        tab.set_default_timeout(WAIT)
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(url)
        tab.wait_for_selector("body[data-ready='1']")
        yield tab
        browser.close()
        assert not errors, f"the page's script failed: {errors}"


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def client_says(page: Any, text: str) -> None:
    page.fill("#client-text", text)
    page.press("#client-text", "Enter")


def manager_says(page: Any, text: str) -> None:
    page.fill("#manager-text", text)
    page.press("#manager-text", "Enter")


def last_to_client(page: Any) -> Any:  # a Playwright locator
    return page.locator("#client-messages .msg.in").last


def tap(page: Any, label: str) -> None:
    page.locator("#client-messages .inline button", has_text=label).last.click()


def open_client(page: Any, name: str) -> None:
    page.locator("#clients button", has_text=name).click()


def open_topic(page: Any, name: str) -> None:
    page.locator("#topics li", has_text=name).click()


def show_step(page: Any, title: str) -> None:
    """Play the tour's current step (it must be `title`) and wait until it is done."""
    expect = _expect()
    expect(page.locator("#tour h3")).to_have_text(title)
    page.click("#tour-do")  # disabled while the step runs
    expect(page.locator("#tour-do")).to_be_enabled()


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect
