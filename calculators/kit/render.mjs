// @ts-check
// Small pieces the widgets draw their results with.

import { pick } from "../i18n.mjs";
import { h } from "./dom.mjs";

/**
 * A figure with its label (big: a headline figure).
 * @param {string} label
 * @param {string} value
 * @param {{big?: boolean, kind?: string}} [options]
 * @returns {HTMLElement}
 */
export function stat(label, value, { big = false, kind = "" } = {}) {
  return h("div", { class: `copc-stat${big ? " copc-stat--big" : ""}${kind ? ` copc-stat--${kind}` : ""}` },
    h("span", { class: "copc-stat__label", text: label }),
    h("span", { class: "copc-stat__value", text: value }));
}

/**
 * Figures side by side.
 * @param {...HTMLElement} children
 * @returns {HTMLElement}
 */
export function stats(...children) {
  return h("div", { class: "copc-stats" }, ...children);
}

/**
 * A verdict with its mark: ✓ (ok) or ✗.
 * @param {boolean} ok
 * @param {string} text
 * @returns {HTMLElement}
 */
export function verdict(ok, text) {
  return h("p", { class: `copc-verdict copc-verdict--${ok ? "ok" : "no"}` },
    h("span", { class: "copc-verdict__mark", "aria-hidden": "true", text: ok ? "✓" : "✗" }),
    h("span", { text }));
}

/**
 * A heading inside a calculator (not part of the page's outline).
 * @param {string} text
 * @returns {HTMLElement}
 */
export function subheading(text) {
  return h("div", { class: "copc-calc__subheading", role: "heading", "aria-level": "4", text });
}

/**
 * The core's reasoning steps, in the page's language.
 * @param {{ja: string, en: string}[]} steps
 * @param {string} summary the heading of the folded list
 * @param {string} lang
 * @param {boolean} [open]
 * @returns {HTMLElement}
 */
export function stepList(steps, summary, lang, open = true) {
  return h("details", { class: "copc-calc__steps", open },
    h("summary", { text: summary }),
    h("ol", {}, steps.map((s) => h("li", { text: pick(s, lang) }))));
}
