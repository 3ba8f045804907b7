"""Renderers for /compare/: each comparison's table, and the list of comparisons, at their
`<!-- generated: name -->` markers (MARKERS; see markers.py)."""

from __future__ import annotations

from comparisons import ROWS
from markers import Generated, on
from mkdocs.structure.pages import Page
from site_context import LABELS, Site


def comparison_table(site: Site, page: Page) -> str:
    comparison = site.comparisons[page.file.name]
    page.meta.setdefault("description", comparison.summary)
    patterns = [site.catalog.get(pid) for pid in comparison.patterns]
    return site.macros("pattern").comparison(comparison, patterns, ROWS, LABELS)


def comparison_list(site: Site, page: Page) -> str:
    items = [(c, [site.catalog.get(p) for p in c.patterns]) for c in site.comparisons.values()]
    return site.macros("pattern").comparisons(items)


def _is_comparison(src: str) -> bool:
    return src.startswith("compare/") and src.count("/") == 1 and src != "compare/index.md"


MARKERS = {
    "comparison-table": Generated(_is_comparison, comparison_table),
    "comparison-list": Generated(on("compare/index.md"), comparison_list),
}
