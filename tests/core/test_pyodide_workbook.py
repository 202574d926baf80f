"""The browser can write and read the Excel workbook through the core, with openpyxl from the site.

Pyodide runs under Node with the built site's own folder and lock (scripts/build_site.py registers
openpyxl's and et-xmlfile's pure-Python wheels there), the way the calculators' engine runs:
- after a full boot, `loadPackage("openpyxl")` resolves et-xmlfile from the lock and loads both;
- after a restore of the site's memory snapshot (the snapshot does not survive loadPackage), the
  two wheels named in the lock are unpacked, checked against their sha256 first.
Either way the core's workbook module was importable without openpyxl, openpyxl came only when
asked for, and what Pyodide writes reads back to the same assessment in Pyodide and in CPython.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from copc_cx.examples import EXAMPLES
from copc_cx.files import assessment_file, workbook

SAMPLE = next(e for e in EXAMPLES if e.calculator == "self-assessment").input
ASSESSMENT = {**SAMPLE, "organisation": "サンプル株式会社", "site": "那覇センター", "date": "2026-12-05",
              "notes": {"2.15": "根拠: 手順書 v3（担当: 佐藤）"}}

# the two ways the engine starts; each then asks for openpyxl only to write and read the workbook
BOOT = {
    "full": """
const pyodide = await loadPyodide({ indexURL: base, lockFileURL: base + "pyodide-lock.json", packages: ["copc-cx"],
                                    stdout: () => {}, stderr: (m) => process.stderr.write(m + "\\n") });
const before = pyodide.runPython("import sys, copc_cx.files.workbook; 'openpyxl' in sys.modules");
await pyodide.loadPackage("openpyxl", { messageCallback: () => {} });
""",
    "snapshot": """
const image = new Uint8Array(gunzipSync(readFileSync(%(snapshot)s)));
const pyodide = await loadPyodide({ indexURL: base, _loadSnapshot: image,
                                    stdout: () => {}, stderr: (m) => process.stderr.write(m + "\\n") });
const before = pyodide.runPython("import sys, copc_cx.files.workbook; 'openpyxl' in sys.modules");
const lock = JSON.parse(readFileSync(base + "pyodide-lock.json", "utf8"));
for (const name of ["et-xmlfile", "openpyxl"]) {
  const entry = lock.packages[name];
  const wheel = readFileSync(base + entry.file_name);
  if (createHash("sha256").update(wheel).digest("hex") !== entry.sha256) throw new Error(name + ": sha256");
  pyodide.unpackArchive(new Uint8Array(wheel), "wheel");
}
""",
}

RUNNER = """
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
const { loadPyodide } = await import(%(pyodide)s);
const base = %(base)s;
%(boot)s
const handle = pyodide.pyimport("copc_cx.files.workbook").handle;
const ask = (op, input) => JSON.parse(handle(JSON.stringify({ op, input })));
const written = ask("workbook-write", { assessment: %(assessment)s, lang: "ja" });
const read = ask("workbook-read", { data: written.result.data });
const core = ask("rule-50-75", { at_target: 31, at_target_or_improving: 52, total: 80 });
process.stdout.write(JSON.stringify({ before, written, read, core }));
"""


def run_in_pyodide(site_dir: Path, tmp_path: Path, boot: str) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (scripts/setup.sh needs it for Pyodide)", pytrace=False)
    info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
    folder = site_dir / "assets" / "pyodide" / info["pyodide_version"]
    snapshots = sorted(folder.glob("copc-core-*.snapshot.gz"))
    script = tmp_path / "run.mjs"
    script.write_text(RUNNER % {
        "pyodide": json.dumps((folder / "pyodide.mjs").as_uri()),
        "base": json.dumps(str(folder) + "/"),
        "boot": BOOT[boot] % {"snapshot": json.dumps(str(snapshots[0]) if snapshots else "")},
        "assessment": json.dumps(ASSESSMENT),
    }, encoding="utf-8")
    done = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert isinstance(result, dict)
    return result


@pytest.mark.parametrize("boot", sorted(BOOT))
def test_pyodide_writes_and_reads_the_workbook_with_openpyxl_from_the_sites_lock(
    site_dir: Path, tmp_path: Path, boot: str,
) -> None:
    run = run_in_pyodide(site_dir, tmp_path, boot)
    assert run["before"] is False  # the core and its workbook module imported, openpyxl not yet
    assert run["core"]["ok"], run["core"]
    assert run["written"]["ok"], run["written"]
    assert run["written"]["result"]["file_name"] == "copc-cx-サンプル株式会社-那覇センター-2026-12-05.xlsx"
    assert run["read"]["ok"], run["read"]
    expected = assessment_file.read_data(ASSESSMENT)
    # what Pyodide read is the assessment it wrote: every input and note, nothing the rules refuse
    assert run["read"]["result"]["input"] == assessment_file.self_assessment_input(expected)
    assert run["read"]["result"]["assessment"]["notes"] == ASSESSMENT["notes"]
    assert run["read"]["result"]["problems"] == []
    # and CPython reads Pyodide's workbook the same way
    opened = workbook.read_workbook(base64.b64decode(run["written"]["result"]["data"]))
    assert assessment_file.to_data(opened.doc) == run["read"]["result"]["assessment"]
