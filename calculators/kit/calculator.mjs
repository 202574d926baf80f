// @ts-check
// The base of every calculator widget: it mounts the widget into its `.copc-calc[data-calc]`
// placeholder and ties the kit's parts together (fields and errors, the state kept in this browser
// and in links, the kept result, the replaced-inputs bar, notes, the result area). No rule lives
// here: widgets send what the reader typed to the core and show what it answers.
//
// A widget (calculators/widgets/<name>.mjs, default export) extends Calculator and implements:
//   defaults() -> state; sanitize(raw) -> state; build(form); apply(state); collect() -> state;
//   input(state) -> the operation's input; stateFromInput(input) -> state (input's inverse, for the
//   catalog's worked examples and files); render(response, state, body); notes(state) -> note refs;
//   optionally localErrors(state), notices(state), requestInput(state), cleared().
// State is language-neutral JSON of strings and booleans: the same link works on /en/ and /.

import { compute, subscribe } from "../client.mjs";
import { pick, translator } from "../i18n.mjs";
import { forgetFragmentParams, fragmentParam } from "./address.mjs";
import { calculatorNamed, examplesOf } from "./catalog.mjs";
import { h } from "./dom.mjs";
import { Fields } from "./fields.mjs";
import { KeptResult } from "./kept.mjs";
import { decodeState } from "./links.mjs";
import { noteBoxes } from "./notes.mjs";
import { presenterButton, presenting } from "./presenter.mjs";
import { stepList } from "./render.mjs";
import { ReplacedInputs } from "./replaced.mjs";
import { ResultArea, summaryOf } from "./result-area.mjs";
import { ShareBox } from "./share.mjs";
import { readJson, stateKey, writeJson } from "./storage.mjs";

/**
 * @typedef {Record<string, any>} State
 * @typedef {{id: string, label: string, state: State}} Example
 * @typedef {{field: string, message: string}} LocalError
 * @typedef {{ja: string, en: string}} Step
 * @typedef {{field: string, ja: string, en: string}} FieldError
 * @typedef {import("./result-area.mjs").FailureKind} FailureKind
 * @typedef {{ok: true, result: any, steps: Step[]}} Computed
 * @typedef {{ok: false, errors: FieldError[], failure?: FailureKind, detail?: string}} Refused
 * @typedef {Computed | Refused} Response
 * @typedef {{stage: string, bootMs?: number, start?: string, snapshotSaved?: boolean}} EngineStatus
 * @typedef {import("../i18n.mjs").StringTable} StringTable
 */

let instances = 0;

/**
 * A value for a property a widget sets in build(), before anything reads it.
 * @returns {any}
 */
export function late() {
  return undefined;
}

export class Calculator {
  /**
   * @param {HTMLElement} root the placeholder
   * @param {{name: string, lang: string, strings?: StringTable[], delay?: number}} options name: the
   *   calculator's name in the core's registry; strings: the widget's own (shared ones come with i18n.mjs)
   */
  constructor(root, { name, lang, strings = [], delay = 150 }) {
    this.root = root;
    this.name = name;
    this.op = calculatorNamed(name).op;
    this.lang = lang;
    this.t = translator(lang, ...strings);
    this.delay = delay;
    this.uid = `copc-${name}-${instances++}`;
    this.fields = new Fields(this.uid);
    this.seq = 0;
    /** @type {Response | null} */
    this.lastResponse = null;
    /** @type {State | null} */
    this.lastState = null;
    /** @type {number | null} */
    this.timer = null;
    /** @type {EngineStatus} */
    this.status = { stage: "idle" };
    /** @type {string | null} */
    this.notesKey = null;
    /** @type {Example[] | null} */
    this.exampleList = null;
    /** whether the next result is brought into view (an example link) */
    this.revealNext = false;
    /** whether the reader has acted (typed, loaded an example, opened a link): results are announced from then on */
    this.heard = false;
    this.kept = new KeptResult(name, this.op);

    const { t } = this;
    this.statusEl = h("p", { class: "copc-calc__status", role: "status", "aria-live": "polite" });
    this.toolbar = h("div", { class: "copc-calc__toolbar", role: "group", "aria-label": t("toolbar.label") });
    this.replacedBar = h("div", { class: "copc-calc__replaced", role: "status", hidden: true });
    this.replaced = new ReplacedInputs(this, this.replacedBar);
    this.share = new ShareBox(name, t, this.fields.id("link"));
    this.form = h("form", { class: "copc-calc__form", novalidate: true, autocomplete: "off" });
    this.formErrors = h("div", { class: "copc-calc__form-errors", id: this.fields.id("form-errors"), hidden: true });
    this.fields.form = this.form;
    this.fields.formErrors = this.formErrors;
    this.result = new ResultArea(t);
    this.notesEl = h("div", { class: "copc-calc__notes" });
  }

