// @ts-check
// Mounts the calculators into the `<div class="copc-calc" data-calc="NAME">` placeholders of a
// page, idempotently: at once, and again on every page Material's document$ shows.
// Loaded only by pages with a placeholder (overrides/main.html); calculators/boot.js has
// started the engine already.
//
// The widgets come from generated/widgets.mjs, which the build writes from the core's registry
// with a static import of each widget, so the module graph (preloaded from <head>:
// hooks/calculator_preload.py) is complete when this module runs, right after the page is parsed:
// where a result is kept from the last visit, the calculators can mount in the same task and show
// it, before DOMContentLoaded and Material's own set-up of the page.
//
// Links: an old share link (`?<name>=…`) is rewritten to the fragment form at once; a link's
// scenario (`#<name>=…`) and a worked example (`#example=<id>`) are loaded into their calculator,
// when the page opens and whenever the fragment changes on the page.

import { pageLanguage, translator } from "./i18n.mjs";
import { forgetFragmentParams, fragmentParam, onFragmentChange, rewriteOldLink } from "./kit/address.mjs";
import { calculatorNames, exampleNamed } from "./kit/catalog.mjs";
import { hasKeptResult } from "./kit/kept.mjs";
import { EXAMPLE_PARAM } from "./kit/links.mjs";
import { WIDGETS } from "./generated/widgets.mjs";
import { mountStoredData } from "./stored-data.mjs";

/** @typedef {import("./kit/calculator.mjs").Calculator} Calculator */

/** @type {Calculator[]} the calculators mounted on this page */
const mounted = [];

rewriteOldLink(calculatorNames());

function mountAll() {
  const lang = pageLanguage();
  for (const el of document.querySelectorAll(".copc-stored-data:not([data-copc-mounted])")) {
    const panel = /** @type {HTMLElement} */ (el);
    mountStoredData(panel, lang);
    panel.dataset.copcMounted = "yes";
  }
  const placeholders = /** @type {HTMLElement[]} */ ([...document.querySelectorAll(".copc-calc[data-calc]")])
    .filter((el) => !el.dataset.copcMounted);
  for (const el of placeholders) {
    const Widget = WIDGETS[el.dataset.calc || ""];
    if (!Widget) {
      el.dataset.copcMounted = "unknown"; // the build refuses such a placeholder (hooks/copc_markers.py)
      continue;
    }
    try {
      const calculator = new Widget(el, lang);
      calculator.mount();
      mounted.push(calculator);
      el.dataset.copcMounted = "yes";
    } catch (error) {
      // one calculator that cannot be drawn leaves the others and the page working
      el.dataset.copcMounted = "error";
      const message = document.createElement("p");
      message.className = "copc-calc__status";
      message.setAttribute("role", "alert");
      message.dataset.stage = "failed";
      message.textContent = translator(lang)("status.failed");
      el.replaceChildren(message);
      console.error(`copc calculators: ${el.dataset.calc} could not be mounted`, error);
    }
  }
  openExample();
}

/** A worked example named in the fragment (`#example=<id>`): loaded into its calculator here. */
function openExample() {
  const id = fragmentParam(EXAMPLE_PARAM);
  if (id === null) return;
  const example = exampleNamed(id);
  const calculator = example && mounted.find((c) => c.name === example.calculator);
  if (!calculator) return; // not a calculator of this page: the fragment stays as it came
  forgetFragmentParams([EXAMPLE_PARAM]);
  calculator.loadExample(id, { reveal: true });
}

/** The fragment changed on this page: a share link's scenario, or an example. */
function onFragment() {
  for (const calculator of mounted) {
    const raw = fragmentParam(calculator.name);
    if (raw !== null) calculator.openLink(raw);
  }
  openExample();
}

// A calculator with a result kept from the last visit mounts now, so that the result shows at
// once; otherwise the calculators mount on DOMContentLoaded, after Material's set-up: mounting
// them earlier slowed a first visit's engine boot.
const placeholders = /** @type {HTMLElement[]} */ ([...document.querySelectorAll(".copc-calc[data-calc]")]);
if (document.readyState !== "loading" && placeholders.some((el) => hasKeptResult(el.dataset.calc || ""))) {
  mountAll();
}
const documentShown = window.document$;
if (documentShown && typeof documentShown.subscribe === "function") {
  documentShown.subscribe(() => mountAll());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => mountAll(), { once: true });
} else {
  mountAll();
}
onFragmentChange(onFragment);
