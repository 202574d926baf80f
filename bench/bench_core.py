"""How fast the core scores a full self-assessment (prints numbers; not a test).

    .venv/bin/python bench/bench_core.py [--seconds 3] [--only TEXT] [--calls N]

"from scratch" rows score a pool of different assessments in turn: every item of every assessment
has counts of its own (no two alike), so nothing a call leaves behind can serve the next one. The
"same inputs again" rows score one assessment over and over, as the calculator recomputes after a
change that leaves the other items as they were.

`--calls N` runs each chosen measure exactly N times instead of for `--seconds` (for an instruction
count, which does not drift with the load of a shared machine):

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        .venv/bin/python bench/bench_core.py --only "CSP, from scratch" --calls 300
    (and again with --calls 0: the difference over 300 is the instructions of one call)
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import copc_cx as cx
from copc_cx import plan, report
from copc_cx.web import handle

POOL = 1000  # different assessments per edition, cycled through by the from-scratch rows


def full_assessment(edition: str) -> dict[str, cx.ItemInput]:
    """Every item of the edition with realistic, non-trivial inputs."""
    inputs: dict[str, cx.ItemInput] = {}
    for n, item in enumerate(cx.items_in(cx.Edition(edition))):
        if item.scoring is cx.Scoring.APPROACH_DEPLOYMENT:
            inputs[item.number] = cx.ApproachDeployment(met=11 + n % 2, applicable=12, deployed=5 + n % 3, total=7)
        elif item.scoring is cx.Scoring.PERFORMANCE:
            inputs[item.number] = cx.Performance(achieved=15 + n % 10, improving=9, total=50)
        elif item.scoring is cx.Scoring.CHANNEL_PERFORMANCE:
            inputs[item.number] = cx.ChannelPerformance({
                "service": (7, 2, 17), "quality": (9, 1, 19), "sales": (3, 3, 11), "efficiency": (5, 4, 13)})
        else:
            inputs[item.number] = cx.Rule5075(at_target=26, at_target_or_improving=39, total=50)
    return inputs


def _performance_counts(rng: random.Random, most: int) -> tuple[int, int, int]:
    total = rng.randint(1, most)
    achieved = rng.randint(0, total)
    return achieved, rng.randint(0, total - achieved), total


def varied_assessments(edition: str, count: int, seed: int = 17) -> list[dict[str, cx.ItemInput]]:
    """`count` full self-assessments whose every item has counts no other assessment of the list has."""
    rng = random.Random(seed)
    seen: set[tuple[str, object]] = set()
    pool: list[dict[str, cx.ItemInput]] = []
    for _ in range(count):
        inputs: dict[str, cx.ItemInput] = {}
        for item in cx.items_in(cx.Edition(edition)):
            while True:
                value: cx.ItemInput
                if item.scoring is cx.Scoring.APPROACH_DEPLOYMENT:
                    applicable, total = rng.randint(1, 40), rng.randint(1, 60)
                    value = cx.ApproachDeployment(met=rng.randint(applicable // 2, applicable), applicable=applicable,
                                                  deployed=rng.randint(total // 3, total), total=total)
                    key: object = tuple(vars(value).values())
                elif item.scoring is cx.Scoring.PERFORMANCE:
                    value = cx.Performance(*_performance_counts(rng, 80))
                    key = tuple(vars(value).values())
                elif item.scoring is cx.Scoring.CHANNEL_PERFORMANCE:
                    names = ("service", "quality", "sales", "efficiency") if rng.random() < 0.7 \
                        else ("service", "quality", "efficiency")
                    value = cx.ChannelPerformance({name: _performance_counts(rng, 40) for name in names})
                    key = tuple(value.types.items())
                else:
                    total = rng.randint(1, 120)
                    at_target = rng.randint(0, total)
                    value = cx.Rule5075(at_target, rng.randint(at_target, total), total)
                    key = tuple(vars(value).values())
                if (item.number, key) not in seen:
                    seen.add((item.number, key))
                    inputs[item.number] = value
                    break
        pool.append(inputs)
    return pool


def form_request(inputs: dict[str, cx.ItemInput], edition: str) -> str:
    """The self-assessment request a form sends for these inputs (counts as the text typed)."""
    def fields(value: cx.ItemInput) -> dict[str, Any]:
        if isinstance(value, cx.ChannelPerformance):
            return {"types": {t: dict(zip(("achieved", "improving", "total"), map(str, c), strict=True))
                              for t, c in value.types.items()}}
        return {k: str(v) for k, v in vars(value).items()}
    return json.dumps({"op": "self-assessment", "input": {
        "edition": edition, "human_assisted": True, "digital_assisted": True,
        "items": {number: fields(value) for number, value in inputs.items()}}}, ensure_ascii=False)


def assess_next(edition: str, pool: Iterator[dict[str, cx.ItemInput]]) -> cx.Assessment:
    return cx.assess(edition, next(pool))


def rate(label: str, run: Callable[[], object], seconds: float, calls: int | None) -> None:
    if calls is not None:  # a fixed number of calls, for an instruction count
        for _ in range(calls):
            run()
        print(f"{label:<62} {calls:>10,} calls")
        return
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        run()
        count += 1
    print(f"{label:<62} {count / elapsed:>10,.0f} /s   {elapsed / count * 1e6:>9,.1f} µs each")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--only", default="", help="run only the measures whose label contains this text")
    parser.add_argument("--calls", type=int, help="run each measure this many times instead of for --seconds")
    args = parser.parse_args()
    measures: list[tuple[str, Callable[[], object]]] = []
    for edition in ("CSP", "OSP"):
        pool = itertools.cycle(varied_assessments(edition, POOL))
        measures.append((f"assess() full {edition}, from scratch (varied inputs)",
                         partial(assess_next, edition, pool)))
        measures.append((f"assess() full {edition}, the same inputs again",
                         partial(cx.assess, edition, full_assessment(edition))))
    requests = itertools.cycle([form_request(i, "CSP") for i in varied_assessments("CSP", POOL, seed=18)])
    measures.append(("web.handle() CSP self-assessment JSON, from scratch (varied)", lambda: handle(next(requests))))
    request = form_request(full_assessment("CSP"), "CSP")
    measures.append(("web.handle() CSP self-assessment JSON, the same request again", lambda: handle(request)))
    measures.append(("performance_percent()",
                     lambda: cx.performance_percent(achieved=12, improving=10, total=50)))
    for edition in ("CSP", "OSP"):
        pending, farthest = full_assessment(edition), farthest_assessment(edition)
        measures.append((f"plan_certification() full {edition} (pending)",
                         partial(plan.plan_certification, edition, pending)))
        measures.append((f"plan_certification() {edition} at the forms' bounds",
                         partial(plan.plan_certification, edition, farthest)))
    sample = full_assessment("CSP")
    measures.append(("self-assessment report (HTML) full CSP",
                     lambda: report.to_html(report.self_assessment_report("CSP", sample, lang="en"))))
    for label, run in measures:
        if args.only in label:
            rate(label, run, args.seconds, args.calls)


def farthest_assessment(edition: str) -> dict[str, cx.ItemInput]:
    """Every item as far from full marks as the forms' bounds allow: the plan's largest search."""
    most = cx.standard.MAX_COUNT
    inputs: dict[str, cx.ItemInput] = {}
    for n, item in enumerate(cx.items_in(cx.Edition(edition))):
        if item.scoring is cx.Scoring.APPROACH_DEPLOYMENT:
            inputs[item.number] = cx.ApproachDeployment(met=0, applicable=most, deployed=n % 3, total=most - n)
        elif item.scoring is cx.Scoring.PERFORMANCE:
            inputs[item.number] = cx.Performance(achieved=0, improving=1, total=most)
        elif item.scoring is cx.Scoring.CHANNEL_PERFORMANCE:
            inputs[item.number] = cx.ChannelPerformance({t: (0, 1, most - 7)
                                                         for t in ("service", "quality", "sales", "efficiency")})
        else:
            inputs[item.number] = cx.Rule5075(at_target=0, at_target_or_improving=0, total=most)
    return inputs


if __name__ == "__main__":
    main()
