/*
 * Fetch the search index after the page has loaded, not while it renders.
 *
 * Material's search asks for search/search_index.json as soon as the page starts up. On a slow
 * mobile connection that download competes with the page itself. This script runs just before
 * Material's bundle and holds back that one request until the page's `load` event and a moment of
 * idle time; every other request goes out untouched. A reader who opens search earlier sees
 * Material's own "Initializing search" until the index arrives.
 */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json(\?|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  function afterLoad(go) {
    var idle = function () {
      if ("requestIdleCallback" in window) window.requestIdleCallback(go, { timeout: 2000 });
      else window.setTimeout(go, 200);
    };
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.prSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (!this.prSearchIndex) return send.apply(this, arguments);
    var request = this;
    var args = arguments;
    afterLoad(function () { send.apply(request, args); });
  };
})();
