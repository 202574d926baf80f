// Registers the site's service worker (sw.js at the site root, built from offline/sw.template.js)
// once the page has loaded, so that the first visit is not slowed. On a page with a calculator it
// waits for the calculators' engine to boot first (the `data-engine` attribute of a
// `.copc-calc` becomes "ready" or "failed"), then asks the worker to keep Pyodide for offline use.
// When an update of the service worker takes over a page, the page reloads once (it was served
// by the previous build). Progress for tests and benchmarks: <html data-copc-offline="pages"> once
// a service worker controls the page, "calculators" once Pyodide is cached too.
(() => {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const script = document.currentScript;
  const swUrl = new URL(script.dataset.sw, location.href);
  const root = document.documentElement;
  const hasCalculator = () => document.querySelector(".copc-calc") !== null;
  // engine stages after which the page's own work is done (see calculators/client.mjs)
  const SETTLED = ["ready", "failed"];
  const ENGINE_WAIT_MS = 120000;

  let hadController = Boolean(navigator.serviceWorker.controller);
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (hadController && !reloading) {
      reloading = true;
      location.reload();
    }
    hadController = true;
    mark("pages");
  });
  navigator.serviceWorker.addEventListener("message", (event) => {
    const data = event.data || {};
    if (data.type === "pyodide-cached" && data.complete) mark("calculators");
  });

  function mark(level) {
    if (root.dataset.copcOffline !== "calculators") root.dataset.copcOffline = level;
  }

  function engineSettled() {
    return new Promise((resolve) => {
      const settled = () => [...document.querySelectorAll(".copc-calc[data-engine]")]
        .some((el) => SETTLED.includes(el.dataset.engine));
      if (settled()) {
        resolve();
        return;
      }
      const observer = new MutationObserver(() => {
        if (settled()) done();
      });
      const timer = setTimeout(done, ENGINE_WAIT_MS);
      function done() {
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      }
      observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-engine"] });
    });
  }

  async function register() {
    if (hasCalculator()) await engineSettled();
    const registration = await navigator.serviceWorker.register(swUrl.href);
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) mark("pages");
    if (hasCalculator()) {
      const active = registration.active || (await navigator.serviceWorker.ready).active;
      if (active) active.postMessage({ type: "cache-pyodide" });
    }
  }

  const start = () => register().catch((error) => console.warn("copc offline: service worker not registered", error));
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
})();
