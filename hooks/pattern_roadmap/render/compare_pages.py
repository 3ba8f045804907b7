"""Renderers for /compare/: each comparison's table, and the list of comparisons, at their
`<!-- generated: name -->` markers (MARKERS; see markers.py)."""

from __future__ import annotations

from pattern_roadmap.render.context import Site
from pattern_roadmap.render.markers import Generated, Page, on
from pattern_roadmap.schema.comparisons import ROWS


def comparison_table(site: Site, page: Page) -> str:
    comparison = site.comparisons[page.file.name]
    page.meta.setdefault("description", comparison.summary)
    patterns = [site.catalog.get(pid) for pid in comparison.patterns]
    return site.macros("pattern").comparison(comparison, patterns, ROWS, site.labels)


def comparison_list(site: Site, page: Page) -> str:
    items = [(c, [site.catalog.get(p) for p in c.patterns]) for c in site.comparisons.values()]
    return site.macros("pattern").comparisons(items)


def _is_comparison(src: str) -> bool:
    return src.startswith("compare/") and src.count("/") == 1 and src != "compare/index.md"


MARKERS = {
    "comparison-table": Generated(_is_comparison, comparison_table),
    "comparison-list": Generated(on("compare/index.md"), comparison_list),
}
