// @ts-check
// Inputs that an example, "clear", a shared link or an opened file replaced, kept until the reader
// restores or dismisses them: nothing typed is lost to one click or to a colleague's link. The bar
// above the form offers them back (or says that a link could not be read).

import { h } from "./dom.mjs";
import { readJson, remove, stateKey, writeJson } from "./storage.mjs";

/** @typedef {"example" | "clear" | "link" | "file" | "detached" | "detachedTimeline" | "restored"} Reason what
 *  replaced the kept inputs ("detached": the metrics table an assessment carried taken off;
 *  "detachedTimeline": its certification timeline) */
/** @typedef {"brokenLink" | "brokenLinkEmpty"} LinkProblem a link whose scenario could not be read */
/**
 * The kept inputs: `by` is the state text of what replaced them.
 * @typedef {{reason: Reason, state: Record<string, any>, by: string}} Kept
 */
/**
 * What the bar needs of its calculator.
 * @typedef {{
 *   name: string,
 *   t: (key: string, vars?: Record<string, string | number>) => string,
 *   sanitize: (raw: Record<string, any>) => Record<string, any>,
 *   stateText: (state: Record<string, any>) => string,
 *   isOwn: (text: string, kept: Kept | null) => boolean,
 *   collect: () => Record<string, any>,
 *   load: (state: Record<string, any>) => void,
 * }} Host
 */

/** @type {readonly Reason[]} */
const REASONS = ["example", "clear", "link", "file", "detached", "detachedTimeline", "restored"];

export class ReplacedInputs {
  /**
   * @param {Host} host
   * @param {HTMLElement} bar the element that shows the bar
   */
  constructor(host, bar) {
    this.host = host;
    this.bar = bar;
    this.key = stateKey(host.name, "replaced");
    /** @type {Kept | null | undefined} not read yet, then the kept inputs or null */
    this.kept = undefined;
  }

  /** @returns {Kept | null} the kept inputs */
  get() {
    if (this.kept !== undefined) return this.kept;
    this.kept = null;
    const raw = /** @type {any} */ (readJson(this.key));
    if (raw && REASONS.includes(raw.reason) && raw.state && typeof raw.state === "object"
        && !Array.isArray(raw.state) && typeof raw.by === "string") {
      try {
        this.kept = { reason: raw.reason, state: this.host.sanitize(raw.state), by: raw.by };
      } catch {
        // a record the form cannot read: nothing kept
      }
    }
    return this.kept;
  }

  /**
   * Keep `record` in storage and memory; null forgets the kept inputs.
   * @param {Kept | null} record
   */
  set(record) {
    this.kept = record;
    if (record) writeJson(this.key, record);
    else remove(this.key);
  }

  /**
   * Keep `current` for a later restore when `next` replaces it.
   * @param {Record<string, any> | null} current
   * @param {Record<string, any>} next
   * @param {Reason} reason what replaces it
   */
  keep(current, next, reason) {
    if (!current) return;
    const text = this.host.stateText(current);
    const nextText = this.host.stateText(next);
    if (text === nextText) return;
    const kept = this.get();
    if (!this.host.isOwn(text, kept)) {
      // an example, an empty form or someone's link replaced by another: the inputs kept before
      // stay the ones kept, and the bar says what replaced them last
      if (kept) this.set(this.host.stateText(kept.state) === nextText ? null : { ...kept, reason, by: nextText });
      return;
    }
    this.set({ reason, state: JSON.parse(text), by: nextText });
  }

  /** Bring the kept inputs back; what the form shows now is kept in turn if it is the reader's own. */
  restore() {
    const kept = this.get();
    if (!kept) return;
    const text = this.host.stateText(this.host.collect());
    this.set(this.host.isOwn(text, kept)
      ? { reason: "restored", state: JSON.parse(text), by: this.host.stateText(kept.state) } : null);
    this.host.load(kept.state);
  }

  /**
   * Show the bar: the kept inputs offered back, or a link's problem; hidden when there is neither.
   * @param {LinkProblem | null} [problem]
   */
  show(problem = null) {
    const { t } = this.host;
    const kept = problem ? null : this.get();
    if (!problem && !kept) {
      this.bar.hidden = true;
      this.bar.replaceChildren();
      delete this.bar.dataset.reason;
      return;
    }
    const dismiss = h("button", {
      type: "button", class: "md-button copc-calc__replaced-dismiss", text: t("replaced.dismiss"),
      on: { click: () => {
        if (!problem) this.set(null);
        this.show();
      } },
    });
    const restore = kept ? h("button", {
      type: "button", class: "md-button md-button--primary copc-calc__restore",
      text: t(kept.reason === "restored" ? "replaced.restoreAgain" : "replaced.restore"),
      on: { click: () => this.restore() },
    }) : null;
    const reason = problem || (kept ? kept.reason : "");
    this.bar.dataset.reason = reason;
    // a problem has nothing to restore: only the message and Dismiss
    this.bar.replaceChildren(...[h("p", { text: t(`replaced.${reason}`) }), restore, dismiss]
      .filter((child) => child !== null));
    this.bar.hidden = false;
  }
}
