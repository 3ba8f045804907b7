"""The Content Security Policy the build writes to `_headers` holds on every page type: no violations."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from support.diagrams import rendered_diagram_nodes
from support.sitebuild import BuiltSite

pytestmark = pytest.mark.browser

RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""
INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.__ran = true";
  document.body.append(script);
}"""


def test_the_policy_is_strict(site: BuiltSite) -> None:
    headers = (site.root / "_headers").read_text(encoding="utf-8")
    policy = next(line for line in headers.splitlines() if "Content-Security-Policy" in line)
    assert "default-src 'none'" in policy
    scripts = next(d for d in policy.split(": ", 1)[1].split("; ") if d.startswith("script-src ")).split()[1:]
    # Our origin, Material's inline bootstraps by hash, and WebAssembly for the search worker: no eval of JS.
    assert scripts[:2] == ["'self'", "'wasm-unsafe-eval'"] and scripts[2:]
    assert all(s.startswith("'sha256-") for s in scripts[2:])


@pytest.mark.parametrize(
    "path",
    [
        "",
        "patterns/",
        "patterns/saga/",
        "compare/blue-green-vs-canary/",
        "roadmaps/global-scale/",
        "roadmaps/implementation/",
        "guides/learning-paths/",
        "guides/selection-wizard/?domain=messaging",
        "guides/progress/",
        "roadmaps/generator/?system=monolith&scale=growth&team=medium&challenges=performance&goal=cost&timeline=6months",
        "no-such-page/",
    ],
)
def test_no_page_breaks_the_content_security_policy(page: Page, site: BuiltSite, path: str) -> None:
    page.add_init_script(RECORD)
    response = page.goto(site.url + path)
    assert response is not None and "default-src 'none'" in response.headers["content-security-policy"]
    if "generator" in path:
        expect(page.locator(".pr-roadmap__chart table.pr-gantt")).to_be_attached()
    elif path.startswith(("patterns/saga", "guides/learning-paths")):
        rendered_diagram_nodes(page)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")  # the search worker loads under the policy too
    page.keyboard.type("cache")
    expect(page.locator(".md-search-result__list a").first).to_be_visible()  # the worker has answered
    assert page.evaluate("window.__csp") == []
    # The recorder works: an injected inline script is blocked and reported.
    page.evaluate(INJECT)
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__ran") is None
