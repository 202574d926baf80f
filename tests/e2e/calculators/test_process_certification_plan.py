"""The process check's plan: for the two-sites example, the unit that fails the level rule, the
metric that needs more months at target, and the what-if view that turns the check ready while the
form keeps what the reader typed. The plan is the core's (`process-plan`), never typed."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from copc_cx.web import call
from tests.e2e.helpers import RESULT, calc, example, load_example

pytestmark = pytest.mark.e2e

TWO_SITES = example("level-rule-two-sites")


def test_the_process_plan_names_the_months_that_make_the_check_ready(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "process-certification")
    load_example(root, TWO_SITES.id)
    response: dict[str, Any] = call({"op": "process-plan", "input": TWO_SITES.input})
    core = response["result"]
    assert core["steps"] and not core["ready"] and core["ready_after"]
    plan = root.locator(".copc-plan")
    expect(plan).to_have_attribute("data-plan", "ready", timeout=RESULT)
    failing = [u for u in core["units"] if not u["holds"]]
    expect(plan.locator(".copc-plan__units li")).to_have_count(len(failing))
    for unit in failing:
        expect(plan.locator(f'.copc-plan__units [data-unit="{unit["unit"]}"]')).to_be_visible()
    rows = plan.locator(".copc-plan__steps tbody tr")
    expect(rows).to_have_count(len(core["steps"]) + len(core["requirements"]))
    for index, step in enumerate(core["steps"]):
        expect(rows.nth(index)).to_have_attribute("data-step", step["id"])
        expect(rows.nth(index)).to_contain_text(step["name"][lang])

    before = root.locator(".copc-calc__form input[data-path]").evaluate_all(
        "(cells) => cells.map((c) => [c.dataset.path, c.value])")
    rows.first.locator(".copc-plan__apply").click()
    what_if = plan.locator(".copc-whatif")
    after = call({"op": "process-certification", "input": core["input_after"]})["result"]
    expect(what_if.locator('[data-decision="what-if"]')).to_have_attribute("data-ok", str(after["ready"]).lower(),
                                                                          timeout=RESULT)
    expect(what_if.locator('[data-decision="now"]')).to_have_attribute("data-ok", "false")
    expect(root.locator(".copc-decision")).to_have_attribute("data-ready", "false")
    assert root.locator(".copc-calc__form input[data-path]").evaluate_all(
        "(cells) => cells.map((c) => [c.dataset.path, c.value])") == before
    plan.locator(".copc-plan__clear").click()
    expect(what_if).to_be_hidden()
    # its report is a click away too
    expect(root.locator(".copc-report__open")).to_be_visible()
