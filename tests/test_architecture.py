"""The layers of docs/architecture.md hold: the import contracts in pyproject.toml are kept,
and no module of ours takes part in an import cycle, not even through an import made only
under TYPE_CHECKING."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).parent.parent
OUR_PACKAGES = ("bot", "storage", "domain")

LINT = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))"
)


def test_import_contracts_are_kept() -> None:
    """`lint-imports` with the contracts of [tool.importlinter], as CI would run it."""
    run = subprocess.run(
        [sys.executable, "-c", LINT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    report = run.stdout + run.stderr
    assert "Contracts:" in report, report  # the contracts were read and checked
    assert run.returncode == 0, report


def import_cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module, or of one importing itself
    (Tarjan's algorithm, iterative so a deep graph cannot exhaust the stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    for root in sorted(imports):
        if root in index:
            continue
        work = [(root, iter(sorted(imports[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(imports.get(target, ())))))
                elif target in on_stack:
                    low[module] = min(low[module], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1 or module in imports.get(module, ()):
                    cycles.append(sorted(component))
    return cycles


def test_the_cycle_finder_finds_cycles() -> None:
    """The finder itself: a cycle of three and a self-import are found, a chain is not."""
    imports = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}, "f": {"d"}}
    assert sorted(import_cycles(imports)) == [["a", "b", "c"], ["e"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_even_under_type_checking() -> None:
    graph = grimp.build_graph(*OUR_PACKAGES, exclude_type_checking_imports=False, cache_dir=None)
    imports = {
        module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules
    }
    assert len(imports) > 50, "the graph holds too few of our modules"
    cycles = import_cycles(imports)
    described = [
        " -> ".join(cycle) + ": " + "; ".join(
            f"{a} imports {b} (line {', '.join(str(d['line_number']) for d in details)})"
            for a in cycle
            for b in sorted(imports[a] & set(cycle))
            for details in [graph.get_import_details(importer=a, imported=b)]
        )
        for cycle in cycles
    ]
    assert not cycles, "import cycles:\n" + "\n".join(described)
