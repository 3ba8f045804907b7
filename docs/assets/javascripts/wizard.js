/*
 * Selection wizard on /guides/selection-wizard/. Without JavaScript the page is a set of content
 * tabs, one per domain, each listing every answer. With it, a form picks the domain (and selects
 * its tab) and one answer, hides the other answers, and keeps both in the page address
 * (?domain=...&answer=...), read by address.js with the same rules as the generator and catalog.
 */
(() => {
  "use strict";

  function setup() {
    const form = document.querySelector("[data-pr-wizard]");
    if (!form) return;
    const domains = Array.from(document.querySelectorAll("[data-pr-domain]"));
    const set = domains.length ? domains[0].closest(".tabbed-set") : null;
    if (!set) return;
    const tabs = Array.from(set.querySelectorAll(":scope > input[type=radio]"));
    const { domain: domainSelect, answer: answerSelect } = form.elements;
    const question = form.querySelector("[data-pr-wizard-question]");
    const status = form.querySelector("[role=status]");
    const message = form.querySelector("[role=alert]");
    const sections = (d) => Array.from(d.querySelectorAll("[data-pr-answer]"));
    const current = () => domains.find((d) => d.dataset.prDomain === domainSelect.value);

    const fillAnswers = () => {
      const d = current();
      question.textContent = d.dataset.prQuestion;
      answerSelect.replaceChildren(new Option("Show every answer", ""));
      for (const s of sections(d)) answerSelect.add(new Option(s.dataset.prLabel, s.dataset.prAnswer));
    };

    const apply = (push) => {
      const d = current();
      const index = domains.indexOf(d);
      if (tabs[index] && !tabs[index].checked) tabs[index].click();
      let shown = null;
      for (const s of sections(d)) {
        s.hidden = !!answerSelect.value && s.dataset.prAnswer !== answerSelect.value;
        if (!s.hidden && answerSelect.value) shown = s;
      }
      const name = domainSelect.options[domainSelect.selectedIndex].text;
      status.textContent = shown
        ? `Showing the stack for ${name}, "${shown.dataset.prLabel}".`
        : `Showing every answer for ${name}.`;
      if (!push) return;
      const now = { domain: domainSelect.value, answer: answerSelect.value };
      window.prAddress.replace(window.prAddress.write(now, fields, { omitEmpty: true }));
    };

    // Start from the address (address.js: the generator's and the catalog's rules). The answers
    // allowed depend on the domain read before them.
    const fields = [
      { param: "domain", default: domains[0].dataset.prDomain, values: domains.map((d) => d.dataset.prDomain) },
      {
        param: "answer", default: "",
        values: (read) => sections(domains.find((d) => d.dataset.prDomain === read.domain)).map((s) => s.dataset.prAnswer),
      },
    ];
    const { values, problems, present } = window.prAddress.read(location.search, fields);
    domainSelect.value = values.domain;
    fillAnswers();
    answerSelect.value = values.answer;
    message.textContent = problems.join(" ");
    message.hidden = !problems.length;

    domainSelect.addEventListener("change", () => {
      fillAnswers();
      apply(true);
    });
    answerSelect.addEventListener("change", () => apply(true));
    // A reader who clicks a tab directly moves the form with it.
    tabs.forEach((tab, index) => tab.addEventListener("change", () => {
      if (!tab.checked || domainSelect.value === domains[index].dataset.prDomain) return;
      domainSelect.value = domains[index].dataset.prDomain;
      fillAnswers();
      apply(true);
    }));
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
    apply(present);
  }

  window.prCommon.onEachPage(setup);
})();
