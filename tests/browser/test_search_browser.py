"""Search as a reader uses it: Material's search box and keys, answered by Pagefind, loaded only
when the reader searches, finding the right page for the words people actually type."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from support.sitebuild import BuiltSite

pytestmark = pytest.mark.browser

# (what a reader types, the page that must be among the first three results). The first four
# are the issue's; the rest are the terms engineers use for the problems the catalog answers.
QUERIES = [
    ("idempotency key", "patterns/idempotency/"),
    ("kafka outbox", "patterns/transactional-outbox/"),
    ("poison message", "patterns/dead-letter-queue/"),
    ("cold start", "patterns/serverless/"),
    ("split brain", "patterns/majority-quorum/"),
    ("retry storm", "patterns/retry-with-backoff/"),
    ("thundering herd", "patterns/request-coalescing/"),
    ("cache stampede", "patterns/request-coalescing/"),
    ("mtls", "patterns/mutual-tls/"),
    ("noisy neighbour", "patterns/tenant-isolation/"),
    ("fencing token", "patterns/distributed-lock/"),
    ("two phase commit", "patterns/two-phase-commit/"),
    ("postmortem", "patterns/incident-response/"),
    ("restore drill", "patterns/backup-restore/"),
    ("cost allocation", "patterns/cost-visibility/"),
    ("error budget", "patterns/slo-error-budgets/"),
    ("schema evolution", "patterns/schema-registry/"),
    ("hot partition", "patterns/sharding/"),
    ("backpressure", "patterns/load-shedding/"),
    ("blue green", "patterns/blue-green-deployment/"),
]
RESULT_LINKS = ".md-search-result__item > a.md-search-result__link"


def search(page: Page, query: str) -> list[str]:
    """Type a query into Material's search box as a reader does; the result pages, in order."""
    page.keyboard.press("/")  # Material's shortcut: focus the search box
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.fill("")
    page.keyboard.type(query)  # Material asks on each key up
    # The results are this query's once their links carry its words (Material's ?h= highlight).
    words = re.escape(urlencode({"h": " ".join(query.lower().split())}))
    expect(page.locator(RESULT_LINKS).first).to_have_attribute("href", re.compile(rf"\?{words}(#|$)"))
    hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    return [href.lstrip("/") for href in hrefs]


def test_each_query_finds_its_page_among_the_first_three(page: Page, site: BuiltSite) -> None:
    page.goto(site.url)
    misses = {}
    for query, expected in QUERIES:
        found = search(page, query)
        if expected not in found[:3]:
            misses[query] = found[:3]
    assert misses == {}


def test_search_loads_nothing_until_the_reader_searches(page: Page, site: BuiltSite) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site.url + "patterns/saga/")
    page.wait_for_load_state("networkidle")
    assert [url for url in fetched if "/pagefind/" in url] == []
    assert "patterns/saga/" in search(page, "compensating transaction")[:3]
    assert any(url.endswith("/pagefind/pagefind.js") for url in fetched)


def test_keyboard_alone_reaches_a_result(page: Page, site: BuiltSite) -> None:
    page.goto(site.url)
    assert search(page, "bulkhead")[0] == "patterns/bulkhead/"
    page.keyboard.press("ArrowDown")  # Material moves the focus into the results
    expect(page.locator(RESULT_LINKS).first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/patterns/bulkhead/\?h=bulkhead"))
    # Material highlights the query's words on the page it opens (its search.highlight feature).
    expect(page.locator("article.md-content__inner h1 mark")).to_have_text("Bulkhead")


def test_results_show_page_text_as_text(page: Page, site: BuiltSite) -> None:
    """A config snippet with '<' in it is shown as text, and results hold only Material's markup."""
    page.goto(site.url)
    assert search(page, "severity_number_info")[0] == "patterns/log-aggregation/"
    first = page.locator(".md-search-result__item").first
    expect(first.locator("article p").first).to_contain_text("severity_number < ")
    tags = page.locator(".md-search-result__list *").evaluate_all("els => [...new Set(els.map(e => e.localName))]")
    material = {"li", "a", "article", "div", "h1", "h2", "p", "mark", "details", "summary", "del", "nav", "span"}
    assert set(tags) <= material
