"""The self-assessment's plan, tried as a new reader would: open the "pending at 96%" worked example
from its link, read what meets each unmet condition and the steps, apply the steps one by one in the
what-if view until the decision turns, while the form keeps what the reader typed; then apply all,
and clear the what-if. The figures and texts are the core's (`certification-plan`), never typed."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from copc_cx.web import call
from tests.e2e.helpers import PAGES, RESULT, calc, example

pytestmark = pytest.mark.e2e

PENDING = example("pending-at-96")


def answer_of(op: str, data: Any) -> dict[str, Any]:
    """The core's result of operation `op` for `data`, as the page's engine gives it."""
    response: dict[str, Any] = call({"op": op, "input": data})
    assert response["ok"], response
    result: dict[str, Any] = response["result"]
    return result


def typed(root: Locator) -> dict[str, str]:
    """Every cell of the form, as the reader sees it."""
    values: dict[str, str] = root.locator(".copc-calc__form input[data-path]").evaluate_all(
        "(cells) => Object.fromEntries(cells.map((c) => [c.dataset.path, c.value]))")
    return values


def open_pending_example(page: Page, lang: str) -> Locator:
    """The self-assessment with the example loaded from its link (#example=ID), its plan drawn."""
    page.goto(f"{PAGES[lang]}#example={PENDING.id}")
    root = calc(page, "self-assessment")
    expect(root.locator('[data-path="items.2.8.met"]')).to_have_value(PENDING.input["items"]["2.8"]["met"],
                                                                      timeout=RESULT)
    expect(root.locator(".copc-decision")).to_have_attribute("data-certified", "false", timeout=RESULT)
    expect(root.locator(".copc-plan")).to_have_attribute("data-plan", "ready", timeout=RESULT)
    return root


def test_the_plan_of_the_pending_example_turns_the_decision_in_the_what_if_view(
        calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = open_pending_example(page, lang)
    core = answer_of("certification-plan", PENDING.input)
    assert core["steps"] and not core["certified"] and core["certified_after"]
    plan = root.locator(".copc-plan")

    # each unmet condition with what meets it, and how the steps were chosen
    unmet = [c for c in core["conditions"] if not c["met"]]
    expect(plan.locator(".copc-plan__conditions li")).to_have_count(len(unmet))
    for condition in unmet:
        expect(plan.locator(f'.copc-plan__conditions [data-remedy="{condition["id"]}"]')).to_contain_text(
            condition["remedy"][lang])
    expect(plan.locator(".copc-plan__method")).to_have_text(core["method_text"][lang])

    # the steps, ranked as the core ranks them, each with its points and the decision after it
    rows = plan.locator(".copc-plan__steps tbody tr")
    expect(rows).to_have_count(len(core["steps"]))
    for index, step in enumerate(core["steps"]):
        row = rows.nth(index)
        expect(row).to_have_attribute("data-step", step["id"])
        expect(row.locator(".copc-plan__change")).to_have_text(step["text"][lang])
        expect(row.locator(".copc-plan__points")).to_have_text(f"+{step['display']['points']}")
        expect(row.locator(".copc-plan__after")).to_have_attribute(
            "data-certified", str(step["certified_after"]).lower())

    # apply the steps one by one until the what-if decision turns; the form keeps what was typed
    before = typed(root)
    what_if = plan.locator(".copc-whatif")
    turned_at = None
    for index, step in enumerate(core["steps"]):
        rows.nth(index).locator(".copc-plan__apply").click()
        expect(rows.nth(index).locator(".copc-plan__apply")).to_have_attribute("aria-pressed", "true")
        expect(what_if.locator('[data-decision="what-if"]')).to_have_attribute(
            "data-ok", str(step["certified_after"]).lower(), timeout=RESULT)
        expect(what_if.locator('[data-decision="now"]')).to_have_attribute("data-ok", "false")
        if step["certified_after"]:
            turned_at = index
            break
    assert turned_at is not None
    expect(root.locator(".copc-decision")).to_have_attribute("data-certified", "false")
    assert typed(root) == before
    assert before["items.2.8.met"] == PENDING.input["items"]["2.8"]["met"]

    # clear: the what-if goes; apply all: the plan's input_after, certified, with the core's figures
    plan.locator(".copc-plan__clear").click()
    expect(what_if).to_be_hidden()
    expect(plan.locator('.copc-plan__apply[aria-pressed="true"]')).to_have_count(0)
    plan.locator(".copc-plan__apply-all").click()
    expect(what_if.locator('[data-decision="what-if"]')).to_have_attribute("data-ok", "true", timeout=RESULT)
    after = answer_of("self-assessment", core["input_after"])
    assert after["certified"]
    expect(what_if.locator('[data-decision="what-if"] .copc-whatif__figures')).to_contain_text(
        after["display"]["earned"])
    for condition in after["conditions"]:
        expect(what_if.locator(f'[data-decision="what-if"] [data-check="{condition["id"]}"]')).to_have_attribute(
            "data-met", "true")
    assert typed(root) == before
    plan.locator(".copc-plan__clear").click()
    expect(what_if).to_be_hidden()


def test_a_certified_assessment_has_no_plan(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = open_pending_example(page, lang)
    root.locator('[data-path="items.2.8.met"]').fill(PENDING.input["items"]["2.8"]["applicable"])
    expect(root.locator(".copc-decision")).to_have_attribute("data-certified", "true", timeout=RESULT)
    expect(root.locator(".copc-plan")).to_be_hidden()
    # the report stays a click away
    expect(root.locator(".copc-report__open")).to_be_visible()
