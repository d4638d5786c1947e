"""The README stays a firm's five-minute read, starts with the two commands CI runs, and every
link between the README and docs/ leads to a file and heading that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return {anchor(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def test_readme_is_short_and_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(readme) <= 300, f"README.md has {len(readme)} lines: move details to docs/"
    head = "\n".join(readme[:10])
    assert "&& .venv/bin/python -m bot" in head
    tests_command = next(line for line in readme[:10] if line.endswith("-m pytest"))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests_command in ci, "CI must run the README's test command"


def test_every_link_between_the_pages_resolves() -> None:
    checked = 0
    for page in PAGES:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            path, _, fragment = target.partition("#")
            destination = (page.parent / path).resolve() if path else page
            assert destination.exists(), f"{page.name}: link to missing {target}"
            if fragment:
                assert fragment in anchors(destination), f"{page.name}: no heading for {target}"
            checked += 1
    assert checked > 20, "too few links found: is the pattern right?"
