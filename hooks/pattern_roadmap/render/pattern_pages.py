"""Renderers for the catalog: each pattern's YAML around its prose, the catalog index, the aliases,
the maps, the Patterns tab's sections and the text the catalog's filter searches.

Called by hooks/main.py. render_pattern returns None unless the page is a pattern's.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pattern_roadmap.domain.catalog import CATALOG_PAGES, Catalog, group_by_category
from pattern_roadmap.render import diagrams
from pattern_roadmap.render.context import Site
from pattern_roadmap.render.markers import Generated, Page, on, one_block
from pattern_roadmap.schema.vocabulary import CATEGORY_LABELS

CITED = re.compile(r"\]\((https?://[^)\s]+)\)")  # a link in the prose: its source is not linked twice


def render_pattern(site: Site, markdown: str, page: Page) -> str | None:
    src = page.file.src_uri
    if not (src.startswith("patterns/") and src.count("/") == 1 and page.file.name not in CATALOG_PAGES):
        return None
    catalog = site.catalog
    pattern = catalog.get(page.file.name)
    page.meta.setdefault("description", pattern.summary)
    page.meta["tags"] = [CATEGORY_LABELS[pattern.category], f"{site.labels['tier'][pattern.tier]} tier"]
    prerequisites = [catalog.get(i) for i in pattern.prerequisites]
    dependents = [catalog.get(i) for i in catalog.dependents(pattern.id)]
    listed = {*pattern.prerequisites, *catalog.dependents(pattern.id)}
    related = [catalog.get(i) for i in pattern.related if i not in listed]  # each neighbour once
    macros = site.macros("pattern")
    return "\n".join(
        [
            macros.header(pattern, site.labels, prerequisites=prerequisites),
            markdown,
            macros.footer(
                pattern, prerequisites, dependents, related, appears_in(site, pattern.id),
                diagrams.neighbourhood(catalog, pattern.id), cited={url.rstrip("/") for url in CITED.findall(markdown)},
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
    html = site.macros("pattern").catalog(groups, site.labels, challenges)
    return one_block(html)


def alias_index(site: Site, page: Page) -> str:
    """/patterns/aliases/: every other catalog's name for a pattern."""
    rows = sorted(
        ((a.name, a.catalog, p) for p in site.catalog.patterns.values() for a in p.aliases),
        key=lambda row: (row[0].lower(), row[1].value),
    )
    return site.macros("pattern").aliases(rows, site.labels)


def category_maps(site: Site, page: Page) -> str:
    """/patterns/maps/: one relationship map per category."""
    groups = group_by_category(site.catalog.patterns.values())
    items = [(category, diagrams.category_map(site.catalog, category)) for category, _ in groups]
    return site.macros("pattern").maps(items, site.labels)


MARKERS = {
    "catalog": Generated(on("patterns/index.md"), catalog_table),
    "aliases": Generated(on("patterns/aliases.md"), alias_index),
    "maps": Generated(on("patterns/maps.md"), category_maps),
}


def nav_sections(site: Site) -> list[tuple[str, list[str]]]:
    """The Patterns tab: one section per category, each listing its pattern pages (paths under docs/)."""
    return [
        (CATEGORY_LABELS[category], [f"patterns/{p.id}.md" for p in patterns])
        for category, patterns in group_by_category(site.catalog.patterns.values())
    ]


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
