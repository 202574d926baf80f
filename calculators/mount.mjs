// Mounts the calculators into the `<div class="copc-calc" data-calc="NAME">` placeholders of a
// page, idempotently, on every page Material shows (document$), or on DOMContentLoaded without it.
// Pages without a placeholder load nothing else; pages with one start the engine at once.

import { pageLanguage, translator } from "./i18n.mjs";

const WIDGETS = {
  "item-score": () => import("./widgets/item-score.mjs"),
  "performance": () => import("./widgets/performance.mjs"),
  "channel-performance": () => import("./widgets/channel-performance.mjs"),
  "rule-50-75": () => import("./widgets/rule-50-75.mjs"),
  "applicable-points": () => import("./widgets/applicable-points.mjs"),
  "self-assessment": () => import("./widgets/self-assessment.mjs"),
  "process-certification": () => import("./widgets/process-certification.mjs"),
};

async function mountAll() {
  const placeholders = [...document.querySelectorAll(".copc-calc[data-calc]")]
    .filter((el) => !el.dataset.copcMounted);
  if (!placeholders.length) return;
  // start the engine at once: it boots while the widgets are loaded and drawn
  import("./client.mjs").catch(() => {});
  const lang = pageLanguage();
  for (const el of placeholders) el.dataset.copcMounted = "pending";
  await Promise.all(placeholders.map(async (el) => {
    const load = WIDGETS[el.dataset.calc];
    if (!load) {
      el.dataset.copcMounted = "unknown";
      return;
    }
    try {
      const { default: Widget } = await load();
      new Widget(el, lang).mount();
      el.dataset.copcMounted = "yes";
    } catch (error) {
      el.dataset.copcMounted = "error";
      const message = document.createElement("p");
      message.className = "copc-calc__status";
      message.setAttribute("role", "alert");
      message.dataset.stage = "failed";
      message.textContent = translator(lang)("status.failed");
      el.replaceChildren(message);
      console.error(`copc calculators: ${el.dataset.calc} could not be mounted`, error);
    }
  }));
}

if (typeof window.document$ === "object" && window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => {
    mountAll();
  });
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => mountAll(), { once: true });
} else {
  mountAll();
}
