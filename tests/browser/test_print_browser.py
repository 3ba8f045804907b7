"""Printing: each kind of page prints its title and body, without the site's chrome; the generator
prints the plan without the form. Chromium prints to PDF and pypdf reads the text back."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from support.sitebuild import BuiltSite

pytestmark = pytest.mark.browser

COPYRIGHT = "Every figure names its public source"  # the footer's text (mkdocs.yml copyright)
SEARCH = "Type to start searching"  # the search box's placeholder in the header


def printed(page: Page) -> str:
    """The page printed to A4, as text with collapsed whitespace."""
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    return squash(unicodedata.normalize("NFKC", text))  # NFKC: the PDF's "fl" ligatures become letters


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00b6", "")).strip()  # without the headings' permalink signs


@pytest.mark.parametrize(
    "path",
    ["patterns/circuit-breaker/", "guides/quick-start/", "roadmaps/scale/", "patterns/", "guides/selection-wizard/"],
)
def test_a_page_prints_its_title_and_body_without_the_site_chrome(page: Page, site: BuiltSite, path: str) -> None:
    page.goto(site.url + path, wait_until="networkidle")
    title = squash(page.locator(".md-content h1").first.inner_text())
    body = squash(page.locator(".md-content__inner > p").first.inner_text())
    text = printed(page)
    assert title in text
    assert " ".join(body.split()[:8]) in text, body
    assert COPYRIGHT not in text and SEARCH not in text


def test_the_generator_prints_the_plan_and_not_the_form(page: Page, site: BuiltSite) -> None:
    page.goto(site.url + ("roadmaps/generator/?system=monolith&scale=growth&team=medium&goal=reliability"
                       "&timeline=6months&challenges=reliability"))
    expect(page.locator("#generated-roadmap .pr-step").first).to_be_visible()
    first_step = squash(page.locator("#generated-roadmap .pr-step").first.inner_text()).split(",")[0]
    text = printed(page)
    assert "Your roadmap" in text and "Timeline" in text
    assert first_step in text
    assert "Phase 1" in text
    assert "Generate My Roadmap" not in text  # the form's button
    assert COPYRIGHT not in text
