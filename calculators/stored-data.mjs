// @ts-check
// The "kept in this browser" panel (a `<div class="copc-stored-data">` placeholder on the
// calculators page): one button that erases every calculator's inputs and results from this
// browser, for a laptop that many people use (a training room, say). It also stops the engine, so
// that a shared engine (worker.mjs), which outlives the page for a while, holds nothing typed
// either. The engine's stored memory image is left alone: it is taken before any request and holds
// nothing the reader typed (engine.mjs).

import { endEngine } from "./client.mjs";
import { translator } from "./i18n.mjs";
import { eraseStoredData, h, storageUsable } from "./kit.mjs";

// sessionStorage (this tab only, no data): tells the reloaded page to say the erasure is done
const ERASED_FLAG = "copc-calc-erased";

function erasedJustNow() {
  try {
    const erased = sessionStorage.getItem(ERASED_FLAG) !== null;
    sessionStorage.removeItem(ERASED_FLAG);
    return erased;
  } catch {
    return false;
  }
}

/**
 * Draw the panel into `root` in language `lang`.
 * @param {Element} root
 * @param {string} lang
 */
export function mountStoredData(root, lang) {
  const t = translator(lang);
  const status = h("p", { class: "copc-stored-data__status", role: "status" });
  const actions = h("div", { class: "copc-stored-data__actions" });
  root.replaceChildren(status, actions);

  /**
   * @param {string} text
   * @param {...Element} buttons
   */
  const show = (text, ...buttons) => {
    status.textContent = text;
    actions.replaceChildren(...buttons);
  };
  const erased = erasedJustNow();
  const summary = () => {
    if (!storageUsable()) return show(t("stored.unavailable"));
    return show(t(erased ? "stored.erased" : "stored.about"), h("button", {
      type: "button", class: "md-button copc-stored-data__erase", text: t("stored.erase"),
      on: { click: askFirst },
    }));
  };
  // a second, explicit click: the erasure cannot be undone
  const askFirst = () => show(
    t("stored.confirm"),
    h("button", {
      type: "button", class: "md-button md-button--primary copc-stored-data__confirm", text: t("stored.confirmErase"),
      on: { click: erase },
    }),
    h("button", { type: "button", class: "md-button copc-stored-data__cancel", text: t("stored.cancel"), on: { click: summary } }),
  );
  const erase = () => {
    endEngine();
    try {
      eraseStoredData();
      sessionStorage.setItem(ERASED_FLAG, "1");
    } catch {
      // storage went away meanwhile: the reload shows what is left
    }
    // the calculators on this page still show the erased inputs: start them afresh
    location.reload();
  };
  summary();
}
