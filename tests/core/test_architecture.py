"""The package's import graph: no cycle (function-level imports count), a core without Sphinx.

The graph is read from the source with :mod:`ast`, so an import inside a function counts
as much as one at the top; imports under ``if TYPE_CHECKING:`` do not (they never run).
"""

from __future__ import annotations

import ast
from graphlib import TopologicalSorter
from pathlib import Path

import annotated_reader

PACKAGE = Path(annotated_reader.__file__).resolve().parent
NAME = "annotated_reader"
FRAMEWORKS = ("sphinx", "docutils", "myst_parser")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except those under ``if TYPE_CHECKING:``."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> dict[str, set[str]]:
    """Each module of the package with the modules it imports (of the package or not)."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
                continue
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            for alias in node.names:
                # "from . import x" may name a module or something in the package.
                candidate = f"{stem}.{alias.name}"
                targets.add(candidate if candidate in modules else stem)
        graph[module] = {target for target in targets if target != module}
    return graph


def _internal(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    # A package's __init__ runs before its modules; an import of a package is not a cycle
    # with the modules under it unless the __init__ imports them, which the graph shows.
    return {module: {t for t in targets if t in graph} for module, targets in graph.items()}


def test_the_graph_sees_function_level_imports() -> None:
    graph = import_graph()
    # sphinxext/reference_pages.py imports the core's reference module inside a function only.
    assert f"{NAME}.core.reference" in graph[f"{NAME}.sphinxext.reference_pages"]


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The cycles of ``graph``: its strongly connected components of more than one module.

    Largest first.  ``python -c "from tests.core.test_architecture import *;
    print(import_cycles(_internal(import_graph())))"`` shows them.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(cycles, key=len, reverse=True)


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]


def test_no_module_imports_itself_through_others() -> None:
    graph = _internal(import_graph())
    assert import_cycles(graph) == []
    assert len(list(TopologicalSorter(graph).static_order())) == len(graph)


KNOWN_FRAMEWORK_IMPORTS = {
    # The Markdown dialect the core writes is MyST's configuration (no Sphinx below it).
    f"{NAME}.core.markup": ["myst_parser.config.main", "myst_parser.parsers.mdit"],
    # Heading anchors made as docutils makes ids, so the core's anchors are the page's.
    f"{NAME}.core.render": ["docutils.nodes"],
}
"""Imports of docutils and MyST the core still has (issue 17: to go); no new ones."""


def test_the_core_imports_no_document_framework() -> None:
    graph = import_graph()
    found = {
        module: sorted(t for t in targets if t.split(".")[0] in FRAMEWORKS)
        for module, targets in graph.items()
        if module.startswith(f"{NAME}.core.")
    }
    found = {module: targets for module, targets in found.items() if targets}
    assert not any(t.startswith("sphinx") for targets in found.values() for t in targets), found
    assert found == KNOWN_FRAMEWORK_IMPORTS
