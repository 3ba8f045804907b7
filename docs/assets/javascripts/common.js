/*
 * What the site's page scripts share (window.prCommon; tests/js loads it in Node):
 * - onEachPage(setup): run a page script's setup on every page view, including Material's instant
 *   navigation (its document$), or once on load without it;
 * - download(text, name, type): save a generated file (a plan, a progress export);
 * - localStore({ key, format, clean, words }): local-first storage of one JSON document, shared by
 *   the progress tracker and the checklists. A stored value that cannot be read, or that holds
 *   entries that cannot be understood, is set aside under "<key>.unreadable" (never deleted), the
 *   readable part is kept, and load() says so in words the page shows as text.
 */
(function (root, factory) {
  "use strict";
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.prCommon = api;
})(typeof self !== "undefined" ? self : this, () => {
  "use strict";

  function onEachPage(setup) {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
    else document.addEventListener("DOMContentLoaded", setup);
  }

  function download(text, name, type) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type }));
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  /*
   * key: the storage key; format: the document's "format" field (version 1); clean(data): for the
   * document's body (data[field]) returns { value, skipped }, the entries it understood and how many
   * it did not; field: the body's name; empty(): a fresh body; words: the sentences to show.
   * storage: window.localStorage unless given (tests pass their own).
   */
  function localStore({ key, format, field, clean, empty, words, storage }) {
    const aside = key + ".unreadable";
    const area = () => storage || window.localStorage;

    /* A parsed document (stored, or a file the reader imports): is it ours, and what of it is readable? */
    function understand(data) {
      const body = data && typeof data === "object" ? data[field] : undefined;
      const ok = !!data && typeof data === "object" && data.format === format && data.version === 1 &&
        !!body && typeof body === "object" && !Array.isArray(body);
      return ok ? { ok, ...clean(body) } : { ok, value: empty(), skipped: 0 };
    }

    function save(value) {
      try {
        area().setItem(key, JSON.stringify({ format, version: 1, [field]: value }));
        return "";
      } catch {
        return words.saveFailed;
      }
    }

    function load() {
      let raw = null;
      try {
        raw = area().getItem(key);
      } catch {
        return { value: empty(), problem: words.noStorage };
      }
      if (raw === null) return { value: empty(), problem: "" };
      let data;
      try {
        data = JSON.parse(raw);
      } catch {
        data = undefined;
      }
      const { ok, value, skipped } = understand(data);
      if (ok && !skipped) return { value, problem: "" };
      const problem = ok ? words.skipped(skipped) : words.unreadable;
      let kept = key; // where the original stays: moved aside only into a free place, then replaced
      try {
        const place = [aside, aside + ".2", aside + ".3"].find((k) => [null, raw].includes(area().getItem(k)));
        if (place) {
          area().setItem(place, raw);
          kept = place;
          save(value); // only once the original is safe: then the problem is reported once
        }
      } catch { /* the original stays where it was if it cannot be copied */ }
      return { value, problem: problem + ` The original is kept under "${kept}" in this site's storage.` };
    }

    return { load, save, understand, aside };
  }

  return { onEachPage, download, localStore };
});
