// @ts-check
// The plan view shared by the self-assessment and the process-certification calculators: the
// core's plan (what meets each unmet condition, the ranked steps) and a what-if view.
//
// The what-if view works on a copy of the request the reader's form sent: applying a step sets the
// fields its `changes` name on that copy and asks the calculator's own operation again, so the
// reader's form and what it keeps never change. No two steps of a plan change the same field, so
// any subset applies in any order; "apply all" is the plan's `input_after` (architecture.md,
// "What-if"). What differs between the two calculators (which operations, how a step reads, what a
// decision is) comes in a PlanKind (self-assessment-plan.mjs, process-plan.mjs).

import { compute } from "../client.mjs";
import { translator } from "../i18n.mjs";
import { h, subheading } from "../kit.mjs";
import STRINGS from "./plan-view.strings.mjs";

/**
 * @typedef {import("../kit/calculator.mjs").Calculator} Calculator
 * @typedef {import("../kit/calculator.mjs").Response} Response
 * @typedef {(key: string, vars?: Record<string, string | number>) => string} Translate
 * @typedef {{ok: boolean, text: string, figures: string, conditions: {id: string, text: string, met: boolean}[]}} Decision
 * @typedef {{id: string, cells: (Node | string)[], after?: boolean}} StepRow
 * @typedef {{
 *   planOp: string,
 *   checkOp: string,
 *   needed: (result: any) => boolean,
 *   heads: (t: Translate) => string[],
 *   intro: (plan: any, t: Translate) => (Node | null)[],
 *   rows: (plan: any, t: Translate) => StepRow[],
 *   whatIf: (base: Record<string, any>, plan: any, applied: Set<string>) => Record<string, any>,
 *   decision: (result: any, t: Translate) => Decision,
 * }} PlanKind
 */

/**
 * A deep copy of `input` with the value at each path set to the text of `to` (as a form holds it);
 * objects missing on the way are made.
 * @param {Record<string, any>} input
 * @param {{path: string[], to: unknown}[]} changes
 * @returns {Record<string, any>}
 */
export function withChanges(input, changes) {
  const copy = structuredClone(input);
  for (const { path, to } of changes) {
    let target = copy;
    for (const key of path.slice(0, -1)) {
      if (!target[key] || typeof target[key] !== "object" || Array.isArray(target[key])) target[key] = {};
      target = target[key];
    }
    target[path[path.length - 1]] = String(to);
  }
  return copy;
}

export class PlanView {
  /**
   * @param {Calculator} calculator
   * @param {PlanKind} kind
   */
  constructor(calculator, kind) {
    this.calculator = calculator;
    this.kind = kind;
    this.lang = calculator.lang;
    this.t = translator(calculator.lang, STRINGS);
    this.element = h("section", { class: "copc-plan", "aria-label": this.t("plan.heading") });
    /** @type {string | null} the request the plan was made for (JSON) */
    this.key = null;
    /** @type {Record<string, any> | null} */
    this.base = null;
    /** @type {any} the core's plan */
    this.plan = null;
    /** @type {any} the calculator's result for the reader's inputs */
    this.current = null;
    /** @type {Set<string>} the steps applied in the what-if view */
    this.applied = new Set();
    this.seq = 0;
    this.whatIfSeq = 0;
    /** @type {Response | null} the what-if copy's answer */
    this.whatIfResult = null;
    this.whatIfEl = h("div", { class: "copc-whatif", hidden: true, role: "region", "aria-live": "polite",
                               "aria-label": this.t("plan.whatIf") });
  }

  /**
   * The plan for the reader's request `input`, whose result is `result`: drawn into the element
   * (returned, for the calculator's result body). The same request keeps the plan and the what-if.
   * @param {Record<string, any>} input
   * @param {any} result
   * @returns {HTMLElement}
   */
  show(input, result) {
    this.current = result;
    const key = JSON.stringify(input);
    if (!this.kind.needed(result)) {
      this.key = key;
      this.plan = null;
      this.element.hidden = true;
      this.element.replaceChildren();
      return this.element;
    }
    this.element.hidden = false;
    if (key === this.key && this.plan) {
      this.drawWhatIf(); // the reader's decision beside it may have been redrawn
      return this.element;
    }
    this.key = key;
    this.base = input;
    this.plan = null;
    this.applied = new Set();
    this.whatIfSeq++;
    this.whatIfResult = null;
    this.drawWhatIf();
    this.request();
    return this.element;
  }

  async request() {
    const seq = ++this.seq;
    const { t } = this;
    const input = this.base || {};
    this.element.dataset.plan = "waiting";
    this.element.replaceChildren(subheading(t("plan.heading")), h("p", { class: "copc-muted", text: t("plan.waiting") }));
    /** @type {Response} */
    const response = await compute(this.kind.planOp, input);
    if (seq !== this.seq) return;
    if (!response.ok) {
      this.element.dataset.plan = "failed";
      this.element.replaceChildren(subheading(t("plan.heading")),
        h("p", { class: "copc-calc__retry" }, t(response.failure ? `failure.${response.failure}` : "plan.failed"), " ",
          h("button", { type: "button", class: "md-button", text: t("failure.retry"), on: { click: () => this.request() } })));
      return;
    }
    this.plan = response.result;
    this.draw();
  }

