"""How fast the core derives a metrics table in CPython (prints numbers; not a test).

    .venv/bin/python bench/bench_metrics.py [--runs 15]

Two tables: 5,000 metrics x 24 months (the core on its own: reading, deriving, the steps), and
300 metrics x 12 months through web.handle() as the browser sends it, once with nothing remembered
and once after one cell changed (every other row comes from the memo). The browser runs the same
core in Pyodide, about 3-10x slower than CPython; its goal is a recompute under 30 ms (p95) for the
300 x 12 table.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
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


if __name__ == "__main__":
    main()
