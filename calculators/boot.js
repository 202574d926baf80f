// @ts-check
// Starts the calculators' engine as early as possible. A classic async script, added to the <head>
// of pages that hold a calculator (overrides/main.html): it runs the moment it arrives, long before
// the page's modules (mount.mjs and the widgets) have loaded, so Pyodide boots while the page is
// still being read. client.mjs adopts this worker, with any message it sent meanwhile, and starts
// later ones (after a crash, a timeout, or for an engine of another build) with the same
// createEngine().
//
// Where the browser keeps a shared worker alive for a while after its last page has gone
// (SharedWorker's `extendedLifetime`), the engine is a shared worker named after this build's
// engine: the next calculator page, a reload or another tab connects to the engine already
// running. Elsewhere it is a dedicated worker of this page (see worker.mjs).
//
// It also keeps Material out of the boot's way. Material's own script is held back on these pages
// (overrides/main.html) and loaded here once the engine has given its first answer (or a second
// after it is ready, for a page that asks nothing), at once when the reader turns to the page
// around the calculators or the engine cannot start, and after ten seconds at the latest: on two
// cores its set-up competed with the engine's start (bench/). And Material's search worker on
// these pages is assets/javascripts/workers/copc-search.js, which waits for this script's
// "release": once the engine is ready or has failed, or at once when the reader turns to the
// search box.
(function () {
  "use strict";
  // scripts/build_site.py appends this build's engine version (a hash of the calculators, the
  // core and the Pyodide folder): a page never connects to a shared engine of another build
  var ENGINE_NAME = "copc-calculators";
  // protocol.mjs's message types, which a classic script cannot import: tsc (make test) proves these equal
  /** @type {Pick<typeof import("./protocol.mjs").TO_PAGE, "READY" | "BOOT_FAILED" | "RESPONSE" | "CRASHED" | "ENDED">} */
  var TO_PAGE = { READY: "ready", BOOT_FAILED: "boot-failed", RESPONSE: "response", CRASHED: "crashed", ENDED: "ended" };
  var SEARCH_CHANNEL = "copc-search-deferral";
  var searchChannel = typeof BroadcastChannel === "function" ? new BroadcastChannel(SEARCH_CHANNEL) : null;
  var searchReleased = false;

  function releaseSearch() {
    if (searchReleased || !searchChannel) return;
    searchReleased = true;
    searchChannel.postMessage({ type: "release" });
  }

  if (searchChannel) {
    var channel = searchChannel;
    // a search worker that started after the release asks again
    channel.onmessage = function (event) {
      if (searchReleased && event.data && event.data.type === "waiting") channel.postMessage({ type: "release" });
    };
    document.addEventListener("focusin", function (event) {
      if (event.target instanceof Element && event.target.closest(".md-search")) releaseSearch();
    });
  }

  var MATERIAL_AFTER_READY_MS = 1000;
  var MATERIAL_AT_LATEST_MS = 10000;
  var materialLoaded = false;

  /** Material's held-back script (`<script type="text/plain" data-copc-material="…">`), run now. */
  function insertMaterial() {
    var held = document.querySelector("script[data-copc-material]");
    if (!held || !held.parentNode) return;
    var script = document.createElement("script");
    script.src = held.getAttribute("data-copc-material") || "";
    script.addEventListener("load", function () {
      // Material sets itself up on DOMContentLoaded: when that has passed, it hears it now
      if (document.readyState !== "loading") document.dispatchEvent(new Event("DOMContentLoaded"));
    });
    held.parentNode.insertBefore(script, held.nextSibling);
  }

  // the reader turns to the page around the calculators (its menus, search, links): Material now
  var TURNING_TO_THE_PAGE = ["pointerdown", "keydown", "focusin"];
  var LISTENING = { capture: true, passive: true };
  /** @param {Event} event */
  function onTurnToThePage(event) {
    var target = event.target;
    if (!(target instanceof Element) || !target.closest(".copc-calc")) loadMaterial();
  }

  function loadMaterial() {
    if (materialLoaded) return;
    materialLoaded = true;
    // every key typed into a calculator would otherwise keep asking
    TURNING_TO_THE_PAGE.forEach(function (type) {
      document.removeEventListener(type, onTurnToThePage, LISTENING);
    });
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", insertMaterial, { once: true });
    else insertMaterial();
  }

  TURNING_TO_THE_PAGE.forEach(function (type) {
    document.addEventListener(type, onTurnToThePage, LISTENING);
  });
  setTimeout(loadMaterial, MATERIAL_AT_LATEST_MS);

  /** Whether this browser keeps a shared worker alive after its last page (it reads the option). */
  function keepsSharedWorkers() {
    if (typeof SharedWorker !== "function") return false;
    var read = false;
    try {
      // the options are read before the URL is checked, and this URL is refused: no worker starts
      new SharedWorker("about:invalid", {
        get extendedLifetime() {
          read = true;
          return true;
        },
      });
    } catch (error) {
      // expected
    }
    return read;
  }

  /**
   * A new engine (or a connection to the shared one): {worker, endpoint, shared}, where
   * `endpoint` takes and sends the messages (the worker, or a shared worker's port) and `worker`
   * reports errors; null where module workers are missing (a browser without them never reads
   * `type`). Throws what the browser throws.
   * @param {URL} url
   * @returns {EngineConnection | null}
   */
  function createEngine(url) {
    if (keepsSharedWorkers()) {
      try {
        var shared = new SharedWorker(url, { type: "module", name: ENGINE_NAME, extendedLifetime: true });
        shared.port.start();
        return { worker: shared, endpoint: shared.port, shared: true };
      } catch (error) {
        // refused here (a sandboxed frame, a storage policy): a dedicated worker may still start
      }
    }
    var isModule = false;
    var worker = new Worker(url, {
      /** @returns {WorkerType} */
      get type() {
        isModule = true;
        return "module";
      },
      name: ENGINE_NAME,
    });
    if (!isModule) {
      worker.terminate();
      return null;
    }
    return { worker: worker, endpoint: worker, shared: false };
  }

  if (typeof Worker !== "function" || typeof WebAssembly !== "object" || !(document.currentScript instanceof HTMLScriptElement)) {
    releaseSearch();
    loadMaterial();
    return;
  }
  var workerURL = new URL("worker.mjs", document.currentScript.src);
  /** @type {EngineStarter} */
  var starter = {
    create: function (fresh) {
      // an engine at a URL of its own: a shared worker is found by its URL and name, so a page that
      // gives up a hung or outdated shared engine never joins it again
      return createEngine(fresh ? new URL("worker.mjs?fresh=" + encodeURIComponent(fresh), workerURL) : workerURL);
    },
    early: null,
  };
  window.__copcEngine = starter;
  /** @type {EngineConnection | null} */
  var engine;
  try {
    engine = createEngine(workerURL);
  } catch (error) {
    engine = null; // client.mjs tries again and reports why
  }
  if (!engine) {
    releaseSearch();
    loadMaterial();
    return;
  }
  /** @type {EarlyEngine} */
  var early = { engine: engine, events: [] };
  /** @param {Event} event */
  var keep = function (event) {
    if (early.events) early.events.push(event);
  };
  engine.endpoint.addEventListener("message", keep);
  engine.endpoint.addEventListener("messageerror", keep);
  engine.worker.addEventListener("error", keep);
  // stays attached after client.mjs adopts the engine: the boot's end releases search, the first
  // answer (once the page has drawn it) or a failure Material
  engine.endpoint.addEventListener("message", function (event) {
    var data = /** @type {MessageEvent<import("./protocol.mjs").ToPage | null>} */ (event).data;
    var type = data && data.type;
    if (type === TO_PAGE.READY || type === TO_PAGE.BOOT_FAILED) releaseSearch();
    if (type === TO_PAGE.READY) setTimeout(loadMaterial, MATERIAL_AFTER_READY_MS);
    else if (type === TO_PAGE.RESPONSE) setTimeout(loadMaterial, 100);
    else if (type === TO_PAGE.BOOT_FAILED || type === TO_PAGE.CRASHED || type === TO_PAGE.ENDED) loadMaterial();
  });
  engine.worker.addEventListener("error", function () {
    releaseSearch();
    loadMaterial();
  });
  starter.early = early;
})();
