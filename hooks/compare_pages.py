"""Renderers for /compare/: each comparison's table at its marker, and the list of comparisons.

Called by hooks/main.py. Each renderer returns None unless the page is its own.
"""

from __future__ import annotations

from comparisons import ROWS
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from site_context import LABELS, Site

TABLE_MARKER = "<!-- hooks/compare_pages.py: table -->"
LIST_MARKER = "<!-- hooks/compare_pages.py: list -->"


def render_comparison(site: Site, markdown: str, page: Page) -> str | None:
    src = page.file.src_uri
    if not (src.startswith("compare/") and src.count("/") == 1) or page.file.name == "index":
        return None
    comparison = site.comparisons[page.file.name]
    if TABLE_MARKER not in markdown:
        raise PluginError(f"docs/{src}: expected the marker {TABLE_MARKER}")
    page.meta.setdefault("description", comparison.summary)
    patterns = [site.catalog.get(pid) for pid in comparison.patterns]
    table = site.macros("pattern").comparison(comparison, patterns, ROWS, LABELS)
    return markdown.replace(TABLE_MARKER, table)


def render_list(site: Site, markdown: str, page: Page) -> str | None:
    if page.file.src_uri != "compare/index.md":
        return None
    if LIST_MARKER not in markdown:
        raise PluginError(f"docs/compare/index.md: expected the marker {LIST_MARKER}")
    items = [(c, [site.catalog.get(p) for p in c.patterns]) for c in site.comparisons.values()]
    return markdown.replace(LIST_MARKER, site.macros("pattern").comparisons(items))
