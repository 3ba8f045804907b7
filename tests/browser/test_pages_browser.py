"""What a reader does in a browser: read diagrams, navigate instantly, search, all from our own origin."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from support.diagrams import DIAGRAM_SVG, rendered_diagram_nodes
from support.sitebuild import BuiltSite

pytestmark = pytest.mark.browser

def test_diagrams_wait_until_they_near_the_viewport(page: Page, site: BuiltSite) -> None:
    library: list[str] = []
    page.on("request", lambda r: library.append(r.url) if "/vendor/mermaid/" in r.url else None)
    page.set_viewport_size({"width": 800, "height": 600})
    page.goto(site.url + "patterns/circuit-breaker/")
    page.wait_for_load_state("networkidle")
    assert library == []  # the first diagram is below the fold: nothing downloaded yet
    assert rendered_diagram_nodes(page) > 3
    assert library[0].endswith("/mermaid.esm.min.mjs")  # then only the chunks a flowchart needs
    served = sorted(p.name for p in (site.root / "assets" / "vendor" / "mermaid").rglob("*.mjs"))
    assert 1 < len(library) < len(served) / 2


def test_pattern_page_renders_its_diagram_as_svg(page: Page, site: BuiltSite, offsite: list) -> None:
    page.goto(site.url + "patterns/circuit-breaker/")
    assert rendered_diagram_nodes(page) > 3
    svg_text = page.locator(DIAGRAM_SVG).first.text_content() or ""
    assert "Closed" in svg_text and "HalfOpen" in svg_text
    assert offsite == []


def test_instant_navigation_keeps_rendering_diagrams(page: Page, site: BuiltSite, offsite: list) -> None:
    page.goto(site.url + "patterns/circuit-breaker/")
    rendered_diagram_nodes(page)
    page.evaluate("window.__sameDocument = true")
    page.locator("article a[href$='/patterns/timeout/']").first.click()
    expect(page).to_have_url(re.compile(r"/patterns/timeout/(#[\w-]*)?$"))
    expect(page.locator("h1")).to_contain_text("Timeout")
    # The marker survives only if Material swapped the page in place (instant navigation).
    assert page.evaluate("window.__sameDocument === true")
    assert rendered_diagram_nodes(page) > 3
    assert offsite == []


def test_search_finds_a_pattern(page: Page, site: BuiltSite, offsite: list) -> None:
    page.goto(site.url)
    page.keyboard.press("/")  # Material's search shortcut: focus by keyboard, as a reader would
    query = page.locator("input.md-search__input")
    expect(query).to_be_focused()
    page.keyboard.type("bulkhead")  # Material searches on each key, as a reader types
    result = page.locator(".md-search-result__list a[href*='patterns/bulkhead/']").first
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(r"/patterns/bulkhead/"))
    assert offsite == []


@pytest.mark.parametrize("path", ["", "patterns/", "patterns/sharding/", "tags/", "no-such-page/"])
def test_pages_make_no_requests_to_other_hosts(page: Page, site: BuiltSite, offsite: list, path: str) -> None:
    page.goto(site.url + path)
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 4000)  # scroll so anything lazy gets its chance to load
    page.wait_for_load_state("networkidle")
    assert offsite == []


def test_404_page_is_served_for_unknown_paths(page: Page, site: BuiltSite) -> None:
    response = page.goto(site.url + "patterns/not-a-pattern/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_contain_text("404")


@pytest.mark.parametrize(
    "rid", ["startup-to-scale", "monolith-to-microservices", "global-scale", "scale", "enterprise"]
)
def test_roadmap_timeline_draws_without_mermaid_and_downloads_have_their_types(
    page: Page, site: BuiltSite, offsite: list, rid: str
) -> None:
    library: list[str] = []
    page.on("request", lambda r: library.append(r.url) if "/vendor/mermaid/" in r.url else None)
    page.goto(site.url + f"roadmaps/{rid}/")
    bars = page.locator(".pr-gantt__bar")
    assert bars.count() > 5
    first, last = bars.first.bounding_box(), bars.last.bounding_box()
    assert first and last and first["width"] > 5 and last["x"] > first["x"]  # later steps start further right
    page.wait_for_load_state("networkidle")
    assert library == []  # the timeline needs no diagram library
    xlsx = page.request.get(site.url + f"roadmaps/downloads/{rid}.xlsx")
    assert xlsx.ok and xlsx.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert xlsx.body()[:2] == b"PK"
    csv_file = page.request.get(site.url + f"roadmaps/downloads/{rid}.csv")
    assert csv_file.ok and csv_file.headers["content-type"].startswith("text/csv")
    assert offsite == []


def test_the_category_maps_are_drawn_when_the_reader_asks(page: Page, site: BuiltSite, offsite: list) -> None:
    """The maps page loads without mermaid's layout work (Lighthouse counted it as blocking time);
    each map is drawn from its button."""
    modules: list[str] = []
    page.on("request", lambda r: modules.append(r.url) if "/vendor/mermaid/" in r.url else None)
    page.goto(site.url + "patterns/maps/", wait_until="networkidle")
    button = page.get_by_role("button", name="Draw the core architecture map")
    expect(button).to_be_visible()
    assert page.locator("div.mermaid svg").count() == 0 and modules == []
    button.click()
    expect(page.locator(".tabbed-block").first.locator("div.mermaid svg")).to_be_visible()
    assert "Anti-Corruption Layer" in (page.locator("div.mermaid svg").first.text_content() or "")
    assert offsite == []
