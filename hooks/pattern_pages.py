"""Renderers for the catalog: each pattern's YAML around its prose, the catalog index, the nav.

Called by hooks/main.py. Each renderer returns None unless the page is its own.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import maps
from catalog import CATALOG_PAGES, Catalog
from markers import Generated, on
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from models import CATEGORY_LABELS, Category, Pattern
from site_context import LABELS, Site

ROOT = Path(__file__).resolve().parent.parent
# Mermaid's ES module build: a small entry that imports only the chunks a diagram type needs.
MERMAID_DIST = ROOT / "node_modules" / "mermaid" / "dist"
MERMAID_ENTRY = "mermaid.esm.min.mjs"
MERMAID_CHUNKS = "chunks/mermaid.esm.min"
MERMAID_TARGET = Path("assets") / "vendor" / "mermaid"
CITED = re.compile(r"\]\((https?://[^)\s]+)\)")  # a link in the prose: its source is not linked twice


def render_pattern(site: Site, markdown: str, page: Page) -> str | None:
    src = page.file.src_uri
    if not (src.startswith("patterns/") and src.count("/") == 1 and page.file.name not in CATALOG_PAGES):
        return None
    catalog = site.catalog
    pattern = catalog.get(page.file.name)
    page.meta.setdefault("description", pattern.summary)
    page.meta["tags"] = [CATEGORY_LABELS[pattern.category], f"{LABELS['tier'][pattern.tier]} tier"]
    prerequisites = [catalog.get(i) for i in pattern.prerequisites]
    dependents = [catalog.get(i) for i in catalog.dependents(pattern.id)]
    listed = {*pattern.prerequisites, *catalog.dependents(pattern.id)}
    related = [catalog.get(i) for i in pattern.related if i not in listed]  # each neighbour once
    macros = site.macros("pattern")
    return "\n".join(
        [
            macros.header(pattern, LABELS, prerequisites=prerequisites),
            markdown,
            macros.footer(
                pattern, prerequisites, dependents, related, appears_in(site, pattern.id),
                maps.neighbourhood(catalog, pattern.id), cited={url.rstrip("/") for url in CITED.findall(markdown)},
            ),
        ]
    )


def appears_in(site: Site, pattern_id: str) -> list[dict[str, str]]:
    return [
        {"id": r.id, "name": r.name, "phase": phase}
        for r, phase in site.roadmaps.appearances(pattern_id)
    ]


def catalog_table(site: Site, page: Page) -> str:
    """/patterns/: the filterable table, one block of raw HTML."""
    groups = group_by_category(site.catalog.patterns.values())
    challenges = [(o.value, o.label) for o in site.generator.field("challenges").options]
    html = site.macros("pattern").catalog(groups, LABELS, challenges)
    return "\n".join(line for line in html.splitlines() if line.strip())


def alias_index(site: Site, page: Page) -> str:
    """/patterns/aliases/: every other catalog's name for a pattern."""
    rows = sorted(
        ((a.name, a.catalog, p) for p in site.catalog.patterns.values() for a in p.aliases),
        key=lambda row: (row[0].lower(), row[1].value),
    )
    return site.macros("pattern").aliases(rows, LABELS)


def category_maps(site: Site, page: Page) -> str:
    """/patterns/maps/: one relationship map per category."""
    groups = group_by_category(site.catalog.patterns.values())
    items = [(category, maps.category_map(site.catalog, category)) for category, _ in groups]
    return site.macros("pattern").maps(items, LABELS)


MARKERS = {
    "catalog": Generated(on("patterns/index.md"), catalog_table),
    "aliases": Generated(on("patterns/aliases.md"), alias_index),
    "maps": Generated(on("patterns/maps.md"), category_maps),
}


def group_nav(site: Site, nav: Navigation, files: Files) -> Navigation:
    """Group the pattern pages under the Patterns tab, one section per category."""
    index = files.get_file_from_path("patterns/index.md")
    parent = index.page.parent if index and index.page else None
    if parent is None:
        raise PluginError("mkdocs.yml: field 'nav': expected a 'Patterns' section holding patterns/index.md")
    for category, patterns in group_by_category(site.catalog.patterns.values()):
        section = Section(CATEGORY_LABELS[category], [])
        section.parent = parent
        for pattern in patterns:
            file = files.get_file_from_path(f"patterns/{pattern.id}.md")
            assert file is not None and file.page is not None  # load_catalog checked the prose exists
            file.page.parent = section
            section.children.append(file.page)
        parent.children.append(section)
    nav.pages = _walk(nav.items)
    for before, after in zip(nav.pages, nav.pages[1:], strict=False):
        before.next_page, after.previous_page = after, before
    return nav


FILTER_TEXT = "patterns/filter-text.json"  # fetched by catalog.js when a reader first types a query


def write_filter_text(catalog: Catalog, site_dir: str) -> None:
    """What the catalog's text filter matches beyond the row: aliases, problem, solution, when to use
    it and trade-offs, per pattern id. A separate file, so the catalog page stays small."""
    texts = {
        p.id: " ".join(
            [*(a.name for a in p.aliases), p.problem, p.solution, *p.when_to_use, *p.when_not_to_use,
             *(f"{t.cost} {t.buys}" for t in p.trade_offs)]
        )
        for p in catalog.patterns.values()
    }
    target = Path(site_dir) / FILTER_TEXT
    target.write_text(json.dumps(texts, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def copy_mermaid(site_dir: str) -> None:
    """Serve mermaid from our own origin: copy the npm-installed ES module build into the site."""
    entry = MERMAID_DIST / MERMAID_ENTRY
    if not entry.is_file():
        raise PluginError(f"{entry.relative_to(ROOT)}: expected mermaid installed by `npm ci`")
    target = Path(site_dir) / MERMAID_TARGET
    (target / MERMAID_CHUNKS).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(entry, target / MERMAID_ENTRY)
    for chunk in sorted((MERMAID_DIST / MERMAID_CHUNKS).glob("*.mjs")):  # no source maps
        shutil.copyfile(chunk, target / MERMAID_CHUNKS / chunk.name)


def group_by_category(patterns: Iterable[Pattern]) -> list[tuple[Category, list[Pattern]]]:
    groups: dict[Category, list[Pattern]] = defaultdict(list)
    for pattern in patterns:
        groups[pattern.category].append(pattern)
    return [(c, sorted(groups[c], key=lambda p: p.name.lower())) for c in Category if groups[c]]


def _walk(items: list) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages.extend(_walk(item.children))
    return pages
