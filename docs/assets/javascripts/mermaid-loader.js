/*
 * Stand-in for the mermaid library.
 *
 * Material for MkDocs renders diagrams through the global `mermaid` object and falls
 * back to a CDN copy when none is defined. This small object takes its place: it keeps
 * the configuration Material passes to `initialize`, and on the first `render` call it
 * loads our own copy of mermaid.min.js (served from this origin), then hands every call
 * on to it. Pages without a diagram never download the library.
 */
(function () {
  "use strict";

  var here = document.currentScript && document.currentScript.src;
  var libraryUrl = new URL("../vendor/mermaid/mermaid.min.js", here || document.baseURI).href;
  var config = null;
  var library = null;

  function load() {
    if (!library) {
      library = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = libraryUrl;
        tag.async = true;
        tag.onload = function () {
          var real = window.mermaid;
          window.mermaid = standIn; // keep the stand-in global; it forwards to `real`
          if (!real || typeof real.render !== "function") {
            reject(new Error("mermaid.min.js loaded but defined no renderer"));
            return;
          }
          real.initialize(config || { startOnLoad: false });
          resolve(real);
        };
        tag.onerror = function () {
          library = null; // allow a retry on the next diagram
          reject(new Error("could not load " + libraryUrl));
        };
        document.head.appendChild(tag);
      });
    }
    return library;
  }

  var standIn = {
    isStandIn: true,
    initialize: function (options) {
      config = Object.assign({}, options, { startOnLoad: false });
      if (library) library.then(function (real) { real.initialize(config); });
    },
    render: function (id, text) {
      return load().then(function (real) { return real.render(id, text); });
    },
  };

  if (!window.mermaid) window.mermaid = standIn;
})();
