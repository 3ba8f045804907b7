"""Phones: at 390 px no page of the sitemap scrolls sideways, and wide tables stack or wrap."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from support.sitebuild import BuiltSite

pytestmark = pytest.mark.browser

WIDTH = 390
# What sticks out of the viewport, for the failure message: the widest elements inside <main>.
WIDEST = """(width) => Array.from(document.querySelectorAll('.md-content *'))
  .filter((e) => e.getBoundingClientRect().right > width + 1 && e.offsetParent !== null)
  .filter((e) => !e.closest('.md-typeset__scrollwrap, pre, .mermaid, .pr-gantt-wrap'))
  .slice(0, 3).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def sitemap_paths(site: BuiltSite) -> list[str]:
    xml = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    return [urlsplit(loc).path.lstrip("/") for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


def test_no_page_scrolls_sideways_on_a_390px_phone(page: Page, site: BuiltSite) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 844})
    wide = {}
    paths = sitemap_paths(site)
    assert len(paths) > 150
    for path in paths:
        page.goto(site.url + path, wait_until="load")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > WIDTH:
            wide[path] = (scroll, page.evaluate(WIDEST, WIDTH))
    assert wide == {}


# Every cell of these tables is within the screen: the facts, the catalog and the tracker stack.
CELLS = """(width) => Array.from(document.querySelectorAll(
  '.pr-facts th, .pr-facts td, .pr-catalog td, .pr-progress-table td'))
  .filter((c) => c.offsetParent !== null && c.getBoundingClientRect().right > width + 1)
  .map((c) => c.textContent.trim().slice(0, 30))"""


@pytest.mark.parametrize("path", ["patterns/circuit-breaker/", "patterns/", "guides/progress/"])
def test_tables_stack_so_no_column_is_off_screen(page: Page, site: BuiltSite, path: str) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 844})
    page.goto(site.url + path, wait_until="load")
    page.wait_for_function("document.querySelector('.pr-facts td, .pr-catalog td, .pr-progress-table td')")
    assert page.evaluate(CELLS, WIDTH) == []
