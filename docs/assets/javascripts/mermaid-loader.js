/*
 * Stand-in for the mermaid library.
 *
 * Material for MkDocs renders diagrams through the global `mermaid` object and falls
 * back to a CDN copy when none is defined. This small object takes its place: it keeps
 * the configuration Material passes to `initialize`, and renders a diagram only once it
 * comes near the viewport: then it imports our own copy of mermaid's ES module build (served
 * from this origin; it fetches only the chunks the diagram type needs) and hands the call on to
 * it. Pages whose diagrams are never scrolled to, and pages without a diagram, never download it.
 */
(function () {
  "use strict";

  var here = document.currentScript && document.currentScript.src;
  var libraryUrl = new URL("../vendor/mermaid/mermaid.esm.min.mjs", here || document.baseURI).href;
  var config = null;
  var library = null;

  function load() {
    if (!library) {
      library = import(libraryUrl).then(
        function (module) {
          var real = module.default;
          if (!real || typeof real.render !== "function") {
            throw new Error(libraryUrl + " loaded but defined no renderer");
          }
          real.initialize(config || { startOnLoad: false });
          return real;
        },
        function (error) {
          library = null; // allow a retry on the next diagram
          throw error;
        }
      );
    }
    return library;
  }

  // Resolves when the diagram whose source is `text` comes within 600px of the viewport. A
  // diagram drawn on request (the generator's chart) has no source element and renders at once.
  function nearViewport(text) {
    var source = Array.prototype.find.call(document.querySelectorAll("pre.mermaid"), function (el) {
      return el.textContent === text;
    });
    if (!source || !("IntersectionObserver" in window)) return Promise.resolve();
    return new Promise(function (resolve) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          resolve();
        }
      }, { rootMargin: "600px 0px" });
      observer.observe(source);
    });
  }

  // A diagram inside [data-pr-draw-on-request] (the category maps, each a large layout) is drawn
  // when the reader asks: a button stands in its place until then, so the page loads without
  // mermaid's layout work. Resolves null for any other diagram.
  function onRequest(text) {
    var source = Array.prototype.find.call(document.querySelectorAll("pre.mermaid"), function (el) {
      return el.textContent === text;
    });
    var holder = source && source.closest("[data-pr-draw-on-request]");
    if (!holder) return null;
    return new Promise(function (resolve) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = holder.getAttribute("data-pr-draw-on-request");
      button.addEventListener("click", function () {
        button.remove();
        resolve();
      });
      holder.insertBefore(button, holder.firstChild);
    });
  }

  var standIn = {
    isStandIn: true,
    initialize: function (options) {
      config = Object.assign({}, options, { startOnLoad: false });
      if (library) library.then(function (real) { real.initialize(config); });
    },
    render: function (id, text) {
      var asked = onRequest(text);
      return (asked || nearViewport(text)).then(load).then(function (real) { return real.render(id, text); });
    },
  };

  if (!window.mermaid) window.mermaid = standIn;
})();
