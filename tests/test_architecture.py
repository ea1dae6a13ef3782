"""The import graph of generator/ follows the flow: no cycle, no back-edge, no hidden imports.

Each part of the package has a stage; a module may import only from its own part or from parts of
an earlier stage. docs/ARCHITECTURE.md describes the same order; a new subpackage must be given a
stage here (the test fails for a part it does not know).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "generator"

# The flow, earliest first. Parts of one stage may not import each other.
STAGES: dict[str, int] = {
    "model": 0,
    "read": 1,
    "dialects": 2,
    "sources": 2,
    "reconcile": 3,
    "pysrc": 3,
    "emit": 4,
    "output": 5,
    "pipeline": 5,
    "write": 6,
    "cli": 7,
    "buildhook": 8,
    "__main__": 8,
    "__init__": 8,
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _part(module: str) -> str:
    """``generator.emit.styles`` → ``emit``; ``generator.pipeline`` → ``pipeline``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> tuple[list[str], list[tuple[int, str]]]:
    """generator modules imported at module level, and (line, module) of any inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: list[str] = []
    hidden: list[tuple[int, str]] = []
    module_level = set(map(id, tree.body))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from generator.emit import styles`` imports a module; ``from generator.x import f``
            # a name of generator.x
            base = node.module
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        names = [n for n in names if n == "generator" or n.startswith("generator.")]
        if not names:
            continue
        if id(node) in module_level or _in_type_checking_or_try(tree, node):
            top.extend(names)
        else:
            hidden.append((node.lineno, names[0]))
    return top, hidden


def _in_type_checking_or_try(tree: ast.Module, node: ast.AST) -> bool:
    for stmt in tree.body:
        if isinstance(stmt, (ast.If, ast.Try)) and any(n is node for n in ast.walk(stmt)):
            return True
    return False


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        deps: set[str] = set()
        for target in _imports(path)[0]:
            if target in MODULES and target != name:
                deps.add(target)
        graph[name] = deps
    return graph


def test_every_part_has_a_stage() -> None:
    unknown = sorted({_part(m) for m in MODULES} - STAGES.keys())
    assert unknown == [], f"give these parts of generator/ a stage in STAGES: {unknown}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_hidden_in_a_function(module: str) -> None:
    assert _imports(MODULES[module])[1] == []


def _back_edges(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, deps in sorted(graph.items()):
        for dep in sorted(deps):
            src, dst = _part(module), _part(dep)
            if src == dst or dst == "__init__":
                continue
            if STAGES[dst] >= STAGES[src]:
                wrong.append(
                    f"{module} ({src}, stage {STAGES[src]}) imports {dep} ({dst}, stage {STAGES[dst]})"
                )
    return wrong


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    done: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        if node in stack:
            cycles.append(stack[stack.index(node) :] + [node])
            return
        if node in done:
            return
        for dep in sorted(graph.get(node, ())):
            visit(dep, stack + [node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
    return cycles


def test_no_back_edge() -> None:
    assert _back_edges(_graph()) == []


def test_no_cycle() -> None:
    assert _cycles(_graph()) == []


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """The reader sees an import hidden in a function, and the graph sees a module-level one."""
    sample = tmp_path / "sample.py"
    sample.write_text("from generator.model import ir\n\ndef f():\n    from generator.emit import styles\n")
    top, hidden = _imports(sample)
    assert "generator.model.ir" in top
    assert hidden == [(4, "generator.emit.styles")]


def test_a_cycle_and_a_back_edge_are_found() -> None:
    graph = {"generator.read.a": {"generator.emit.b"}, "generator.emit.b": {"generator.read.a"}}
    assert _cycles(graph) == [["generator.emit.b", "generator.read.a", "generator.emit.b"]]
    assert _back_edges(graph) == ["generator.read.a (read, stage 1) imports generator.emit.b (emit, stage 4)"]


# The size norms: modules under ~400 lines, functions under ~60. The exceptions of today, each at
# its present size so that it cannot grow unseen (split them, then remove the line).
MODULE_LINES, FUNCTION_LINES = 400, 60
LARGER = {
    "generator/cli/main.py": 410,  # the click commands; error handling moved to cli/runs.py
    "generator/emit/testgen.py": 435,  # the round-trip tests' view: examples, mutations (strategies.py: the strategies)
    "generator/cli/refdocs.py": 480,  # mostly the table of every code's example and fix
    "generator/emit/styles.py:build_module": 66,
    "generator/dialects/plain_text.py:parse": 80,
    "generator/read/spec_settings.py:load_settings": 70,
}


def test_modules_and_functions_keep_the_size_norms() -> None:
    over = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).as_posix()
        source = path.read_text(encoding="utf-8")
        lines = len(source.splitlines())
        if lines > LARGER.get(rel, MODULE_LINES):
            over.append(f"{rel}: {lines} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LARGER.get(f"{rel}:{node.name}", FUNCTION_LINES):
                    over.append(f"{rel}:{node.name}: {length} lines")
    assert over == []
