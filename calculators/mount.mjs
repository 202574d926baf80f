// Mounts the calculators into the `<div class="copc-calc" data-calc="NAME">` placeholders of a
// page, idempotently: at once, and again on every page Material's document$ shows.
// Loaded only by pages with a placeholder (overrides/main.html); calculators/boot.js has
// started the engine already.
//
// The widgets are imported statically (about 55 kB together), so the module graph
// (preloaded from <head>: hooks/calculator_preload.py) is complete when this module runs, right
// after the page is parsed: where a result is kept from the last visit, the calculators can mount
// in the same task and show it, before DOMContentLoaded and Material's own set-up of the page
// (measured on 2 cores: about 0.2 s earlier than after them).

import { pageLanguage, translator } from "./i18n.mjs";
import { hasKeptResult } from "./kit.mjs";
import { mountStoredData } from "./stored-data.mjs";
import ApplicablePoints from "./widgets/applicable-points.mjs";
import ChannelPerformance from "./widgets/channel-performance.mjs";
import ItemScore from "./widgets/item-score.mjs";
import Performance from "./widgets/performance.mjs";
import ProcessCertification from "./widgets/process-certification.mjs";
import Rule5075 from "./widgets/rule-50-75.mjs";
import SelfAssessment from "./widgets/self-assessment.mjs";

const WIDGETS = {
  "item-score": ItemScore,
  "performance": Performance,
  "channel-performance": ChannelPerformance,
  "rule-50-75": Rule5075,
  "applicable-points": ApplicablePoints,
  "self-assessment": SelfAssessment,
  "process-certification": ProcessCertification,
};

function mountAll() {
  const lang = pageLanguage();
  for (const el of document.querySelectorAll(".copc-stored-data:not([data-copc-mounted])")) {
    mountStoredData(el, lang);
    el.dataset.copcMounted = "yes";
  }
  const placeholders = [...document.querySelectorAll(".copc-calc[data-calc]")]
    .filter((el) => !el.dataset.copcMounted);
  if (!placeholders.length) return;
  for (const el of placeholders) {
    const Widget = WIDGETS[el.dataset.calc];
    if (!Widget) {
      el.dataset.copcMounted = "unknown";
      continue;
    }
    try {
      new Widget(el, lang).mount();
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
}

// A calculator with a result kept from the last visit mounts now, so that the result shows at
// once; otherwise the calculators mount on DOMContentLoaded, after Material's set-up: mounting
// them earlier slowed a first visit's engine boot (measured on 2 cores: cold first result 1.21x
// the bare boot instead of 1.08x, interleaved visits).
const placeholders = [...document.querySelectorAll(".copc-calc[data-calc]")];
if (document.readyState !== "loading" && placeholders.some((el) => hasKeptResult(el.dataset.calc))) {
  mountAll();
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
