// @ts-check
// The report for management: a view over the whole page that holds the core's report (the report
// operations answer one `<article class="copc-report">`, escaped and without any style attribute,
// the same renderer as `copc-cx report`), prints alone on A4, and switches language in a click.
//
// Its stylesheets load only while it is open: generated/report.css (the core's report.CSS, written
// by the build: the site's CSP allows no inline style) and report-view.css (the view itself, and
// the print rules that leave nothing of the page but the report). The title block's organisation,
// site, assessor and date come from the calculator's state when it has them, else from the view's
// own small form (kept in memory only, like everything the reader types it never leaves the
// browser). The item notes come from the calculator's state, and so does the certification timeline
// an assessment carries (the report lists its dates).

import { compute } from "../client.mjs";
import { pick, translator } from "../i18n.mjs";
import { h, record } from "../kit.mjs";
import STRINGS from "./report-view.strings.mjs";

/**
 * @typedef {import("../kit/calculator.mjs").Calculator} Calculator
 * @typedef {import("../kit/calculator.mjs").Response} Response
 */

export const METADATA = ["organisation", "site", "assessor", "date"];
const STYLESHEETS = [new URL("../generated/report.css", import.meta.url).href,
                     new URL("../report-view.css", import.meta.url).href];
const OPEN_CLASS = "copc-report-open";

/** @type {Promise<string> | null} */
let buildIdAnswer = null;

/**
 * The build id of this copy of the site (assets/build-info.json), or "" if it cannot be read.
 * @returns {Promise<string>}
 */
export function buildId() {
  buildIdAnswer ||= fetch(new URL("../../build-info.json", import.meta.url))
    .then((r) => (r.ok ? r.json() : {}))
    .then((/** @type {any} */ info) => (typeof info.build_id === "string" ? info.build_id : ""))
    .catch(() => "");
  return buildIdAnswer;
}

/**
 * The title block's fields a calculator keeps in its state (its "About this assessment" fields, the
 * assessment files' `details`), or null when none of them is filled in: the view's own small form
 * asks for them then.
 * @param {Record<string, any>} state
 * @returns {Record<string, string> | null}
 */
export function metadataOf(state) {
  const details = record(state.details);
  const text = (/** @type {string} */ key) => (typeof details[key] === "string" ? details[key] : "");
  if (!METADATA.some((key) => text(key).trim())) return null;
  return Object.fromEntries(METADATA.map((key) => [key, text(key)]));
}

/**
 * The notes per item a calculator keeps in its state (the report's item table shows them).
 * @param {Record<string, any>} state
 * @returns {Record<string, string>}
 */
export function notesOf(state) {
  /** @type {Record<string, string>} */
  const notes = {};
  for (const [item, note] of Object.entries(record(state.notes))) {
    if (typeof note === "string" && note.trim()) notes[item] = note;
  }
  return notes;
}

/**
 * The certification timeline a calculator's state carries (the self-assessment's `timeline`: the
 * timeline operation's input), as the report operations take it; {} without one.
 * @param {Record<string, any>} state
 * @returns {{timeline?: Record<string, any>}}
 */
export function timelineOf(state) {
  const plan = state.timeline;
  return plan && typeof plan === "object" && !Array.isArray(plan) ? { timeline: plan } : {};
}

/**
 * Load the view's stylesheets (once each); resolves when they are applied or failed.
 * @returns {Promise<void>}
 */
function loadStylesheets() {
  const waits = STYLESHEETS.map((href) => {
    if (document.querySelector(`link[data-copc-report][href="${CSS.escape(href)}"]`)) return Promise.resolve();
    const link = h("link", { rel: "stylesheet", href, dataset: { copcReport: "" } });
    const loaded = new Promise((resolve) => {
      link.addEventListener("load", resolve, { once: true });
      link.addEventListener("error", resolve, { once: true });
    });
    document.head.append(link);
    return loaded;
  });
  return Promise.all(waits).then(() => undefined);
}

function unloadStylesheets() {
  for (const link of document.querySelectorAll("link[data-copc-report]")) link.remove();
}

export class ReportView {
  /**
   * @param {Calculator} calculator
   * @param {string} op the report operation: "self-assessment-report" or "process-report"
   */
  constructor(calculator, op) {
    this.calculator = calculator;
    this.op = op;
    this.pageLang = calculator.lang;
    this.lang = calculator.lang;
    this.t = translator(calculator.lang, STRINGS);
    /** @type {Record<string, any> | null} the calculator's request the report is made of */
    this.input = null;
    /** @type {Record<string, string>} the view's own title block fields */
    this.own = Object.fromEntries(METADATA.map((key) => [key, ""]));
    this.seq = 0;
    this.openButton = h("button", { type: "button", class: "md-button copc-report__open", text: this.t("report.open"),
                                    on: { click: () => this.open() } });
    this.bar = h("p", { class: "copc-report-bar" }, this.openButton);
    /** @type {HTMLElement[]} what the view made inert behind it */
    this.inert = [];
    const { t } = this;
    const titleId = calculator.id("report-title");
    this.title = h("h2", { class: "copc-report-view__title", id: titleId, tabindex: "-1", text: t("report.title") });
    this.langButton = h("button", { type: "button", class: "md-button copc-report-view__lang",
                                    on: { click: () => this.switchLanguage() } });
    this.status = h("p", { class: "copc-report-view__status", role: "status" });
    this.doc = h("div", { class: "copc-report-view__doc" });
    /** @type {Map<string, {input: HTMLInputElement, error: HTMLElement}>} */
    this.metaFields = new Map();
    this.metaForm = this.buildMetaForm();
    this.view = h("div", { class: "copc-report-view", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId,
                           hidden: true },
      h("div", { class: "copc-report-view__bar" },
        this.title,
        h("div", { class: "copc-report-view__actions" },
          h("button", { type: "button", class: "md-button md-button--primary copc-report-view__print",
                        text: t("report.print"), on: { click: () => window.print() } }),
          this.langButton,
          h("button", { type: "button", class: "md-button copc-report-view__close", text: t("report.close"),
                        on: { click: () => this.close() } })),
        this.metaForm, this.status),
      this.doc);
    this.onKey = (/** @type {KeyboardEvent} */ event) => {
      if (event.key === "Escape") this.close();
    };
  }

