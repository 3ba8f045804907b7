"""A helper for the browser tests: wait for the page's mermaid diagrams to render."""

from __future__ import annotations

from playwright.sync_api import Page, expect

DIAGRAM_SVG = "div.mermaid svg"
SCROLL_TO_NEXT_DIAGRAM = """() => {
  const next = document.querySelector("pre.mermaid");
  if (next) next.scrollIntoView();
  return document.querySelectorAll("pre.mermaid").length;
}"""


def rendered_diagram_nodes(page: Page) -> int:
    """Scroll to each diagram (they render near the viewport), wait for Material to swap each
    <pre class="mermaid"> source for an SVG, and count the shapes of the first one."""
    sources = page.locator("pre.mermaid")
    for _ in range(20):
        # Scroll in the page itself: a diagram already near the viewport may be swapped out any moment.
        remaining = page.evaluate(SCROLL_TO_NEXT_DIAGRAM)
        if not remaining:
            break
        expect(sources).not_to_have_count(remaining)  # at least one more has been drawn
    expect(sources).to_have_count(0)
    expect(page.locator(DIAGRAM_SVG).first).to_be_attached()
    return page.locator(DIAGRAM_SVG).first.locator("g, path, rect").count()
