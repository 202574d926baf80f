// Starts the calculators' engine as early as possible. A classic async script, added to the <head>
// of pages that hold a calculator (overrides/main.html): it runs the moment it arrives, long before
// the page's modules (mount.mjs and the widgets) have loaded, so Pyodide boots while the page is
// still being read. client.mjs adopts this worker, with any message it sent meanwhile.
(function () {
  "use strict";
  if (typeof Worker !== "function" || typeof WebAssembly !== "object" || !document.currentScript) return;
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
    return; // client.mjs tries again and reports why
  }
  if (!isModule) {
    worker.terminate();
    return;
  }
  var early = { worker: worker, events: [] };
  var keep = function (event) {
    if (early.events) early.events.push(event);
  };
  worker.addEventListener("message", keep);
  worker.addEventListener("error", keep);
  worker.addEventListener("messageerror", keep);
  window.__copcEarlyWorker = early;
})();
