"""Browser-test fixtures: the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request

from support.sitebuild import CHROMIUM, CHROMIUM_ARGS, BuiltSite, serve

# Material renders each diagram into a *closed* shadow root; open it so tests can see the SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""


@pytest.fixture(scope="session")
def site(built_site: BuiltSite) -> Iterator[BuiltSite]:
    with serve(built_site.root, built_site.port):
        yield built_site


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


class Offsite(list):
    """Every request the page made to a host other than the site's own."""


@pytest.fixture
def offsite(page: Page, site: BuiltSite) -> Offsite:
    requests = Offsite()

    def record(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != f"127.0.0.1:{site.port}":
            requests.append(request.url)

    page.on("request", record)
    return requests


@pytest.fixture
def page(page: Page) -> Page:
    page.add_init_script(OPEN_SHADOW_ROOTS)
    page.set_default_timeout(15_000)
    return page
