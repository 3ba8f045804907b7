"""The catalog in Chromium: filters (and their shareable address), hostile queries, relationship maps."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from pattern_roadmap.domain.catalog import load_catalog
from support.dataset import lazy
from support.diagrams import rendered_diagram_nodes
from support.sitebuild import BuiltSite

pytestmark = pytest.mark.browser
CATALOG = lazy(load_catalog)
ROWS = "[data-pr-catalog] tbody tr"


def visible_ids(page: Page) -> list[str]:
    return page.locator(f"{ROWS}:visible td:first-child a").evaluate_all(
        "links => links.map(a => a.getAttribute('href').replace(/\\/$/, '').split('/').pop())"
    )


def test_filters_narrow_the_table_and_go_into_the_address(page: Page, site: BuiltSite, offsite: list) -> None:
    page.goto(site.url + "patterns/")
    expect(page.locator("[data-pr-catalog-filter]")).to_be_visible()
    assert len(visible_ids(page)) == len(CATALOG.patterns)
    page.select_option("#pr-filter-category", "resilience")
    page.select_option("#pr-filter-tier", "gold")
    expected = sorted(
        p.id for p in CATALOG.patterns.values() if p.category.value == "resilience" and p.tier.value == "gold"
    )
    assert sorted(visible_ids(page)) == expected
    expect(page.locator(".pr-catalog__group:visible")).to_have_count(1)  # the other categories' tables hide
    expect(page).to_have_url(re.compile(r"category=resilience&tier=gold"))
    expect(page.locator(".pr-filter__status")).to_contain_text(f"{len(expected)} of {len(CATALOG.patterns)}")
    page.fill("#pr-filter-q", "breaker")  # the name, and other patterns' problem or solution text
    expect(page.locator("[data-pr-catalog] tbody tr:visible")).to_have_count(2)
    assert sorted(visible_ids(page)) == ["circuit-breaker", "retry-with-backoff"]
    page.fill("#pr-filter-q", "half-open")  # only in the circuit breaker's solution
    expect(page.locator("[data-pr-catalog] tbody tr:visible")).to_have_count(1)
    assert visible_ids(page) == ["circuit-breaker"]
    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator(".pr-filter__status")).to_contain_text(f"All {len(CATALOG.patterns)}")
    assert offsite == []


def test_a_shared_filtered_address_opens_filtered(page: Page, site: BuiltSite) -> None:
    page.goto(site.url + "patterns/?challenge=consistency&complexity=high")
    expect(page.locator("#pr-filter-challenge")).to_have_value("consistency")
    expected = sorted(
        p.id
        for p in CATALOG.patterns.values()
        if p.complexity.value == "high" and "consistency" in {c.value for c in p.answers.challenges}
    )
    assert expected and sorted(visible_ids(page)) == expected


def test_a_hostile_query_is_reported_and_ignored(page: Page, site: BuiltSite) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site.url + "patterns/?tier=%3Cscript%3Ealert(1)%3C/script%3E&%22%3E%3Cimg%20src=x%3E=1&q=%3Cb%3Ex")
    message = page.locator(".pr-filter__message")
    expect(message).to_be_visible()
    expect(message).to_contain_text('Parameter "tier" has an unknown value')
    expect(message).to_contain_text("Unknown parameter")
    expect(page.locator("#pr-filter-tier")).to_have_value("")
    expect(page.locator("#pr-filter-q")).to_have_value("<b>x")  # kept as text in the box, matches nothing
    assert visible_ids(page) == []
    assert page.locator(".pr-filter img, .pr-filter b, .pr-catalog script").count() == 0
    assert dialogs == []


def test_filters_work_by_keyboard(page: Page, site: BuiltSite) -> None:
    page.goto(site.url + "patterns/")
    page.locator("#pr-filter-q").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#pr-filter-category")).to_be_focused()
    page.keyboard.press("ArrowDown")  # the first category
    first = page.locator("#pr-filter-category").input_value()
    shown = visible_ids(page)
    assert first and 0 < len(shown) < len(CATALOG.patterns)
    assert all(CATALOG.get(pid).category.value == first for pid in shown)


def test_relationship_map_renders(page: Page, site: BuiltSite, offsite: list) -> None:
    page.goto(site.url + "patterns/saga/")
    rendered_diagram_nodes(page)
    maps = page.locator("div.mermaid svg")
    expect(maps).to_have_count(2)  # the page's own diagram, then its relationship map
    names = maps.nth(1).text_content() or ""
    for q in CATALOG.get("saga").prerequisites:
        assert CATALOG.get(q).name in names
    assert offsite == []


@pytest.mark.parametrize("tier", ["gold", "silver", "bronze"])
def test_browse_by_tier_opens_the_catalog_filtered_with_each_category_captioned(
    page: Page, site: BuiltSite, tier: str
) -> None:
    page.goto(site.url)
    page.locator(f'a[href$="patterns/?tier={tier}"]').click()  # instant navigation makes hrefs absolute
    expect(page.locator("#pr-filter-tier")).to_have_value(tier)
    ids = visible_ids(page)
    assert ids and sorted(ids) == sorted(p.id for p in CATALOG.patterns.values() if p.tier.value == tier)
    shown = page.locator(".pr-catalog__group:visible caption").all_text_contents()  # far groups are not painted
    categories = {p.category for p in CATALOG.patterns.values() if p.tier.value == tier}
    assert len(shown) == len(categories) and all(shown), shown  # one caption per category shown


def test_progress_badges_are_readable(page: Page, site: BuiltSite) -> None:
    page.goto(site.url + "patterns/")
    stored = '{"format": "pattern-roadmap-progress", "version": 1, "patterns": {"saga": {"status": "piloting"}}}'
    page.evaluate("(v) => localStorage.setItem('pattern-roadmap.progress', v)", stored)
    page.reload()
    badge = page.locator(".pr-progress-badge").first
    expect(badge).to_have_text("Piloting")
    assert float(badge.evaluate("(b) => parseFloat(getComputedStyle(b).fontSize)")) >= 12


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("split brain", {"consensus", "majority-quorum"}),  # in their trade-offs
        ("circuit breaker pattern", {"circuit-breaker"}),  # an alias (AWS Prescriptive Guidance's name)
        ("poison", {"dead-letter-queue"}),  # in its problem text
    ],
)
def test_the_text_filter_matches_aliases_and_problem_text(
    page: Page, site: BuiltSite, query: str, expected: set[str]
) -> None:
    page.goto(site.url + "patterns/")
    page.fill("#pr-filter-q", query)
    expect(page.locator(".pr-filter__status")).not_to_have_text(f"All {len(CATALOG.patterns)} patterns.")
    page.wait_for_function(
        "(ids) => ids.every((id) => Array.from(document.querySelectorAll('[data-pr-catalog] tbody tr:not([hidden]) a'))"
        ".some((a) => a.href.replace(/\\/$/, '').endsWith('/' + id)))",
        arg=sorted(expected),
    )
    assert expected <= set(visible_ids(page))
