/*
 * Catalog filters on /patterns/. Without JavaScript the whole table shows; with it, the filters
 * appear, hide the rows that do not match, and keep their state in the page address so that a
 * filtered view can be shared. The address is read by address.js, with the generator's rules.
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

    // The address's rules are shared with the generator and the wizard (address.js).
    const fields = FIELDS.map((name) => {
      const control = form.elements[name];
      return control.tagName === "SELECT"
        ? { param: name, default: "", values: Array.from(control.options, (o) => o.value) }
        : { param: name, default: "", text: control.maxLength > 0 ? control.maxLength : 80 };
    });
    const { values, problems } = window.prAddress.read(location.search, fields);
    FIELDS.forEach((name) => { form.elements[name].value = values[name]; });
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
      const now = Object.fromEntries(FIELDS.map((name) => [name, form.elements[name].value]));
      window.prAddress.replace(window.prAddress.write(now, fields, { omitEmpty: true }));
    }

    form.addEventListener("input", apply); // selects fire "input" too, so one listener covers every field
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("reset", () => setTimeout(() => {
      message.hidden = true;
      apply();
    }));
    apply();
  }

  window.prCommon.onEachPage(setup);
})();
