"""The optional Cython build (setup.py) and the pure-Python switch.

The default install compiles the pipeline modules with Cython where a C compiler is
available; ``PROMISEMINE_PURE=1`` at import time runs the .py source instead
(``promisemine.compiled_modules()`` is then empty). Both give byte-identical output.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from promisemine.cli import main; main()"]
# The pipeline modules: an extraction imports all of them.
COMPILED_CHECK = ("import promisemine; from promisemine import pipeline; "
                  "pipeline.extract_text('Polisen lovar att genomföra 12 kontroller.'); "
                  "print(','.join(promisemine.compiled_modules()))")


def _env(pure: bool) -> dict:
    env = dict(os.environ)
    env.pop("PROMISEMINE_PURE", None)
    if pure:
        env["PROMISEMINE_PURE"] = "1"
    return env


def _compiled(pure: bool) -> list[str]:
    res = subprocess.run([sys.executable, "-c", COMPILED_CHECK], capture_output=True, text=True,
                         timeout=120, cwd=ROOT, env=_env(pure))
    assert res.returncode == 0, res.stderr
    return [m for m in res.stdout.strip().split(",") if m]


def test_build_pure_switch_loads_no_compiled_module():
    assert _compiled(pure=True) == []


def test_build_pure_switch_loads_the_source_files():
    code = ("import promisemine, promisemine.pipeline as p, promisemine.records as r; "
            "print(p.__file__); print(r.__file__)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, cwd=ROOT, env=_env(pure=True))
    assert res.returncode == 0, res.stderr
    assert [Path(f).name for f in res.stdout.split()] == ["pipeline.py", "records.py"]


@pytest.mark.parametrize("value", ["", "0"])
def test_build_pure_switch_off_for_empty_or_zero(value):
    code = ("import sys, promisemine; "
            "print(any(type(f).__name__ == '_SourceFinder' for f in sys.meta_path))")
    env = _env(pure=False)
    env["PROMISEMINE_PURE"] = value
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, cwd=ROOT, env=env)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "False"


def test_build_version_names_the_build():
    res = subprocess.run(CLI + ["--version"], capture_output=True, text=True, timeout=120,
                         cwd=ROOT, env=_env(pure=True))
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().endswith("(pure Python)")


def test_build_compiled_and_pure_output_identical(tmp_path):
    compiled = _compiled(pure=False)
    if not compiled:
        pytest.skip("promisemine is installed without compiled modules (pure-Python build)")
    res = subprocess.run(CLI + ["--version"], capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env=_env(pure=False))
    assert f"(compiled: {len(compiled)} modules)" in res.stdout
    outputs = {}
    for pure in (False, True):
        out = tmp_path / f"{'pure' if pure else 'compiled'}.jsonl"
        res = subprocess.run(CLI + ["extract", "corpus/docs", "-o", str(out), "-q"], capture_output=True,
                             timeout=300, cwd=ROOT, env=_env(pure))
        assert res.returncode == 0, res.stderr
        outputs[pure] = out.read_bytes()
    assert outputs[False].count(b"\n") == 25
    assert outputs[False] == outputs[True]
