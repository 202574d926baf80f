// @ts-check
// A calculator's fields and the messages about them. Every input carries `data-path`, the field's
// name in the core's input ("met", "items.2.15.deployed", "sites.A.workforce.backlog.months_at_target"),
// so that an error of the core lands at the field it names, in the page's language.
//
// An error about a field the reader has not reached yet is a hint, not an alarm: blank, untouched
// fields are listed under the result instead of being marked. A row of a table (a "touch scope":
// an item of the self-assessment, a metric type) is flagged only once the reader has started it
// and left it: typing its first cell never marks the rest of the row red.

import { h } from "./dom.mjs";

/**
 * Where an error goes: a field, a group of fields (a table row, a fieldset), or the form itself.
 * @typedef {{kind: "field", el: HTMLElement} | {kind: "group", el: HTMLElement} | {kind: "form", el: null}} Target
 * @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Control
 * @typedef {{value: string, label: string}} Option
 */

/**
 * Set a select's options and choose `value` (the first option when `value` is not among them).
 * @param {HTMLSelectElement} select
 * @param {Option[]} options
 * @param {string} value
 */
export function setOptions(select, options, value) {
  select.replaceChildren(...options.map((o) => h("option", { value: o.value, text: o.label })));
  select.value = options.some((o) => o.value === value) ? value : (options[0] ? options[0].value : "");
}

/**
 * @param {Element} el
 * @returns {el is Control}
 */
function isControl(el) {
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;
}

/**
 * Whether a control holds typed text (a select or a checkbox always "holds" its choice).
 * @param {Element} el
 * @returns {boolean}
 */
function hasText(el) {
  if (el instanceof HTMLTextAreaElement) return el.value.trim() !== "";
  if (el instanceof HTMLInputElement) return el.type !== "text" || el.value.trim() !== "";
  return true;
}

export class Fields {
  /** @param {string} uid the calculator's unique prefix for element ids */
  constructor(uid) {
    this.uid = uid;
    this.count = 0;
    /** @type {Set<string>} paths the reader has typed in or left */
    this.touched = new Set();
    /** @type {WeakSet<Element>} rows (touch scopes) the reader has left */
    this.left = new WeakSet();
    /** @type {HTMLFormElement | null} */
    this.form = null;
    /** @type {HTMLElement | null} where errors at no field go */
    this.formErrors = null;
    /** @type {Set<Element>} the slots, fields and rows showError() marked, for clearErrors() */
    this.marked = new Set();
  }

  /**
   * A new element id, unique on the page.
   * @param {string} [suffix]
   * @returns {string}
   */
  id(suffix = "") {
    this.count += 1;
    return `${this.uid}-${this.count}${suffix ? `-${suffix}` : ""}`;
  }

  // --- building ---

  /**
   * A labelled text field; `path` is the field's name in the core's input and errors.
   * @param {{path: string, label: string, hint?: string | null, value?: string, inputmode?: string,
   *          size?: string, structural?: boolean, hiddenLabel?: boolean}} options
   * @returns {{wrap: HTMLElement, input: HTMLInputElement}}
   */
  field({ path, label, hint, value = "", inputmode = "numeric", size = "short", structural = false, hiddenLabel = false }) {
    const id = this.id();
    const hintId = hint ? `${id}-hint` : "";
    const slotId = `${id}-errors`;
    const input = h("input", {
      id, type: "text", inputmode, class: `copc-input copc-input--${size}`, value, spellcheck: "false",
      autocomplete: "off", "aria-describedby": hintId || undefined,
      dataset: { path, slot: slotId, hint: hintId, structural: structural ? "" : undefined },
    });
    const wrap = h("div", { class: "copc-field", dataset: { fieldWrap: "" } },
      h("label", { for: id, text: label, class: hiddenLabel ? "copc-sr-only" : undefined }),
      input,
      hint ? h("p", { class: "copc-field__hint", id: hintId, text: hint }) : null,
      h("div", { class: "copc-field__errors", id: slotId, hidden: true }));
    return { wrap, input };
  }

