"""Every worked example's link (`#example=<id>`, as the examples index and the example boxes give it)
opens its calculator loaded with the example: the form sends the example's input, the engine's
answer has the example's figures, and the result is on screen. One calculators page per language
(the session's shared page) serves every link: only the fragment changes, so no engine boots again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from copc_cx.examples import EXAMPLES, WorkedExample, figure
from tests.e2e.helpers import RESULT, calc, wait_result

pytestmark = pytest.mark.e2e

WIDGETS = Path(__file__).resolve().parents[2] / "calculators" / "widgets"


def with_a_widget(example: WorkedExample) -> Any:
    if (WIDGETS / f"{example.calculator}.mjs").is_file():
        return pytest.param(example, id=example.id)
    # its calculator is registered but its widget is still to come (tests/site/test_registry.py)
    return pytest.param(example, id=example.id, marks=pytest.mark.skip(reason=f"no widget {example.calculator} yet"))


def holds(sent: Any, given: Any) -> bool:
    """Whether the request the form sent holds every value of the example's input."""
    if isinstance(given, dict):
        return isinstance(sent, dict) and all(k in sent and holds(sent[k], v) for k, v in given.items())
    if isinstance(given, list):
        return isinstance(sent, list) and len(sent) == len(given) and all(map(holds, sent, given))
    return bool(sent == given)


# the answer this browser keeps for a calculator (kit/kept.mjs): its request and the engine's response
KEPT = """([key, op]) => {
  const text = localStorage.getItem(key);
  const kept = text && JSON.parse(text);
  return kept && kept.op === op ? kept : null;
}"""


@pytest.mark.parametrize("worked", [with_a_widget(e) for e in EXAMPLES])
def test_an_example_link_opens_its_calculator_with_the_example_s_figures(calculators_page: tuple[Page, str],
                                                                       worked: WorkedExample) -> None:
    from copc_cx.registry import CALCULATORS_BY_NAME

    page, _ = calculators_page
    root = calc(page, worked.calculator)
    page.evaluate("(hash) => { location.hash = hash; }", f"#example={worked.id}")
    # read and taken out of the address at once (mount.mjs), then computed
    page.wait_for_function("() => !location.hash.includes('example=')", timeout=RESULT)
    wait_result(root)
    expect(root.locator(".copc-calc__result")).to_be_in_viewport(timeout=RESULT)

    key = f"copc-calc:v1:{worked.calculator}:result"
    op = CALCULATORS_BY_NAME[worked.calculator].op
    # the answer is kept when the page is idle: wait until the kept one is this example's
    kept: dict[str, Any] | None = None
    for _ in range(100):
        kept = page.evaluate(KEPT, [key, op])
        if kept and holds(json.loads(kept["request"]), worked.input):
            break
        page.wait_for_timeout(100)
    assert kept and holds(json.loads(kept["request"]), worked.input), kept and kept["request"]
    result = kept["response"]["result"]
    for path, expected in worked.expected.items():
        actual = figure(result, path)
        assert actual == (pytest.approx(expected, abs=5e-5) if isinstance(expected, float) else expected), path
