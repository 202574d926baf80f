// @ts-check
// The presenter view, for a trainer's projector: one calculator at a time at a large scale, with
// nothing else on screen (Material's header, navigation, sidebars, footer and the page's other
// content hidden; calculators/presenter.css draws it), and a loaded example's result brought into
// view. Switched on by the "Presenter view" button of a calculator's toolbar or by the address's
// fragment: `#present` (the page's first calculator) or `#present=<calculator name>`. The flag
// stays in the fragment while presenting, so a reload keeps the view; it never goes in a query.

import { pick, translator } from "../i18n.mjs";
import { calculatorNamed } from "./catalog.mjs";
import { h } from "./dom.mjs";
import STRINGS from "./presenter.strings.mjs";

/** The fragment's flag. */
export const PRESENT_PARAM = "present";
const PAGE_CLASS = "copc-presenting";

/**
 * What the presenter view needs of a calculator (kit/calculator.mjs).
 * @typedef {{name: string, lang: string, root: HTMLElement}} Presentable
 */

/** @type {Presentable[]} the calculators of this page, in page order */
const registered = [];
/** @type {Presentable | null} */
let current = null;
/** @type {HTMLElement | null} */
let bar = null;

/**
 * The presenter flag of a fragment: null without it, "" for the bare flag (the first calculator),
 * or the calculator's name.
 * @param {string} hash location.hash
 * @returns {string | null}
 */
export function presentFlag(hash) {
  for (const part of hash.replace(/^#/, "").split("&")) {
    if (part === PRESENT_PARAM) return "";
    if (part.startsWith(`${PRESENT_PARAM}=`)) return decodeURIComponent(part.slice(PRESENT_PARAM.length + 1));
  }
  return null;
}

/**
 * `hash` with the presenter flag set to `name`, or taken out (name null); other parts are kept.
 * @param {string} hash
 * @param {string | null} name
 * @returns {string}
 */
export function withPresentFlag(hash, name) {
  const others = hash.replace(/^#/, "").split("&")
    .filter((part) => part && part !== PRESENT_PARAM && !part.startsWith(`${PRESENT_PARAM}=`));
  const parts = name === null ? others : [`${PRESENT_PARAM}=${encodeURIComponent(name)}`, ...others];
  return parts.length ? `#${parts.join("&")}` : "";
}

/** @returns {boolean} whether the page is in the presenter view */
export function presenting() {
  return current !== null;
}

/**
 * @param {string | null} name
 */
function setFlag(name) {
  const hash = withPresentFlag(location.hash, name);
  if (hash !== location.hash) history.replaceState(history.state, "", `${location.pathname}${location.search}${hash}`);
}

/**
 * Register a calculator as it mounts; returns its toolbar's "Presenter view" button. If the
 * address asks for the presenter view of this calculator, it starts now.
 * @param {Presentable} calculator
 * @returns {HTMLButtonElement}
 */
export function presenterButton(calculator) {
  registered.push(calculator);
  const t = translator(calculator.lang, STRINGS);
  const flag = presentFlag(location.hash);
  if (!current && (flag === calculator.name || (flag === "" && registered.length === 1))) present(calculator);
  return h("button", {
    type: "button", class: "md-button copc-calc__present", text: t("presenter.open"),
    on: { click: () => present(calculator) },
  });
}

/**
 * Show `calculator` alone, at projector scale.
 * @param {Presentable} calculator
 */
export function present(calculator) {
  if (current) unmark();
  current = calculator;
  const t = translator(calculator.lang, STRINGS);
  document.documentElement.classList.add(PAGE_CLASS);
  // every ancestor keeps only the branch that leads to the calculator (presenter.css)
  for (let el = calculator.root.parentElement; el && el !== document.body; el = el.parentElement) {
    el.dataset.copcPresent = "path";
  }
  calculator.root.dataset.copcPresent = "shown";
  const index = registered.indexOf(calculator);
  const step = (/** @type {number} */ by) => present(registered[(index + by + registered.length) % registered.length]);
  const several = registered.length > 1;
  bar = h("div", { class: "copc-presenter-bar", role: "group", dataset: { copcPresent: "bar" },
                   "aria-label": t("presenter.label", { title: pick(calculatorNamed(calculator.name).title, calculator.lang) }) },
    several && h("button", { type: "button", class: "md-button copc-presenter-bar__previous",
                             text: t("presenter.previous"), on: { click: () => step(-1) } }),
    several && h("button", { type: "button", class: "md-button copc-presenter-bar__next",
                             text: t("presenter.next"), on: { click: () => step(1) } }),
    h("button", { type: "button", class: "md-button copc-presenter-bar__exit", text: t("presenter.exit"),
                  on: { click: () => leave() } }));
  calculator.root.before(bar);
  setFlag(calculator.name);
  window.scrollTo({ top: 0 });
}

/** Take the marks of the presented calculator off the page. */
function unmark() {
  for (const el of document.querySelectorAll("[data-copc-present]")) {
    delete /** @type {HTMLElement} */ (el).dataset.copcPresent;
  }
  if (bar) bar.remove();
  bar = null;
}

/** Back to the page as it was. */
export function leave() {
  const was = current;
  if (!was) return;
  unmark();
  current = null;
  document.documentElement.classList.remove(PAGE_CLASS);
  setFlag(null);
  was.root.scrollIntoView({ block: "start" });
}

// The flag added on the open page (a link, the address bar), and Escape to leave (not under Node,
// where the widgets' unit tests import the kit).
if (typeof window !== "undefined" && typeof window.addEventListener === "function") window.addEventListener("hashchange", () => {
  // only ever switched on here: an example link followed while presenting changes the fragment too
  const flag = presentFlag(location.hash);
  if (flag === null) return;
  const wanted = registered.find((c) => c.name === flag) || (flag === "" ? registered[0] : undefined);
  if (wanted && wanted !== current) present(wanted);
});
if (typeof document !== "undefined" && typeof document.addEventListener === "function") document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && current && !event.defaultPrevented) leave();
});
