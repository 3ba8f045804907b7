/*
 * Checklists remember. A ticked task-list item (quick start, implementation guide, a roadmap's
 * exit criteria) stays ticked after a reload. The ticks live in localStorage under one key, as
 * {"format": "pattern-roadmap-checklists", "version": 1, "pages": {"<path>": {"<item text>": true}}},
 * the same local-first way as the progress tracker: an item is known by its text, so a rebuilt page
 * keeps its ticks; anything unreadable is set aside under a second key (never deleted) and
 * reported above the first checklist, and the readable ticks are kept (common.js).
 */
(() => {
  "use strict";

  const LONGEST = 300; // characters of an item's text kept as its key

  // Storage and its recovery are shared with the progress tracker (common.js).
  const saved = window.prCommon.localStore({
    key: "pattern-roadmap.checklists",
    format: "pattern-roadmap-checklists",
    field: "pages",
    empty: () => ({}),
    clean(pages) {
      const value = {};
      let skipped = 0;
      for (const [path, items] of Object.entries(pages)) {
        if (path.length > 200 || !items || typeof items !== "object" || Array.isArray(items)) {
          skipped += 1;
          continue;
        }
        for (const [text, ticked] of Object.entries(items)) {
          if (ticked === true && text.length <= LONGEST) (value[path] = value[path] || {})[text] = true;
          else skipped += 1;
        }
      }
      return { value, skipped };
    },
    words: {
      saveFailed: "Your browser did not let this site save your ticks; they last only until you leave the page.",
      noStorage: "Your browser does not let this site keep data, so ticks cannot be saved.",
      skipped: (n) => `${n} saved tick${n === 1 ? " was" : "s were"} not understood and left out; the rest are kept.`,
      unreadable: "Saved ticks in this browser were unreadable, so the checklists start empty.",
    },
  });

  const itemText = (box) => box.closest("li").textContent.replace(/\s+/g, " ").trim().slice(0, LONGEST);

  function setup() {
    const boxes = Array.from(document.querySelectorAll(".md-content .task-list-item input[type=checkbox]"));
    if (!boxes.length) return;
    const path = location.pathname;
    const { value: pages, problem } = saved.load();
    const state = { pages, problem };
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
        say(saved.save(state.pages));
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

  window.prCommon.onEachPage(setup);
})();
