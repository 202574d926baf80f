// @ts-check
// The self-assessment's plan ("certification-plan") and its what-if view, and its report for
// management ("self-assessment-report"): what the self-assessment widget adds under its result.

import { pick } from "../i18n.mjs";
import { findItem, fmt, h, shown } from "../kit.mjs";
import { PlanView, withChanges } from "./plan-view.mjs";
import { ReportView } from "./report-view.mjs";

/**
 * @typedef {import("../kit/calculator.mjs").Calculator} Calculator
 * @typedef {import("./plan-view.mjs").PlanKind} PlanKind
 * @typedef {import("./plan-view.mjs").Translate} Translate
 */

/**
 * The what-if copy of the self-assessment's request with the steps `applied`: each change sets
 * `items[item][field]` (a dotted field: "met", "types.quality.achieved"); every step is the plan's
 * `input_after`, the reader's other text as typed.
 * @param {Record<string, any>} base
 * @param {{steps: {id: string, item: string, changes: {field: string, to: number}[]}[], input_after: Record<string, any>}} plan
 * @param {Set<string>} applied
 * @returns {Record<string, any>}
 */
export function certificationWhatIf(base, plan, applied) {
  if (plan.steps.length && plan.steps.every((s) => applied.has(s.id))) return structuredClone(plan.input_after);
  return withChanges(base, plan.steps.filter((s) => applied.has(s.id)).flatMap((s) =>
    s.changes.map((c) => ({ path: ["items", s.item, ...c.field.split(".")], to: c.to }))));
}

/**
 * @param {Calculator} calc the self-assessment widget (its strings name the decision)
 * @returns {PlanKind}
 */
function certificationPlan(calc) {
  const { lang } = calc;
  /** @param {boolean} ok */
  const decisionText = (ok) => calc.t(ok ? "sa.certified" : "sa.pending");
  return {
    planOp: "certification-plan",
    checkOp: "self-assessment",
    needed: (result) => !result.certified,
    heads: (t) => [t("plan.item"), t("plan.change"), t("plan.points"), t("plan.after")],
    intro: (plan, t) => [
      h("ul", { class: "copc-list copc-plan__conditions", "aria-label": t("plan.remedies") },
        plan.conditions.filter((/** @type {any} */ c) => !c.met).map((/** @type {any} */ c) =>
          h("li", { dataset: { remedy: c.id } },
            h("strong", { text: `${pick(c.text, lang)}: ` }), h("span", { text: pick(c.remedy, lang) })))),
      h("p", { class: "copc-plan__method", dataset: { method: plan.method }, text: pick(plan.method_text, lang) }),
      plan.needs_inputs.length
        ? h("p", { class: "copc-plan__needs", text: t("plan.needsInputs", { list: plan.needs_inputs.join(lang === "ja" ? "、" : ", ") }) })
        : null,
    ],
    rows: (plan) => plan.steps.map((/** @type {any} */ s) => {
      const item = findItem(String(calc.lastState?.edition || "CSP"), s.item);
      return {
        id: s.id,
        cells: [
          h("span", { class: "copc-plan__item", text: item ? `${s.item} ${pick(item.name, lang)}` : s.item }),
          h("span", { class: "copc-plan__change", text: pick(s.text, lang) }),
          h("span", { class: "copc-plan__points", text: `+${shown(lang, s, "points")}` }),
          h("span", { class: `copc-plan__after copc-plan__after--${s.certified_after ? "ok" : "no"}`,
                      dataset: { certified: String(s.certified_after) }, text: decisionText(s.certified_after) }),
        ],
      };
    }),
    whatIf: certificationWhatIf,
    decision: (r, t) => ({
      ok: r.certified,
      text: decisionText(r.certified),
      figures: t("plan.saFigures", { earned: shown(lang, r, "earned"), of: fmt(lang, r.scope.applicable),
                                     percent: shown(lang, r, "percent_of_applicable") }),
      conditions: r.conditions.map((/** @type {any} */ c) => ({ id: c.id, text: pick(c.text, lang), met: c.met })),
    }),
  };
}

/**
 * The plan and the report under the self-assessment's result.
 * @param {Calculator} calc
 * @returns {{show: (input: Record<string, any>, result: any) => HTMLElement}}
 */
export function selfAssessmentPlanAndReport(calc) {
  const plan = new PlanView(calc, certificationPlan(calc));
  const report = new ReportView(calc, "self-assessment-report");
  const element = h("div", { class: "copc-plan-report" }, report.bar, plan.element);
  return {
    show(input, result) {
      report.update(input);
      plan.show(input, result);
      return element;
    },
  };
}