  /**
   * A new element id, unique on the page.
   * @param {string} [suffix]
   * @returns {string}
   */
  id(suffix = "") {
    return this.fields.id(suffix);
  }

  // --- what a widget implements ---

  /** @returns {State} the empty form */
  defaults() {
    throw new Error(`${this.name}: defaults() is missing`);
  }

  /**
   * A state from untrusted JSON (storage, a link), every value checked.
   * @param {Record<string, any>} raw
   * @returns {State}
   */
  sanitize(raw) {
    throw new Error(`${this.name}: sanitize() is missing`);
  }

  /**
   * Draw the form's fields into `form`.
   * @param {HTMLFormElement} form
   */
  build(form) {
    throw new Error(`${this.name}: build() is missing`);
  }

  /**
   * Show `state` in the form.
   * @param {State} state
   */
  apply(state) {
    throw new Error(`${this.name}: apply() is missing`);
  }

  /** @returns {State} what the form shows */
  collect() {
    throw new Error(`${this.name}: collect() is missing`);
  }

  /**
   * The operation's input for `state`, as the core reads it.
   * @param {State} state
   * @returns {Record<string, any>}
   */
  input(state) {
    throw new Error(`${this.name}: input() is missing`);
  }

  /**
   * The state whose input() is `input` (a worked example's, a file's).
   * @param {Record<string, any>} input
   * @returns {State}
   */
  stateFromInput(input) {
    throw new Error(`${this.name}: stateFromInput() is missing`);
  }

  /**
   * Draw a computed result into `body`.
   * @param {Computed} response
   * @param {State} state
   * @param {HTMLElement} body
   */
  render(response, state, body) {
    throw new Error(`${this.name}: render() is missing`);
  }

  /**
   * The errata and interpretations beside the form for `state` ("erratum:<id>", ...).
   * @param {State} state
   * @returns {string[]}
   */
  notes(state) {
    return [];
  }

  /**
   * Problems the widget finds itself (names of sites): they stand instead of the core's answer.
   * @param {State} state
   * @returns {LocalError[]}
   */
  localErrors(state) {
    return [];
  }

  /**
   * Problems shown at their fields beside the result (it still shows).
   * @param {State} state
   * @returns {LocalError[]}
   */
  notices(state) {
    return [];
  }

  /**
   * The input sent to compute the result shown (input() unless part of the form waits).
   * @param {State} state
   * @returns {Record<string, any>}
   */
  requestInput(state) {
    return this.input(state);
  }

  /** There is no valid result to show: results drawn inside the form must go too. */
  cleared() {}

  /**
   * What screen readers hear when this result replaces the last one: the decision and the main
   * figures (by default read from the drawn result: its `.copc-decision` verdict and big figures).
   * @param {Computed} response
   * @param {State} state
   * @param {HTMLElement} body the drawn result
   * @returns {string}
   */
  announcement(response, state, body) {
    return summaryOf(body, this.lang);
  }

  // --- the worked examples (from the catalog) ---

  /** @returns {Example[]} the catalog's worked examples for this calculator */
  examples() {
    this.exampleList ||= examplesOf(this.name).map((e) => ({
      id: e.id, label: pick(e.title, this.lang), state: this.sanitize(this.stateFromInput(e.input)) }));
    return this.exampleList;
  }

  /**
   * Load worked example `id` into the form (the reader's inputs are kept for a restore).
   * @param {string} id
   * @param {{reveal?: boolean}} [options] reveal: bring its result into view and highlight it
   * @returns {boolean} whether this calculator has that example
   */
  loadExample(id, { reveal = false } = {}) {
    const example = this.examples().find((e) => e.id === id);
    if (!example) return false;
    this.revealNext = reveal;
    this.load(example.state, "example");
    return true;
  }

  // --- mounting ---

