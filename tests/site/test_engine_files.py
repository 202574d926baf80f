"""The engine's files. An outdated engine is reloaded with its files fetched past the HTTP cache
(calculators/client.mjs, ENGINE_FILES): the list must name every module the engine's worker loads,
or one of them could stay a copy of another build. A core restored from a memory snapshot is asked
one request before it is used (engine.mjs, CHECK_REQUEST)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from copc_cx import web
from copc_cx.examples import EXAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

from calculator_preload import modules_for

ENGINE_FILES = re.compile(r"^export const ENGINE_FILES = (\[[^\]]*\]);$", re.MULTILINE)


def test_the_client_refreshes_every_module_of_the_engine(repo_root: Path) -> None:
    client = (repo_root / "calculators" / "client.mjs").read_text(encoding="utf-8")
    listed = ENGINE_FILES.search(client)
    assert listed, "client.mjs has no `export const ENGINE_FILES = [...];` line"
    assert sorted(json.loads(listed.group(1))) == sorted(modules_for("worker.mjs"))
    assert "generated/config.mjs" in modules_for("worker.mjs")  # the core the engine runs


CHECK_REQUEST = re.compile(r"^const CHECK_REQUEST = JSON\.stringify\((\{.*\})\);$", re.MULTILINE)


def _mappings(value: Any) -> Iterator[dict[str, Any]]:
    """Every object within an operation's input (an example's inputs nest: items, units, types)."""
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from _mappings(inner)


def test_the_engine_checks_a_restored_core_with_figures_of_its_own(repo_root: Path) -> None:
    """Before it uses a core restored from a memory snapshot, engine.mjs asks it one request: one the
    core answers, and no worked example's inputs (those live in copc_cx.examples only)."""
    engine = (repo_root / "calculators" / "engine.mjs").read_text(encoding="utf-8")
    found = CHECK_REQUEST.search(engine)
    assert found, "engine.mjs has no `const CHECK_REQUEST = JSON.stringify({...});` line"
    request = json.loads(re.sub(r"([{,]\s*)([a-z_]+):", r'\1"\2":', found.group(1)))
    assert json.loads(web.handle(json.dumps(request)))["ok"] is True
    asked = {name: str(value) for name, value in request["input"].items()}
    for example in EXAMPLES:
        for inputs in _mappings(dict(example.input)):
            assert {name: str(value) for name, value in inputs.items()} != asked, example.id
