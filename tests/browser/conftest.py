"""Browser-test fixtures: the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request
from sitebuild import CHROMIUM, CHROMIUM_ARGS, BuiltSite, StaticHost

# Material renders each diagram into a *closed* shadow root; open it so tests can see the SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""


class SiteHandler(StaticHost):
    """Serves the built site like a static host: gzip, directory indexes, 404.html for missing paths,
    and the security headers of the site's `_headers` file (its Content Security Policy included)."""

    def end_headers(self) -> None:
        for name, value in site_headers(Path(self.directory)):
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@functools.cache
def site_headers(root: Path) -> tuple[tuple[str, str], ...]:
    lines = (root / "_headers").read_text(encoding="utf-8").splitlines()
    return tuple(tuple(line.strip().split(": ", 1)) for line in lines if line.startswith("  "))


@pytest.fixture(scope="session")
def site(built_site: BuiltSite) -> Iterator[BuiltSite]:
    handler = functools.partial(SiteHandler, directory=str(built_site.root))
    server = ThreadingHTTPServer(("127.0.0.1", built_site.port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield built_site
    server.shutdown()
    server.server_close()


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
