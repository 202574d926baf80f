"""Speed work never changes an answer: a few hundred varied requests (whole self-assessments with
every kind of scope, blank, refused and full-width counts; single items; plans) must answer
byte for byte what they answered when these digests were written, and the Python API must give
the same exact fractions, steps and problems.

The requests come from a seeded generator, so only a digest of each answer is kept here
(answers_unchanged.json). Write the digests again only for a change meant to alter answers:

    .venv/bin/python -m tests.core.test_answers_unchanged --write
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

import copc_cx as cx
from copc_cx import rules
from copc_cx.errors import InputError
from copc_cx.web import handle

DIGESTS = Path(__file__).with_name("answers_unchanged.json")
TYPES = ("service", "quality", "sales", "efficiency")


def _count(rng: random.Random, most: int) -> int:
    """Mostly small counts (where thresholds are hit exactly), sometimes large ones."""
    return rng.randint(0, most) if rng.random() < 0.85 else rng.randint(0, 100_000)


def _performance(rng: random.Random) -> tuple[int, int, int]:
    total = max(1, _count(rng, 24))
    achieved = rng.randint(0, total)
    return achieved, rng.randint(0, total - achieved), total


def _typed(value: int, odd: bool, rng: random.Random) -> Any:
    """A count as a form sends it: text (now and then full-width), a JSON number, or when `odd`
    something the rules must refuse."""
    if odd:
        return rng.choice(["", "abc", "-1", "1.5", "100001", " ", "1e3", "٣", str(value + 10**6)])
    roll = rng.random()
    if roll < 0.04:
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return value if roll < 0.07 else str(value)


def _item_form(rng: random.Random, scoring: cx.Scoring, good: float = 0.0, odd: bool = False) -> dict[str, Any]:
    """One item's form; `good` is the chance of each count being the best it can be (full marks)."""
    if scoring is cx.Scoring.CHANNEL_PERFORMANCE:
        types = {}
        odd_type = rng.choice(TYPES) if odd else None
        for name in TYPES:
            if name == "sales" and rng.random() < 0.4:
                types[name] = {"achieved": "", "improving": "", "total": ""}
            else:
                types[name] = _item_form(rng, cx.Scoring.PERFORMANCE, good, name == odd_type)
        return {"types": types}
    if scoring is cx.Scoring.APPROACH_DEPLOYMENT:
        applicable, total = max(1, _count(rng, 16)), max(1, _count(rng, 12))
        values = {"met": applicable if rng.random() < good else rng.randint(0, applicable), "applicable": applicable,
                  "deployed": total if rng.random() < good else rng.randint(0, total), "total": total}
    elif scoring is cx.Scoring.PERFORMANCE:
        achieved, improving, total = _performance(rng)
        if rng.random() < good:
            achieved, improving = total, 0
        values = {"achieved": achieved, "improving": improving, "total": total}
    else:
        total = max(1, _count(rng, 40))
        either = total if rng.random() < good else rng.randint(0, total)
        values = {"at_target": either if rng.random() < good else rng.randint(0, either),
                  "at_target_or_improving": either, "total": total}
    odd_key = rng.choice(list(values)) if odd else None
    return {k: _typed(v, k == odd_key, rng) for k, v in values.items()}


def self_assessment_input(rng: random.Random) -> dict[str, Any]:
    """A whole self-assessment: some near full marks, some with a blank or refused count, an item
    outside the scope, or no channel at all."""
    edition = rng.choice(["CSP", "OSP"])
    human, digital = rng.random() > 0.2, rng.random() > 0.2
    data: dict[str, Any] = {"edition": edition, "human_assisted": human, "digital_assisted": digital}
    excludable = cx.excludable_items(human_assisted=human, digital_assisted=digital)
    excluded = excludable
    if excludable and rng.random() < 0.5:
        excluded = tuple(rng.sample(excludable, rng.randint(0, len(excludable))))
        data["excluded"] = list(excluded)
    good = rng.choice([0.0, 0.0, 0.9, 0.97, 1.0])
    odd = rng.random() < 0.12
    items: dict[str, Any] = {}
    for item in cx.items_in(cx.Edition(edition)):
        if item.number in excluded and rng.random() > 0.01:
            continue
        roll = rng.random()
        if roll < 0.04:
            continue
        if roll < 0.07:
            items[item.number] = {"met": "", "applicable": "", "deployed": "", "total": ""}
        else:
            items[item.number] = _item_form(rng, item.scoring, good, odd and rng.random() < 0.05)
    data["items"] = items
    return data


def requests() -> list[dict[str, Any]]:
    rng = random.Random(20261205)
    found: list[dict[str, Any]] = [{"op": "self-assessment", "input": self_assessment_input(rng)} for _ in range(300)]
    ad = [i.number for i in cx.items_in(cx.Edition.CSP) if i.scoring is cx.Scoring.APPROACH_DEPLOYMENT]
    for _ in range(60):
        odd = rng.random() < 0.1
        found.append({"op": "item-score", "input": {
            "edition": "CSP", "item": rng.choice(ad), **_item_form(rng, cx.Scoring.APPROACH_DEPLOYMENT, odd=odd)}})
        found.append({"op": "performance", "input": {
            "edition": "OSP", "item": rng.choice(["4.1", "4.2b", "4.5"]),
            **_item_form(rng, cx.Scoring.PERFORMANCE, odd=rng.random() < 0.1)}})
        found.append({"op": "channel-performance", "input": {
            "edition": rng.choice(["CSP", "OSP"]), "item": rng.choice(["4.3", "4.4"]),
            **_item_form(rng, cx.Scoring.CHANNEL_PERFORMANCE, odd=rng.random() < 0.1)}})
        found.append({"op": "rule-50-75", "input": _item_form(rng, cx.Scoring.RULE_50_75, odd=rng.random() < 0.1)})
    found += [{"op": "certification-plan", "input": self_assessment_input(rng)} for _ in range(20)]
    found += [{"op": "self-assessment-report", "input": {**self_assessment_input(rng),
                                                         "lang": rng.choice(["ja", "en"])}} for _ in range(10)]
    return found


