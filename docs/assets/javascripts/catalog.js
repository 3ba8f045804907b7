/*
 * Catalog filters on /patterns/. Without JavaScript the whole table shows; with it, the filters
 * appear, hide the rows that do not match, and keep their state in the page address so that a
 * filtered view can be shared. Values from the address are checked against the form's options.
 */
(() => {
  "use strict";

  const FIELDS = ["q", "category", "tier", "complexity", "challenge"];
  // Each row carries data-c (category), data-t (tier), data-x (complexity), data-a (challenges).

  function setup() {
    const form = document.querySelector("[data-pr-catalog-filter]");
    const table = document.querySelector("[data-pr-catalog]");
    if (!form || !table) return;
    const rows = Array.from(table.querySelectorAll("tbody tr"));
    const status = form.querySelector(".pr-filter__status");
    const message = form.querySelector(".pr-filter__message");
    const texts = rows.map((row) => row.textContent.toLowerCase());
    // Each row's pattern id: the last segment of its link (instant navigation makes links absolute).
    const ids = rows.map((row) => new URL(row.querySelector("a").href).pathname.split("/").filter(Boolean).pop());
    let more = null; // aliases, problem, solution and trade-offs, fetched when a query is first typed
    const widen = () => {
      if (more) return;
      more = fetch(new URL(table.dataset.prFilterText, location.href)).then((r) => r.json()).then((data) => {
        ids.forEach((id, i) => {
          if (typeof data[id] === "string") texts[i] += " " + data[id].toLowerCase();
        });
        apply();
      }).catch(() => { /* the rows' own text still filters */ });
    };
    form.hidden = false;

    const problems = [];
    const params = new URLSearchParams(location.search);
    for (const [key, value] of params) {
      const control = FIELDS.includes(key) ? form.elements[key] : null;
      const shown = key.length > 40 ? key.slice(0, 40) + "..." : key;
      if (!control) problems.push(`Unknown filter "${shown}" was ignored.`);
      else if (control.tagName === "SELECT" && !Array.from(control.options).some((o) => o.value === value)) {
        problems.push(`Filter "${shown}" has an unknown value; showing all.`);
      } else control.value = value.slice(0, 80);
    }
    message.textContent = problems.join(" ");
    message.hidden = !problems.length;

    function apply() {
      const q = form.elements.q.value.trim().toLowerCase();
      if (q) widen();
      const want = (name) => form.elements[name].value;
      let shown = 0;
      rows.forEach((row, i) => {
        const match = (!q || texts[i].includes(q)) &&
          (!want("category") || row.dataset.c === want("category")) &&
          (!want("tier") || row.dataset.t === want("tier")) &&
          (!want("complexity") || row.dataset.x === want("complexity")) &&
          (!want("challenge") || row.dataset.a.split(" ").includes(want("challenge")));
        row.hidden = !match;
        shown += match ? 1 : 0;
      });
      // A category with no matching row disappears, header and all.
      table.querySelectorAll(".pr-catalog__group").forEach((group) => {
        group.hidden = !group.querySelector("tbody tr:not([hidden])");
      });
      status.textContent = shown === rows.length ? `All ${rows.length} patterns.` : `${shown} of ${rows.length} patterns.`;
      const query = new URLSearchParams();
      FIELDS.forEach((name) => { if (form.elements[name].value) query.set(name, form.elements[name].value); });
      const search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }

    form.addEventListener("input", apply); // selects fire "input" too, so one listener covers every field
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("reset", () => setTimeout(() => {
      message.hidden = true;
      apply();
    }));
    apply();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
