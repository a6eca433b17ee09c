"""The layout holds the architecture of docs/architecture.md: layers, and a test file per module.

Data flows one way (question bank and rule pack -> answers -> engine -> analysis -> result
-> renderers -> commands), so every module may import only from its own layer or below.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "advisor"
# Lowest first. A module's layer is the one of its longest listed prefix.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("advisor", "advisor.facts", "advisor.errors", "advisor.collector"),
    ("advisor.words",),
    ("advisor.source", "advisor.result", "advisor.output"),
    ("advisor.pack", "advisor.render"),
    ("advisor.answers", "advisor.brand"),
    ("advisor.engine",),
    ("advisor.analysis",),
    ("advisor.evaluate",),
    (
        "advisor.checks",
        "advisor.diff",
        "advisor.batch",
        "advisor.spool",
        "advisor.recheck",
        "advisor.scan",
        "advisor.interview",
    ),
    ("advisor.commands",),
    ("advisor.cli", "advisor.__main__"),
)
# Where importing inside a function is the point: the command line starts without loading
# what a command does not need (`advisor --help`), and each renderer loads only when asked.
LAZY_IMPORTS_ALLOWED = ("advisor.cli", "advisor.render")
LAZY_IMPORT_PACKAGES = ("advisor.commands.",)
# Modules whose behaviour is tested through a neighbour's or an end-to-end test file.
WITHOUT_OWN_TEST_FILE = {
    "advisor.__main__",
    "advisor.checks.report",
    "advisor.commands.batch",
    "advisor.commands.common",
    "advisor.commands.diff",
    "advisor.commands.reference",
    "advisor.commands.rules",
    "advisor.commands.rules_init",
    "advisor.engine.score",
    "advisor.facts",
    "advisor.interview.terminal",
    "advisor.pack.bundled",
    "advisor.pack.compile",
    "advisor.pack.model",
    "advisor.pack.questions",
    "advisor.render.blocks",
    "advisor.render.charts",
    "advisor.render.decisions",
    "advisor.render.diff",
    "advisor.render.portfolio",
    "advisor.render.sections.decision",
    "advisor.render.sections.executive",
    "advisor.render.sections.plain",
    "advisor.render.sections.options",
    "advisor.render.sections.plan",
    "advisor.render.sections.reference",
    "advisor.render.view",
    "advisor.result",
    "advisor.scan.deploy",
    "advisor.scan.findings",
    "advisor.scan.mapping",
    "advisor.scan.names",
    "advisor.scan.read",
    "advisor.scan.stack",
    "advisor.scan.team",
    "advisor.scan.walk",
    "advisor.source.document",
    "advisor.source.validation",
}
TOP_LEVEL_LIMIT = 15


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, ast.Module]:
    return {module_name(path): ast.parse(path.read_text("utf-8")) for path in sorted(PACKAGE.rglob("*.py"))}


def layer(name: str) -> int:
    found = [
        (len(prefix), index)
        for index, prefixes in enumerate(LAYERS)
        for prefix in prefixes
        if name == prefix or name.startswith(prefix + ".")
    ]
    assert found, f"{name} is on no layer; add it to LAYERS and docs/architecture.md"
    return max(found)[1]


def imports(nodes: list[ast.stmt] | ast.AST) -> Iterator[tuple[str, int]]:
    """Every import statement under the nodes, as (module, line); `import a, b` gives both."""
    for node in ast.walk(ast.Module(body=nodes, type_ignores=[]) if isinstance(nodes, list) else nodes):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
        elif isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)


def advisor_imports(nodes: list[ast.stmt] | ast.AST) -> Iterator[tuple[str, int]]:
    return ((name, line) for name, line in imports(nodes) if name.split(".")[0] == "advisor")


def in_functions(tree: ast.Module) -> list[ast.stmt]:
    """The bodies of every function and method, where an import runs only when called."""
    return [
        statement
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for statement in node.body
    ]


def test_the_top_of_the_package_stays_small() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= TOP_LEVEL_LIMIT, top
    for folder in ("source", "pack", "engine", "analysis", "checks", "recheck", "render", "commands"):
        assert (PACKAGE / folder / "__init__.py").is_file(), folder


def test_no_module_imports_one_on_a_layer_above_its_own() -> None:
    upward = [
        f"{name} (layer {layer(name)}) imports {target} (layer {layer(target)}) at line {line}"
        for name, tree in modules().items()
        for target, line in advisor_imports(tree)
        if layer(target) > layer(name)
    ]
    assert upward == []


def test_the_pack_depends_on_nothing_that_evaluates_or_shows_it() -> None:
    forbidden = (
        "advisor.engine",
        "advisor.analysis",
        "advisor.render",
        "advisor.commands",
        "advisor.evaluate",
    )
    found = [
        f"{name} imports {target}"
        for name, tree in modules().items()
        if name.startswith("advisor.pack")
        for target, _ in advisor_imports(tree)
        if target.startswith(forbidden)
    ]
    assert found == []


def test_renderers_read_only_the_result_and_words() -> None:
    allowed = ("advisor.result", "advisor.words", "advisor.render")
    found = [
        f"{name} imports {target}"
        for name, tree in modules().items()
        if name.startswith("advisor.render")
        for target, _ in advisor_imports(tree)
        if not target.startswith(allowed)
    ]
    assert found == []


def test_imports_inside_functions_only_where_start_up_time_needs_them() -> None:
    found = [
        f"{name}: line {line} imports {target}"
        for name, tree in modules().items()
        if name not in LAZY_IMPORTS_ALLOWED and not name.startswith(LAZY_IMPORT_PACKAGES)
        for target, line in imports(in_functions(tree))
    ]
    assert found == []


def expected_test_file(name: str) -> Path:
    parts = name.split(".")[1:]
    return ROOT.joinpath("tests", *parts[:-1], f"test_{parts[-1]}.py")


def test_every_module_has_a_test_file_of_its_name_or_is_listed() -> None:
    names = [name for name in modules() if name.count(".") >= 1 and not name.endswith("__init__")]
    packages = {module_name(path) for path in PACKAGE.rglob("__init__.py")}
    missing = [
        name
        for name in names
        if name not in packages
        and name not in WITHOUT_OWN_TEST_FILE
        and not expected_test_file(name).is_file()
    ]
    assert missing == [], "add tests/.../test_NAME.py or list the module in WITHOUT_OWN_TEST_FILE"
    stale = [
        name for name in WITHOUT_OWN_TEST_FILE if expected_test_file(name).is_file() or name not in names
    ]
    assert stale == [], "these have a test file now (or are gone): take them off the list"
