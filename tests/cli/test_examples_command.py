"""`copc-cx examples`, run as a reader runs it: a separate process."""

from __future__ import annotations

import json
import subprocess
import sys

from copc_cx.examples import EXAMPLES


def copc_cx(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "copc_cx.cli", *args], capture_output=True, text=True, timeout=60)


def test_the_examples_command_lists_every_example_with_the_core_s_figures() -> None:
    done = copc_cx("examples", "--format", "json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    rows = {row["id"]: row for row in json.loads(done.stdout)}
    assert set(rows) == {e.id for e in EXAMPLES}
    assert rows["rule-50-75"]["figures"] == dict(next(e for e in EXAMPLES if e.id == "rule-50-75").expected)


def test_the_output_language_follows_the_option() -> None:
    assert "ガイド" in copc_cx("examples", "--lang", "ja").stdout or "例" in copc_cx("examples", "--lang", "ja").stdout
    assert "Example 1" in copc_cx("examples", "--lang", "en").stdout
