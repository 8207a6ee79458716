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


def _engine_trees() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(), str(path))) for path in sorted(ENGINE.rglob("*.py"))]


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
