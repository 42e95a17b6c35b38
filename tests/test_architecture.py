"""The package's modules import each other one way: no cycle, at module level or inside functions.

Imports under ``if TYPE_CHECKING:`` are annotations only (never executed) and
are left out; every other ``import``/``from … import`` of a package module
counts, wherever it stands.
"""

from __future__ import annotations

import ast
from pathlib import Path

import govinfo_reports

PACKAGE = Path(govinfo_reports.__file__).resolve().parent
NAME = "govinfo_reports"

# The stages in pipeline order: a module may import from its own stage and from earlier ones only.
LAYERS = (
    ("govinfo_reports.errors", "govinfo_reports._gc", "govinfo_reports.values"),
    ("govinfo_reports.syntax",),
    ("govinfo_reports.sources",),
    ("govinfo_reports.facts", "govinfo_reports.identity"),
    ("govinfo_reports.tables",),
    ("govinfo_reports.findings",),
    ("govinfo_reports.prose", "govinfo_reports.rules"),
    ("govinfo_reports.validate",),
    ("govinfo_reports.io",),
    ("govinfo_reports.strategies", "govinfo_reports.cli", "govinfo_reports"),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, modules: set[str]) -> set[str]:
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith(NAME))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(NAME):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(p) for p in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        name = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = {m for m in _imports(tree, modules) if m != name and m in modules}
    return graph


def _layer(module: str) -> int:
    best = (-1, -1)  # (prefix length, layer)
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best[0]:
                best = (len(prefix), index)
    assert best[1] >= 0, f"{module} belongs to no stage of LAYERS"
    return best[1]


def test_no_import_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_imports_go_down_the_pipeline() -> None:
    graph = _graph()
    upward = [
        f"{module} -> {target}"
        for module, targets in sorted(graph.items())
        for target in sorted(targets)
        if _layer(target) > _layer(module)
    ]
    assert not upward, "imports against the pipeline: " + ", ".join(upward)


def test_no_private_name_imported_across_modules() -> None:
    crossing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(NAME):
                private = [a.name for a in node.names if a.name.startswith("_") and a.name != "__version__"]
                if private:
                    crossing.append(f"{_module_name(path)}: from {node.module} import {', '.join(private)}")
    assert not crossing, "private names imported across modules: " + "; ".join(crossing)