  /**
   * A <select> with a visible label.
   * @param {{path: string, label: string, hint?: string | null, options: Option[], value: string,
   *          structural?: boolean}} options
   * @returns {{wrap: HTMLElement, input: HTMLSelectElement}}
   */
  select({ path, label, hint, options, value, structural = true }) {
    const id = this.id();
    const hintId = hint ? `${id}-hint` : "";
    const slotId = `${id}-errors`;
    const input = h("select", {
      id, class: "copc-select", "aria-describedby": hintId || undefined,
      dataset: { path, slot: slotId, hint: hintId, structural: structural ? "" : undefined },
    });
    setOptions(input, options, value);
    const wrap = h("div", { class: "copc-field copc-field--select", dataset: { fieldWrap: "" } },
      h("label", { for: id, text: label }),
      input,
      hint ? h("p", { class: "copc-field__hint", id: hintId, text: hint }) : null,
      h("div", { class: "copc-field__errors", id: slotId, hidden: true }));
    return { wrap, input };
  }

  /**
   * A checkbox with its label.
   * @param {{path?: string, label: string, checked: boolean, structural?: boolean, name?: string}} options
   * @returns {{wrap: HTMLElement, input: HTMLInputElement}}
   */
  checkbox({ path, label, checked, structural = false, name }) {
    const id = this.id();
    const input = h("input", { id, type: "checkbox", checked, name,
                               dataset: { path: path || "", structural: structural ? "" : undefined } });
    const wrap = h("div", { class: "copc-check" }, input, h("label", { for: id, text: label }));
    return { wrap, input };
  }

  /**
   * A text input inside a table cell: its label is read by screen readers only; errors go to `slot`.
   * @param {{path: string, label: string, value?: string, slot: string, prefix?: string, size?: string}} options
   * @returns {HTMLElement}
   */
  cellInput({ path, label, value = "", slot, prefix = "", size = "cell" }) {
    const id = this.id();
    const input = h("input", {
      id, type: "text", inputmode: "numeric", class: `copc-input copc-input--${size}`, value, spellcheck: "false",
      autocomplete: "off", dataset: { path, slot, hint: "", errorPrefix: prefix },
    });
    return h("span", { class: "copc-cell-field" }, h("label", { for: id, class: "copc-sr-only", text: label }), input);
  }

  /**
   * An empty place for messages (hidden until it holds one).
   * @param {"div" | "span"} [tag]
   * @returns {HTMLElement}
   */
  errorSlot(tag = "div") {
    return h(tag, { class: "copc-field__errors", id: this.id("errors"), hidden: true });
  }

  // --- where the reader has been ---

  /** Forget where the reader has typed and which rows they left (a new state was loaded). */
  reset() {
    this.touched.clear();
    this.left = new WeakSet();
  }

  /** @param {string} path the reader typed in, or left, this field */
  touch(path) {
    if (path) this.touched.add(path);
  }

  /**
   * The reader's focus left `el`: if it left the row `el` sits in too (for another row, or the
   * page), that row is flagged from now on. Returns whether a row was left.
   * @param {Element} el
   * @param {Element | null} next where the focus went
   * @returns {boolean}
   */
  leave(el, next) {
    const scope = el.closest("[data-touch-scope]");
    if (!scope || (next && scope.contains(next)) || this.left.has(scope)) return false;
    // the whole window losing focus keeps the field focused: the reader has not left the row
    if (!next && document.activeElement && scope.contains(document.activeElement) && !document.hasFocus()) return false;
    this.left.add(scope);
    return true;
  }

  // --- errors ---

