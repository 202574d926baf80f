"""How fast the core scores a full self-assessment (prints numbers; not a test).

    .venv/bin/python bench/bench_core.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import time

import copc_cx as cx
from copc_cx import plan, report
from copc_cx.assessment import _KEPT
from copc_cx.web import handle


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


def rate(label: str, run: object, seconds: float) -> None:
    assert callable(run)
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        run()
        count += 1
    print(f"{label:<48} {count / elapsed:>10,.0f} /s   {elapsed / count * 1e6:>9,.1f} µs each")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    for edition in ("CSP", "OSP"):
        inputs = full_assessment(edition)
        # as the calculator recomputes after a change: the unchanged items keep their scores
        rate(f"assess() full {edition} self-assessment", lambda i=inputs, e=edition: cx.assess(e, i), args.seconds)

        def cold(i: dict[str, cx.ItemInput] = inputs, e: str = edition) -> None:
            _KEPT.clear()  # every item scored afresh, as for an assessment never seen
            cx.assess(e, i)

        rate(f"assess() full {edition}, no item score kept", cold, args.seconds)
    request = json.dumps({"op": "self-assessment", "input": {"edition": "CSP", "items": {
        number: vars(value) if not isinstance(value, cx.ChannelPerformance) else {
            "types": {t: dict(zip(("achieved", "improving", "total"), c, strict=True)) for t, c in value.types.items()}}
        for number, value in full_assessment("CSP").items()}}})
    rate("web.handle() self-assessment JSON round trip", lambda: handle(request), args.seconds)
    rate("performance_percent()", lambda: cx.performance_percent(achieved=12, improving=10, total=50), args.seconds)
    for edition in ("CSP", "OSP"):
        inputs = full_assessment(edition)
        rate(f"plan_certification() full {edition} (pending)",
             lambda i=inputs, e=edition: plan.plan_certification(e, i), args.seconds)
        farthest = farthest_assessment(edition)
        rate(f"plan_certification() {edition} at the forms' bounds",
             lambda i=farthest, e=edition: plan.plan_certification(e, i), args.seconds)
    inputs = full_assessment("CSP")
    rate("self-assessment report (HTML) full CSP",
         lambda: report.to_html(report.self_assessment_report("CSP", inputs, lang="en")), args.seconds)


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
