"""An outdated engine is reloaded with its files fetched past the HTTP cache (calculators/client.mjs,
ENGINE_FILES): the list must name every module the engine's worker loads, or one of them could
stay a copy of another build."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

from calculator_preload import modules_for

ENGINE_FILES = re.compile(r"^export const ENGINE_FILES = (\[[^\]]*\]);$", re.MULTILINE)


def test_the_client_refreshes_every_module_of_the_engine(repo_root: Path) -> None:
    client = (repo_root / "calculators" / "client.mjs").read_text(encoding="utf-8")
    listed = ENGINE_FILES.search(client)
    assert listed, "client.mjs has no `export const ENGINE_FILES = [...];` line"
    assert sorted(json.loads(listed.group(1))) == sorted(modules_for("worker.mjs"))
    assert "generated/config.mjs" in modules_for("worker.mjs")  # the core the engine runs
