"""The engine is a pure core: no Django, no I/O, no clock."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "assessments" / "engine"
FORBIDDEN_MODULES = {
    "django",
    "os",
    "io",
    "pathlib",
    "socket",
    "subprocess",
    "time",
    "requests",
    "urllib",
    "random",
}
FORBIDDEN_CALLS = {"open", "print", "input"}
CLOCK_ATTRIBUTES = {"today", "now", "utcnow"}


def test_importing_the_engine_loads_no_django_module() -> None:
    code = (
        "import json, sys; import assessments.engine; "
        "print(json.dumps(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))))"
    )
    root = ENGINE.parents[1]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


# The loader that picks the compiled or pure-Python modules at import, and its build command, read files and
# the environment by design; they take no part in an assessment.
LOADING = {"native.py", "native_build.py"}


def _engine_trees() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(), str(path)))
        for path in sorted(ENGINE.rglob("*.py"))
        if path.name not in LOADING
    ]


def _imports_the_loader(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(
            alias.name.startswith("assessments.engine.native") for alias in node.names
        ):
            return True
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            names = {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
            if any(name.startswith("assessments.engine.native") for name in names):
                return True
    return False


def test_no_engine_logic_depends_on_the_loader() -> None:
    assert {path.name for path in ENGINE.rglob("*.py")} >= LOADING
    dependent = [path.name for path, tree in _engine_trees() if _imports_the_loader(tree)]
    assert dependent == ["__init__.py"]  # the package's own __init__, which runs it first


def test_engine_modules_import_nothing_that_reaches_django_io_or_the_clock() -> None:
    offending = []
    for path, tree in _engine_trees():
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offending += [f"{path.name}: {name}" for name in names if name.split(".")[0] in FORBIDDEN_MODULES]
    assert offending == []


def test_engine_code_never_reads_the_clock_or_does_io() -> None:
    offending = []
    for path, tree in _engine_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in CLOCK_ATTRIBUTES:
                offending.append(f"{path.name}:{node.lineno} .{node.attr}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in FORBIDDEN_CALLS
            ):
                offending.append(f"{path.name}:{node.lineno} {node.func.id}()")
    assert offending == []