  mount() {
    const { t } = this;
    this.root.replaceChildren();
    this.root.classList.add("copc-calc--mounted");
    this.root.id ||= `calc-${this.name}-${this.uid.split("-").pop()}`;

    const examples = this.examples();
    if (examples.length) {
      this.toolbar.append(h("div", { class: "copc-calc__examples", role: "group", "aria-label": t("toolbar.examples") },
        h("span", { class: "copc-calc__examples-label", "aria-hidden": "true", text: t("toolbar.examples") }),
        examples.map((example) => h("button", {
          type: "button", class: "md-button copc-calc__example", text: example.label,
          dataset: { example: example.id },
          // on a projector the result may be below the screen: brought into view
          on: { click: () => this.loadExample(example.id, { reveal: presenting() }) },
        }))));
    }
    this.toolbar.append(
      h("div", { class: "copc-calc__actions" },
        h("button", { type: "button", class: "md-button copc-calc__copy", text: t("btn.copyLink"),
                      on: { click: () => this.share.copy(this.collect()) } }),
        h("button", { type: "button", class: "md-button copc-calc__clear", text: t("btn.clear"),
                      on: { click: () => this.load(this.defaults(), "clear") } }),
        presenterButton(this)),
    );
    this.build(this.form);
    this.form.append(this.formErrors);
    this.root.append(this.statusEl, this.toolbar, this.replacedBar, this.share.element, this.form,
                     this.result.element, this.notesEl);

    const link = this.fromLink();
    const stored = this.fromStorage();
    if (link.state) this.replaced.keep(stored, link.state, "link");
    const state = link.state ?? stored ?? this.defaults();
    this.apply(state);
    if (link.broken) this.replaced.show(stored ? "brokenLink" : "brokenLinkEmpty");
    else this.replaced.show();
    this.renderNotes(state);
    // a link's state is kept in storage by the computeNow() below
    if (link.state) requestAnimationFrame(() => this.root.scrollIntoView({ block: "start" }));

    this.form.addEventListener("input", (event) => this.onInput(event));
    this.form.addEventListener("change", (event) => this.onInput(event));
    this.form.addEventListener("focusout", (event) => this.onLeave(event));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.computeNow();
    });
    // Enter in a field calculates at once (a form of several fields and no submit button has no
    // implicit submission)
    this.form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target instanceof HTMLInputElement && event.target.type === "text") {
        event.preventDefault();
        this.computeNow();
      }
    });
    subscribe((/** @type {EngineStatus} */ status) => this.onStatus(status));
    this.computeNow();
  }

  // --- state in storage and in links ---

  /**
   * The state a link to this page carries for this calculator (taken out of the address), and
   * whether a link was there but could not be read.
   * @returns {{state: State | null, broken: boolean}}
   */
  fromLink() {
    const raw = fragmentParam(this.name);
    if (raw === null) return { state: null, broken: false };
    // the link's state now lives in localStorage: drop it from the address bar so that a reload
    // after further edits keeps those edits
    forgetFragmentParams([this.name]);
    const state = this.readState(decodeState(raw));
    return { state, broken: !state }; // cut short or mangled on its way: said so, the saved inputs stay
  }

  /**
   * A link's scenario opened while the page is shown (the address's fragment changed).
   * @param {string} raw the fragment's value for this calculator
   */
  openLink(raw) {
    forgetFragmentParams([this.name]);
    const state = this.readState(decodeState(raw));
    if (!state) {
      this.replaced.show("brokenLink");
      return;
    }
    this.load(state, "link");
    this.root.scrollIntoView({ block: "start" });
  }

  /**
   * @param {unknown} raw
   * @returns {State | null} the state, sanitised, or null if it is not one
   */
  readState(raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
    try {
      return this.sanitize(/** @type {Record<string, any>} */ (raw));
    } catch {
      return null;
    }
  }

  /** @returns {State | null} the form's state kept in this browser */
  fromStorage() {
    return this.readState(readJson(stateKey(this.name)));
  }

  /** @param {State} state */
  save(state) {
    writeJson(stateKey(this.name), state);
  }

  /**
   * Put `state` into the form.
   * @param {State} state
   * @param {import("./replaced.mjs").Reason | null} [reason] what replaces the reader's inputs (kept for a restore)
   */
  load(state, reason = null) {
    this.heard = true;
    this.fields.reset();
    const clean = this.sanitize(structuredClone(state));
    if (reason) this.replaced.keep(this.collect(), clean, reason);
    this.apply(clean);
    this.renderNotes(clean);
    this.computeNow(); // keeps the form's state too
    this.replaced.show();
  }

  /**
   * A state as the text kept in storage, for comparisons.
   * @param {State} state
   * @returns {string}
   */
  stateText(state) {
    return JSON.stringify(this.sanitize(structuredClone(state)));
  }

  /**
   * Whether `text` (a stateText) is the reader's own work: not the empty form, not one of the
   * examples, not what replaced the inputs kept in `kept`.
   * @param {string} text
   * @param {{by: string} | null} kept
   * @returns {boolean}
   */
  isOwn(text, kept) {
    if (text === this.stateText(this.defaults()) || (kept && text === kept.by)) return false;
    return !this.examples().some((example) => this.stateText(example.state) === text);
  }

  // --- events ---

  /** @param {Event} event */
  onInput(event) {
    this.heard = true;
    const target = /** @type {HTMLElement} */ (event.target);
    if (target && target.dataset && target.dataset.path) this.fields.touch(target.dataset.path);
    if (target && target.dataset && target.dataset.structural !== undefined && event.type === "change") {
      // a choice that changes the form itself (edition, block, channels ...)
      const state = this.collect();
      this.apply(state);
      this.renderNotes(state);
    }
    this.schedule(event.type === "change" && target.tagName !== "INPUT" ? 0 : this.delay);
  }

  /**
   * The focus left a field: from now on it is reached, and the row it is in may be left too.
   * @param {FocusEvent} event
   */
  onLeave(event) {
    const target = /** @type {HTMLElement} */ (event.target);
    if (!target || !target.dataset) return;
    const path = target.dataset.path;
    let changed = false;
    if (path && !this.fields.touched.has(path)) {
      this.fields.touch(path);
      changed = true;
    }
    if (this.fields.leave(target, /** @type {Element | null} */ (event.relatedTarget))) changed = true;
    if (changed) this.refreshProblems();
  }

  /** Show the problems again, now that the reader has reached more of the form. */
  refreshProblems() {
    const response = this.lastResponse;
    if (!response) return;
    if (!response.ok && !response.failure) this.show();
    else if (response.ok) {
      this.clearErrors();
      this.showNotices();
    }
  }

  /**
   * Compute after `delay` ms (at once for 0); the form's state is kept in storage now either way.
   * @param {number} [delay]
   */
  schedule(delay = this.delay) {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (delay <= 0) {
      // at once, in this task: a timer would let the browser lay out and paint a frame before the
      // request even leaves for the worker
      this.computeNow(); // keeps the state itself
      return;
    }
    this.save(this.collect());
    this.markPending();
    this.timer = setTimeout(() => this.computeNow(), delay);
  }

  markPending() {
    this.root.dataset.state = "pending";
    this.result.markPending();
  }

  /** Send the form's request again (the Retry button of a failure). */
  retry() {
    this.computeNow();
  }

  async computeNow() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const state = this.collect();
    this.save(state);
    this.share.update(state);
    const seq = ++this.seq;
    this.markPending();
    const local = this.localErrors(state);
    /** @type {Response} */
    let response;
    if (local.length) {
      response = { ok: false, errors: local.map((e) => ({ field: e.field, ja: e.message, en: e.message })) };
    } else {
      const input = this.requestInput(state);
      const request = JSON.stringify(input);
      /** @type {Computed | null} */
      let kept = this.status.stage === "ready" ? null : this.kept.get(request);
      if (kept && !this.showResponse(kept, state, "kept")) {
        // a kept answer this page cannot show (damaged): forgotten, and the engine asked
        this.kept.discard();
        kept = null;
        this.lastResponse = null;
      }
      if (!kept && this.status.stage !== "ready" && this.status.stage !== "failed") this.result.waiting();
      response = await compute(this.op, input);
      if (seq !== this.seq) return; // a newer request is under way
      if (kept && JSON.stringify(response) === JSON.stringify(kept)) {
        // the engine agrees: nothing to redraw, and storage holds this answer already
        this.root.dataset.resultSource = "engine";
        this.result.reset();
        this.revealIfAsked();
        return;
      }
      if (response.ok) this.kept.keep(request, response);
    }
    if (!this.showResponse(response, state, "engine")) {
      // a result this page cannot draw: said as a failure, with a way to try again
      this.showResponse({ ok: false, errors: [], failure: "exception", detail: "render" }, state, "engine");
    }
  }

  /**
   * Show `response` for `state`; false when it could not be drawn.
   * @param {Response} response
   * @param {State} state
   * @param {"kept" | "engine"} source
   * @returns {boolean}
   */
  showResponse(response, state, source) {
    this.lastResponse = response;
    this.lastState = state;
    const shown = this.show();
    if (shown) this.root.dataset.resultSource = source;
    return shown;
  }

  // --- the engine's status ---

  /** @param {EngineStatus} status */
  onStatus(status) {
    this.status = status;
    const { t } = this;
    let text = t(`status.${status.stage}`);
    if (status.stage === "ready" && status.start === "running") text += t("status.alreadyRunning");
    else if (status.stage === "ready" && status.bootMs !== undefined) text += t("status.bootTime", { ms: status.bootMs });
    this.statusEl.textContent = text;
    this.statusEl.dataset.stage = status.stage;
    this.root.dataset.engine = status.stage;
    if (status.bootMs !== undefined) this.root.dataset.bootMs = String(status.bootMs);
    // how the engine started: "stored" (this browser's memory snapshot), "shipped" (the site's),
    // "full", or "running" (a shared engine that an earlier page had started)
    if (status.start) this.root.dataset.engineStart = status.start;
    if (status.snapshotSaved) this.root.dataset.snapshot = "saved";
    this.statusEl.setAttribute("role", status.stage === "failed" ? "alert" : "status");
    if (status.stage === "failed") {
      this.lastResponse = { ok: false, errors: [], failure: "unavailable" };
      this.show();
    }
  }

  // --- showing a response ---

  clearErrors() {
    this.fields.clearErrors();
  }

  /** @returns {boolean} false when the result could not be drawn */
  show() {
    const response = this.lastResponse;
    this.clearErrors();
    this.result.reset();
    delete this.root.dataset.failure;
    if (!response) return true;
    if (!response.ok) this.cleared();
    if (!response.ok && response.failure) {
      this.result.failed(response.failure, () => this.retry());
      if (this.heard) this.result.announce(this.result.note.textContent || "");
      this.root.dataset.state = "failed";
      this.root.dataset.failure = response.failure;
      return true;
    }
    if (!response.ok) {
      this.showErrors(response.errors);
      return true;
    }
    const body = h("div", { class: "copc-calc__result-inner" });
    try {
      this.render(response, this.lastState || this.defaults(), body);
    } catch (error) {
      console.error(`copc calculators: ${this.name} could not draw a result`, error);
      this.cleared();
      return false;
    }
    this.result.result(body);
    this.root.dataset.state = "result";
    if (this.heard) this.result.announce(this.announcement(response, this.lastState || this.defaults(), body));
    this.showNotices();
    this.revealIfAsked();
    return true;
  }

  /**
   * The core's errors at their fields; those about fields not reached yet listed as hints.
   * @param {FieldError[]} errors
   */
  showErrors(errors) {
    /** @type {string[]} */
    const hints = [];
    let shown = 0;
    for (const error of errors) {
      const message = pick(error, this.lang);
      const target = this.fields.findTarget(error.field);
      if (this.fields.suppressed(target)) hints.push(this.fields.prefixed(target, message));
      else {
        this.fields.showError(target, message);
        shown += 1;
      }
    }
    if (shown) {
      this.result.invalid();
      this.root.dataset.state = "invalid";
      if (this.heard) this.result.announce(this.result.note.textContent || "");
    } else {
      this.result.incomplete(hints);
      this.root.dataset.state = "incomplete";
    }
  }

  /** The widget's notices at their fields (once the reader has reached them). */
  showNotices() {
    if (!this.lastState) return;
    for (const notice of this.notices(this.lastState)) {
      const target = this.fields.findTarget(notice.field);
      if (!this.fields.suppressed(target)) this.fields.showError(target, notice.message);
    }
  }

  revealIfAsked() {
    if (!this.revealNext || this.root.dataset.state !== "result") return;
    this.revealNext = false;
    this.result.reveal();
  }

  /**
   * The core's reasoning steps, in the page's language.
   * @param {Step[]} steps
   * @param {boolean} [open]
   * @returns {HTMLElement}
   */
  steps(steps, open = true) {
    return stepList(steps, this.t("result.steps"), this.lang, open);
  }

  /**
   * The notes beside the form for `state` (redrawn only when they change).
   * @param {State} state
   */
  renderNotes(state) {
    const refs = this.notes(state);
    const key = refs.join(",");
    if (key === this.notesKey) return;
    this.notesKey = key;
    this.notesEl.replaceChildren(...noteBoxes(refs, this.t, this.lang));
  }
}
