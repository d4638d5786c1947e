"""The services' imports go one way: no cycle between modules, nor between steps of the
procedure (the packages of bot/services), counting imports under TYPE_CHECKING and inside
functions too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICES = "bot.services"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, known: set[str]) -> set[str]:
    """Every module of `known` that `path` imports, wherever the import statement stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from a.b import c` imports a.b, and a.b.c when c is a module
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in known)
    return found


def graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in (ROOT / "bot" / "services").rglob("*.py")}
    known = set(paths)
    return {name: imports_of(path, known) - {name} for name, path in paths.items()}


def step(module: str) -> str:
    """bot.services.deal.stages -> deal; bot.services.base -> base."""
    rest = module.removeprefix(SERVICES).strip(".")
    return rest.split(".")[0] if rest else ""


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path that ends where it began, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for following in sorted(edges.get(node, ())):
            if state.get(following) == 1:
                return path[path.index(following):] + [following]
            if following not in state and (found := visit(following)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_checker_sees_a_cycle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None


def test_the_graph_sees_imports_under_type_checking(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from bot.services.deal.stages import DealDesk\n")
    assert imports_of(source, {"bot.services.deal.stages"}) == {"bot.services.deal.stages"}


def test_no_cycle_between_service_modules() -> None:
    assert cycle(graph()) is None


def test_no_cycle_between_steps_of_the_procedure() -> None:
    steps: dict[str, set[str]] = {}
    for module, imported in graph().items():
        here = step(module)
        steps.setdefault(here, set()).update(step(other) for other in imported if step(other) != here)
    steps.pop("", None)
    assert cycle(steps) is None


@pytest.mark.parametrize("banned", ["aiogram", "twilio"])
def test_services_import_no_messenger(banned: str) -> None:
    for path in (ROOT / "bot" / "services").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n == banned or n.startswith(banned + ".") for n in names), path
