"""The house rules that keep the code findable (docs/architecture.md), checked on the code.

The layers themselves (imports only go down) are import-linter's contract in pyproject.toml,
run by `make lint`; these are the rules it cannot express.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "knowledge", "scheduler")
MAX_LINES = 400


def project_modules() -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES, cache_dir=None)


def cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph.find_modules_directly_imported_by(module) & modules:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle_among_the_projects_modules(graph: grimp.ImportGraph) -> None:
    modules = {m for m in graph.modules if m.split(".")[0] in PACKAGES}
    assert cycles(graph, modules) == []


def test_the_cycle_finder_finds_a_cycle(graph: grimp.ImportGraph) -> None:
    graph.add_import(importer="bot.core.messages", imported="bot.kernel.dispatch")
    try:
        modules = {m for m in graph.modules if m.split(".")[0] in PACKAGES}
        assert any("bot.core.messages" in group for group in cycles(graph, modules))
    finally:
        graph.remove_import(importer="bot.core.messages", imported="bot.kernel.dispatch")


def test_a_feature_uses_another_feature_only_through_its_public_names(
    graph: grimp.ImportGraph,
) -> None:
    wrong = []
    for module in graph.modules:
        parts = module.split(".")
        if parts[0] != "handlers" or len(parts) < 2:
            continue
        for target in graph.find_modules_directly_imported_by(module):
            other = target.split(".")
            if other[0] == "handlers" and len(other) > 2 and other[1] != parts[1]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_module_over_400_lines_outside_migrations() -> None:
    sizes = {name: len(path.read_text().splitlines()) for name, path in project_modules().items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_no_handler_is_defined_inside_register() -> None:
    nested = []
    for name, path in project_modules().items():
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and node.name == "register":
                nested += [
                    f"{name}.register: {inner.name}"
                    for inner in ast.walk(node)
                    if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
                    and inner is not node
                ]
    assert nested == []


def test_no_module_level_mutable_state() -> None:
    """Module-level dicts, lists and sets are constants: never assigned to, added to or
    changed after import (state belongs in the services or the database)."""
    changed = []
    mutators = {"append", "extend", "add", "update", "setdefault", "pop", "clear", "remove"}
    for name, path in project_modules().items():
        tree = ast.parse(path.read_text())
        globals_ = {
            target.id
            for node in tree.body
            if isinstance(node, ast.Assign | ast.AnnAssign)
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                changed.append(f"{name}: global {', '.join(node.names)}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in mutators
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in globals_
            ):
                changed.append(f"{name}: {node.func.value.id}.{node.func.attr}()")
    assert changed == []