  draw() {
    const { t, kind, plan } = this;
    this.element.dataset.plan = "ready";
    const heads = kind.heads(t);
    const rows = kind.rows(plan, t);
    const table = h("div", { class: "copc-table-wrap" }, h("table", { class: "copc-table copc-plan__steps" },
      h("caption", { text: t("plan.steps") }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "#" }), heads.map((text) => h("th", { scope: "col", text })),
        h("th", { scope: "col", text: t("plan.whatIf") }))),
      h("tbody", {}, rows.map((row, index) => h("tr", { dataset: { step: row.id } },
        h("td", { class: "copc-num", text: String(index + 1) }),
        row.cells.map((cell) => h("td", {}, cell)),
        h("td", {}, this.applyButton(row.id)))))));
    const intro = /** @type {Node[]} */ (kind.intro(plan, t).filter((node) => node !== null));
    this.element.replaceChildren(subheading(t("plan.heading")), ...intro);
    if (!rows.length) this.element.append(h("p", { class: "copc-muted", text: t("plan.noSteps") }));
    else {
      this.element.append(table, h("p", { class: "copc-plan__actions" },
        h("button", { type: "button", class: "md-button copc-plan__apply-all", text: t("plan.applyAll"),
                      on: { click: () => this.applyAll() } }), " ",
        h("button", { type: "button", class: "md-button copc-plan__clear", text: t("plan.clear"),
                      on: { click: () => this.setApplied(new Set()) } })));
    }
    this.element.append(this.whatIfEl);
    this.drawWhatIf();
  }

  /**
   * @param {string} id
   * @returns {HTMLButtonElement}
   */
  applyButton(id) {
    const button = h("button", { type: "button", class: "md-button copc-plan__apply", dataset: { step: id },
                                 "aria-pressed": "false", text: this.t("plan.apply") });
    button.addEventListener("click", () => {
      const applied = new Set(this.applied);
      if (applied.has(id)) applied.delete(id);
      else applied.add(id);
      this.setApplied(applied);
    });
    return button;
  }

  applyAll() {
    const rows = this.kind.rows(this.plan, this.t);
    this.setApplied(new Set(rows.map((r) => r.id)));
  }

  /** @param {Set<string>} applied */
  setApplied(applied) {
    this.applied = applied;
    for (const el of this.element.querySelectorAll(".copc-plan__apply")) {
      const button = /** @type {HTMLButtonElement} */ (el);
      const on = applied.has(button.dataset.step || "");
      button.setAttribute("aria-pressed", String(on));
      button.textContent = this.t(on ? "plan.applied" : "plan.apply");
      button.closest("tr")?.classList.toggle("is-applied", on);
    }
    this.checkWhatIf();
  }

  /** Ask the calculator's operation about the what-if copy. */
  async checkWhatIf() {
    const seq = ++this.whatIfSeq;
    if (!this.applied.size || !this.base) {
      this.whatIfResult = null;
      this.drawWhatIf();
      return;
    }
    const input = this.kind.whatIf(this.base, this.plan, this.applied);
    this.whatIfEl.dataset.state = "pending";
    /** @type {Response} */
    const response = await compute(this.kind.checkOp, input);
    if (seq !== this.whatIfSeq) return;
    this.whatIfResult = response;
    this.drawWhatIf();
  }

  drawWhatIf() {
    const { t, kind } = this;
    const response = this.whatIfResult;
    if (!this.applied.size || !response || !this.current) {
      this.whatIfEl.hidden = true;
      this.whatIfEl.replaceChildren();
      delete this.whatIfEl.dataset.state;
      return;
    }
    this.whatIfEl.hidden = false;
    if (!response.ok) {
      this.whatIfEl.dataset.state = "failed";
      this.whatIfEl.replaceChildren(h("p", { text: t(response.failure ? `failure.${response.failure}` : "plan.failed") }));
      return;
    }
    const now = kind.decision(this.current, t);
    const after = kind.decision(response.result, t);
    /**
     * @param {string} label
     * @param {Decision} d
     * @param {string} which
     */
    const card = (label, d, which) => h("div", { class: `copc-whatif__card copc-whatif__card--${d.ok ? "ok" : "no"}`,
                                                  dataset: { decision: which, ok: String(d.ok) } },
      h("p", { class: "copc-whatif__label", text: label }),
      h("p", { class: `copc-verdict copc-verdict--${d.ok ? "ok" : "no"}` },
        h("span", { class: "copc-verdict__mark", "aria-hidden": "true", text: d.ok ? "✓" : "✗" }),
        h("span", { class: "copc-whatif__decision", text: d.text })),
      d.figures ? h("p", { class: "copc-whatif__figures", text: d.figures }) : null,
      h("ul", { class: "copc-conditions" }, d.conditions.map((c) => h("li", {
        class: `copc-condition copc-condition--${c.met ? "ok" : "no"}`, dataset: { check: c.id, met: String(c.met) } },
        h("span", { class: "copc-verdict__mark", "aria-hidden": "true", text: c.met ? "✓" : "✗" }),
        h("span", { text: c.text })))));
    this.whatIfEl.dataset.state = "result";
    this.whatIfEl.dataset.ok = String(after.ok);
    this.whatIfEl.replaceChildren(
      subheading(t("plan.whatIf")),
      h("p", { class: "copc-muted", text: t("plan.whatIfNote", { n: this.applied.size }) }),
      h("div", { class: "copc-whatif__cards" }, card(t("plan.now"), now, "now"), card(t("plan.then"), after, "what-if")));
  }
}