  /**
   * The request whose report the button makes (the calculator's latest result).
   * @param {Record<string, any>} input
   */
  update(input) {
    this.input = input;
  }

  /** @returns {HTMLFormElement} the title block's fields, for a calculator whose state has none */
  buildMetaForm() {
    const { t } = this;
    return h("form", { class: "copc-report-view__meta", novalidate: true, autocomplete: "off",
                       on: { submit: (/** @type {Event} */ event) => {
                         event.preventDefault();
                         this.request();
                       } } },
      h("fieldset", {}, h("legend", { text: t("report.meta") }),
        h("p", { class: "copc-field__hint", text: t("report.metaHint") }),
        h("div", { class: "copc-report-view__fields" }, METADATA.map((key) => {
          const id = this.calculator.id(`report-${key}`);
          const input = h("input", { type: "text", id, name: key, value: this.own[key], dataset: { meta: key },
                                     "aria-describedby": `${id}-error` });
          input.addEventListener("input", () => {
            this.own[key] = input.value;
          });
          const error = h("span", { class: "copc-error", id: `${id}-error`, hidden: true });
          this.metaFields.set(key, { input, error });
          return h("div", { class: "copc-field" }, h("label", { for: id, text: t(`report.meta.${key}`) }), input, error);
        })),
        h("button", { type: "submit", class: "md-button copc-report-view__update", text: t("report.update") })));
  }

  async open() {
    if (!this.input) return;
    const view = this.view;
    await loadStylesheets();
    document.body.append(view);
    // the page behind the view is out of reach (and out of print) while it is open
    this.inert = [...document.body.children].filter((el) => el !== view && el instanceof HTMLElement && !el.inert)
      .map((el) => /** @type {HTMLElement} */ (el));
    for (const el of this.inert) el.inert = true;
    document.documentElement.classList.add(OPEN_CLASS);
    view.hidden = false;
    document.addEventListener("keydown", this.onKey);
    // a calculator whose state holds the title block (files) fills it in; the view's form is for the others
    this.metaForm.hidden = metadataOf(this.calculator.collect()) !== null;
    this.lang = this.pageLang;
    this.title.focus();
    await this.request();
  }

  close() {
    if (this.view.hidden) return;
    this.seq++;
    this.view.hidden = true;
    this.view.remove();
    for (const el of this.inert) el.inert = false;
    this.inert = [];
    document.documentElement.classList.remove(OPEN_CLASS);
    document.removeEventListener("keydown", this.onKey);
    unloadStylesheets();
    this.openButton.focus();
  }

  switchLanguage() {
    this.lang = this.lang === "ja" ? "en" : "ja";
    this.request();
  }

  /** Ask the core for the report in the view's language and show it. */
  async request() {
    if (this.view.hidden || !this.input) return;
    const { t } = this;
    const seq = ++this.seq;
    const other = this.lang === "ja" ? "en" : "ja";
    this.langButton.textContent = t(`report.lang.${other}`);
    this.langButton.setAttribute("lang", other);
    const state = this.calculator.collect();
    const metadata = metadataOf(state) ?? this.own;
    const notes = notesOf(state);
    const build = await buildId();
    const input = { ...this.input, ...metadata, ...(Object.keys(notes).length ? { notes } : {}), ...timelineOf(state),
                    lang: this.lang, ...(build ? { build_id: build } : {}) };
    this.view.dataset.state = "pending";
    this.status.textContent = t("report.waiting");
    this.clearMetaErrors();
    /** @type {Response} */
    const response = await compute(this.op, input);
    if (seq !== this.seq) return;
    if (!response.ok) {
      this.view.dataset.state = "failed";
      const general = [];
      for (const error of response.errors) {
        const field = this.metaFields.get(error.field);
        if (field && !this.metaForm.hidden) {
          field.error.textContent = pick(error, this.pageLang);
          field.error.hidden = false;
          field.input.setAttribute("aria-invalid", "true");
        } else general.push(pick(error, this.pageLang));
      }
      this.status.textContent = response.failure ? t(`failure.${response.failure}`)
        : general.length ? `${t("report.refused")} ${general.join(" ")}` : t("report.fixMeta");
      return;
    }
    const template = document.createElement("template");
    template.innerHTML = response.result.html; // the core's article: every text escaped, no script, no style
    this.doc.replaceChildren(template.content);
    this.doc.setAttribute("lang", response.result.lang);
    this.view.dataset.state = "ready";
    this.view.dataset.lang = response.result.lang;
    this.status.textContent = t("report.ready", { lang: t(`report.lang.${response.result.lang}`) });
  }

  clearMetaErrors() {
    for (const { input, error } of this.metaFields.values()) {
      error.hidden = true;
      error.textContent = "";
      input.removeAttribute("aria-invalid");
    }
  }
}
