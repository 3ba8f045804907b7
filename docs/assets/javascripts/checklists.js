/*
 * Checklists remember. A ticked task-list item (quick start, implementation guide, a roadmap's
 * exit criteria) stays ticked after a reload. The ticks live in localStorage under one key, as
 * {"format": "pattern-roadmap-checklists", "version": 1, "pages": {"<path>": {"<item text>": true}}},
 * the same local-first way as the progress tracker: an item is known by its text, so a rebuilt page
 * keeps its ticks; anything unreadable is set aside under a second key (never deleted) and
 * reported above the first checklist, and the readable ticks are kept.
 */
(() => {
  "use strict";

  const KEY = "pattern-roadmap.checklists";
  const ASIDE = KEY + ".unreadable";
  const FORMAT = "pattern-roadmap-checklists";
  const LONGEST = 300; // characters of an item's text kept as its key

  function clean(data) {
    const pages = {};
    let skipped = 0;
    const ok = !!data && typeof data === "object" && data.format === FORMAT && data.version === 1 &&
      !!data.pages && typeof data.pages === "object" && !Array.isArray(data.pages);
    if (!ok) return { ok, pages, skipped };
    for (const [path, items] of Object.entries(data.pages)) {
      if (path.length > 200 || !items || typeof items !== "object" || Array.isArray(items)) {
        skipped += 1;
        continue;
      }
      for (const [text, ticked] of Object.entries(items)) {
        if (ticked === true && text.length <= LONGEST) (pages[path] = pages[path] || {})[text] = true;
        else skipped += 1;
      }
    }
    return { ok, pages, skipped };
  }

  function store(pages) {
    try {
      localStorage.setItem(KEY, JSON.stringify({ format: FORMAT, version: 1, pages }));
      return "";
    } catch {
      return "Your browser did not let this site save your ticks; they last only until you leave the page.";
    }
  }

  function load() {
    let raw = null;
    try {
      raw = localStorage.getItem(KEY);
    } catch {
      return { pages: {}, problem: "Your browser does not let this site keep data, so ticks cannot be saved." };
    }
    if (raw === null) return { pages: {}, problem: "" };
    let data;
    try {
      data = JSON.parse(raw);
    } catch {
      data = undefined;
    }
    const { ok, pages, skipped } = clean(data);
    if (ok && !skipped) return { pages, problem: "" };
    try {
      localStorage.setItem(ASIDE, raw);
      store(pages); // only once the original is safe
    } catch { /* the original stays where it was if it cannot be copied */ }
    const problem = ok
      ? `${skipped} saved tick${skipped === 1 ? " was" : "s were"} not understood and left out; the rest are kept.`
      : "Saved ticks in this browser were unreadable, so the checklists start empty.";
    return { pages, problem: problem + ` The original is kept under "${ASIDE}" in this site's storage.` };
  }

  const itemText = (box) => box.closest("li").textContent.replace(/\s+/g, " ").trim().slice(0, LONGEST);

  function setup() {
    const boxes = Array.from(document.querySelectorAll(".md-content .task-list-item input[type=checkbox]"));
    if (!boxes.length) return;
    const path = location.pathname;
    const state = load();
    let message = null; // made below, above the first checklist
    const say = (text) => {
      message.textContent = text;
      message.hidden = !text;
    };
    const ticked = state.pages[path] || {};
    for (const box of boxes) {
      box.checked = ticked[itemText(box)] === true;
      box.addEventListener("change", () => {
        if (box.checked) ticked[itemText(box)] = true;
        else delete ticked[itemText(box)];
        if (Object.keys(ticked).length) state.pages[path] = ticked;
        else delete state.pages[path];
        say(store(state.pages));
      });
    }
    const first = boxes[0].closest("ul");
    message = document.querySelector(".pr-checklist-message");
    if (!message) {
      message = document.createElement("p");
      message.className = "pr-checklist-message";
      message.setAttribute("role", "alert");
      first.before(message);
    }
    say(state.problem);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