  /**
   * The input or group that an error's field path names (or its nearest named parent).
   * @param {string} path
   * @returns {Target}
   */
  findTarget(path) {
    if (!this.form) return { kind: "form", el: null };
    /** @type {Map<string, HTMLElement>} */
    const fields = new Map();
    /** @type {Map<string, HTMLElement>} */
    const groups = new Map();
    for (const el of this.form.querySelectorAll("[data-path]")) {
      const named = /** @type {HTMLElement} */ (el);
      if (named.dataset.path) fields.set(named.dataset.path, named);
    }
    for (const el of this.form.querySelectorAll("[data-group-path]")) {
      const group = /** @type {HTMLElement} */ (el);
      groups.set(group.dataset.groupPath || "", group);
    }
    let p = String(path || "");
    while (p) {
      const field = fields.get(p);
      if (field) return { kind: "field", el: field };
      const group = groups.get(p);
      if (group) return { kind: "group", el: group };
      const cut = p.lastIndexOf(".");
      if (cut < 0) break;
      p = p.slice(0, cut);
    }
    return { kind: "form", el: null };
  }

  /**
   * Whether an error at `target` is only a hint for now: its fields are blank and the reader has
   * not reached them (or, in a row, has not yet left the row they started).
   * @param {Target} target
   * @returns {boolean}
   */
  suppressed(target) {
    if (target.kind === "form" || !this.form) return false;
    /** @type {Element[]} */
    let inputs = target.kind === "field" ? [target.el] : [...target.el.querySelectorAll("[data-path]")];
    const covers = target.el.dataset.covers;
    if (covers) {
      // a group that stands for inputs elsewhere (e.g. a column of a table): those whose path starts with it
      inputs = [...this.form.querySelectorAll("[data-path]")]
        .filter((el) => (/** @type {HTMLElement} */ (el).dataset.path || "").startsWith(covers));
    }
    inputs = inputs.filter(isControl);
    // something typed there (a value the core refuses): said at once
    if (!inputs.length || inputs.some(hasText)) return false;
    const scope = target.el.closest("[data-touch-scope]");
    if (scope) {
      // a row is started once something is typed in it (or typed and taken out again)
      const started = [...scope.querySelectorAll("[data-path]")].filter(isControl)
        .some((el) => hasText(el) || this.touched.has(/** @type {HTMLElement} */ (el).dataset.path || ""));
      return !(started && this.left.has(scope));
    }
    return inputs.every((el) => !this.touched.has(/** @type {HTMLElement} */ (el).dataset.path || ""));
  }

  /**
   * The message as a hint names where it belongs ("2.15: …", "Site 1: …").
   * @param {Target} target
   * @param {string} message
   * @returns {string}
   */
  prefixed(target, message) {
    const prefix = target.el ? target.el.dataset.errorPrefix : "";
    return prefix ? `${prefix}: ${message}` : message;
  }

  /**
   * Show `message` at `target`: in its slot, with the field marked invalid and described by it.
   * @param {Target} target
   * @param {string} message
   */
  showError(target, message) {
    const el = target.el;
    const slot = el && el.dataset.slot ? document.getElementById(el.dataset.slot) : null;
    const container = slot || this.formErrors;
    if (!container) return;
    const messageId = this.id("msg");
    container.append(h("p", { class: "copc-error", id: messageId, text: this.prefixed(target, message) }));
    container.hidden = false;
    this.marked.add(container);
    if (!el) return;
    this.marked.add(el);
    el.setAttribute("aria-invalid", "true");
    const described = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    el.setAttribute("aria-describedby", [...described, messageId].join(" "));
    const wrap = el.closest("[data-field-wrap], tr, fieldset");
    if (wrap) {
      wrap.classList.add("is-invalid");
      this.marked.add(wrap);
    }
  }

  /**
   * Take every message and mark that showError() put up away again. They are remembered rather
   * than looked for: a table of thousands of fields took milliseconds to search on every answer.
   */
  clearErrors() {
    for (const el of this.marked) {
      if (el.classList.contains("copc-field__errors") || el.classList.contains("copc-calc__form-errors")) {
        el.replaceChildren();
        /** @type {HTMLElement} */ (el).hidden = true;
      }
      if (el.hasAttribute("aria-invalid")) {
        el.removeAttribute("aria-invalid");
        const hint = /** @type {HTMLElement} */ (el).dataset.hint;
        if (hint) el.setAttribute("aria-describedby", hint);
        else el.removeAttribute("aria-describedby");
      }
      el.classList.remove("is-invalid");
    }
    this.marked.clear();
  }
}
