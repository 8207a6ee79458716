"""The optional compiled engine: which variant runs, and the check that makes a compiled build safe to use.

`make install` runs `python -m assessments.engine.native_build`: where a C compiler is present it compiles
the engine's logic modules with mypyc into `var/engine-native/` (about twice as fast) and writes a stamp
last; without a compiler it says so and the engine stays pure Python. Both variants give the same results
(tests/engine/test_golden.py checks whichever is loaded, and the pure one too when the compiled one is).

Importing the engine imports this module first. The compiled modules are used only when the stamp's key
matches the current sources exactly (every engine file, the Python version and the extension ABI) and every
compiled file the stamp lists is there; a stale or partial build is ignored, never used. `ENGINE_NATIVE=0`
in the environment forces pure Python.

This module alone in the engine reads files and the environment: it decides, once at import, how the
engine is loaded, and takes no part in an assessment.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from pathlib import Path

ENGINE_DIR = Path(__file__).resolve().parent
BUILD_DIR = ENGINE_DIR.parents[1] / "var" / "engine-native"  # var/ is local state, ignored by git
STAMP = "stamp.json"
# Compiled: the logic. Left interpreted: package __init__s, this loader and its build command, the pydantic
# profile (its models are generated at run time), and data (currency codes, rule books: mypyc does not
# compile generic frozen dataclasses, and data gains nothing from it).
NOT_COMPILED = frozenset({"__init__.py", "native.py", "native_build.py", "profile.py", "codes.py"})
PACKAGES = ("assessments.engine", "assessments.engine.pathways")


def compiled_sources() -> list[Path]:
    """The engine modules the compiled build contains, in a stable order."""
    return sorted(
        path
        for path in ENGINE_DIR.rglob("*.py")
        if path.name not in NOT_COMPILED and path.parent.name != "rules"
    )


def build_key() -> str:
    """What a build must have been made from: every engine source file, the Python version and ABI."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version}\n{sysconfig.get_config_var('EXT_SUFFIX')}\n".encode())
    for path in sorted(ENGINE_DIR.rglob("*.py")):
        digest.update(f"{path.relative_to(ENGINE_DIR).as_posix()}\n".encode())
        digest.update(path.read_bytes())
        digest.update(b"\n")
    return digest.hexdigest()


def usable(build_dir: Path) -> bool:
    """True only for a complete build of exactly the current sources."""
    try:
        stamp = json.loads((build_dir / STAMP).read_text())
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict) or stamp.get("key") != build_key():
        return False
    files = stamp.get("files")
    if not isinstance(files, list) or not files:
        return False
    return all(isinstance(name, str) and (build_dir / name).is_file() for name in files)


def _activate(build_dir: Path) -> bool:
    if os.environ.get("ENGINE_NATIVE", "1") == "0" or not usable(build_dir):
        return False
    # The compiled modules share one library imported by its top-level name; the packages look in the build
    # first, so `assessments.engine.result` (for example) loads the compiled module.
    sys.path.insert(0, str(build_dir))
    for package in PACKAGES:
        module = sys.modules.get(package) or __import__(package, fromlist=["_"])
        module.__path__.insert(0, str(build_dir.joinpath(*package.split("."))))
    return True


COMPILED = _activate(BUILD_DIR)
VARIANT = "compiled (mypyc)" if COMPILED else "pure Python"
