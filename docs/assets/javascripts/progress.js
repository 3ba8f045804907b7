/*
 * Progress tracker. The reader's status per pattern lives in localStorage under one key, as
 * {"format": "pattern-roadmap-progress", "version": 1, "patterns": {"<id>": {"status", "updated"}}}.
 * It is shown and edited on /guides/progress/ and on each pattern page, and shown in the catalog.
 * Anything unreadable in storage is set aside under a second key (never deleted) and reported;
 * the readable entries are kept (common.js). Imports are checked the same way and merged; a bad
 * file changes nothing. Every value is written with textContent, never as HTML.
 */
(() => {
  "use strict";

  const FORMAT = "pattern-roadmap-progress";
  const STATES = { planned: "Planned", piloting: "Piloting", production: "In production", verified: "Verified" };
  const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  const DAY = /^\d{4}-\d{2}-\d{2}$/;

  // Storage and its recovery are shared with the checklists (common.js); this says what an entry is.
  const saved = window.prCommon.localStore({
    key: "pattern-roadmap.progress",
    format: FORMAT,
    field: "patterns",
    empty: () => ({}),
    clean(patterns) {
      const value = {};
      let skipped = 0;
      for (const [id, entry] of Object.entries(patterns)) {
        const status = entry && typeof entry === "object" ? entry.status : undefined;
        if (ID.test(id) && id.length <= 60 && Object.hasOwn(STATES, status)) {
          value[id] = { status, updated: DAY.test(entry.updated) ? entry.updated : "" };
        } else skipped += 1;
      }
      return { value, skipped };
    },
    words: {
      saveFailed: "Your browser did not let this site save your progress; changes last only until you leave the page.",
      noStorage: "Your browser does not let this site keep data, so progress cannot be saved.",
      skipped: (n) => `${n} saved entr${n === 1 ? "y was" : "ies were"} not understood and left out; the rest is kept.`,
      unreadable: "Saved progress in this browser was unreadable, so the tracker started empty.",
    },
  });
  const store = saved.save;

  const today = () => new Date().toISOString().slice(0, 10);

  function statusSelect(id, entries, onChange) {
    const select = document.createElement("select");
    select.id = "pr-progress-" + id;
    select.add(new Option("Not started", ""));
    for (const [value, label] of Object.entries(STATES)) select.add(new Option(label, value));
    select.value = entries[id] ? entries[id].status : "";
    select.addEventListener("change", () => {
      if (select.value) entries[id] = { status: select.value, updated: today() };
      else delete entries[id];
      onChange(store(entries));
    });
    return select;
  }

  function show(element, text) {
    element.textContent = text;
    element.hidden = !text;
  }

  function patternPage(widget, state) {
    const id = widget.dataset.prProgress;
    const message = widget.querySelector("[role=alert]");
    const select = statusSelect(id, state.entries, (problem) => show(message, problem));
    widget.querySelector("label").after(select);
    widget.removeAttribute("data-pending");
    show(message, state.problem);
  }

  function catalog(table, state) {
    for (const link of table.querySelectorAll("tbody tr td:first-child a")) {
      // Material's instant navigation makes links absolute: the id is the last path segment.
      const entry = state.entries[new URL(link.href).pathname.split("/").filter(Boolean).pop()];
      if (!entry) continue;
      const badge = document.createElement("span");
      badge.className = "pr-progress-badge";
      badge.textContent = STATES[entry.status];
      link.after(" ", badge);
    }
  }

  function tracker(table, tools, state) {
    const rows = Array.from(table.tBodies[0].rows);
    const known = new Set(rows.map((row) => row.dataset.pattern));
    const summary = tools.querySelector("[role=status]");
    const message = tools.querySelector("[role=alert]");
    const count = () => {
      const counts = Object.keys(STATES).map((s) => [s, 0]);
      let total = 0;
      for (const [id, entry] of Object.entries(state.entries)) {
        if (!known.has(id)) continue;
        total += 1;
        counts.find(([s]) => s === entry.status)[1] += 1;
      }
      const parts = counts.filter(([, n]) => n).map(([s, n]) => `${n} ${STATES[s].toLowerCase()}`);
      summary.textContent = `${total} of ${rows.length} patterns tracked` + (parts.length ? `: ${parts.join(", ")}.` : ".");
    };
    const changed = (problem) => {
      show(message, problem);
      count();
    };
    const selects = rows.map((row) => {
      const select = statusSelect(row.dataset.pattern, state.entries, changed);
      select.setAttribute("aria-label", "Status of " + row.cells[0].textContent);
      row.cells[3].replaceChildren(select);
      return select;
    });
    const refresh = () => selects.forEach((s, i) => {
      const entry = state.entries[rows[i].dataset.pattern];
      s.value = entry ? entry.status : "";
    });

    tools.querySelector("[data-pr-progress-export]").addEventListener("click", () => {
      const body = JSON.stringify({ format: FORMAT, version: 1, exported: today(), patterns: state.entries }, null, 2);
      window.prCommon.download(body, `pattern-progress-${today()}.json`, "application/json");
    });

    const input = tools.querySelector("[data-pr-progress-import]");
    input.addEventListener("change", async () => {
      const file = input.files[0];
      input.value = "";
      if (!file) return;
      if (file.size > 1048576) return changed("That file is larger than 1 MB, so it is not a progress export. Nothing changed.");
      let data;
      try {
        data = JSON.parse(await file.text());
      } catch {
        return changed("That file is not valid JSON. Nothing changed.");
      }
      const result = saved.understand(data);
      if (!result.ok) return changed("That file is not a progress export from this site. Nothing changed.");
      let imported = 0;
      let unknown = result.skipped;
      for (const [id, entry] of Object.entries(result.value)) {
        if (known.has(id)) {
          state.entries[id] = entry;
          imported += 1;
        } else unknown += 1;
      }
      refresh();
      const problem = store(state.entries);
      const note = unknown ? ` ${unknown} entr${unknown === 1 ? "y" : "ies"} not understood or not in this catalog were skipped.` : "";
      changed(problem || `Imported ${imported} pattern${imported === 1 ? "" : "s"}.${note}`);
    });

    tools.querySelector("[data-pr-progress-clear]").addEventListener("click", () => {
      if (!window.confirm("Clear your progress on every pattern? Export it first if you may want it back.")) return;
      for (const id of Object.keys(state.entries)) if (known.has(id)) delete state.entries[id];
      refresh();
      changed(store(state.entries) || "Progress cleared.");
    });

    tools.hidden = false;
    changed(state.problem);
  }

  function setup() {
    const widget = document.querySelector("[data-pr-progress]");
    const list = document.querySelector("[data-pr-catalog]");
    const table = document.querySelector("[data-pr-progress-table]");
    if (!widget && !list && !table) return;
    const { value: entries, problem } = saved.load();
    const state = { entries, problem };
    if (widget) patternPage(widget, state);
    if (list) catalog(list, state);
    if (table) tracker(table, document.querySelector("[data-pr-progress-tools]"), state);
  }

  window.prCommon.onEachPage(setup);
})();
