"""The optional compiled engine is used only when it was built from exactly the current sources."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from assessments.engine import native, native_build, result

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = (
    "from tests.engine import test_golden as g; "
    "print(g._digest(g.bench_profiles(), g.DEFAULT_RATES) == g.BENCH_DIGEST, "
    "g._digest(g.widened_profiles(), g.SPARSE_RATES) == g.WIDENED_DIGEST)"
)


def _build(directory: Path, *, key: str, files: list[str], present: list[str]) -> Path:
    directory.mkdir(exist_ok=True)
    for name in present:
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_bytes(b"")
    (directory / native.STAMP).write_text(json.dumps({"key": key, "files": files}))
    return directory


def _python(code: str, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_a_complete_build_of_the_current_sources_is_usable(tmp_path: Path) -> None:
    files = ["engine_native__mypyc.so", "assessments/engine/result.so"]
    assert native.usable(_build(tmp_path, key=native.build_key(), files=files, present=files))


def test_a_build_of_other_sources_is_never_used(tmp_path: Path) -> None:
    files = ["engine_native__mypyc.so"]
    assert not native.usable(_build(tmp_path, key="0" * 64, files=files, present=files))


def test_a_build_missing_a_compiled_file_is_never_used(tmp_path: Path) -> None:
    files = ["engine_native__mypyc.so", "assessments/engine/result.so"]
    assert not native.usable(_build(tmp_path, key=native.build_key(), files=files, present=files[:1]))


@pytest.mark.parametrize("stamp", [None, "", "not json", "[]", '{"key": 1}', '{"files": ["a"]}'])
def test_a_missing_or_unreadable_stamp_means_no_build(tmp_path: Path, stamp: str | None) -> None:
    if stamp is not None:
        (tmp_path / native.STAMP).write_text(stamp)
    assert not native.usable(tmp_path)


def test_the_build_key_changes_with_any_engine_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "engine"
    copy.mkdir()
    (copy / "years.py").write_text("DAYS_PER_YEAR = 365\n")
    monkeypatch.setattr(native, "ENGINE_DIR", copy)
    before = native.build_key()
    (copy / "years.py").write_text("DAYS_PER_YEAR = 366\n")
    assert native.build_key() != before


def test_the_compiled_modules_are_loaded_exactly_when_a_fresh_build_exists() -> None:
    fresh = native.usable(native.BUILD_DIR) and os.environ.get("ENGINE_NATIVE", "1") != "0"
    assert native.COMPILED is fresh
    suffix = sysconfig.get_config_var("EXT_SUFFIX") if fresh else ".py"
    assert result.__file__ is not None
    assert result.__file__.endswith(suffix)


def test_engine_native_0_forces_pure_python() -> None:
    code = (
        "import assessments.engine.result as r, assessments.engine.native as n; print(n.VARIANT, r.__file__)"
    )
    assert _python(code, ENGINE_NATIVE="0") == f"pure Python {ROOT / 'assessments/engine/result.py'}"


@pytest.mark.skipif(not native.COMPILED, reason="no fresh compiled build: this run tested pure Python")
def test_pure_python_gives_the_golden_results_too() -> None:
    assert _python(GOLDEN, ENGINE_NATIVE="0") == "True True"


def test_without_a_c_compiler_the_build_is_skipped_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = _build(tmp_path / "build", key="0" * 64, files=["x.so"], present=["x.so"])
    monkeypatch.setattr(native_build, "BUILD_DIR", stale)
    monkeypatch.setattr(native_build, "c_compiler", lambda: None)
    monkeypatch.delenv("ENGINE_NATIVE", raising=False)
    assert native_build.main() == 0
    assert "no C compiler found" in capsys.readouterr().out
    assert not stale.exists()  # the stale build is removed, not left behind


@pytest.mark.skipif(
    not os.environ.get("CI"), reason="only CI always runs `make install` right before the tests"
)
def test_in_ci_a_c_compiler_means_the_compiled_build_was_made_and_is_used() -> None:
    # A failed build only warns in `make install` (pure Python still works); CI must notice it.
    if native_build.c_compiler() is None:
        pytest.skip("no C compiler: pure Python is the expected variant")
    assert native.COMPILED, (
        "make install did not produce a usable compiled engine; run it and read its output"
    )
