"""Phones: at 390 px no page of the sitemap scrolls sideways, and wide tables stack or wrap."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page
from sitebuild import BuiltSite

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
