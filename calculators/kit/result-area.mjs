// @ts-check
// The result area under a form: the result itself, or a note that says why there is none yet
// (waiting for the engine, inputs to complete or to fix, a failure with a Retry button), and a
// polite live region that tells screen readers what changed: the decision and the main figures,
// never every step (the whole area announced on each keystroke would drown the reader).

import { h } from "./dom.mjs";

/**
 * Why the core did not answer (client.mjs; architecture.md's browser contract).
 * @typedef {"unavailable" | "crashed" | "timeout" | "exception" | "outdated" | "package"} FailureKind
 */

/** @type {readonly FailureKind[]} */
export const FAILURES = ["unavailable", "crashed", "timeout", "exception", "outdated", "package"];

/** How long a result loaded from an example link stays highlighted (ms). */
const HIGHLIGHT_MS = 2000;

export class ResultArea {
  /** @param {(key: string) => string} t */
  constructor(t) {
    this.t = t;
    this.note = h("p", { class: "copc-calc__result-note", hidden: true });
    this.body = h("div", { class: "copc-calc__result-body" });
    this.live = h("p", { class: "copc-sr-only copc-calc__announce", role: "status", "aria-live": "polite",
                         "aria-atomic": "true" });
    this.element = h("section", { class: "copc-calc__result", "aria-label": t("result.heading") },
      this.live, this.note, this.body);
    /** @type {number | null} */
    this.highlightTimer = null;
  }

  /** A request is under way: the shown result is about to change. */
  markPending() {
    this.element.setAttribute("aria-busy", "true");
    this.element.classList.add("is-pending");
  }

  /** Whatever the area showed is about to be replaced. */
  reset() {
    this.element.removeAttribute("aria-busy");
    this.element.classList.remove("is-pending", "is-invalid", "is-failed");
  }

  /**
   * @param {string} text
   * @param {string} kind "waiting", "invalid", "incomplete", "failed", or "" for none
   */
  setNote(text, kind) {
    this.note.textContent = text || "";
    this.note.hidden = !text;
    this.note.dataset.kind = kind || "";
  }

  /** Waiting for the engine to start; the reader can keep typing. */
  waiting() {
    this.live.textContent = "";
    this.body.replaceChildren();
    this.setNote(this.t("result.waiting"), "waiting");
  }

  /**
   * The core did not answer: why, in the reader's language, and a button that sends the same
   * request again.
   * @param {FailureKind} kind
   * @param {() => void} retry
   */
  failed(kind, retry) {
    this.element.classList.add("is-failed");
    this.setNote(this.t(`failure.${FAILURES.includes(kind) ? kind : "exception"}`), "failed");
    this.body.replaceChildren(h("p", { class: "copc-calc__retry" },
      h("button", { type: "button", class: "md-button copc-calc__retry-button", text: this.t("failure.retry"),
                    on: { click: retry } })));
  }

  /** Some inputs are wrong: they are marked at their fields. */
  invalid() {
    this.body.replaceChildren();
    this.element.classList.add("is-invalid");
    this.setNote(this.t("result.fix"), "invalid");
  }

  /**
   * Some inputs are still missing: listed here, not marked.
   * @param {string[]} hints
   */
  incomplete(hints) {
    this.live.textContent = "";
    this.setNote(this.t("result.fill"), "incomplete");
    this.body.replaceChildren(h("ul", { class: "copc-calc__hints" }, hints.map((m) => h("li", { text: m }))));
  }

  /**
   * Show a result drawn into `body`.
   * @param {HTMLElement} body
   */
  result(body) {
    this.setNote("", "");
    this.body.replaceChildren(body);
  }

  /**
   * Say `text` to screen readers (once: the same words again are not repeated).
   * @param {string} text
   */
  announce(text) {
    if (this.live.textContent !== text) this.live.textContent = text;
  }

  /** Bring the result into view and highlight it for a moment (no motion if the reader asks for none). */
  reveal() {
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    this.element.scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
    this.element.classList.add("is-highlighted");
    if (this.highlightTimer !== null) clearTimeout(this.highlightTimer);
    this.highlightTimer = setTimeout(() => {
      this.highlightTimer = null;
      this.element.classList.remove("is-highlighted");
    }, HIGHLIGHT_MS);
  }
}

/**
 * The words of `el` a screen reader reads (marks hidden from it left out), on one line.
 * @param {Element} el
 * @returns {string}
 */
function spoken(el) {
  const copy = /** @type {Element} */ (el.cloneNode(true));
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent || "").replace(/\s+/g, " ").trim();
}

/**
 * What a result drawn with the kit's pieces (render.mjs) says in brief: its decision (the verdict
 * of a `.copc-decision`, else the first verdict) and its headline figures (the big ones of the first
 * group of figures, else its first figure), "label: value".
 * @param {HTMLElement} body
 * @param {string} lang
 * @returns {string}
 */
export function summaryOf(body, lang) {
  const decision = body.querySelector(".copc-decision .copc-verdict") || body.querySelector(".copc-verdict");
  const group = body.querySelector(".copc-stats");
  const figures = group ? [...group.querySelectorAll(".copc-stat--big")] : [];
  if (group && !figures.length && group.firstElementChild) figures.push(group.firstElementChild);
  const separator = lang === "ja" ? "：" : ": ";
  const parts = [
    decision ? spoken(decision) : "",
    ...figures.slice(0, 2).map((figure) => {
      const label = figure.querySelector(".copc-stat__label");
      const value = figure.querySelector(".copc-stat__value");
      return label && value ? `${spoken(label)}${separator}${spoken(value)}` : spoken(figure);
    }),
  ].filter(Boolean);
  return parts.join(lang === "ja" ? "。" : ". ");
}
