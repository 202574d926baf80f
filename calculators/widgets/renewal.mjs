// @ts-check
// The renewal interval: every year, or every two years when all five conditions hold (two about the
// last renewal audit, two shares of the latest PST review, and category 4.0's level rule).

import { pick } from "../i18n.mjs";
import {
  CATALOG, Calculator, bool, formFields, h, shown, stat, stats, str, subheading, topicNotes, verdict,
} from "../kit.mjs";
import STRINGS from "./renewal.strings.mjs";

/** @typedef {import("../kit/calculator.mjs").State} State */

// the statements the reader ticks: the operation's input and the renewal condition each one is
const STATEMENTS = [
  ["no_major_nonconformity", "no-major-nonconformity"],
  ["no_internal_audit_nonconformity", "no-internal-audit-nonconformity"],
  ["category_4_level_met", "category-4-level"],
];
const COUNTS = formFields("renewal");

export default class Renewal extends Calculator {
  /**
   * @param {HTMLElement} root
   * @param {string} lang
   */
  constructor(root, lang) {
    super(root, { name: "renewal", lang, strings: [STRINGS] });
    /** @type {Record<string, HTMLInputElement>} */
    this.inputs = {};
  }

  /**
   * @returns {State}
   * @override
   */
  defaults() {
    return { ...Object.fromEntries(STATEMENTS.map(([key]) => [key, false])),
             ...Object.fromEntries(COUNTS.map((f) => [f.name, ""])) };
  }

  /**
   * @param {Record<string, any>} raw
   * @returns {State}
   * @override
   */
  sanitize(raw) {
    return { ...Object.fromEntries(STATEMENTS.map(([key]) => [key, bool(raw[key], false)])),
             ...Object.fromEntries(COUNTS.map((f) => [f.name, str(raw[f.name])])) };
  }

  /**
   * The input is the state's own shape: the three statements and the PST counts.
   * @param {Record<string, any>} input
   * @returns {State}
   * @override
   */
  stateFromInput(input) {
    return this.sanitize(input);
  }

  /**
   * @param {State} state
   * @returns {Record<string, any>}
   * @override
   */
  input(state) {
    return { ...state };
  }

  /**
   * @param {HTMLFormElement} form
   * @override
   */
  build(form) {
    const { t, lang } = this;
    const texts = new Map(CATALOG.renewal_conditions.map((c) => [c.id, c.text]));
    const boxes = STATEMENTS.map(([key, condition]) => {
      const box = this.fields.checkbox({ path: key, label: pick(texts.get(condition), lang), checked: false });
      this.inputs[key] = box.input;
      return box.wrap;
    });
    const counts = COUNTS.map((f) => {
      const field = this.fields.field({ path: f.name, label: pick(f.label, lang), hint: f.hint ? pick(f.hint, lang) : null });
      this.inputs[f.name] = field.input;
      return field.wrap;
    });
    const slot = this.fields.errorSlot();
    form.append(
      h("fieldset", { class: "copc-group", dataset: { groupPath: "statements", slot: slot.id } },
        h("legend", { text: t("rn.audit") }),
        h("p", { class: "copc-field__hint", text: t("rn.audit.hint") }), ...boxes, slot),
      h("fieldset", { class: "copc-group" }, h("legend", { text: t("rn.pst") }),
        h("div", { class: "copc-row copc-row--tight" }, ...counts)));
  }

  /**
   * @param {State} state
   * @override
   */
  apply(state) {
    for (const [key] of STATEMENTS) this.inputs[key].checked = Boolean(state[key]);
    for (const f of COUNTS) if (this.inputs[f.name].value !== state[f.name]) this.inputs[f.name].value = state[f.name];
  }

  /**
   * @returns {State}
   * @override
   */
  collect() {
    return { ...Object.fromEntries(STATEMENTS.map(([key]) => [key, this.inputs[key].checked])),
             ...Object.fromEntries(COUNTS.map((f) => [f.name, this.inputs[f.name].value])) };
  }

  /**
   * @returns {string[]}
   * @override
   */
  notes() {
    return topicNotes("renewal");
  }

  /**
   * @param {import("../kit/calculator.mjs").Computed} response
   * @param {State} state
   * @param {HTMLElement} body
   * @override
   */
  render(response, state, body) {
    const { t, lang } = this;
    const r = response.result;
    const everyTwo = r.interval_years === 2;
    const decision = h("div", { class: `copc-decision copc-decision--${everyTwo ? "ok" : "no"}`,
                                dataset: { interval: String(r.interval_years) } },
      subheading(t("rn.interval")),
      verdict(everyTwo, t(everyTwo ? "rn.everyTwoYears" : "rn.everyYear")),
      h("ul", { class: "copc-conditions", "aria-label": t("rn.conditions") }, r.conditions.map((/** @type {any} */ c) =>
        h("li", { class: `copc-condition copc-condition--${c.met ? "ok" : "no"}`, dataset: { condition: c.id, met: String(c.met) } },
          h("span", { class: "copc-verdict__mark", "aria-hidden": "true", text: c.met ? "✓" : "✗" }),
          h("span", { class: "copc-condition__text" },
            h("strong", { text: `${pick(c.text, lang)}: ${t(c.met ? "met" : "notMet")}` }))))));
    body.append(
      decision,
      stats(
        stat(t("rn.atTarget"), shown(lang, r, "at_target_share", { percent: true }), { big: true }),
        stat(t("rn.either"), shown(lang, r, "either_share", { percent: true }), { big: true }),
      ),
      this.steps(response.steps),
    );
  }
}
