"""The site's prose is the project's own: no long run of text shared with the reference guide."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT.parent / "shared" / "tools" / "originality-check"


def test_docs_do_not_repeat_the_guide() -> None:
    if not TOOL.is_file():
        pytest.skip(f"{TOOL} is absent (it lives in the workplace's shared/ folder, beside the repository)")
    # run with this interpreter: the copy of shared/ may have no exec bit, and the tool is stdlib-only
    result = subprocess.run(
        [sys.executable, str(TOOL), "docs"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"originality-check docs failed:\n{result.stdout}\n{result.stderr}"
