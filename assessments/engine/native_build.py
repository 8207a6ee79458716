"""Build the optional compiled engine: `python -m assessments.engine.native_build` (run by `make install`).

Compiles `native.compiled_sources()` with mypyc from a clean copy of the engine (so the project's mypy
settings and plugins play no part) into a fresh directory, then swaps it in for `var/engine-native/` and
writes the stamp last. Without a C compiler it says so and exits 0: the engine stays pure Python. A build
already matching the sources is left alone. Exit status 1 if compilation fails (the old build, if any, is
removed first, so a failure never leaves a stale one behind; a stale one would be ignored anyway).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

from assessments.engine.native import BUILD_DIR, ENGINE_DIR, STAMP, build_key, compiled_sources, usable

GROUP = "engine_native"


def c_compiler() -> str | None:
    """The C compiler Python's extensions are built with, if it is installed."""
    configured = (sysconfig.get_config_var("CC") or "cc").split()
    return shutil.which(configured[0]) if configured else None


def build(build_dir: Path = BUILD_DIR) -> Path:
    """Compile into `build_dir` (replacing what is there) and return the stamp's path."""
    # Imported here: only the build needs mypyc and setuptools.
    from mypyc.build import mypycify
    from setuptools import Distribution

    key = build_key()
    root = ENGINE_DIR.parents[1]
    shutil.rmtree(build_dir, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="engine-native-") as scratch:
        work = Path(scratch)
        source = work / "src"
        shutil.copytree(
            ENGINE_DIR, source / "assessments" / "engine", ignore=shutil.ignore_patterns("__pycache__")
        )
        (source / "assessments" / "__init__.py").write_text("")
        paths = [str(path.relative_to(root)) for path in compiled_sources()]
        output = work / "out"
        previous = Path.cwd()
        os.chdir(source)  # mypy names modules from paths relative to the working directory
        try:
            extensions = mypycify(paths, opt_level="3", target_dir=str(work / "c"), group_name=GROUP)
            distribution = Distribution({"name": "engine-native", "ext_modules": extensions})
            command = distribution.get_command_obj("build_ext")
            command.build_lib = str(output)
            command.build_temp = str(work / "tmp")
            distribution.run_command("build_ext")
        finally:
            os.chdir(previous)
        files = sorted(path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file())
        shutil.copytree(output, build_dir)
    stamp = build_dir / STAMP
    stamp.write_text(json.dumps({"key": key, "files": files}, indent=1))
    return stamp


def main() -> int:
    if os.environ.get("ENGINE_NATIVE", "1") == "0":
        print("engine: ENGINE_NATIVE=0, compiled build skipped; the engine runs as pure Python")
        return 0
    if usable(BUILD_DIR):
        print(f"engine: compiled build in {BUILD_DIR} is up to date")
        return 0
    if c_compiler() is None:
        shutil.rmtree(BUILD_DIR, ignore_errors=True)
        print("engine: no C compiler found, compiled build skipped; the engine runs as pure Python")
        return 0
    print(f"engine: compiling with mypyc into {BUILD_DIR} (about a minute)", flush=True)
    try:
        build()
    except Exception as error:  # any failure leaves pure Python in place, and says why
        shutil.rmtree(BUILD_DIR, ignore_errors=True)
        print(f"engine: compiled build failed ({error}); the engine runs as pure Python", file=sys.stderr)
        return 1
    print("engine: compiled build ready")
    return 0


if __name__ == "__main__":
    sys.exit(main())
