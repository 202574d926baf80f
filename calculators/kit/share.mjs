// @ts-check
// "Copy link": a link that reproduces the form on another browser, in either language (the state
// is language-neutral), with the scenario in the fragment (links.mjs). Shown in a box under the
// toolbar, kept up to date while it is open.

import { h } from "./dom.mjs";
import { shareLink } from "./links.mjs";

export class ShareBox {
  /**
   * @param {string} name the calculator's name
   * @param {(key: string) => string} t
   * @param {string} inputId the id of the box's text field
   */
  constructor(name, t, inputId) {
    this.name = name;
    this.t = t;
    this.input = h("input", { id: inputId, type: "text", readonly: true, class: "copc-calc__link-input",
                              spellcheck: "false", on: { focus: () => this.input.select() } });
    this.message = h("p", { class: "copc-calc__link-message", role: "status" });
    this.element = h("div", { class: "copc-calc__link", hidden: true },
      h("label", { for: inputId, text: t("link.label") }), this.input, this.message);
  }

  /**
   * The link for `state`, on this page.
   * @param {unknown} state
   * @returns {string}
   */
  linkFor(state) {
    return shareLink(location.href, this.name, state);
  }

  /**
   * A link on show always reproduces what is on the form now.
   * @param {unknown} state
   */
  update(state) {
    if (!this.element.hidden) this.input.value = this.linkFor(state);
  }

  /**
   * Show the link for `state` and put it on the clipboard where the browser allows.
   * @param {unknown} state
   */
  async copy(state) {
    const link = this.linkFor(state);
    this.input.value = link;
    this.element.hidden = false;
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(link);
        copied = true;
      }
    } catch {
      copied = false;
    }
    this.message.textContent = `${this.t(copied ? "link.copied" : "link.manual")} ${this.t("link.shown")}`;
    if (!copied) {
      this.input.focus();
      this.input.select();
    }
  }
}