# --- the Python API: exact values ----------------------------------------------------------------

def api_inputs(rng: random.Random) -> tuple[str, dict[str, cx.ItemInput]]:
    """Inputs as a script passes them: plain ints, now and then a value the rules refuse."""
    edition = rng.choice(["CSP", "OSP"])
    odd: list[Any] = [True, 1.0, -1, None, "3", 10**20, 100_001]
    inputs: dict[str, cx.ItemInput] = {}
    for item in cx.items_in(cx.Edition(edition)):
        if rng.random() < 0.1:
            continue
        if item.scoring is cx.Scoring.APPROACH_DEPLOYMENT:
            applicable, total = max(1, _count(rng, 16)), max(1, _count(rng, 12))
            values: list[Any] = [rng.randint(0, applicable), applicable, rng.randint(0, total), total]
        elif item.scoring is cx.Scoring.PERFORMANCE:
            values = list(_performance(rng))
        elif item.scoring is cx.Scoring.CHANNEL_PERFORMANCE:
            names = TYPES if rng.random() < 0.6 else ("service", "quality", "efficiency")
            inputs[item.number] = cx.ChannelPerformance({name: _performance(rng) for name in names})
            continue
        else:
            total = max(1, _count(rng, 40))
            either = rng.randint(0, total)
            values = [rng.randint(0, either), either, total]
        if rng.random() < 0.01:
            values[rng.randrange(len(values))] = rng.choice(odd)
        inputs[item.number] = cx.assessment.INPUT_FOR[item.scoring](*values)
    return edition, inputs


def _detail(detail: object) -> list[Any]:
    values: list[Any]
    if isinstance(detail, rules.ApproachDeploymentScore):
        values = [detail.approach, detail.deployed_share, detail.deployment, detail.percent, detail.limited_by]
    elif isinstance(detail, rules.PerformanceScore):
        values = [detail.achieved, detail.improving, detail.percent]
    elif isinstance(detail, rules.ChannelPerformanceScore):
        values = [[(t.value, _detail(s)) for t, s in detail.by_type.items()], detail.weight, detail.percent]
    else:
        assert isinstance(detail, rules.Rule5075Score)
        values = [detail.at_target, detail.at_target_or_improving, detail.level, detail.trend, detail.met]
    return [*map(repr, values), [s.as_dict() for s in detail.steps]]


def exact(edition: str, inputs: dict[str, cx.ItemInput]) -> str:
    """Every exact value and text of an assessment (repr keeps Fraction apart from int), or its problems."""
    try:
        result = cx.assess(edition, inputs)
    except InputError as error:
        return repr([p.as_dict() for p in error.problems])
    values: list[Any] = [repr(result.scope), result.unscored, result.certified]
    values += [[s.number, s.name.as_dict(), s.available, *map(repr, (s.percent, s.points, s.approach, s.lost)),
                s.rule_50_75_met, _detail(s.detail), [t.as_dict() for t in s.steps]] for s in result.items]
    values += [repr(c) for c in result.categories]
    values += [*map(repr, (result.earned, result.percent_of_applicable, result.points_missing))]
    values += [[s.number for s in result.biggest_losses]]
    values += [[c.id, c.text.as_dict(), c.met, c.detail.as_dict()] for c in result.conditions]
    return json.dumps(values, ensure_ascii=False, default=str)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def current() -> dict[str, list[str]]:
    rng = random.Random(1205)
    return {"answers": [_digest(handle(json.dumps(r, ensure_ascii=False))) for r in requests()],
            "exact": [_digest(exact(*api_inputs(rng))) for _ in range(300)]}


@pytest.fixture(scope="module")
def kept() -> dict[str, list[str]]:
    data = json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_request_answers_byte_for_byte_as_before(kept: dict[str, list[str]]) -> None:
    sent = requests()
    assert len(sent) == len(kept["answers"]) == 570
    changed = [n for n, (r, d) in enumerate(zip(sent, kept["answers"], strict=True))
               if _digest(handle(json.dumps(r, ensure_ascii=False))) != d]
    assert not changed, f"{len(changed)} answers changed, the first for {json.dumps(sent[changed[0]])[:2000]}"


def test_the_python_api_gives_the_same_exact_values_steps_and_problems(kept: dict[str, list[str]]) -> None:
    rng = random.Random(1205)
    cases = [api_inputs(rng) for _ in range(300)]
    assert sum(1 for e, i in cases if not exact(e, i).startswith("[{")) > 200  # mostly scored, some refused
    changed = [n for n, (case, d) in enumerate(zip(cases, kept["exact"], strict=True)) if _digest(exact(*case)) != d]
    assert not changed, f"{len(changed)} assessments changed, the first: {cases[changed[0]]}"


def test_the_requests_reach_answers_of_every_kind() -> None:
    answers = [json.loads(handle(json.dumps(r))) for r in requests()[:300]]
    assert 150 < sum(a["ok"] for a in answers) < 300  # scored ones and refused ones
    assert any(a["ok"] and a["result"]["certified"] for a in answers)  # some reach certification
    assert any(a["ok"] and not a["result"]["unscored"] for a in answers)
    assert len({a["result"]["scope"]["applicable"] for a in answers if a["ok"]}) >= 4  # several scopes


if __name__ == "__main__" and "--write" in sys.argv:
    DIGESTS.write_text(json.dumps(current(), indent=0) + "\n", encoding="utf-8")
    print(f"wrote {DIGESTS}")
