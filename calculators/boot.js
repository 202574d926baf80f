// Starts the calculators' engine as early as possible. A classic async script, added to the <head>
// of pages that hold a calculator (overrides/main.html): it runs the moment it arrives, long before
// the page's modules (mount.mjs and the widgets) have loaded, so Pyodide boots while the page is
// still being read. client.mjs adopts this worker, with any message it sent meanwhile.
//
// It also keeps Material's search index build out of the boot's way: on these pages Material's
// search worker is assets/javascripts/workers/copc-search.js, which waits for this script's
// "release" — once the engine is ready or has failed, or at once when the reader turns to the
// search box. (On two cores the index build slowed the first result by about a tenth: bench/.)
(function () {
  "use strict";
  var SEARCH_CHANNEL = "copc-search-deferral";
  var searchChannel = typeof BroadcastChannel === "function" ? new BroadcastChannel(SEARCH_CHANNEL) : null;
  var searchReleased = false;

  function releaseSearch() {
    if (searchReleased || !searchChannel) return;
    searchReleased = true;
    searchChannel.postMessage({ type: "release" });
  }

  if (searchChannel) {
    // a search worker that started after the release asks again
    searchChannel.onmessage = function (event) {
      if (searchReleased && event.data && event.data.type === "waiting") searchChannel.postMessage({ type: "release" });
    };
    document.addEventListener("focusin", function (event) {
      if (event.target instanceof Element && event.target.closest(".md-search")) releaseSearch();
    });
  }

  if (typeof Worker !== "function" || typeof WebAssembly !== "object" || !document.currentScript) {
    releaseSearch();
    return;
  }
  var isModule = false;
  var worker;
  try {
    worker = new Worker(new URL("worker.mjs", document.currentScript.src), {
      get type() {
        isModule = true; // a browser without module workers never reads `type`
        return "module";
      },
      name: "copc-calculators",
    });
  } catch (error) {
    releaseSearch();
    return; // client.mjs tries again and reports why
  }
  if (!isModule) {
    worker.terminate();
    releaseSearch();
    return;
  }
  var early = { worker: worker, events: [] };
  var keep = function (event) {
    if (early.events) early.events.push(event);
  };
  worker.addEventListener("message", keep);
  worker.addEventListener("error", keep);
  worker.addEventListener("messageerror", keep);
  // stays attached after client.mjs adopts the worker: the boot's end releases search
  worker.addEventListener("message", function (event) {
    var type = event.data && event.data.type;
    if (type === "ready" || type === "boot-failed") releaseSearch();
  });
  worker.addEventListener("error", releaseSearch);
  window.__copcEarlyWorker = early;
})();
