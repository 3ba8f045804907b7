"""axe-core on every page type, in the light and the dark scheme: no serious or critical violations."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from support.sitebuild import ROOT, BuiltSite

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "catalog": "patterns/",
    "pattern": "patterns/circuit-breaker/",
    "pattern maps": "patterns/maps/",
    "aliases": "patterns/aliases/",
    "comparison": "compare/cqrs-vs-event-sourcing/",
    "generator": "roadmaps/generator/",
    "generated roadmap": "roadmaps/generator/?system=hybrid&scale=scale&team=large&challenges=reliability,consistency"
    "&goal=scale&timeline=12months",
    "roadmaps index": "roadmaps/",
    "pre-built roadmap": "roadmaps/monolith-to-microservices/",
    "implementation guide": "roadmaps/implementation/",
    "tags": "tags/",
    "guides index": "guides/",
    "selection wizard": "guides/selection-wizard/?domain=payments&answer=zero-data-loss",
    "choosing guide": "guides/choosing/",
    "learning paths": "guides/learning-paths/",
    "quick start": "guides/quick-start/",
    "success metrics": "guides/success-metrics/",
    "progress tracker": "guides/progress/",
    "not found": "no-such-page/",
}
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}"""


@pytest.fixture
def browser_context_args(browser_context_args: dict) -> dict:
    # axe-core is injected as an inline script, which the site's CSP (rightly) blocks.
    return {**browser_context_args, "bypass_csp": True}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_serious_accessibility_violations(page: Page, site: BuiltSite, kind: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site.url + PAGES[kind])
    if kind == "generated roadmap":
        expect(page.locator("#generated-roadmap [data-pattern]").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE) == []
