// Material's search worker, held back on pages with a calculator.
//
// Material starts its search worker as the page loads, and the worker builds the lunr index of
// both languages at once: about half a second of CPU on this project's 2-core machine, spent
// exactly while Pyodide boots for the calculators. On calculator pages overrides/main.html points
// Material at this file instead, with Material's own worker in the URL's fragment
// (copc-search.js#search.<hash>.min.js: a fragment is never sent, so the service worker's cache
// and the HTTP cache see one URL). scripts/build_site.py also writes that name into this file:
// a worker script that the service worker serves gets the cached response's URL as its location,
// without the fragment. This file loads Material's worker unchanged and holds the
// messages the page sends it until calculators/boot.js releases them — when the calculators'
// engine is ready or has failed, or when the reader turns to the search box — then hands them on
// in order. Material's own relative paths (../lunr/…) resolve from here as from its worker, since
// both live in assets/javascripts/workers/.
"use strict";

(function () {
  var CHANNEL = "copc-search-deferral"; // calculators/boot.js speaks on the same channel
  var LONGEST_HOLD_MS = 20000; // never hold search longer, whatever happens to the engine
  var held = [];
  var releasing = false;
  var channel = null;

  function release() {
    if (releasing) return;
    releasing = true;
    if (channel) channel.close();
    // hand the held messages to Material's listener, in the order the page sent them
    for (var i = 0; i < held.length; i++) self.dispatchEvent(new MessageEvent("message", { data: held[i] }));
    held = null;
  }

  // registered before Material's listener, so it sees every message first
  self.addEventListener("message", function (event) {
    if (releasing) return;
    event.stopImmediatePropagation();
    held.push(event.data);
  });

  // The fragment first: this file's URL has no content hash, so an HTTP-cached copy may predate
  // the build; the name the build wrote in when the service worker served the file without it.
  var MATERIAL_WORKER = "@material-search-worker@"; // search.<hash>.min.js once built
  importScripts(self.location.hash ? decodeURIComponent(self.location.hash.slice(1)) : MATERIAL_WORKER);

  if (typeof BroadcastChannel !== "function") {
    release();
    return;
  }
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = function (event) {
    if (event.data && event.data.type === "release") release();
  };
  // the page may have released search before this worker started: it answers this with "release"
  // (so may a calculator page in another tab of the site: then search is built at once, as it
  // would be without this file)
  channel.postMessage({ type: "waiting" });
  setTimeout(release, LONGEST_HOLD_MS);
})();
