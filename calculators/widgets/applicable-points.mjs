// @ts-check
// Applicable points and the exact points needed for certification (95%, never rounded down).

import { pick } from "../i18n.mjs";
import { Calculator, fmt, h, shown, stat, stats, subheading, topicNotes } from "../kit.mjs";
import STRINGS from "./applicable-points.strings.mjs";
import { SCOPE_STRINGS, ScopeSection, sanitizeScope, scopeDefaults, scopeFromInput, scopeInput } from "./scope.mjs";

/** @typedef {import("../kit/calculator.mjs").State} State */

export default class ApplicablePoints extends Calculator {
  /**
   * @param {HTMLElement} root
   * @param {string} lang
   */
  constructor(root, lang) {
    super(root, { name: "applicable-points", lang, strings: [STRINGS, SCOPE_STRINGS] });
    this.scope = new ScopeSection(this);
  }

  /**
   * @returns {State}
   * @override
   */
  defaults() {
    return scopeDefaults();
  }

  /**
   * @param {Record<string, any>} raw
   * @returns {State}
   * @override
   */
  sanitize(raw) {
    return sanitizeScope(raw);
  }

  /**
   * @param {Record<string, any>} input
   * @returns {State}
   * @override
   */
  stateFromInput(input) {
    return scopeFromInput(input);
  }

  /**
   * @param {HTMLFormElement} form
   * @override
   */
  build(form) {
    form.append(this.scope.build());
  }

  /**
   * @param {State} state
   * @override
   */
  apply(state) {
    this.scope.apply(sanitizeScope(state));
  }

  /**
   * @returns {State}
   * @override
   */
  collect() {
    return this.scope.collect();
  }

  /**
   * @param {State} state
   * @returns {Record<string, any>}
   * @override
   */
  input(state) {
    return scopeInput(sanitizeScope(state));
  }

  /**
   * @returns {string[]}
   * @override
   */
  notes() {
    return topicNotes("applicable-points");
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
      stats(
        stat(t("ap.applicable"), fmt(lang, r.applicable), { big: true }),
        stat(t("scope.required"), shown(lang, r, "required", { digits: 4 }), { big: true, kind: "required" }),
      ),
      h("p", { class: "copc-muted", text: t("ap.ofTotal", { edition: r.edition, total: fmt(lang, r.total) }) }),
      subheading(t("ap.excluded")),
      r.excluded.length
        ? h("ul", { class: "copc-list copc-excluded" }, r.excluded.map((/** @type {any} */ i) => h("li", { dataset: { item: i.item } },
          `${i.item} ${pick(i.name, lang)} `, h("span", { class: "copc-muted", text: `(−${t("points", { n: fmt(lang, i.points) })})` }))))
        : h("p", { class: "copc-muted", text: t("ap.excludedNone") }),
      this.steps(response.steps),
    );
  }
}
