// @ts-check
// The process-certification check's plan ("process-plan": more months at target for the metrics of
// each unit that fails the level rule, and the additional requirements still unmet), its what-if
// view, and its report for management ("process-report").

import { pick } from "../i18n.mjs";
import { h } from "../kit.mjs";
import { PlanView, withChanges } from "./plan-view.mjs";
import { ReportView } from "./report-view.mjs";

/**
 * @typedef {import("../kit/calculator.mjs").Calculator} Calculator
 * @typedef {import("./plan-view.mjs").PlanKind} PlanKind
 */

/** A requirement's row id in the plan view (the core's steps are about months only). */
const REQUIREMENT = "requirement:";

/**
 * The what-if copy of the process check's request with the steps `applied`: a step sets
 * `months_at_target` of `entity[metric]` or `sites[unit][metric]`; a requirement's row ticks it;
 * everything applied is the plan's `input_after`.
 * @param {Record<string, any>} base
 * @param {{steps: {id: string, unit: string, entity: boolean, metric: string, months_needed: number}[],
 *          requirements: {id: string}[], input_after: Record<string, any>}} plan
 * @param {Set<string>} applied
 * @returns {Record<string, any>}
 */
export function processWhatIf(base, plan, applied) {
  const ids = [...plan.steps.map((s) => s.id), ...plan.requirements.map((r) => REQUIREMENT + r.id)];
  if (ids.length && ids.every((id) => applied.has(id))) return structuredClone(plan.input_after);
  const copy = withChanges(base, plan.steps.filter((s) => applied.has(s.id)).map((s) => ({
    path: s.entity ? ["entity", s.metric, "months_at_target"] : ["sites", s.unit, s.metric, "months_at_target"],
    to: s.months_needed })));
  const ticked = plan.requirements.filter((r) => applied.has(REQUIREMENT + r.id)).map((r) => r.id);
  const met = Array.isArray(copy.requirements_met) ? copy.requirements_met : [];
  copy.requirements_met = [...met, ...ticked.filter((id) => !met.includes(id))];
  return copy;
}

/**
 * @param {Calculator} calc the process-certification widget (its strings name units and decisions)
 * @returns {PlanKind}
 */
function processPlan(calc) {
  const { lang } = calc;
  /** @param {{unit: string, entity: boolean}} u */
  const unitName = (u) => (u.entity ? calc.t("pc.entity") : u.unit);
  return {
    planOp: "process-plan",
    checkOp: "process-certification",
    needed: (result) => !result.ready,
    heads: (t) => [t("plan.unit"), t("plan.metric"), t("plan.months")],
    intro: (plan, t) => {
      const failing = plan.units.filter((/** @type {any} */ u) => !u.holds);
      return [failing.length ? h("ul", { class: "copc-list copc-plan__units", "aria-label": t("plan.units") },
        failing.map((/** @type {any} */ u) => h("li", { dataset: { unit: u.unit },
          text: t("plan.unitNeeds", { unit: unitName(u), meeting: u.meeting, metrics: u.metrics, needed: u.needed }) })))
        : null];
    },
    rows: (plan, t) => [
      ...plan.steps.map((/** @type {any} */ s) => ({
        id: s.id,
        cells: [unitName(s), pick(s.name, lang),
                h("span", { class: "copc-plan__change",
                            text: t("plan.monthsChange", { from: s.months_at_target, to: s.months_needed, of: s.months_measured }) })],
      })),
      ...plan.requirements.map((/** @type {any} */ r) => ({
        id: REQUIREMENT + r.id,
        cells: [t("plan.requirement"), pick(r.text, lang), t("plan.tick")],
      })),
    ],
    whatIf: processWhatIf,
    decision: (r, t) => ({
      ok: r.ready,
      text: calc.t(r.ready ? "pc.isReady" : "pc.notReady"),
      figures: "",
      conditions: [
        { id: "level", text: `${calc.t("pc.levelEntity")}: ${calc.t(r.level_holds ? "pc.holds" : "pc.fails")}`,
          met: r.level_holds },
        ...r.units.map((/** @type {any} */ u) => ({ id: `unit:${u.unit}`, met: u.holds,
          text: `${u.unit === "entity" ? calc.t("pc.entity") : u.unit}: ${calc.t(u.holds ? "pc.holds" : "pc.fails")}` })),
        { id: "requirements", text: t("plan.unmetCount", { n: r.unmet_requirements.length }),
          met: r.unmet_requirements.length === 0 },
      ],
    }),
  };
}

/**
 * The plan and the report under the process check's result.
 * @param {Calculator} calc
 * @returns {{show: (input: Record<string, any>, result: any) => HTMLElement}}
 */
export function processPlanAndReport(calc) {
  const plan = new PlanView(calc, processPlan(calc));
  const report = new ReportView(calc, "process-report");
  const element = h("div", { class: "copc-plan-report" }, report.bar, plan.element);
  return {
    show(input, result) {
      report.update(input);
      plan.show(input, result);
      return element;
    },
  };
}
