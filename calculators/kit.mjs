// What every calculator shares: DOM helpers, the field/error machinery, state in localStorage
// and in links, the result kept from the last visit, the status line, the toolbar and the notes
// from the catalog.
// No rule lives here: widgets send what the user typed to the core and show what it answers.

import { compute, subscribe } from "./client.mjs";
import { pick, translator } from "./i18n.mjs";
import { CATALOG } from "./generated/catalog.mjs";
import { CORE_PACKAGE, PYODIDE_PATH } from "./generated/config.mjs";

export { CATALOG };

const SVG_NS = "http://www.w3.org/2000/svg";
// the core that computed a kept result: its wheel's sha256 and the Pyodide it ran on
const CORE_ID = `${PYODIDE_PATH}${CORE_PACKAGE.sha256}`;
let instances = 0;

// --- DOM ---------------------------------------------------------------------------------

/** h("p", {class: "x", text: "..."}, child, ...): an element; attributes never include style. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") el.textContent = value;
    else if (key === "class") el.setAttribute("class", value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "on") for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else if (key === "hidden") el.hidden = Boolean(value);
    else if (key === "value") el.value = value;
    else if (key === "checked") el.checked = Boolean(value);
    else if (key === "selected") el.selected = Boolean(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
}

// --- numbers -----------------------------------------------------------------------------

const formats = new Map();

/** A number for display, rounded to at most `digits` decimals (only here, never in a computation). */
export function fmt(lang, value, digits = 2) {
  const key = `${lang}:${digits}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.NumberFormat(lang === "ja" ? "ja-JP" : "en-US", { maximumFractionDigits: digits }));
  }
  return formats.get(key).format(value);
}

export const pct = (lang, value) => `${fmt(lang, value)}%`;

// --- state in links ------------------------------------------------------------------------

/** Compact JSON as base64url (UTF-8: site names may be Japanese). */
export function encodeState(state) {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeState(text) {
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const value = JSON.parse(new TextDecoder().decode(bytes));
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** A value from untrusted state as form text. */
export function str(value, fallback = "") {
  if (typeof value === "string") return value.slice(0, 200);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return fallback;
}

export function bool(value, fallback) {
  return typeof value === "boolean" ? value : fallback;
}

export function strList(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === "string").slice(0, 200) : [];
}

// --- the catalog -----------------------------------------------------------------------------

export const EDITIONS = Object.keys(CATALOG.editions);

export function itemsOf(edition, scoring) {
  const items = (CATALOG.editions[edition] || CATALOG.editions[EDITIONS[0]]).items;
  return scoring ? items.filter((i) => i.scoring === scoring) : items;
}

export function findItem(edition, number) {
  return itemsOf(edition).find((i) => i.number === number);
}

export function itemLabel(item, lang) {
  const name = pick(item.name, lang);
  return lang === "ja" ? `${item.number} ${name}（${item.points}点）` : `${item.number} ${name} (${item.points} points)`;
}

const ERRATA = new Map(CATALOG.errata.map((e) => [e.id, e]));
const INTERPRETATIONS = new Map(CATALOG.interpretations.map((i) => [i.id, i]));

// --- the calculator base ---------------------------------------------------------------------

/** Whether calculator `name` has a result kept from an earlier visit (for any request). */
export function hasKeptResult(name) {
  try {
    return localStorage.getItem(keptResultKey(name)) !== null;
  } catch {
    return false;
  }
}

function keptResultKey(name) {
  return `${stateKey(name)}:result`;
}

const STORAGE_PREFIX = "copc-calc:";

function stateKey(name) {
  return `${STORAGE_PREFIX}v1:${name}`;
}

// --- what this browser keeps, and erasing it ---
// Every key the calculators write starts with STORAGE_PREFIX: a form's state, the inputs an
// example, "clear" or a link replaced, and the last result. Once erased, this page writes none
// again (a calculator's pending save would otherwise bring some back before the page reloads).
let storageErased = false;

function store(key, value) {
  if (!storageErased) localStorage.setItem(key, value);
}

/** Whether the calculators can keep anything in this browser (storage can be turned off). */
export function storageUsable() {
  try {
    return typeof localStorage.length === "number";
  } catch {
    return false;
  }
}

/** Erase everything the calculators keep in this browser; this page writes nothing more. */
export function eraseStoredData() {
  storageErased = true;
  const keys = [];
  for (let i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
  for (const key of keys) if (key && key.startsWith(STORAGE_PREFIX)) localStorage.removeItem(key);
}

// Inputs that an example, "clear" or a shared link replaced, kept until the reader restores or
// dismisses them: nothing typed is lost to one click or to a colleague's link.
function replacedKey(name) {
  return `${stateKey(name)}:replaced`;
}

const REPLACED_REASONS = ["example", "clear", "link", "restored"];

/**
 * A calculator mounted into a `.copc-calc[data-calc]` placeholder. Subclasses implement:
 *   defaults() -> state; sanitize(raw) -> state; build(form); apply(state); collect() -> state;
 *   input(state) -> the op's input; render(response, state, body); notes(state) -> ["erratum:id", ...];
 *   examples() -> [{label, state}]; optionally localErrors(state) -> [{field, message}].
 * State is language-neutral JSON of strings and booleans: the same link works on /en/ and /.
 */
export class Calculator {
  constructor(root, { name, op, lang, delay = 150 }) {
    this.root = root;
    this.name = name;
    this.op = op;
    this.lang = lang;
    this.t = translator(lang);
    this.delay = delay;
    this.uid = `copc-${name}-${instances++}`;
    this.ids = 0;
    this.seq = 0;
    this.touched = new Set();
    this.lastResponse = null;
    this.lastState = null;
    this.timer = null;
    this.keepTimer = null;
    this.status = { stage: "idle" };
    this.replaced = undefined; // not read yet; then {reason, state, by} or null (replacedInputs())
    this.brokenLink = false;
  }

  id(suffix = "") {
    this.ids += 1;
    return `${this.uid}-${this.ids}${suffix ? `-${suffix}` : ""}`;
  }

  // --- mounting ---

  mount() {
    const { t } = this;
    this.root.replaceChildren();
    this.root.classList.add("copc-calc--mounted");
    this.root.id ||= `calc-${this.name}-${this.uid.split("-").pop()}`;

    this.statusEl = h("p", { class: "copc-calc__status", role: "status", "aria-live": "polite" });
    this.toolbar = h("div", { class: "copc-calc__toolbar", role: "group", "aria-label": t("toolbar.label") });
    for (const example of this.examples()) {
      this.toolbar.append(h("button", {
        type: "button", class: "md-button copc-calc__example", text: example.label,
        dataset: { example: example.id || "1" },
        on: { click: () => this.load(example.state, "example") },
      }));
    }
    this.toolbar.append(
      h("button", { type: "button", class: "md-button copc-calc__copy", text: t("btn.copyLink"),
                    on: { click: () => this.copyLink() } }),
      h("button", { type: "button", class: "md-button copc-calc__clear", text: t("btn.clear"),
                    on: { click: () => this.load(this.defaults(), "clear") } }),
    );
    const linkId = this.id("link");
    this.linkInput = h("input", { id: linkId, type: "text", readonly: true, class: "copc-calc__link-input",
                                  spellcheck: "false", on: { focus: (e) => e.target.select() } });
    this.linkMessage = h("p", { class: "copc-calc__link-message", role: "status" });
    this.linkBox = h("div", { class: "copc-calc__link", hidden: true },
      h("label", { for: linkId, text: t("link.label") }), this.linkInput, this.linkMessage);

    this.form = h("form", { class: "copc-calc__form", novalidate: true, autocomplete: "off" });
    this.build(this.form);
    this.formErrors = h("div", { class: "copc-calc__form-errors", id: this.id("form-errors"), hidden: true });
    this.form.append(this.formErrors);

    this.resultBody = h("div", { class: "copc-calc__result-body" });
    this.resultNote = h("p", { class: "copc-calc__result-note", hidden: true });
    this.result = h("section", { class: "copc-calc__result", "aria-live": "polite", "aria-label": t("result.heading") },
      this.resultNote, this.resultBody);
    this.notesEl = h("div", { class: "copc-calc__notes" });

    this.replacedBar = h("div", { class: "copc-calc__replaced", role: "status", hidden: true });
    this.root.append(this.statusEl, this.toolbar, this.replacedBar, this.linkBox, this.form, this.result, this.notesEl);

    const fromLink = this.fromUrl();
    const stored = this.fromStorage();
    if (fromLink) this.keepReplaced(stored, fromLink, "link");
    const state = fromLink ?? stored ?? this.defaults();
    this.apply(state);
    if (this.brokenLink) this.showReplaced(stored ? "brokenLink" : "brokenLinkEmpty");
    else this.showReplaced();
    this.renderNotes(state);
    // a link's state is kept in storage by the computeNow() below
    if (fromLink) requestAnimationFrame(() => this.root.scrollIntoView({ block: "start" }));

    this.form.addEventListener("input", (event) => this.onInput(event));
    this.form.addEventListener("change", (event) => this.onInput(event));
    this.form.addEventListener("focusout", (event) => this.onBlur(event));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.computeNow();
    });
    // Enter in a field calculates at once (a form of several fields and no submit button has no
    // implicit submission)
    this.form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target.matches("input[type=text]")) {
        event.preventDefault();
        this.computeNow();
      }
    });
    this.unsubscribe = subscribe((status) => this.onStatus(status));
    this.computeNow();
  }

  // --- state ---

  storageKey() {
    return stateKey(this.name);
  }

  fromUrl() {
    const params = new URLSearchParams(location.search);
    const raw = params.get(this.name);
    if (raw === null) return null;
    // the link's state now lives in localStorage: drop it from the address bar so that a reload
    // after further edits keeps those edits
    params.delete(this.name);
    const query = params.toString();
    history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
    const decoded = decodeState(raw);
    this.brokenLink = !decoded; // cut short or mangled on its way: said so, the saved inputs stay
    return decoded ? this.sanitize(decoded) : null;
  }

  fromStorage() {
    try {
      const raw = localStorage.getItem(this.storageKey());
      if (!raw) return null;
      const parsed = JSON.parse(raw);
      return parsed && typeof parsed === "object" ? this.sanitize(parsed) : null;
    } catch {
      return null;
    }
  }

  save(state) {
    try {
      store(this.storageKey(), JSON.stringify(state));
    } catch {
      // storage may be disabled or full: the calculator still works
    }
  }

  /** Put `state` into the form; `reason` ("example", "clear"): what replaces the reader's inputs. */
  load(state, reason = null) {
    this.touched.clear();
    const clean = this.sanitize(structuredClone(state));
    if (reason) this.keepReplaced(this.collect(), clean, reason);
    this.apply(clean);
    this.renderNotes(clean);
    this.computeNow(); // keeps the form's state too
    this.showReplaced();
  }

  /** A state as the text kept in storage, for comparisons. */
  stateText(state) {
    return JSON.stringify(this.sanitize(structuredClone(state)));
  }

  /**
   * Whether `text` (a stateText) is the reader's own work: not the empty form, not one of the
   * examples, not what replaced the inputs kept in `kept`.
   */
  isOwn(text, kept) {
    if (text === this.stateText(this.defaults()) || (kept && text === kept.by)) return false;
    return !this.examples().some((example) => this.stateText(example.state) === text);
  }

  /** Keep `current` for a later restore when `next` replaces it; `reason` says what replaced it. */
  keepReplaced(current, next, reason) {
    if (!current) return;
    const text = this.stateText(current);
    const nextText = this.stateText(next);
    if (text === nextText) return;
    const kept = this.replacedInputs();
    if (!this.isOwn(text, kept)) {
      // an example, an empty form or someone's link replaced by another: the inputs kept before
      // stay the ones kept, and the bar says what replaced them last
      if (kept) this.storeReplaced(this.stateText(kept.state) === nextText ? null : { ...kept, reason, by: nextText });
      return;
    }
    this.storeReplaced({ reason, state: JSON.parse(text), by: nextText });
  }

  /** The kept inputs: {reason, state, by} (by: the stateText of what replaced them), or null. */
  replacedInputs() {
    if (this.replaced !== undefined) return this.replaced;
    this.replaced = null;
    try {
      const kept = JSON.parse(localStorage.getItem(replacedKey(this.name)) || "null");
      if (kept && REPLACED_REASONS.includes(kept.reason) && kept.state && typeof kept.state === "object"
          && typeof kept.by === "string") {
        this.replaced = { reason: kept.reason, state: this.sanitize(kept.state), by: kept.by };
      }
    } catch {
      // unreadable: nothing kept
    }
    return this.replaced;
  }

  /** Keep `record` ({reason, state, by}) in storage and memory; null forgets the kept inputs. */
  storeReplaced(record) {
    this.replaced = record;
    try {
      if (record) store(replacedKey(this.name), JSON.stringify(record));
      else localStorage.removeItem(replacedKey(this.name));
    } catch {
      // storage disabled or full: the bar still offers the inputs until the page is left
    }
  }

  /** Bring the kept inputs back; what the form shows now is kept in turn if it is the reader's own. */
  restoreReplaced() {
    const kept = this.replacedInputs();
    if (!kept) return;
    const text = this.stateText(this.collect());
    this.storeReplaced(this.isOwn(text, kept)
      ? { reason: "restored", state: JSON.parse(text), by: this.stateText(kept.state) } : null);
    this.load(kept.state);
  }

  /** The bar that offers replaced inputs back (or says a link could not be read). */
  showReplaced(problem = null) {
    const { t } = this;
    const kept = problem ? null : this.replacedInputs();
    if (!problem && !kept) {
      this.replacedBar.hidden = true;
      this.replacedBar.replaceChildren();
      return;
    }
    const dismiss = h("button", { type: "button", class: "md-button copc-calc__replaced-dismiss", text: t("replaced.dismiss"),
                                  on: { click: () => {
                                    if (!problem) this.storeReplaced(null);
                                    this.showReplaced();
                                  } } });
    const restore = kept && h("button", {
      type: "button", class: "md-button md-button--primary copc-calc__restore",
      text: t(kept.reason === "restored" ? "replaced.restoreAgain" : "replaced.restore"),
      on: { click: () => this.restoreReplaced() },
    });
    this.replacedBar.dataset.reason = problem || kept.reason;
    this.replacedBar.replaceChildren(h("p", { text: t(`replaced.${problem || kept.reason}`) }), restore, dismiss);
    this.replacedBar.hidden = false;
  }

  /** A link to this page that reproduces `state` (in either language: the state is language-neutral). */
  linkFor(state) {
    const url = new URL(location.href);
    url.search = "";
    url.hash = "";
    url.searchParams.set(this.name, encodeState(state));
    return url.href;
  }

  async copyLink() {
    const url = new URL(this.linkFor(this.collect()));
    this.linkInput.value = url.href;
    this.linkBox.hidden = false;
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(url.href);
        copied = true;
      }
    } catch {
      copied = false;
    }
    this.linkMessage.textContent = `${this.t(copied ? "link.copied" : "link.manual")} ${this.t("link.shown")}`;
    if (!copied) {
      this.linkInput.focus();
      this.linkInput.select();
    }
  }

  // --- events ---

  onInput(event) {
    const target = event.target;
    if (target && target.dataset && target.dataset.path) this.touched.add(target.dataset.path);
    if (target && target.dataset && target.dataset.structural !== undefined && event.type === "change") {
      // a choice that changes the form itself (edition, block, channels ...)
      const state = this.collect();
      this.apply(state);
      this.renderNotes(state);
    }
    this.schedule(event.type === "change" && target.tagName !== "INPUT" ? 0 : this.delay);
  }

  onBlur(event) {
    const target = event.target;
    if (target && target.dataset && target.dataset.path && !this.touched.has(target.dataset.path)) {
      this.touched.add(target.dataset.path);
      if (this.lastResponse && !this.lastResponse.ok) this.show();
    }
  }

  /** Compute after `delay` ms (at once for 0); the form's state is kept in storage now either way. */
  schedule(delay = this.delay) {
    clearTimeout(this.timer);
    if (delay <= 0) {
      // at once, in this task: a timer would let the browser draw a frame (about 8 ms of layout and
      // paint on two cores after a form change) before the request even leaves for the worker
      this.computeNow(); // keeps the state itself
      return;
    }
    this.save(this.collect());
    this.markPending();
    this.timer = setTimeout(() => this.computeNow(), delay);
  }

  markPending() {
    this.root.dataset.state = "pending";
    this.result.setAttribute("aria-busy", "true");
    this.result.classList.add("is-pending");
  }

  async computeNow() {
    clearTimeout(this.timer);
    const state = this.collect();
    this.save(state);
    // a link on show always reproduces what is on the form now
    if (!this.linkBox.hidden) this.linkInput.value = this.linkFor(state);
    const seq = ++this.seq;
    this.markPending();
    const local = this.localErrors(state);
    let response;
    if (local.length) {
      response = { ok: false, errors: local.map((e) => ({ field: e.field, ja: e.message, en: e.message })) };
    } else {
      const input = this.input(state);
      const request = JSON.stringify(input);
      const kept = this.status.stage === "ready" ? null : this.keptResult(request);
      if (kept) this.showResponse(kept, state, "kept");
      else if (this.status.stage !== "ready" && this.status.stage !== "failed") this.showWaiting();
      response = await compute(this.op, input);
      if (seq !== this.seq) return; // a newer request is under way
      if (kept && JSON.stringify(response) === JSON.stringify(kept)) {
        // the engine agrees: nothing to redraw, and storage holds this answer already
        this.root.dataset.resultSource = "engine";
        return;
      }
      if (response.ok) this.keepResult(request, response);
    }
    this.showResponse(response, state, "engine");
  }

  showResponse(response, state, source) {
    this.lastResponse = response;
    this.lastState = state;
    this.show();
    this.root.dataset.resultSource = source;
  }

  // --- the result kept from the last visit ---
  // The engine's last answer is kept in localStorage next to the form's state (this browser only,
  // like the state). While the engine starts, a later visit shows it at once if the request and
  // the core are the same: the core is a pure function of the request, so that is the answer the
  // engine is about to give. The engine still computes it, and its answer replaces the kept one if
  // it ever differs. (On 2 cores the engine takes over a second to start even from its snapshot.)

  resultKey() {
    return keptResultKey(this.name);
  }

  keptResult(request) {
    try {
      const kept = JSON.parse(localStorage.getItem(this.resultKey()) || "null");
      const same = kept && kept.core === CORE_ID && kept.op === this.op && kept.request === request;
      return same && kept.response && kept.response.ok ? kept.response : null;
    } catch {
      return null;
    }
  }

  keepResult(request, response) {
    // when the page is idle: never in the way of the next answer while the reader types
    const keep = () => {
      this.keepTimer = null;
      try {
        store(this.resultKey(), JSON.stringify({ core: CORE_ID, op: this.op, request, response }));
      } catch {
        // storage may be disabled or full: the next visit computes instead
      }
    };
    if (typeof requestIdleCallback === "function") {
      if (this.keepTimer !== null) cancelIdleCallback(this.keepTimer);
      this.keepTimer = requestIdleCallback(keep, { timeout: 2000 });
    } else {
      clearTimeout(this.keepTimer);
      this.keepTimer = setTimeout(keep, 200);
    }
  }

  onStatus(status) {
    this.status = status;
    const { t } = this;
    const key = status.stage === "failed" ? "status.failed" : `status.${status.stage}`;
    let text = t(key);
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

  showWaiting() {
    this.resultBody.replaceChildren();
    this.setNote(this.t("result.waiting"), "waiting");
  }

  setNote(text, kind) {
    this.resultNote.textContent = text || "";
    this.resultNote.hidden = !text;
    this.resultNote.dataset.kind = kind || "";
  }

  // --- showing a response ---

  show() {
    const response = this.lastResponse;
    this.clearErrors();
    this.result.removeAttribute("aria-busy");
    this.result.classList.remove("is-pending", "is-invalid", "is-failed");
    if (!response) return;
    if (!response.ok) this.cleared();
    if (response.failure) {
      this.resultBody.replaceChildren();
      const key = { unavailable: "status.failed.short", crashed: "result.crashed", exception: "result.exception" }[
        response.failure] || "result.exception";
      this.result.classList.add("is-failed");
      this.setNote(this.t(key), "failed");
      this.root.dataset.state = "failed";
      return;
    }
    if (!response.ok) {
      this.resultBody.replaceChildren();
      const hints = [];
      let shown = 0;
      for (const error of response.errors) {
        const message = pick(error, this.lang);
        const target = this.findTarget(error.field);
        if (this.suppressed(target)) hints.push(this.prefixed(target, message));
        else {
          this.showError(target, message);
          shown += 1;
        }
      }
      if (shown) {
        this.result.classList.add("is-invalid");
        this.setNote(this.t("result.fix"), "invalid");
        this.root.dataset.state = "invalid";
      } else {
        this.setNote(this.t("result.fill"), "incomplete");
        this.resultBody.append(h("ul", { class: "copc-calc__hints" }, hints.map((m) => h("li", { text: m }))));
        this.root.dataset.state = "incomplete";
      }
      return;
    }
    this.setNote("", "");
    const body = h("div", { class: "copc-calc__result-inner" });
    this.render(response, this.lastState, body);
    this.resultBody.replaceChildren(body);
    this.root.dataset.state = "result";
  }

  /** The reasoning steps of the core, in the page's language. */
  steps(steps, open = true) {
    return h("details", { class: "copc-calc__steps", open },
      h("summary", { text: this.t("result.steps") }),
      h("ol", {}, steps.map((s) => h("li", { text: pick(s, this.lang) }))));
  }

  // --- fields and errors ---

  /** A labelled text field for a count; `path` is the field name the core uses in its errors. */
  field({ path, label, hint, value = "", inputmode = "numeric", size = "short", structural = false, hiddenLabel = false }) {
    const id = this.id();
    const hintId = hint ? `${id}-hint` : "";
    const slotId = `${id}-errors`;
    const input = h("input", {
      id, type: "text", inputmode, class: `copc-input copc-input--${size}`, value, spellcheck: "false",
      autocomplete: "off", "aria-describedby": hintId || undefined,
      dataset: { path, slot: slotId, hint: hintId, ...(structural ? { structural: "" } : {}) },
    });
    const wrap = h("div", { class: "copc-field", dataset: { fieldWrap: "" } },
      h("label", { for: id, text: label, class: hiddenLabel ? "copc-sr-only" : undefined }),
      input,
      hint ? h("p", { class: "copc-field__hint", id: hintId, text: hint }) : null,
      h("div", { class: "copc-field__errors", id: slotId, hidden: true }));
    return { wrap, input };
  }

  /** A <select> with a visible label. options: [{value, label}]. */
  select({ path, label, hint, options, value, structural = true }) {
    const id = this.id();
    const hintId = hint ? `${id}-hint` : "";
    const slotId = `${id}-errors`;
    const input = h("select", {
      id, class: "copc-select", "aria-describedby": hintId || undefined,
      dataset: { path, slot: slotId, hint: hintId, ...(structural ? { structural: "" } : {}) },
    });
    this.setOptions(input, options, value);
    const wrap = h("div", { class: "copc-field copc-field--select", dataset: { fieldWrap: "" } },
      h("label", { for: id, text: label }),
      input,
      hint ? h("p", { class: "copc-field__hint", id: hintId, text: hint }) : null,
      h("div", { class: "copc-field__errors", id: slotId, hidden: true }));
    return { wrap, input };
  }

  setOptions(select, options, value) {
    select.replaceChildren(...options.map((o) => h("option", { value: o.value, text: o.label })));
    select.value = options.some((o) => o.value === value) ? value : (options[0] ? options[0].value : "");
  }

  checkbox({ path, label, checked, structural = false, name }) {
    const id = this.id();
    const input = h("input", { id, type: "checkbox", checked, name,
                               dataset: { path: path || "", ...(structural ? { structural: "" } : {}) } });
    const wrap = h("div", { class: "copc-check" }, input, h("label", { for: id, text: label }));
    return { wrap, input };
  }

  /** A text input inside a table cell: its label is read by screen readers only; errors go to `slot`. */
  cellInput({ path, label, value = "", slot, prefix = "", size = "cell" }) {
    const id = this.id();
    const input = h("input", {
      id, type: "text", inputmode: "numeric", class: `copc-input copc-input--${size}`, value, spellcheck: "false",
      autocomplete: "off", dataset: { path, slot, hint: "", errorPrefix: prefix },
    });
    return h("span", { class: "copc-cell-field" }, h("label", { for: id, class: "copc-sr-only", text: label }), input);
  }

  errorSlot(tag = "div") {
    return h(tag, { class: "copc-field__errors", id: this.id("errors"), hidden: true });
  }

  /** The input or group that an error's field path names (or its nearest named parent). */
  findTarget(path) {
    const fields = new Map();
    const groups = new Map();
    for (const el of this.form.querySelectorAll("[data-path]")) if (el.dataset.path) fields.set(el.dataset.path, el);
    for (const el of this.form.querySelectorAll("[data-group-path]")) groups.set(el.dataset.groupPath, el);
    let p = String(path || "");
    while (p) {
      if (fields.has(p)) return { kind: "field", el: fields.get(p) };
      if (groups.has(p)) return { kind: "group", el: groups.get(p) };
      const cut = p.lastIndexOf(".");
      if (cut < 0) break;
      p = p.slice(0, cut);
    }
    return { kind: "form", el: null };
  }

  isBlank(el) {
    return (el.type === "text" || el.tagName === "TEXTAREA") && el.value.trim() === "" && !this.touched.has(el.dataset.path);
  }

  /** An error about a field the user has not reached yet is a hint, not an alarm. */
  suppressed(target) {
    if (target.kind === "form") return false;
    let inputs = target.kind === "field" ? [target.el] : [...target.el.querySelectorAll("[data-path]")];
    const covers = target.el.dataset.covers;
    if (covers) {
      // a group that stands for inputs elsewhere (e.g. a column of a table): those whose path starts with it
      inputs = [...this.form.querySelectorAll("[data-path]")].filter((el) => el.dataset.path.startsWith(covers));
    }
    if (!inputs.length || !inputs.every((el) => this.isBlank(el))) return false;
    // in a row the user has started (a touch scope), every blank field is an error
    const scope = target.el.closest("[data-touch-scope]");
    if (scope) {
      for (const el of scope.querySelectorAll("[data-path]")) if (!this.isBlank(el)) return false;
    }
    return true;
  }

  prefixed(target, message) {
    const prefix = target.el ? target.el.dataset.errorPrefix : "";
    return prefix ? `${prefix}: ${message}` : message;
  }

  showError(target, message) {
    const el = target.el;
    const slot = el ? document.getElementById(el.dataset.slot) : this.formErrors;
    const container = slot || this.formErrors;
    const messageId = this.id("msg");
    container.append(h("p", { class: "copc-error", id: messageId, text: this.prefixed(target, message) }));
    container.hidden = false;
    if (!el) return;
    el.setAttribute("aria-invalid", "true");
    const described = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    el.setAttribute("aria-describedby", [...described, messageId].join(" "));
    const wrap = el.closest("[data-field-wrap], tr, fieldset");
    if (wrap) wrap.classList.add("is-invalid");
  }

  clearErrors() {
    for (const slot of this.root.querySelectorAll(".copc-field__errors, .copc-calc__form-errors")) {
      slot.replaceChildren();
      slot.hidden = true;
    }
    for (const el of this.root.querySelectorAll("[aria-invalid]")) {
      el.removeAttribute("aria-invalid");
      const hint = el.dataset.hint;
      if (hint) el.setAttribute("aria-describedby", hint);
      else el.removeAttribute("aria-describedby");
    }
    for (const el of this.root.querySelectorAll(".is-invalid")) {
      if (el !== this.result) el.classList.remove("is-invalid");
    }
  }

  // --- notes from the catalog ---

  renderNotes(state) {
    const ids = this.notes(state);
    const key = ids.join(",");
    if (key === this.notesKey) return;
    this.notesKey = key;
    const { t, lang } = this;
    const blocks = [];
    for (const ref of ids) {
      const [kind, id] = ref.split(":");
      if (kind === "erratum" && ERRATA.has(id)) {
        const e = ERRATA.get(id);
        blocks.push(h("details", { class: "warning copc-note", dataset: { note: ref } },
          h("summary", { text: `${t("notes.erratum")}: ${pick(e.title, lang)}` }),
          h("dl", {},
            h("dt", { text: t("notes.guidePrints") }), h("dd", { text: pick(e.guide_prints, lang) }),
            h("dt", { text: t("notes.contradiction") }), h("dd", { text: pick(e.contradiction, lang) }),
            h("dt", { text: t("notes.decision") }), h("dd", { text: pick(e.decision, lang) }))));
      } else if (kind === "interpretation" && INTERPRETATIONS.has(id)) {
        const i = INTERPRETATIONS.get(id);
        blocks.push(h("details", { class: "info copc-note", dataset: { note: ref } },
          h("summary", { text: `${t("notes.interpretation")}: ${pick(i.title, lang)}` }),
          h("dl", {},
            h("dt", { text: t("notes.question") }), h("dd", { text: pick(i.question, lang) }),
            h("dt", { text: t("notes.default") }), h("dd", { text: pick(i.default, lang) }))));
      }
    }
    this.notesEl.replaceChildren(...(blocks.length
      ? [h("p", { class: "copc-calc__notes-heading", text: t("notes.heading") }), ...blocks] : []));
  }

  // --- defaults for subclasses ---

  localErrors() {
    return [];
  }

  /** Called when there is no valid result to show: results drawn inside the form must go too. */
  cleared() {}

  notes() {
    return [];
  }

  examples() {
    return [];
  }
}

// --- small rendering helpers shared by widgets ---

/** A big headline figure with its label. */
export function stat(label, value, { big = false, kind = "" } = {}) {
  return h("div", { class: `copc-stat${big ? " copc-stat--big" : ""}${kind ? ` copc-stat--${kind}` : ""}` },
    h("span", { class: "copc-stat__label", text: label }),
    h("span", { class: "copc-stat__value", text: value }));
}

export function stats(...children) {
  return h("div", { class: "copc-stats" }, ...children);
}

export function verdict(ok, text) {
  return h("p", { class: `copc-verdict copc-verdict--${ok ? "ok" : "no"}` },
    h("span", { class: "copc-verdict__mark", "aria-hidden": "true", text: ok ? "✓" : "✗" }),
    h("span", { text }));
}

/** Radio-free edition <select> options. */
export function editionOptions() {
  return EDITIONS.map((e) => ({ value: e, label: e }));
}

/**
 * A calculator for one item of the edition's items scored one way (item-score, performance):
 * edition and item pickers plus the count fields named in `fields`.
 */
export class ItemCalculator extends Calculator {
  constructor(root, { scoring, fields, ...options }) {
    super(root, options);
    this.scoring = scoring;
    this.fields = fields;
  }

  defaults() {
    const state = { edition: EDITIONS[0], item: itemsOf(EDITIONS[0], this.scoring)[0].number };
    for (const key of this.fields) state[key] = "";
    return state;
  }

  sanitize(raw) {
    const state = this.defaults();
    if (EDITIONS.includes(raw.edition)) state.edition = raw.edition;
    const items = itemsOf(state.edition, this.scoring);
    state.item = items.some((i) => i.number === raw.item) ? raw.item : items[0].number;
    for (const key of this.fields) state[key] = str(raw[key]);
    return state;
  }

  /** The edition and item pickers (this.edition, this.item); the widget adds its fields. */
  buildPickers() {
    const { t } = this;
    this.edition = this.select({ path: "edition", label: t("field.edition"), hint: t("field.edition.hint"),
                                 options: editionOptions(), value: EDITIONS[0] });
    this.item = this.select({ path: "item", label: t("field.item"), options: [], value: "", structural: true });
  }

  apply(state) {
    this.edition.input.value = state.edition;
    const options = itemsOf(state.edition, this.scoring).map((i) => ({ value: i.number, label: itemLabel(i, this.lang) }));
    this.setOptions(this.item.input, options, state.item);
    for (const key of this.fields) {
      if (this.inputs[key].input.value !== state[key]) this.inputs[key].input.value = state[key];
    }
  }

  collect() {
    const state = { edition: this.edition.input.value, item: this.item.input.value };
    for (const key of this.fields) state[key] = this.inputs[key].input.value;
    return state;
  }

  input(state) {
    return { ...state };
  }

  /** The item's name, its percent (labelled by `percentKey`) and its points, large. */
  headline(result, percentKey) {
    const { t, lang } = this;
    return [
      h("p", { class: "copc-calc__result-title", text: `${result.item} ${pick(result.name, lang)}` }),
      stats(
        stat(t(percentKey), pct(lang, result.percent), { big: true }),
        stat(t("cp.points"), t("pointsOf", { n: fmt(lang, result.points), of: fmt(lang, result.available) }),
             { big: true }),
      ),
    ];
  }
}
