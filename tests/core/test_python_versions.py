"""The core runs on every Python it promises (3.11+), not only on the venv's 3.12."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
CHECK = """
import copc_cx as cx
assert cx.total_points("CSP") == 4000 and cx.total_points("OSP") == 4360
from copc_cx.examples import EXAMPLES, figure
from copc_cx.registry import CALCULATORS_BY_NAME
from copc_cx.web import call, handle
for example in EXAMPLES:
    result = call({"op": CALCULATORS_BY_NAME[example.calculator].op, "input": example.input})["result"]
    assert all(abs(figure(result, path) - value) < 1e-4 if isinstance(value, float) else figure(result, path) == value
               for path, value in example.expected.items()), example.id
assert '"ok": true' in handle('{"op": "catalog"}')
"""


def _interpreter(version: str) -> str | None:
    # pyenv's own installs first: its shims on PATH may name a version that is not selected
    candidates = sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}")))
    return candidates[-1] if candidates else shutil.which(f"python{version}")


@pytest.mark.parametrize("version", ["3.11", "3.13"])
def test_the_core_runs_on(version: str) -> None:
    python = _interpreter(version)
    if python is None:
        pytest.skip(f"no Python {version} on this machine")
    result = subprocess.run([python, "-I", "-c", f"import sys; sys.path.insert(0, {str(SRC)!r})\n{CHECK}"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
