"""Checklists remember: a ticked task-list item stays ticked after a reload, and a corrupted
stored value is set aside (never deleted) and reported, keeping the readable ticks."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from support.sitebuild import BuiltSite

pytestmark = pytest.mark.browser

KEY = "pattern-roadmap.checklists"
BOXES = ".md-content .task-list-item input[type=checkbox]"


@pytest.mark.parametrize("path", ["guides/quick-start/", "roadmaps/implementation/"])
def test_a_ticked_item_stays_ticked_after_a_reload(page: Page, site: BuiltSite, path: str) -> None:
    page.goto(site.url + path)
    boxes = page.locator(BOXES)
    assert boxes.count() >= 3
    boxes.nth(1).check(force=True)  # Material draws its own box over the input
    page.reload()
    expect(page.locator(BOXES).nth(1)).to_be_checked()
    expect(page.locator(BOXES).nth(0)).not_to_be_checked()
    page.locator(BOXES).nth(1).uncheck(force=True)
    page.reload()
    expect(page.locator(BOXES).nth(1)).not_to_be_checked()


def test_a_corrupted_value_is_set_aside_and_the_readable_ticks_kept(page: Page, site: BuiltSite) -> None:
    path = "guides/quick-start/"
    page.goto(site.url + path)
    first = page.locator(BOXES).nth(0).evaluate("(b) => b.closest('li').textContent.replace(/\\s+/g, ' ').trim()")
    stored = {"format": "pattern-roadmap-checklists", "version": 1,
              "pages": {"/" + path: {first: True, "<img src=x onerror=alert(1)>": "yes"}}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(stored)])
    page.reload()
    expect(page.locator(BOXES).nth(0)).to_be_checked()
    message = page.locator(".pr-checklist-message")
    expect(message).to_contain_text("1 saved tick was not understood")
    assert page.evaluate("(k) => localStorage.getItem(k + '.unreadable')", KEY) == json.dumps(stored)
    assert page.locator(".md-content img[src=x]").count() == 0
    page.evaluate("(k) => localStorage.setItem(k, '{not json')", KEY)
    page.reload()
    expect(message).to_contain_text("unreadable")
    # The first original is never overwritten: the second goes to the next free place.
    assert page.evaluate("(k) => localStorage.getItem(k + '.unreadable')", KEY) == json.dumps(stored)
    assert page.evaluate("(k) => localStorage.getItem(k + '.unreadable.2')", KEY) == "{not json"
