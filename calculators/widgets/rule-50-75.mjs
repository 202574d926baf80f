// @ts-check
// Item 4.6, the 50/75 rule: the level (50) and trend (75) percentages and whether 50/75 is met.

import { pick } from "../i18n.mjs";
import { Calculator, fmt, h, scoringFields, scoringNotes, shown, stat, stats, str, verdict } from "../kit.mjs";
import STRINGS from "./rule-50-75.strings.mjs";

/** @typedef {import("../kit/calculator.mjs").State} State */

const FIELDS = scoringFields("rule-50-75");

export default class Rule5075 extends Calculator {
  /**
   * @param {HTMLElement} root
   * @param {string} lang
   */
  constructor(root, lang) {
    super(root, { name: "rule-50-75", lang, strings: [STRINGS] });
    /** @type {Record<string, {wrap: HTMLElement, input: HTMLInputElement}>} */
    this.inputs = {};
  }

  /**
   * @returns {State}
   * @override
   */
  defaults() {
    return Object.fromEntries(FIELDS.map((f) => [f.name, ""]));
  }

  /**
   * @param {Record<string, any>} raw
   * @returns {State}
   * @override
   */
  sanitize(raw) {
    return Object.fromEntries(FIELDS.map((f) => [f.name, str(raw[f.name])]));
  }

  /**
   * The input is the state's own shape: the three counts.
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
    for (const f of FIELDS) {
      this.inputs[f.name] = this.fields.field({ path: f.name, label: pick(f.label, this.lang),
                                                hint: f.hint ? pick(f.hint, this.lang) : null });
    }
    form.append(h("div", { class: "copc-row" }, ...FIELDS.map((f) => this.inputs[f.name].wrap)));
  }

  /**
   * @param {State} state
   * @override
   */
  apply(state) {
    for (const f of FIELDS) {
      if (this.inputs[f.name].input.value !== state[f.name]) this.inputs[f.name].input.value = state[f.name];
    }
  }

  /**
   * @returns {State}
   * @override
   */
  collect() {
    return Object.fromEntries(FIELDS.map((f) => [f.name, this.inputs[f.name].input.value]));
  }

  /**
   * @returns {string[]}
   * @override
   */
  notes() {
    return scoringNotes("rule-50-75");
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
    body.append(
      h("p", { class: "copc-calc__result-title", text: t("r5.shares", {
        a: shown(lang, r, "at_target_share", { percent: true }), b: shown(lang, r, "either_share", { percent: true }) }) }),
      stats(
        stat(t("r5.level"), shown(lang, r, "level", { percent: true }), { big: true }),
        stat(t("r5.trend"), shown(lang, r, "trend", { percent: true }), { big: true }),
      ),
      verdict(r.met, `${t("r5.achieved")}: ${t(r.met ? "r5.yes" : "r5.no")}`),
      stats(stat(t("r5.split"), t("pointsOf", { n: shown(lang, r, "points"), of: fmt(lang, r.available) }), { big: true })),
      this.steps(response.steps),
    );
  }
}
