"""How fast the core derives a metrics table in CPython (prints numbers; not a test).

    .venv/bin/python bench/bench_metrics.py [--runs 15] [--pyodide]

Two tables: 5,000 metrics x 24 months (the core on its own: reading, deriving, the steps), and
300 metrics x 12 months through web.handle() as the browser sends it, once with nothing remembered
and once after one cell changed (every other row comes from the memo). The browser runs the same
core in Pyodide, about 3-10x slower than CPython; its goal is a recompute under 30 ms (p95) for the
300 x 12 table. With --pyodide the 300 x 12 edits also run in Pyodide under Node (node_modules/pyodide,
the core's sources copied into its file system): the core's own share of the browser's recompute.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from copc_cx import metrics
from copc_cx.web import handle

ITEMS = ("4.1", "4.2a", "4.3", "4.4", "4.5")
TYPES = ("service", "quality", "sales", "efficiency")


def table(rows: int, months: int, seed: int = 19) -> dict[str, Any]:
    """A CSP's table: metrics spread over the items and the types of 4.3/4.4, one in thirteen failing
    CUI, one in three lower-is-better, one result in twenty missing."""
    rng = random.Random(seed)
    names = [f"{2023 + k // 12}-{k % 12 + 1:02d}" for k in range(months)]
    body = []
    for n in range(rows):
        item = ITEMS[n % len(ITEMS)]
        body.append({
            "name": f"Metric {n}", "item": item, "type": TYPES[n % 4] if item in ("4.3", "4.4") else "",
            "level": "program", "unit": f"Program {n % 12}", "cui": "no" if n % 13 == 0 else "yes",
            "target": "80", "direction": "lower" if n % 3 == 0 else "higher",
            "improving": "yes" if n % 4 == 0 else "", "in_4_6": "", "block_metric": "", "site": "",
            "results": [f"{rng.uniform(60, 100):.1f}" if rng.random() > 0.05 else "" for _ in names]})
    return {"edition": "CSP", "months": names, "rows": body}


def forget() -> None:
    """Empty the memos, as a first request after the engine starts finds them."""
    metrics._read_row_memo.cache_clear()
    metrics._metric.cache_clear()
    metrics.metric_status.cache_clear()


def timed(run: Callable[[], object], runs: int, before: Callable[[], object] = lambda: None) -> list[float]:
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return times


def show(label: str, times: list[float]) -> None:
    p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
    print(f"{label:<62} min {min(times):8.2f} ms   median {statistics.median(times):8.2f} ms   "
          f"p95 {p95:8.2f} ms")


ROOT = Path(__file__).resolve().parent.parent

PYODIDE_RUN = """
import { readFileSync, readdirSync } from "node:fs";
import { loadPyodide } from %(pyodide)s;
const py = await loadPyodide({ indexURL: %(index)s });
for (const [folder, target] of [[%(core)s, "/home/pyodide/copc_cx"], [%(bench)s, "/home/pyodide/bench"]]) {
  py.FS.mkdirTree(target);
  for (const f of readdirSync(folder)) {
    if (f.endsWith(".py")) py.FS.writeFile(`${target}/${f}`, readFileSync(`${folder}/${f}`));
  }
}
py.runPython(`
import sys, json
sys.path[:0] = ["/home/pyodide", "/home/pyodide/bench"]
from bench_metrics import table
from copc_cx.web import handle
T = table(300, 12)
def request(n):
    T["rows"][n %% 300]["results"][n %% 12] = f"{70 + n %% 20}.5"
    return json.dumps({"op": "metrics-table", "input": T})
`);
const handle = py.globals.get("handle"), request = py.globals.get("request");
const times = [];
for (let n = 0; n < %(runs)d; n++) {
  const text = request(n);
  const start = performance.now();
  handle(text);
  times.push(performance.now() - start);
}
process.stdout.write(JSON.stringify(times));
"""


def pyodide_times(runs: int) -> list[float]:
    """The 300 x 12 table's requests in Pyodide under Node, the first with nothing remembered."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit("node is not installed (make setup installs what Pyodide needs)")
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "run.mjs"
        script.write_text(PYODIDE_RUN % {
            "pyodide": json.dumps(str(ROOT / "node_modules" / "pyodide" / "pyodide.mjs")),
            "index": json.dumps(str(ROOT / "node_modules" / "pyodide") + "/"),
            "core": json.dumps(str(ROOT / "src" / "copc_cx")), "bench": json.dumps(str(ROOT / "bench")),
            "runs": runs}, encoding="utf-8")
        done = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=600, check=True)
    times = json.loads(done.stdout)
    assert isinstance(times, list)
    return [float(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pyodide", action="store_true", help="also run the 300 x 12 edits in Pyodide under Node")
    args = parser.parse_args()

    big = table(5_000, 24)
    show("5,000 x 24: read_table (nothing remembered)", timed(lambda: metrics.read_table(big), args.runs, forget))
    read = metrics.read_table(big)
    show("5,000 x 24: derive (nothing remembered)", timed(lambda: metrics.derive(read), args.runs,
                                                           metrics.metric_status.cache_clear))
    derived = metrics.derive(read)
    show("5,000 x 24: steps", timed(derived.steps, args.runs))
    request = json.dumps({"op": "metrics-table", "input": big})
    from copc_cx.web import call
    show(f"5,000 x 24: web.call, JSON parsed ({len(request):,} characters)",
         timed(lambda: call(json.loads(request)), args.runs, forget))

    small = table(300, 12)
    request = json.dumps({"op": "metrics-table", "input": small})
    show(f"300 x 12: web.handle, nothing remembered ({len(request):,} characters)",
         timed(lambda: handle(request), args.runs, forget))
    edits = iter(range(10**6))

    def edit_one_cell() -> None:
        n = next(edits)
        small["rows"][n % 300]["results"][n % 12] = f"{70 + n % 20}.5"
        nonlocal request
        request = json.dumps({"op": "metrics-table", "input": small})

    handle(request)
    show("300 x 12: web.handle after one cell changed", timed(lambda: handle(request), args.runs * 4, edit_one_cell))
    answer = json.loads(handle(request))
    assert answer["ok"], answer["errors"]
    print(f"{'300 x 12: answer':<62} {len(json.dumps(answer, ensure_ascii=False)):,} characters")
    if args.pyodide:
        times = pyodide_times(args.runs * 8 + 1)
        print(f"{'Pyodide, 300 x 12: first request (nothing remembered)':<62} {times[0]:8.2f} ms")
        # the first requests after the start warm the interpreter up; the page's engine does that too
        show("Pyodide, 300 x 12: after one cell changed", times[len(times) // 4:])


if __name__ == "__main__":
    main()
