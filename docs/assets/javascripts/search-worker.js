/*
 * Site search: Material's search box, shortcuts and result list, answered by Pagefind.
 *
 * Material's bundle starts this file as its search worker (hooks/pattern_roadmap/postbuild/search.py points Material's
 * configuration here) and talks to it in Material's worker messages: SETUP (answered with READY at
 * once, since nothing is loaded yet), then QUERY with the text typed, answered with RESULT. The
 * Pagefind index (built by postbuild/search.py into /pagefind/) is loaded on the first query, so
 * no page pays for search until its reader searches; each query then fetches only the index
 * chunks and page fragments it needs.
 *
 * Material shows a result's title and text as HTML. Titles are escaped here; Pagefind's excerpts
 * are escaped text with <mark> around the matched words, and are re-escaped here except for
 * those marks, so that no page text is ever read as markup.
 */
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;
const SHOWN = 8; // results whose page fragment is fetched and shown
const SECTIONS = 3; // sections listed under a result
const SETTLE_MS = 180; // Material asks on every key; search once the typing pauses

let pagefind = null; // a promise of the loaded module, made on the first query
let latest = 0; // the newest query; an older one's answer is dropped

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Pagefind escapes page text in its excerpts; decode that, then escape everything but the marks.
function markedText(excerpt) {
  const decoded = String(excerpt || "").split(/(<\/?mark>)/);
  return decoded
    .map((part) => (part === "<mark>" || part === "</mark>" ? part : escapeHtml(decodeEntities(part))))
    .join("");
}

function decodeEntities(text) {
  return text
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'").replace(/&amp;/g, "&");
}

// Pagefind's URLs start at the site's root ("/patterns/saga/"); Material resolves a result's
// location against the site's base, so the leading slash goes.
function siteLocation(url) {
  return String(url).replace(/^\/+/, "");
}

function item(found, terms, score) {
  return { location: siteLocation(found.url), title: escapeHtml(found.title), text: `<p>${markedText(found.excerpt)}</p>`, score, terms };
}

// One Material result: the page first, then its best sections (scored below the page, so that
// Material shows the page's excerpt and folds the sections under "more on this page").
function group(data, terms, score) {
  const page = item({ url: data.url, title: data.meta.title, excerpt: data.excerpt }, terms, score);
  const sections = (data.sub_results || [])
    .filter((sub) => sub.url.includes("#"))
    .slice(0, SECTIONS)
    .map((sub) => item(sub, terms, score / 2));
  return [page, ...sections];
}

function load() {
  if (pagefind === null) {
    pagefind = import(new URL("../../pagefind/pagefind.js", self.location.href).href).then(async (module) => {
      await module.options({ baseUrl: "/" });
      return module;
    });
  }
  return pagefind;
}

async function answer(query) {
  const id = ++latest;
  const text = String(query).trim();
  if (!text) {
    self.postMessage({ type: RESULT, data: { items: [] } });
    return;
  }
  const module = await load(); // the first query loads Pagefind while the reader types on
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  if (id !== latest) return;
  const found = await module.search(text);
  const shown = (found && found.results ? found.results : []).slice(0, SHOWN);
  const data = await Promise.all(shown.map((result) => result.data()));
  if (id !== latest) return;
  const terms = Object.fromEntries(text.toLowerCase().split(/\s+/).filter(Boolean).map((word) => [word, true]));
  const items = data.map((page, index) => group(page, terms, shown[index].score));
  self.postMessage({ type: RESULT, data: { items } });
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === SETUP) {
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    answer(message.data).catch((error) => {
      // Say so in the console and show no results, rather than leave the list spinning.
      console.error("Search failed:", error);
      self.postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});
