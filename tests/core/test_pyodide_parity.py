"""The core gives the same answers in Pyodide (what the browser runs) as in CPython.

Node loads the self-hosted Pyodide runtime of node_modules/pyodide with the built site's own
lock file, which registers the core wheel (so this also checks the wheel and the lock the
calculators use), and answers every request through copc_cx.web.handle; each answer must equal
CPython's copc_cx.web.call exactly. Importing the core must compile nothing: the wheel carries
its bytecode for Pyodide's Python (scripts/compile_core.mjs). The memory snapshot the site ships
(scripts/snapshot_core.mjs) must answer the same once restored. It also checks that the catalog the
build generated for the calculators (assets/calculators/generated/catalog.mjs) is the core's
catalog.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.core.every_operation import REQUESTS

from copc_cx.web import OPERATIONS, call

RUNNER = """
import { loadPyodide } from %(pyodide)s;
const requests = JSON.parse(%(requests)s);
const pyodide = await loadPyodide({
  indexURL: %(index)s, lockFileURL: %(lock)s, packages: ["copc-cx"],
  stdout: () => {}, stderr: (m) => process.stderr.write(m + "\\n"),
});
// count what importing the core compiles: the wheel carries its bytecode (scripts/compile_core.mjs)
pyodide.runPython(`
import builtins
compiled = []
_compile = builtins.compile
def counting_compile(source, filename, *args, **kwargs):
    compiled.append(str(filename))
    return _compile(source, filename, *args, **kwargs)
builtins.compile = counting_compile
`);
const handle = pyodide.pyimport("copc_cx.web").handle;
const compiled = pyodide.runPython("builtins.compile = _compile; [m for m in compiled if 'copc_cx' in m]").toJs();
const answers = requests.map((r) => JSON.parse(handle(JSON.stringify(r))));
process.stdout.write(JSON.stringify({ answers, compiled }));
"""


# The site's memory snapshot (scripts/snapshot_core.mjs), restored as a first visit does: the
# interpreter comes back with the core imported but without the wheel's files, so every op must
# work from what the import loaded.
SNAPSHOT_RUNNER = """
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { loadPyodide } from %(pyodide)s;
const requests = JSON.parse(%(requests)s);
const pyodide = await loadPyodide({
  indexURL: %(index)s, _loadSnapshot: new Uint8Array(gunzipSync(readFileSync(%(snapshot)s))),
  stdout: () => {}, stderr: (m) => process.stderr.write(m + "\\n"),
});
const handle = pyodide.pyimport("copc_cx.web").handle;
const files = pyodide.runPython("import copc_cx, os; os.path.exists(copc_cx.__file__)");
const answers = requests.map((r) => JSON.parse(handle(JSON.stringify(r))));
process.stdout.write(JSON.stringify({ answers, files }));
"""


def run_node(script: Path) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (scripts/setup.sh needs it for Pyodide)", pytrace=False)
    done = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    run = json.loads(done.stdout)
    assert isinstance(run, dict)
    return run


@pytest.fixture(scope="module")
def pyodide_run(repo_root: Path, site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
    pyodide_dir = site_dir / "assets" / "pyodide" / info["pyodide_version"]
    script = tmp_path_factory.mktemp("parity") / "run.mjs"
    script.write_text(RUNNER % {
        "pyodide": json.dumps(str(repo_root / "node_modules" / "pyodide" / "pyodide.mjs")),
        "index": json.dumps(str(repo_root / "node_modules" / "pyodide") + "/"),
        "lock": json.dumps(str(pyodide_dir / "pyodide-lock.json")),
        "requests": json.dumps(json.dumps(REQUESTS)),
    }, encoding="utf-8")
    return run_node(script)


@pytest.fixture(scope="module")
def pyodide_answers(pyodide_run: dict[str, Any]) -> list[Any]:
    answers = pyodide_run["answers"]
    assert isinstance(answers, list)
    return answers


def test_every_op_answers_the_same_in_pyodide_and_cpython(pyodide_answers: list[Any]) -> None:
    assert {r["op"] for r in REQUESTS} == {*OPERATIONS, "nope"}
    assert len(pyodide_answers) == len(REQUESTS)
    for request, answer in zip(REQUESTS, pyodide_answers, strict=True):
        assert answer == call(request), request
    # errors as well as results were compared
    assert sum(not a["ok"] for a in pyodide_answers) >= 5
    assert sum(a["ok"] for a in pyodide_answers) >= 10


def test_pyodide_imports_the_core_from_its_bytecode_without_compiling(pyodide_run: dict[str, Any]) -> None:
    assert pyodide_run["compiled"] == []


def test_the_generated_catalog_module_is_the_cores_catalog(site_dir: Path) -> None:
    text = (site_dir / "assets" / "calculators" / "generated" / "catalog.mjs").read_text(encoding="utf-8")
    prefix = "export const CATALOG = "
    start = text.index(prefix) + len(prefix)
    generated = json.loads(text[start:].rstrip().removesuffix(";"))
    assert generated == call({"op": "catalog", "input": {}})["result"]


def test_the_sites_memory_snapshot_answers_the_same_as_cpython(
    site_dir: Path, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
    pyodide_dir = site_dir / "assets" / "pyodide" / info["pyodide_version"]
    snapshots = list(pyodide_dir.glob("copc-core-*.snapshot.gz"))
    assert len(snapshots) == 1, snapshots
    script = tmp_path_factory.mktemp("snapshot") / "run.mjs"
    # the site's own Pyodide folder: a snapshot fits only the WebAssembly module that made it
    script.write_text(SNAPSHOT_RUNNER % {
        "pyodide": json.dumps(str(pyodide_dir / "pyodide.mjs")),
        "index": json.dumps(str(pyodide_dir) + "/"),
        "snapshot": json.dumps(str(snapshots[0])),
        "requests": json.dumps(json.dumps(REQUESTS)),
    }, encoding="utf-8")
    run = run_node(script)
    assert run["files"] is False  # restored without the wheel's files, as in the browser
    for request, answer in zip(REQUESTS, run["answers"], strict=True):
        assert answer == call(request), request
