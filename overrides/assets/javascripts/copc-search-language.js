// Search in the page's own language.
//
// mkdocs-static-i18n joins both languages' pages into one search index (site/search/search_index.json),
// which every page of either language loads, so a search on the English site also listed Japanese
// pages (they quote English terms) and the reverse. Material hands that index to its search worker
// in one setup message ({type: 0, data: {config, docs}}); this script, loaded before Material's
// bundle, passes on only the pages of the page's language (English pages live under en/). The rest
// of the message, the worker and copc-search.js's holding back of the index build are unchanged,
// and the worker builds an index half the size.
"use strict";

(function () {
  var Native = window.Worker;
  if (typeof Native !== "function") return;
  var english = document.documentElement.lang === "en";
  // Material's worker (search.<hash>.min.js) or copc-search.js, which loads it on calculator pages
  var SEARCH_WORKER = /\/workers\/(search\.[^/]*\.min\.js|copc-search\.js)(#|$)/;
  var SETUP = 0; // Material's SearchMessageType.SETUP

  function inEnglish(location) {
    return location.indexOf("en/") === 0;
  }

  function LanguageWorker(url, options) {
    var worker = options === undefined ? new Native(url) : new Native(url, options);
    if (!SEARCH_WORKER.test(String(url))) return worker;
    var post = worker.postMessage;
    worker.postMessage = function (message) {
      var rest = Array.prototype.slice.call(arguments, 1);
      if (!(message && message.type === SETUP && message.data && Array.isArray(message.data.docs))) {
        return post.apply(worker, [message].concat(rest));
      }
      var docs = message.data.docs.filter(function (doc) {
        return inEnglish(String(doc.location)) === english;
      });
      var setup = Object.assign({}, message, { data: Object.assign({}, message.data, { docs: docs }) });
      return post.apply(worker, [setup].concat(rest));
    };
    return worker; // a constructor that returns an object gives `new` that object
  }
  LanguageWorker.prototype = Native.prototype; // `instanceof Worker` still holds
  window.Worker = LanguageWorker;

  // Material reads the search box when a key is released or its index becomes ready. A query that
  // arrives without a key (pasted with the mouse, dropped, filled in by a test) once the index of
  // one language is ready, which is now quickly, was never searched: each such input counts as a
  // key's release too (Material ignores a value it has already searched).
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box instanceof HTMLInputElement && box.classList.contains("md-search__input")) {
      box.dispatchEvent(new KeyboardEvent("keyup"));
    }
  }, true);
})();
