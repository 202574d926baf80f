// The plan view's what-if copies (architecture.md, "What-if"): a step's changes set on a copy of the
// request, any subset in any order, every step = the core's input_after; the reader's request itself
// never changes. The plans are the core's, for inputs made from the worked examples.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { load } from "./calculators-copy.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const { withChanges } = await load("widgets/plan-view.mjs");
const { certificationWhatIf } = await load("widgets/self-assessment-plan.mjs");
const { processWhatIf } = await load("widgets/process-plan.mjs");

/**
 * The core's answers, computed once: the request and the plan of a pending self-assessment with
 * several steps (the pending-at-96 example with four items made weaker), and of the two-sites check.
 * @returns {{sa: {input: any, plan: any}, pc: {input: any, plan: any}}}
 */
function plans() {
  const code = `
import copy, json
from copc_cx.examples import EXAMPLES_BY_ID
from copc_cx.web import call
sa = copy.deepcopy(EXAMPLES_BY_ID["pending-at-96"].input)
sa["items"]["1.1"] = {"met": "3", "applicable": "6", "deployed": "3", "total": "3"}
sa["items"]["4.6"] = {"at_target": "40", "at_target_or_improving": "60", "total": "100"}
sa["items"]["2.9"]["deployed"] = "0"
pc = EXAMPLES_BY_ID["level-rule-two-sites"].input
plan = lambda op, data: call({"op": op, "input": data})["result"]
print(json.dumps({"sa": {"input": sa, "plan": plan("certification-plan", sa)},
                  "pc": {"input": pc, "plan": plan("process-plan", pc)}}))`;
  return JSON.parse(execFileSync(join(ROOT, ".venv", "bin", "python"), ["-c", code], {
    cwd: ROOT, encoding: "utf-8", env: { ...process.env, PYTHONPATH: join(ROOT, "src") } }));
}

const { sa, pc } = plans();

test("a change sets its dotted field as text on a copy, making the objects on its way", () => {
  const input = { items: { "4.3": { types: { service: { achieved: "3" } } } } };
  const copy = withChanges(input, [{ path: ["items", "4.3", "types", "quality", "achieved"], to: 7 },
                                   { path: ["items", "4.3", "types", "service", "achieved"], to: 5 }]);
  assert.deepEqual(copy.items["4.3"].types, { service: { achieved: "5" }, quality: { achieved: "7" } });
  assert.equal(input.items["4.3"].types.service.achieved, "3");
});

test("the self-assessment's steps applied in order give each step's item inputs", () => {
  assert.ok(sa.plan.steps.length >= 3);
  const before = JSON.stringify(sa.input);
  /** @type {Set<string>} */
  const applied = new Set();
  for (const step of sa.plan.steps.slice(0, -1)) {
    applied.add(step.id);
    assert.deepEqual(certificationWhatIf(sa.input, sa.plan, applied).items[step.item], step.inputs, step.id);
  }
  assert.equal(JSON.stringify(sa.input), before);
});

test("any subset applies in any order, and every step is the core's input_after", () => {
  const ids = sa.plan.steps.map((/** @type {any} */ s) => s.id);
  const forward = certificationWhatIf(sa.input, sa.plan, new Set(ids.slice(1)));
  const backward = certificationWhatIf(sa.input, sa.plan, new Set(ids.slice(1).reverse()));
  assert.deepEqual(forward, backward);
  const changed = withChanges(sa.input, sa.plan.steps.flatMap((/** @type {any} */ s) =>
    s.changes.map((/** @type {any} */ c) => ({ path: ["items", s.item, ...c.field.split(".")], to: c.to }))));
  assert.deepEqual(changed, sa.plan.input_after);
  assert.deepEqual(certificationWhatIf(sa.input, sa.plan, new Set(ids)), sa.plan.input_after);
});

test("the process check's step sets the unit's months at target; all of it is input_after", () => {
  const [step] = pc.plan.steps;
  const copy = processWhatIf(pc.input, pc.plan, new Set([step.id]));
  const unit = step.entity ? copy.entity : copy.sites[step.unit];
  assert.equal(unit[step.metric].months_at_target, String(step.months_needed));
  assert.deepEqual(copy.requirements_met, pc.input.requirements_met);
  const ids = [...pc.plan.steps.map((/** @type {any} */ s) => s.id),
               ...pc.plan.requirements.map((/** @type {any} */ r) => `requirement:${r.id}`)];
  assert.deepEqual(processWhatIf(pc.input, pc.plan, new Set(ids)), pc.plan.input_after);
});

test("a requirement's row ticks it once in the copy", () => {
  const plan = { steps: [], requirements: [{ id: "quality.x" }, { id: "quality.y" }], input_after: {} };
  const copy = processWhatIf({ requirements_met: ["quality.y"] }, plan, new Set(["requirement:quality.y"]));
  assert.deepEqual(copy.requirements_met, ["quality.y"]);
});
