/*
 * Selection wizard on /guides/selection-wizard/. Without JavaScript the page is a set of content
 * tabs, one per domain, each listing every answer. With it, a form picks the domain (and selects
 * its tab) and one answer, hides the other answers, and keeps both in the page address
 * (?domain=...&answer=...). Values from the address are checked against the page's own options.
 */
(() => {
  "use strict";

  const PARAMS = ["domain", "answer"];

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
      const query = new URLSearchParams({ domain: domainSelect.value });
      if (answerSelect.value) query.set("answer", answerSelect.value);
      history.replaceState(history.state, "", `${location.pathname}?${query}${location.hash}`);
    };

    // Start from the address, reporting anything that is not one of the page's options.
    const problems = [];
    const params = new URLSearchParams(location.search);
    for (const key of params.keys()) {
      if (!PARAMS.includes(key)) problems.push(`Unknown setting "${key.slice(0, 40)}" was ignored.`);
    }
    const wanted = params.get("domain");
    if (wanted !== null && !domains.some((d) => d.dataset.prDomain === wanted)) {
      problems.push("The domain in the address is not one of the four; showing the first.");
    } else if (wanted !== null) domainSelect.value = wanted;
    fillAnswers();
    const answer = params.get("answer");
    if (answer !== null && !sections(current()).some((s) => s.dataset.prAnswer === answer)) {
      problems.push("The answer in the address does not belong to this domain; showing every answer.");
    } else if (answer !== null) answerSelect.value = answer;
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
    apply(params.has("domain") || params.has("answer"));
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
